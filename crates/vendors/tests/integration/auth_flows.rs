//! Each vendor's auth flow, exactly as its doc describes it, against wiremock: CXone client
//! credentials, Zoom account credentials with HTTP Basic, NexHealth's API-key exchange,
//! Nextech's PKCE sign-in through the loopback redirect and its refresh grant, and WellHive's
//! private-key JWT client assertion (RS256 from PEM, ES256 from JWK).
#![allow(clippy::doc_markdown)]

use crate::common::{fast_settings, token_body};
use base64::Engine;
use frontdesk_core::ports::SecretStore;
use frontdesk_vendors::nexhealth::NexhealthClient;
use frontdesk_vendors::nexhealth::wire::{LocationId, PatientQuery};
use frontdesk_vendors::nextech::NextechClient;
use frontdesk_vendors::secrets::MemorySecrets;
use frontdesk_vendors::wellhive::auth::AssertionClaims;
use frontdesk_vendors::wellhive::{KeySource, SigningAlgorithm, WellhiveClient};
use frontdesk_vendors::zoom::ZoomClient;
use frontdesk_vendors::zoom::wire::VisitId;
use std::sync::{Arc, Mutex};
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn form(req: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&req.body)
        .into_owned()
        .collect()
}

fn field(req: &Request, name: &str) -> Option<String> {
    form(req)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

#[tokio::test]
async fn zoom_should_fetch_account_credentials_with_basic_auth() {
    let server = MockServer::start().await;
    let basic = base64::engine::general_purpose::STANDARD.encode("zid:zsecret");
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(query_param("grant_type", "account_credentials"))
        .and(query_param("account_id", "acct-1"))
        .and(header("authorization", format!("Basic {basic}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("ztoken", 3600)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/healthcare/visits/visit_1"))
        .and(header("authorization", "Bearer ztoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "visit_1", "patient_id": "pat_1", "provider_id": "prov_1",
            "scheduled_time": "2024-02-01T14:00:00Z", "duration_minutes": 30, "status": "scheduled"})))
        .expect(2)
        .mount(&server)
        .await;
    let client = ZoomClient::builder(format!("{}/v2", server.uri()))
        .token_url(format!("{}/oauth/token", server.uri()))
        .account_id("acct-1")
        .client_id("zid")
        .secrets(Arc::new(MemorySecrets::with(&[(
            "zoom.client_secret",
            "zsecret",
        )])))
        .http_settings(fast_settings())
        .build()
        .unwrap();
    client.visit(&VisitId::from("visit_1")).await.unwrap();
    client.visit(&VisitId::from("visit_1")).await.unwrap();
}

#[tokio::test]
async fn nexhealth_should_exchange_the_api_key_at_authenticates() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/authenticates"))
        .and(header("authorization", "nh-key-123"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "code": true, "description": "", "error": [], "data": {"token": "nh-bearer"}, "count": 1})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/patients"))
        .and(header("authorization", "Bearer nh-bearer"))
        .and(header("nex-api-version", "v3.0.0"))
        .and(query_param("subdomain", "demo"))
        .and(query_param("location_id", "7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "code": true, "data": [{"id": 1, "first_name": "A", "last_name": "B"}],
            "page_info": {"has_next_page": false, "end_cursor": "x"}})))
        .expect(1)
        .mount(&server)
        .await;
    let client = NexhealthClient::builder(server.uri())
        .subdomain("demo")
        .location_ids(vec![LocationId(7)])
        .secrets(Arc::new(MemorySecrets::with(&[(
            "nexhealth.api_key",
            "nh-key-123",
        )])))
        .http_settings(fast_settings())
        .build()
        .unwrap();
    let page = client
        .patients(LocationId(7), &PatientQuery::default(), None)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.next, None);
}

fn nextech(server: &MockServer, secrets: Arc<MemorySecrets>) -> NextechClient {
    NextechClient::builder(format!("{}/ehr/api", server.uri()))
        .authorize_url(format!("{}/tenant/oauth2/authorize", server.uri()))
        .token_url(format!("{}/tenant/oauth2/token", server.uri()))
        .client_id("nx-client")
        .resource("https://nextech.example/api")
        .practice_id("practice-9")
        .login_timeout(std::time::Duration::from_secs(2))
        .secrets(secrets)
        .http_settings(fast_settings())
        .build()
        .unwrap()
}

