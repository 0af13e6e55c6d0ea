//! The OAuth 2.0 token endpoint conversation shared by CXone, Zoom, Nextech and WellHive:
//! the token answer, the RFC 6749 error body, and turning the pipeline's errors into
//! `AuthError`s (a refused credential is not an outage, and says which OAuth error it was).

use crate::http::call::Call;
use crate::http::error::{AuthError, ErrorBody, HttpError};
use crate::http::sensitive::Sensitive;
use crate::http::transport::VendorHttp;
use secrecy::SecretString;
use serde::{Deserialize, Deserializer};
use std::time::Duration;

/// An RFC 6749 token answer. `expires_in` arrives as a number from most servers and as a
/// string from Azure AD v1 (Nextech), so both are read.
#[derive(Debug, Deserialize)]
pub struct TokenResponse {
    pub access_token: SecretString,
    #[serde(default)]
    pub token_type: Option<String>,
    #[serde(default, deserialize_with = "number_or_string")]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
    #[serde(default)]
    pub scope: Option<String>,
}

impl TokenResponse {
    /// The lifetime, or `fallback` when the server did not say.
    #[must_use]
    pub fn lifetime(&self, fallback: Duration) -> Duration {
        self.expires_in.map_or(fallback, Duration::from_secs)
    }
}

fn number_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        N(u64),
        S(String),
    }
    Ok(match Option::<Either>::deserialize(d)? {
        Some(Either::N(n)) => Some(n),
        Some(Either::S(s)) => s.trim().parse().ok(),
        None => None,
    })
}

/// RFC 6749 §5.2 error body.
#[derive(Debug, Clone, Deserialize)]
pub struct OAuthErrorBody {
    pub error: String,
    #[serde(default)]
    pub error_description: Sensitive<Option<String>>,
}

impl ErrorBody for OAuthErrorBody {
    fn code(&self) -> Option<String> {
        Some(self.error.clone())
    }
}

/// Turns a token call's failure into an `AuthError`.
#[must_use]
pub fn auth_error(e: HttpError<OAuthErrorBody>) -> AuthError {
    match e {
        HttpError::Status {
            status: status @ 400..=499,
            body,
            raw,
            ..
        } => AuthError::Rejected {
            status,
            code: body.map(|b| b.error),
            raw,
        },
        HttpError::Status { status, .. } => AuthError::Unavailable { status },
        HttpError::Decode { path, .. } => AuthError::BadTokenResponse { path },
        HttpError::Auth { source, .. } => source,
        HttpError::Config { what, .. } => AuthError::Key(what),
        HttpError::Connect { .. }
        | HttpError::Timeout { .. }
        | HttpError::Transport { .. }
        | HttpError::OutcomeUnknown { .. } => AuthError::Unreachable,
    }
}

/// Re-types a token endpoint's error whose body is not RFC 6749 (NexHealth's envelope), so
/// `auth_error` can classify it; the vendor's code, if any, is kept.
#[must_use]
pub fn rebody<B: ErrorBody>(e: HttpError<B>) -> HttpError<OAuthErrorBody> {
    match e {
        HttpError::Status {
            endpoint,
            status,
            trace_id,
            retry_after,
            body,
            raw,
        } => HttpError::Status {
            endpoint,
            status,
            trace_id,
            retry_after,
            body: body.and_then(|b| b.code()).map(|error| OAuthErrorBody {
                error,
                error_description: Sensitive::default(),
            }),
            raw,
        },
        HttpError::Connect { endpoint, source } => HttpError::Connect { endpoint, source },
        HttpError::Timeout { endpoint } => HttpError::Timeout { endpoint },
        HttpError::OutcomeUnknown { endpoint } => HttpError::OutcomeUnknown { endpoint },
        HttpError::Transport { endpoint, source } => HttpError::Transport { endpoint, source },
        HttpError::Decode {
            endpoint,
            path,
            problem,
            line,
            column,
            trace_id,
        } => HttpError::Decode {
            endpoint,
            path,
            problem,
            line,
            column,
            trace_id,
        },
        HttpError::Auth { endpoint, source } => HttpError::Auth { endpoint, source },
        HttpError::Config { vendor, what } => HttpError::Config { vendor, what },
    }
}

/// Posts a token request (always safe to repeat) and reads the token answer.
pub async fn request_token(http: &VendorHttp, call: Call) -> Result<TokenResponse, AuthError> {
    let call = call.idempotent().unauthenticated();
    http.json::<TokenResponse, OAuthErrorBody>(&call, None)
        .await
        .map_err(auth_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_in_as_number_or_string() {
        let a: TokenResponse =
            serde_json::from_str(r#"{"access_token":"x","expires_in":3600}"#).unwrap();
        let b: TokenResponse =
            serde_json::from_str(r#"{"access_token":"x","expires_in":"3599"}"#).unwrap();
        let c: TokenResponse = serde_json::from_str(r#"{"access_token":"x"}"#).unwrap();
        assert_eq!(a.expires_in, Some(3600));
        assert_eq!(b.expires_in, Some(3599));
        assert_eq!(c.lifetime(Duration::from_secs(5)), Duration::from_secs(5));
    }
}
