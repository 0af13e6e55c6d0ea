//! Shared test setup: clients pointed at a wiremock server or the sandbox with short
//! deadlines and an in-memory keychain.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod sandbox;

use frontdesk_vendors::cxone::{CxoneClient, CxonePlan};
use frontdesk_vendors::http::{HttpSettings, RetryPolicy};
use frontdesk_vendors::secrets::MemorySecrets;
use std::sync::Arc;
use std::time::Duration;
use wiremock::MockServer;

pub fn fast_settings() -> HttpSettings {
    HttpSettings::loopback()
        .with_request_timeout(Duration::from_millis(800))
        .with_retry(RetryPolicy::fast())
}

pub fn cxone(server: &MockServer) -> CxoneClient {
    let secrets = Arc::new(MemorySecrets::with(&[("cxone.client_secret", "s3cret")]));
    CxoneClient::builder(format!("{}/healthcare/v1", server.uri()))
        .token_url(format!("{}/oauth/token", server.uri()))
        .client_id("desk-client")
        .plan(CxonePlan::Enterprise)
        .secrets(secrets)
        .http_settings(fast_settings())
        .build()
        .unwrap()
}

pub fn token_body(token: &str, expires_in: u64) -> serde_json::Value {
    serde_json::json!({"access_token": token, "token_type": "Bearer", "expires_in": expires_in})
}