/// A browser that follows the authorize URL straight back to the loopback redirect, with a
/// code, echoing `state` (or a forged one).
fn browser(
    forge_state: bool,
    seen_challenge: Arc<Mutex<Option<String>>>,
) -> impl Fn(&url::Url) -> Result<(), String> + Send + Sync {
    move |url: &url::Url| {
        let q: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let get = |k: &str| {
            q.iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(get("response_type"), "code");
        assert_eq!(get("code_challenge_method"), "S256");
        assert_eq!(get("resource"), "https://nextech.example/api");
        let redirect = get("redirect_uri");
        assert!(redirect.starts_with("http://127.0.0.1:") && redirect.ends_with("/callback"));
        *seen_challenge.lock().unwrap() = Some(get("code_challenge"));
        let state = if forge_state {
            "forged".to_owned()
        } else {
            get("state")
        };
        let target = format!("{redirect}?code=auth-code-1&state={state}");
        tokio::spawn(async move {
            let _ = reqwest::get(target).await;
        });
        Ok(())
    }
}

#[tokio::test]
async fn nextech_should_sign_in_with_pkce_then_refresh() {
    let server = MockServer::start().await;
    let challenge = Arc::new(Mutex::new(None::<String>));
    let seen = challenge.clone();
    Mock::given(method("POST"))
        .and(path("/tenant/oauth2/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("code=auth-code-1"))
        .and(move |req: &Request| {
            let verifier = field(req, "code_verifier").unwrap_or_default();
            let expected = seen.lock().unwrap().clone().unwrap_or_default();
            let s256 = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(<sha2::Sha256 as sha2::Digest>::digest(verifier.as_bytes()));
            s256 == expected && field(req, "resource").as_deref() == Some("https://nextech.example/api")
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "nx-1", "token_type": "Bearer", "expires_in": "3599", "refresh_token": "rt-1"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/tenant/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=rt-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "nx-2", "expires_in": 3600, "refresh_token": "rt-2"})))
        .expect(1)
        .mount(&server)
        .await;
    for token in ["nx-1", "nx-2"] {
        Mock::given(method("GET"))
            .and(path("/ehr/api/search"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .and(header("x-nextech-practice-id", "practice-9"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([
                {"patientId": 1000, "chartNumber": "ABC12345", "firstName": "W", "lastName": "N"}])))
            .expect(1)
            .mount(&server)
            .await;
    }
    let secrets = Arc::new(MemorySecrets::default());
    let client = nextech(&server, secrets.clone());
    let open = browser(false, challenge.clone());
    client.login(&open).await.unwrap();
    assert_eq!(
        secrets.get("nextech.refresh_token").unwrap().as_deref(),
        Some("rt-1")
    );
    assert_eq!(client.search_patients("ABC12345").await.unwrap().len(), 1);
    // A new desk session: no cached token, the stored refresh token signs it in.
    let later = nextech(&server, secrets.clone());
    assert_eq!(later.search_patients("ABC12345").await.unwrap().len(), 1);
    assert_eq!(
        secrets.get("nextech.refresh_token").unwrap().as_deref(),
        Some("rt-2"),
        "rotated"
    );
}

#[tokio::test]
async fn nextech_should_refuse_a_redirect_with_a_forged_state() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/tenant/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("never", 3600)))
        .expect(0)
        .mount(&server)
        .await;
    let client = nextech(&server, Arc::new(MemorySecrets::default()));
    let open = browser(true, Arc::new(Mutex::new(None)));
    let err = client.login(&open).await.unwrap_err();
    assert!(err.to_string().contains("state mismatch"), "{err}");
}

#[tokio::test]
async fn nextech_should_ask_for_a_sign_in_when_no_refresh_token_is_stored() {
    let server = MockServer::start().await;
    let client = nextech(&server, Arc::new(MemorySecrets::default()));
    let err = frontdesk_core::CoreError::from(client.search_patients("x").await.unwrap_err());
    assert_eq!(err.kind(), frontdesk_core::ErrorKind::Unauthorized);
    assert!(err.to_string().contains("sign in"), "{err}");
}

