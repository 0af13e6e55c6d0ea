//! Shared helpers for the sandbox's integration tests: a small seeded sandbox, an HTTP client
//! that never follows redirects or proxies, one token getter per vendor (each speaking that
//! vendor's auth flow), and a loopback webhook receiver.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::HeaderMap;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use frontdesk_sandbox::{Sandbox, SandboxHandle, SandboxOptions};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub async fn sandbox(seed: u64) -> SandboxHandle {
    Sandbox::start(SandboxOptions::small(seed))
        .await
        .expect("sandbox starts")
}

pub async fn sandbox_with(opts: SandboxOptions) -> SandboxHandle {
    Sandbox::start(opts).await.expect("sandbox starts")
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("client")
}

pub async fn cxone_token(sb: &SandboxHandle) -> String {
    let i = &sb.info().cxone;
    let r = client()
        .post(&i.token_url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", i.client_id.as_str()),
            ("client_secret", i.client_secret.as_str()),
        ])
        .send()
        .await
        .expect("cxone token");
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.expect("json")["access_token"]
        .as_str()
        .expect("token")
        .to_string()
}

pub async fn zoom_token(sb: &SandboxHandle) -> String {
    let i = &sb.info().zoom;
    let url = format!(
        "{}?grant_type=account_credentials&account_id={}",
        i.token_url, i.account_id
    );
    let r = client()
        .post(url)
        .basic_auth(&i.client_id, Some(&i.client_secret))
        .send()
        .await
        .expect("zoom token");
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.expect("json")["access_token"]
        .as_str()
        .expect("token")
        .to_string()
}

pub fn pkce() -> (String, String) {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-sandbox-test".to_string();
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

/// Runs the authorization-code flow with PKCE; returns the token response.
pub async fn nextech_tokens(sb: &SandboxHandle) -> Value {
    let i = &sb.info().nextech;
    let (verifier, challenge) = pkce();
    let redirect = "http://127.0.0.1:53682/callback";
    let r = client()
        .get(&i.authorize_url)
        .query(&[
            ("client_id", i.client_id.as_str()),
            ("response_type", "code"),
            ("redirect_uri", redirect),
            ("resource", i.resource.as_str()),
            ("state", "xyz"),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ])
        .send()
        .await
        .expect("authorize");
    assert_eq!(r.status(), 302);
    let loc = url::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    let code = loc
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.to_string())
        .expect("code");
    assert_eq!(
        loc.query_pairs()
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v.to_string())
            .as_deref(),
        Some("xyz")
    );
    let r = client()
        .post(&i.token_url)
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", i.client_id.as_str()),
            ("code", code.as_str()),
            ("redirect_uri", redirect),
            ("resource", i.resource.as_str()),
            ("code_verifier", verifier.as_str()),
        ])
        .send()
        .await
        .expect("token");
    assert_eq!(r.status(), 200);
    r.json().await.expect("json")
}

pub async fn nextech_token(sb: &SandboxHandle) -> String {
    nextech_tokens(sb).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

pub async fn nexhealth_token(sb: &SandboxHandle) -> String {
    let i = &sb.info().nexhealth;
    let r = client()
        .post(format!("{}/authenticates", i.base_url))
        .header("authorization", &i.api_key)
        .send()
        .await
        .expect("authenticate");
    assert_eq!(r.status(), 201);
    r.json::<Value>().await.expect("json")["data"]["token"]
        .as_str()
        .unwrap()
        .to_string()
}

pub fn wellhive_assertion(sb: &SandboxHandle, alg: Algorithm, exp_in: i64, jti: &str) -> String {
    let i = &sb.info().wellhive;
    let now = chrono::Utc::now().timestamp();
    let claims = json!({"aud": i.audience, "iss": i.client_id, "sub": i.client_id, "exp": now + exp_in, "iat": now, "jti": jti});
    let key = match alg {
        Algorithm::ES256 => {
            EncodingKey::from_ec_pem(&std::fs::read(sb.wellhive_es256_key_path()).unwrap()).unwrap()
        }
        _ => EncodingKey::from_rsa_pem(&std::fs::read(&i.private_key_path).unwrap()).unwrap(),
    };
    jsonwebtoken::encode(&Header::new(alg), &claims, &key).unwrap()
}

pub async fn wellhive_token_response(sb: &SandboxHandle, assertion: &str) -> reqwest::Response {
    client()
        .post(&sb.info().wellhive.token_url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("scope", "care-nav"),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", assertion),
        ])
        .send()
        .await
        .expect("wellhive token")
}

pub async fn wellhive_token(sb: &SandboxHandle) -> String {
    let jti = uuid::Uuid::new_v4().to_string();
    let a = wellhive_assertion(sb, Algorithm::RS256, 300, &jti);
    let r = wellhive_token_response(sb, &a).await;
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A loopback HTTP server that records what is posted to it.
pub struct Receiver {
    pub url: String,
    pub hits: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
}

pub async fn receiver() -> Receiver {
    let hits: Arc<Mutex<Vec<(HeaderMap, Bytes)>>> = Arc::default();
    let h = hits.clone();
    let app = axum::Router::new().fallback(move |headers: HeaderMap, body: Bytes| {
        let h = h.clone();
        async move {
            h.lock().unwrap().push((headers, body));
            "ok"
        }
    });
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", l.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(l, app).await;
    });
    Receiver { url, hits }
}

impl Receiver {
    /// Waits (up to five seconds) until `n` hits have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<(HeaderMap, Bytes)> {
        for _ in 0..100 {
            if self.hits.lock().unwrap().len() >= n {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        self.hits.lock().unwrap().clone()
    }
}

pub fn hmac_hex(secret: &str, msg: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(msg);
    hex::encode(mac.finalize().into_bytes())
}

/// Polls `f` until it returns `Some`, for up to five seconds.
pub async fn eventually<T, F, Fut>(mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    for _ in 0..100 {
        if let Some(v) = f().await {
            return v;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("condition not met within five seconds");
}
