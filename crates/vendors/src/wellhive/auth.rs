//! WellHive private-key JWT client authentication: a JWT signed with the practice's key
//! (RS256 or ES256) with `iss = sub = client id`, `aud` = the token URL (or the configured
//! audience), `exp` five minutes out (the doc allows at most an hour), a fresh `jti` and
//! `iat`, posted as `client_assertion` with `scope=care-nav`. The key comes from the
//! keychain (or, for the sandbox, a file) at signing time and is dropped after.

use crate::http::oauth::request_token;
use crate::http::{AccessToken, AuthError, Call, TokenFetcher, VendorHttp};
use crate::secrets;
use crate::wellhive::keys::{SigningAlgorithm, load};
use async_trait::async_trait;
use frontdesk_core::ports::SecretStore;
use jsonwebtoken::{Header, encode};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use url::Url;

/// Where the private key is read from.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeySource {
    /// PEM or JWK text under this name in the keychain (the app).
    Secret(String),
    /// A PEM or JWK file (the sandbox's demo key, a CLI run by IT).
    File(PathBuf),
}

/// How long an assertion is good for: well inside the doc's one-hour ceiling.
pub const ASSERTION_LIFETIME: Duration = Duration::from_mins(5);

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct AssertionClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: u64,
    pub iat: u64,
    pub jti: String,
}

pub struct PrivateKeyJwt {
    pub(crate) http: Arc<VendorHttp>,
    pub(crate) token_url: Url,
    pub(crate) audience: String,
    pub(crate) client_id: String,
    pub(crate) algorithm: SigningAlgorithm,
    pub(crate) key: KeySource,
    pub(crate) secrets: Arc<dyn SecretStore>,
}

opaque_debug!(PrivateKeyJwt);

impl PrivateKeyJwt {
    fn key_text(&self) -> Result<SecretString, AuthError> {
        match &self.key {
            KeySource::Secret(name) => secrets::require(self.secrets.as_ref(), name),
            KeySource::File(path) => std::fs::read_to_string(path)
                .map(SecretString::from)
                .map_err(|_| AuthError::Key("the private key file could not be read".to_owned())),
        }
    }

    /// A signed client assertion, valid for `ASSERTION_LIFETIME` from `now`.
    pub fn assertion(&self, now: SystemTime) -> Result<SecretString, AuthError> {
        let text = self.key_text()?;
        let key = load(text.expose_secret(), self.algorithm)?;
        let iat = now
            .duration_since(UNIX_EPOCH)
            .map_err(|_| AuthError::Key("system clock before 1970".to_owned()))?
            .as_secs();
        let claims = AssertionClaims {
            iss: self.client_id.clone(),
            sub: self.client_id.clone(),
            aud: self.audience.clone(),
            exp: iat + ASSERTION_LIFETIME.as_secs(),
            iat,
            jti: uuid::Uuid::new_v4().to_string(),
        };
        let mut header = Header::new(self.algorithm.jwt());
        header.kid = key.kid;
        encode(&header, &claims, &key.key)
            .map(SecretString::from)
            .map_err(AuthError::Sign)
    }
}

#[async_trait]
impl TokenFetcher for PrivateKeyJwt {
    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let assertion = self.assertion(SystemTime::now())?;
        let call = Call::to_url(
            Method::POST,
            "/oauth2/default/v1/token",
            self.token_url.clone(),
        )
        .form(vec![
            ("grant_type", SecretString::from("client_credentials")),
            ("scope", SecretString::from("care-nav")),
            (
                "client_assertion_type",
                SecretString::from("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ),
            ("client_assertion", assertion),
        ]);
        let token = request_token(&self.http, call).await?;
        Ok(AccessToken::new(
            token.access_token.clone(),
            token.lifetime(Duration::from_mins(15)),
        ))
    }
}
