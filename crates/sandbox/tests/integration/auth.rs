//! Each vendor's auth flow, as its doc describes it: a good credential gets a token that
//! works, a bad, missing or expired one gets that vendor's own 401/403 body.
#![allow(clippy::too_many_lines)]

use crate::common::*;
use jsonwebtoken::Algorithm;
use serde_json::Value;

#[tokio::test]
async fn should_refuse_cxone_bad_secret_and_missing_token_with_cxone_error_body() {
    let sb = sandbox(1).await;
    let i = sb.info().cxone.clone();
    let r = client()
        .post(&i.token_url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", i.client_id.as_str()),
            ("client_secret", "wrong"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "authentication_failed");
    assert!(
        body["error"]["requestId"]
            .as_str()
            .unwrap()
            .starts_with("req-")
    );

    let r = client()
        .get(format!("{}/patients", i.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "authentication_failed"
    );

    let token = cxone_token(&sb).await;
    let r = client()
        .get(format!("{}/patients?limit=2", i.base_url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-ratelimit-limit"], "500");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["data"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn should_refuse_cxone_write_with_read_only_scope() {
    let sb = sandbox(2).await;
    let i = sb.info().cxone.clone();
    let r = client()
        .post(&i.token_url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", i.client_id.as_str()),
            ("client_secret", i.client_secret.as_str()),
            ("scope", "healthcare-api.read"),
        ])
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["expires_in"], 3600);
    let token = body["access_token"].as_str().unwrap();
    let r = client()
        .post(format!("{}/integrations/cxone/callbacks", i.base_url))
        .bearer_auth(token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "authorization_failed"
    );
}

#[tokio::test]
async fn should_refuse_zoom_wrong_basic_credentials_and_wrong_account() {
    let sb = sandbox(3).await;
    let i = sb.info().zoom.clone();
    let url = format!(
        "{}?grant_type=account_credentials&account_id={}",
        i.token_url, i.account_id
    );
    let r = client()
        .post(&url)
        .basic_auth(&i.client_id, Some("nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_client");
    let r = client()
        .post(format!(
            "{}?grant_type=account_credentials&account_id=other",
            i.token_url
        ))
        .basic_auth(&i.client_id, Some(&i.client_secret))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = client()
        .get(format!("{}/healthcare/providers", i.base_url))
        .bearer_auth("forged")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], 124);
    let token = zoom_token(&sb).await;
    let r = client()
        .get(format!("{}/healthcare/providers", i.base_url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn should_refuse_zoom_write_without_healthcare_write_scope() {
    let mut opts = frontdesk_sandbox::SandboxOptions::small(4);
    opts.zoom_scopes = vec!["healthcare:read".into()];
    let sb = sandbox_with(opts).await;
    let token = zoom_token(&sb).await;
    let r = client()
        .post(format!("{}/healthcare/visits", sb.info().zoom.base_url))
        .bearer_auth(&token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], 4711);
}

#[tokio::test]
async fn should_refuse_nextech_wrong_pkce_verifier_and_missing_practice_header() {
    let sb = sandbox(5).await;
    let i = sb.info().nextech.clone();
    let (_, challenge) = pkce();
    let redirect = "http://localhost:8123/callback/";
    let r = client()
        .get(&i.authorize_url)
        .query(&[
            ("client_id", i.client_id.as_str()),
            ("response_type", "code"),
            ("redirect_uri", redirect),
            ("resource", i.resource.as_str()),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    let loc = url::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(loc.port(), Some(8123));
    let code = loc
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .to_string();
    let r = client()
        .post(&i.token_url)
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", i.client_id.as_str()),
            ("code", code.as_str()),
            ("redirect_uri", redirect),
            ("resource", i.resource.as_str()),
            ("code_verifier", "not-the-verifier"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant");
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS501481")
    );

    // A non-loopback redirect is refused outright.
    let r = client()
        .get(&i.authorize_url)
        .query(&[
            ("client_id", i.client_id.as_str()),
            ("response_type", "code"),
            ("redirect_uri", "https://evil.example/cb"),
            ("resource", i.resource.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    let tokens = nextech_tokens(&sb).await;
    assert_eq!(tokens["expires_in"], "3600");
    let access = tokens["access_token"].as_str().unwrap();
    let r = client()
        .get(format!("{}/search?term=nguyen", i.base_url))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(
        r.json::<Value>().await.unwrap()["Message"]
            .as_str()
            .unwrap()
            .contains("x-nextech-practice-id")
    );
    let r = client()
        .get(format!("{}/search?term=nguyen", i.base_url))
        .bearer_auth(access)
        .header("x-nextech-practice-id", "someone-else")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = client()
        .get(format!("{}/search?term=nguyen", i.base_url))
        .bearer_auth("forged")
        .header("x-nextech-practice-id", &i.practice_id)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = client()
        .get(format!("{}/search?term=nguyen", i.base_url))
        .bearer_auth(access)
        .header("x-nextech-practice-id", &i.practice_id)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        !r.json::<Value>()
            .await
            .unwrap()
            .as_array()
            .unwrap()
            .is_empty()
    );

    // The refresh token gets a new access token.
    let r = client()
        .post(&i.token_url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", i.client_id.as_str()),
            ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
            ("resource", i.resource.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn should_refuse_nexhealth_wrong_api_key_with_nexhealth_error_body() {
    let sb = sandbox(6).await;
    let i = sb.info().nexhealth.clone();
    let r = client()
        .post(format!("{}/authenticates", i.base_url))
        .header("authorization", "wrong-key")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], false);
    assert!(body["error"].as_array().is_some());
    let token = nexhealth_token(&sb).await;
    let url = format!("{}/providers?subdomain={}", i.base_url, i.subdomain);
    let r = client().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 400, "Nex-Api-Version is required");
    let r = client()
        .get(&url)
        .bearer_auth("forged")
        .header("Nex-Api-Version", "v3.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = client()
        .get(&url)
        .bearer_auth(&token)
        .header("Nex-Api-Version", "v3.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn should_verify_wellhive_client_assertion_signature_audience_expiry_and_replay() {
    let sb = sandbox(7).await;
    // Good RS256 and ES256 assertions.
    for alg in [Algorithm::RS256, Algorithm::ES256] {
        let a = wellhive_assertion(&sb, alg, 300, &uuid::Uuid::new_v4().to_string());
        let r = wellhive_token_response(&sb, &a).await;
        assert!(r.headers().contains_key("x-wellhive-trace-id"));
        assert_eq!(r.status(), 200, "{alg:?}");
    }
    // Replayed jti.
    let a = wellhive_assertion(&sb, Algorithm::RS256, 300, "same-jti");
    assert_eq!(wellhive_token_response(&sb, &a).await.status(), 200);
    let r = wellhive_token_response(&sb, &a).await;
    assert_eq!(r.status(), 401);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_client");
    // Expiry more than an hour ahead, and already expired.
    for exp in [7200, -60] {
        let a = wellhive_assertion(
            &sb,
            Algorithm::RS256,
            exp,
            &uuid::Uuid::new_v4().to_string(),
        );
        assert_eq!(
            wellhive_token_response(&sb, &a).await.status(),
            401,
            "exp {exp}"
        );
    }
    // Signed by a key WellHive does not know.
    let i = sb.info().wellhive.clone();
    let now = chrono::Utc::now().timestamp();
    let claims = serde_json::json!({"aud": i.audience, "iss": i.client_id, "sub": i.client_id, "exp": now + 60});
    let stranger = jsonwebtoken::EncodingKey::from_secret(b"not-a-registered-key");
    let forged = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(Algorithm::HS256),
        &claims,
        &stranger,
    )
    .unwrap();
    assert_eq!(wellhive_token_response(&sb, &forged).await.status(), 401);
    // Wrong audience.
    let claims = serde_json::json!({"aud": "https://login.wellhive.com/oauth2/default/v1/token", "iss": i.client_id, "sub": i.client_id, "exp": now + 60});
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(&std::fs::read(&i.private_key_path).unwrap())
        .unwrap();
    let wrong_aud =
        jsonwebtoken::encode(&jsonwebtoken::Header::new(Algorithm::RS256), &claims, &key).unwrap();
    let r = wellhive_token_response(&sb, &wrong_aud).await;
    assert_eq!(r.status(), 401);
    // API without a token: the spec's ErrorResponse, with a trace id.
    let r = client()
        .get(format!("{}/networks", i.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().contains_key("x-wellhive-trace-id"));
    assert_eq!(r.json::<Value>().await.unwrap()["name"], "Unauthorized");
    let token = wellhive_token(&sb).await;
    let r = client()
        .get(format!("{}/networks", i.base_url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[test]
fn should_write_the_demo_key_with_owner_only_permissions() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let sb = sandbox(8).await;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&sb.info().wellhive.private_key_path)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    });
}
