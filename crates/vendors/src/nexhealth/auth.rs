//! NexHealth: `POST /authenticates` with the API key as the raw `Authorization` header (the
//! spec's `apiKey` scheme), answering `data.token`, a JWT bearer. The answer carries no
//! `expires_in`, so the lifetime is read from the token's own `exp` claim (not verified: we
//! only need to know when to ask again), with an hour as fallback.

use crate::http::oauth::auth_error;
use crate::http::{AccessToken, AuthError, Call, TokenFetcher, VendorHttp};
use crate::nexhealth::error::NexhealthErrorBody;
use crate::nexhealth::wire::{Authentication, Envelope};
use crate::secrets;
use async_trait::async_trait;
use base64::Engine;
use frontdesk_core::ports::SecretStore;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderValue};
use secrecy::ExposeSecret;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub const V2_ACCEPT: &str = "application/vnd.Nexhealth+json;version=2";

pub struct ApiKeyAuth {
    pub(crate) http: Arc<VendorHttp>,
    pub(crate) secrets: Arc<dyn SecretStore>,
    pub(crate) key_name: String,
}

opaque_debug!(ApiKeyAuth);

/// Seconds until the JWT's `exp`, if it has one.
#[must_use]
pub fn jwt_lifetime(token: &str, now: SystemTime) -> Option<Duration> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let exp = claims.get("exp")?.as_u64()?;
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(exp.saturating_sub(now)))
}

#[async_trait]
impl TokenFetcher for ApiKeyAuth {
    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let key = secrets::require(self.secrets.as_ref(), &self.key_name)?;
        let mut value = HeaderValue::from_str(key.expose_secret())
            .map_err(|_| AuthError::Key("API key is not header-safe".to_owned()))?;
        value.set_sensitive(true);
        let call = Call::post("/authenticates", &[])
            .header(AUTHORIZATION, value)
            .header(ACCEPT, HeaderValue::from_static(V2_ACCEPT))
            .idempotent()
            .unauthenticated();
        let reply = self
            .http
            .send::<NexhealthErrorBody>(&call, None)
            .await
            .map_err(|e| auth_error(crate::http::oauth::rebody(e)))?;
        let envelope: Envelope<Authentication> = self
            .http
            .decode::<_, NexhealthErrorBody>(&call, &reply)
            .map_err(|e| auth_error(crate::http::oauth::rebody(e)))?;
        let token = envelope.data.token;
        let lifetime = jwt_lifetime(token.expose_secret(), SystemTime::now())
            .unwrap_or(Duration::from_hours(1));
        Ok(AccessToken::new(token, lifetime))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_exp_from_the_spec_example_token() {
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwic2NwIjoiYXBpX3VzZXIiLCJleHAiOjE2MjgwMDM2NDMsImlhdCI6MTYyODAwMzYzMywianRpIjoiYTEzYzdlZTAtNmMwOC00YTE5LWExYzAtN2ZkMjNlNDJiZDEzIn0.zu8rJk6F4ZRzkflWPK0ykxRNsJR9A6IZiU9kxcsdxn4";
        let now = UNIX_EPOCH + Duration::from_secs(1_628_003_633);
        assert_eq!(jwt_lifetime(token, now), Some(Duration::from_secs(10)));
        assert_eq!(jwt_lifetime("opaque", now), None);
    }
}