async fn wellhive_assertions(
    alg: SigningAlgorithm,
    key: KeySource,
    secrets: MemorySecrets,
    public_pem: &str,
) {
    let server = MockServer::start().await;
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = seen.clone();
    Mock::given(method("POST"))
        .and(path("/oauth2/default/v1/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("scope=care-nav"))
        .and(body_string_contains(
            "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer",
        ))
        .and(move |req: &Request| {
            if let Some(a) = field(req, "client_assertion") {
                sink.lock().unwrap().push(a);
            }
            true
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("wh", 60)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/care-navigation/v1/networks/n1"))
        .and(header("authorization", "Bearer wh"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"id": "n1", "name": "Net"})),
        )
        .mount(&server)
        .await;
    let token_url = format!("{}/oauth2/default/v1/token", server.uri());
    let client = WellhiveClient::builder(server.uri())
        .token_url(&token_url)
        .client_id("wh-client")
        .algorithm(alg)
        .private_key(key)
        .secrets(Arc::new(secrets))
        .http_settings(fast_settings())
        .build()
        .unwrap();
    // 60 s tokens are inside the refresh skew: each call signs a fresh assertion.
    client.network(&"n1".into()).await.unwrap();
    client.network(&"n1".into()).await.unwrap();
    let assertions = seen.lock().unwrap().clone();
    assert_eq!(assertions.len(), 2);
    let decoding = match alg {
        SigningAlgorithm::RS256 => {
            jsonwebtoken::DecodingKey::from_rsa_pem(public_pem.as_bytes()).unwrap()
        }
        SigningAlgorithm::ES256 => {
            jsonwebtoken::DecodingKey::from_ec_pem(public_pem.as_bytes()).unwrap()
        }
    };
    let mut validation = jsonwebtoken::Validation::new(alg.jwt());
    validation.set_audience(&[token_url.as_str()]);
    validation.set_issuer(&["wh-client"]);
    let mut jtis = Vec::new();
    for a in &assertions {
        let data = jsonwebtoken::decode::<AssertionClaims>(a, &decoding, &validation).unwrap();
        let c = data.claims;
        assert_eq!(c.sub, "wh-client");
        assert!(
            c.exp > c.iat && c.exp - c.iat <= 3600,
            "exp within the hour"
        );
        jtis.push(c.jti);
    }
    assert_ne!(jtis[0], jtis[1], "a fresh jti per assertion");
}

#[tokio::test]
async fn wellhive_should_sign_rs256_assertions_from_a_pem_in_the_keychain() {
    let secrets = MemorySecrets::with(&[("wellhive.private_key", &fixture("test-rsa.pem"))]);
    wellhive_assertions(
        SigningAlgorithm::RS256,
        KeySource::Secret("wellhive.private_key".into()),
        secrets,
        &fixture("test-rsa.pub.pem"),
    )
    .await;
}

#[tokio::test]
async fn wellhive_should_sign_rs256_assertions_from_a_jwk() {
    let secrets = MemorySecrets::with(&[("wellhive.private_key", &fixture("test-rsa.jwk.json"))]);
    wellhive_assertions(
        SigningAlgorithm::RS256,
        KeySource::Secret("wellhive.private_key".into()),
        secrets,
        &fixture("test-rsa.pub.pem"),
    )
    .await;
}

#[tokio::test]
async fn wellhive_should_sign_es256_assertions_from_a_jwks() {
    let secrets = MemorySecrets::with(&[("wellhive.private_key", &fixture("test-ec.jwks.json"))]);
    wellhive_assertions(
        SigningAlgorithm::ES256,
        KeySource::Secret("wellhive.private_key".into()),
        secrets,
        &fixture("test-ec.pub.pem"),
    )
    .await;
}

#[tokio::test]
async fn wellhive_should_sign_es256_assertions_from_a_pem_file() {
    let path = std::path::PathBuf::from(format!(
        "{}/tests/fixtures/test-ec.pem",
        env!("CARGO_MANIFEST_DIR")
    ));
    wellhive_assertions(
        SigningAlgorithm::ES256,
        KeySource::File(path),
        MemorySecrets::default(),
        &fixture("test-ec.pub.pem"),
    )
    .await;
}

#[tokio::test]
async fn nexhealth_should_ask_for_version_2_where_the_spec_defines_nothing_else() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/authenticates"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "code": true, "description": "", "error": [], "data": {"token": "nh-bearer"}, "count": 1})))
        .mount(&server)
        .await;
    // The spec's GET /locations answers only application/vnd.Nexhealth+json;version=2; a
    // request asking for anything else does not match and gets wiremock's 404.
    Mock::given(method("GET"))
        .and(path("/locations"))
        .and(header("accept", "application/vnd.Nexhealth+json;version=2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "code": true, "data": [], "count": 0})))
        .expect(1)
        .mount(&server)
        .await;
    let client = NexhealthClient::builder(server.uri())
        .subdomain("demo")
        .location_ids(vec![LocationId(7)])
        .secrets(Arc::new(MemorySecrets::with(&[(
            "nexhealth.api_key",
            "nh-key-123",
        )])))
        .http_settings(fast_settings())
        .build()
        .unwrap();
    assert!(client.locations().await.unwrap().is_empty());
}

#[tokio::test]
async fn nextech_should_send_the_practice_id_to_the_api_but_not_to_the_login_host() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/tenant/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "nx-1", "token_type": "Bearer", "expires_in": 3600, "refresh_token": "rt-2"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/ehr/api/encounters/categories"))
        .and(header("x-nextech-practice-id", "practice-9"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let secrets = Arc::new(MemorySecrets::with(&[("nextech.refresh_token", "rt-1")]));
    let client = nextech(&server, secrets);
    assert!(client.encounter_categories().await.unwrap().is_empty());
    let requests = server.received_requests().await.unwrap();
    let token = requests
        .iter()
        .find(|r| r.url.path() == "/tenant/oauth2/token")
        .unwrap();
    assert!(
        token.headers.get("x-nextech-practice-id").is_none(),
        "the practice id is the EHR API's header, not the identity provider's"
    );
}
