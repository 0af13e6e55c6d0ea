//! Nextech (Azure AD) authorization code with PKCE through a loopback redirect, and refresh
//! tokens. The sign-in opens the authorize URL through a caller-supplied "open browser"
//! callback (the app uses its opener plugin), verifies `state`, exchanges code + verifier +
//! `resource`, and keeps the refresh token in the keychain; later tokens come from the
//! `refresh_token` grant, persisting the rotated refresh token each time.

use crate::http::oauth::{TokenResponse, request_token};
use crate::http::{AccessToken, AuthError, Call, TokenFetcher, VendorHttp};
use crate::nextech::loopback::Loopback;
use crate::nextech::pkce::{Pkce, random_token};
use crate::secrets;
use async_trait::async_trait;
use frontdesk_core::Vendor;
use frontdesk_core::ports::SecretStore;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// Opens a URL in the user's browser (never inside the app's webview).
pub type OpenBrowser<'a> = &'a (dyn Fn(&Url) -> Result<(), String> + Send + Sync);

pub struct NextechAuth {
    pub(crate) http: Arc<VendorHttp>,
    pub(crate) authorize_url: Url,
    pub(crate) token_url: Url,
    pub(crate) client_id: String,
    pub(crate) resource: String,
    pub(crate) secrets: Arc<dyn SecretStore>,
    pub(crate) refresh_name: String,
    pub(crate) login_timeout: Duration,
}

opaque_debug!(NextechAuth);

impl NextechAuth {
    /// The authorize URL for one sign-in attempt.
    #[must_use]
    pub fn authorize_url(&self, redirect_uri: &str, challenge: &str, state: &str) -> Url {
        let mut url = self.authorize_url.clone();
        url.query_pairs_mut()
            .append_pair("client_id", &self.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("resource", &self.resource)
            .append_pair("code_challenge", challenge)
            .append_pair("code_challenge_method", "S256")
            .append_pair("state", state);
        url
    }

    /// The interactive sign-in. Returns the first access token; the refresh token is stored.
    pub async fn login(&self, open_browser: OpenBrowser<'_>) -> Result<AccessToken, AuthError> {
        let loopback = Loopback::bind().await?;
        let pkce = Pkce::generate();
        let state = random_token(16);
        let url = self.authorize_url(
            &loopback.redirect_uri,
            &pkce.challenge,
            state.expose_secret(),
        );
        let redirect_uri = loopback.redirect_uri.clone();
        open_browser(&url).map_err(AuthError::Browser)?;
        let code = loopback
            .wait_for_code(state.expose_secret(), self.login_timeout)
            .await?;
        let call = Call::to_url(Method::POST, "/oauth2/token", self.token_url.clone()).form(vec![
            ("grant_type", SecretString::from("authorization_code")),
            ("client_id", SecretString::from(self.client_id.clone())),
            ("redirect_uri", SecretString::from(redirect_uri)),
            ("code", code),
            ("code_verifier", pkce.verifier),
            ("resource", SecretString::from(self.resource.clone())),
        ]);
        let token = request_token(&self.http, call).await?;
        self.keep(&token)?;
        tracing::info!(vendor = "nextech", "interactive_login_completed");
        Ok(AccessToken::new(
            token.access_token,
            lifetime(token.expires_in),
        ))
    }

    /// Stores a (possibly rotated) refresh token.
    fn keep(&self, token: &TokenResponse) -> Result<(), AuthError> {
        if let Some(refresh) = &token.refresh_token {
            self.secrets
                .set(&self.refresh_name, refresh.expose_secret())
                .map_err(AuthError::SecretStore)?;
        }
        Ok(())
    }

    /// Forgets the refresh token (sign-out).
    pub fn sign_out(&self) -> Result<(), AuthError> {
        self.secrets
            .delete(&self.refresh_name)
            .map_err(AuthError::SecretStore)
    }
}

fn lifetime(expires_in: Option<u64>) -> Duration {
    // Azure AD v1 tokens live an hour by default (the doc says so too).
    expires_in.map_or(Duration::from_hours(1), Duration::from_secs)
}

#[async_trait]
impl TokenFetcher for NextechAuth {
    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let Some(refresh) = secrets::optional(self.secrets.as_ref(), &self.refresh_name)? else {
            return Err(AuthError::InteractiveLoginRequired(Vendor::Nextech));
        };
        let call = Call::to_url(Method::POST, "/oauth2/token", self.token_url.clone()).form(vec![
            ("grant_type", SecretString::from("refresh_token")),
            ("client_id", SecretString::from(self.client_id.clone())),
            ("refresh_token", refresh),
            ("resource", SecretString::from(self.resource.clone())),
        ]);
        match request_token(&self.http, call).await {
            Ok(token) => {
                self.keep(&token)?;
                Ok(AccessToken::new(
                    token.access_token,
                    lifetime(token.expires_in),
                ))
            }
            // A refused refresh token (expired, revoked) needs a person at the browser again.
            Err(AuthError::Rejected { code, .. }) if code.as_deref() == Some("invalid_grant") => {
                Err(AuthError::InteractiveLoginRequired(Vendor::Nextech))
            }
            Err(e) => Err(e),
        }
    }
}
