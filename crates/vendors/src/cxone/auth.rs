//! CXone OAuth 2.0 client credentials: a form post of `grant_type=client_credentials`,
//! `client_id` and `client_secret` to the token URL, the secret read from the keychain at
//! the moment of the request.

use crate::http::oauth::request_token;
use crate::http::{AccessToken, AuthError, Call, TokenFetcher, VendorHttp};
use crate::secrets;
use async_trait::async_trait;
use frontdesk_core::ports::SecretStore;
use reqwest::Method;
use secrecy::SecretString;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

pub struct ClientCredentials {
    pub(crate) http: Arc<VendorHttp>,
    pub(crate) token_url: Url,
    pub(crate) client_id: String,
    pub(crate) secrets: Arc<dyn SecretStore>,
    pub(crate) secret_name: String,
}

#[async_trait]
impl TokenFetcher for ClientCredentials {
    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let secret = secrets::require(self.secrets.as_ref(), &self.secret_name)?;
        let call = Call::to_url(Method::POST, "/oauth/token", self.token_url.clone()).form(vec![
            ("grant_type", SecretString::from("client_credentials")),
            ("client_id", SecretString::from(self.client_id.clone())),
            ("client_secret", secret),
        ]);
        let token = request_token(&self.http, call).await?;
        Ok(AccessToken::new(
            token.access_token.clone(),
            token.lifetime(Duration::from_hours(1)),
        ))
    }
}
opaque_debug!(ClientCredentials);
