//! Zoom server-to-server OAuth: `POST {tokenUrl}?grant_type=account_credentials&account_id=…`
//! with HTTP Basic `client_id:client_secret` (the header marked sensitive), secrets from the
//! keychain.

use crate::http::oauth::request_token;
use crate::http::{AccessToken, AuthError, Call, TokenFetcher, VendorHttp};
use crate::secrets;
use async_trait::async_trait;
use base64::Engine;
use frontdesk_core::ports::SecretStore;
use reqwest::Method;
use reqwest::header::{AUTHORIZATION, HeaderValue};
use secrecy::ExposeSecret;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

pub struct AccountCredentials {
    pub(crate) http: Arc<VendorHttp>,
    pub(crate) token_url: Url,
    pub(crate) account_id: String,
    pub(crate) client_id: String,
    pub(crate) secrets: Arc<dyn SecretStore>,
    pub(crate) secret_name: String,
}

opaque_debug!(AccountCredentials);

#[async_trait]
impl TokenFetcher for AccountCredentials {
    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let secret = secrets::require(self.secrets.as_ref(), &self.secret_name)?;
        let basic = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            self.client_id,
            secret.expose_secret()
        ));
        let mut value = HeaderValue::from_str(&format!("Basic {basic}"))
            .map_err(|_| AuthError::Key("client id or secret is not header-safe".to_owned()))?;
        value.set_sensitive(true);
        let call = Call::to_url(Method::POST, "/oauth/token", self.token_url.clone())
            .query("grant_type", "account_credentials")
            .query("account_id", &self.account_id)
            .header(AUTHORIZATION, value);
        let token = request_token(&self.http, call).await?;
        Ok(AccessToken::new(
            token.access_token.clone(),
            token.lifetime(Duration::from_hours(1)),
        ))
    }
}
