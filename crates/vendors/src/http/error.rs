//! The errors of the shared pipeline, generic over each vendor's error body so every vendor's
//! error is its own type (`CxoneError = HttpError<CxoneErrorBody>`) while the rules live once.
//! Display strings name the vendor, the method, the path template, the status and the trace
//! id, never a query string, a body or a value from a payload: they reach logs and screens.

use crate::http::sensitive::Sensitive;
use frontdesk_core::{CoreError, Vendor};
use std::fmt::Debug;
use std::time::Duration;

/// A vendor's error body, parsed from a non-2xx answer.
pub trait ErrorBody: serde::de::DeserializeOwned + Debug + Send + Sync + 'static {
    /// The vendor's machine-readable code (`invalid_parameter`, `invalid_client`, ...), which
    /// is safe to show; free-text messages are not.
    fn code(&self) -> Option<String>;
    /// A support trace id carried in the body (CXone `requestId`).
    fn trace_id(&self) -> Option<&str> {
        None
    }
}

/// The body of an answer whose error shape the vendor does not document (Nextech), kept whole.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(transparent)]
pub struct RawBody(pub Sensitive<String>);

impl ErrorBody for RawBody {
    fn code(&self) -> Option<String> {
        None
    }
}

/// How a body failed to parse; serde's own message is not kept because it quotes the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeProblem {
    Syntax,
    Shape,
    Eof,
    Io,
}

/// Where the vendor's answer came from, for errors and logs (never the full URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub vendor: Vendor,
    pub method: &'static str,
    /// The path template, e.g. `/patients/{id}`.
    pub template: &'static str,
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.vendor.display_name(),
            self.method,
            self.template
        )
    }
}

fn opt(label: &str, value: Option<&str>) -> String {
    value.map(|v| format!(" ({label} {v})")).unwrap_or_default()
}

#[derive(Debug, thiserror::Error)]
pub enum HttpError<B: ErrorBody> {
    #[error("{endpoint} answered {status}{}{}", opt("code", body.as_ref().and_then(ErrorBody::code).as_deref()), opt("trace", trace_id.as_deref()))]
    Status {
        endpoint: Endpoint,
        status: u16,
        trace_id: Option<String>,
        retry_after: Option<Duration>,
        /// The vendor's body, typed when it had the documented shape.
        body: Option<B>,
        /// The raw body, for support; redacted in `Debug`.
        raw: Sensitive<String>,
    },
    #[error("{endpoint}: could not connect")]
    Connect {
        endpoint: Endpoint,
        #[source]
        source: reqwest::Error,
    },
    #[error("{endpoint}: no answer in time")]
    Timeout { endpoint: Endpoint },
    #[error("{endpoint}: the write may or may not have taken effect; check before trying again")]
    OutcomeUnknown { endpoint: Endpoint },
    #[error("{endpoint}: transport failed")]
    Transport {
        endpoint: Endpoint,
        #[source]
        source: reqwest::Error,
    },
    #[error("{endpoint}: unexpected payload at `{path}` ({problem:?} at line {line}, column {column}){}", opt("trace", trace_id.as_deref()))]
    Decode {
        endpoint: Endpoint,
        /// The JSON path of the field that did not fit, e.g. `data[0].bio.date_of_birth`.
        path: String,
        problem: DecodeProblem,
        line: usize,
        column: usize,
        trace_id: Option<String>,
    },
    #[error("{endpoint}: sign-in failed: {source}")]
    Auth {
        endpoint: Endpoint,
        #[source]
        source: AuthError,
    },
    #[error("{vendor} client is misconfigured: {what}")]
    Config { vendor: Vendor, what: String },
}

impl<B: ErrorBody> HttpError<B> {
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        match self {
            HttpError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    #[must_use]
    pub fn trace_id(&self) -> Option<&str> {
        match self {
            HttpError::Status { trace_id, .. } | HttpError::Decode { trace_id, .. } => {
                trace_id.as_deref()
            }
            _ => None,
        }
    }

    #[must_use]
    pub fn vendor(&self) -> Vendor {
        match self {
            HttpError::Status { endpoint, .. }
            | HttpError::Connect { endpoint, .. }
            | HttpError::Timeout { endpoint }
            | HttpError::OutcomeUnknown { endpoint }
            | HttpError::Transport { endpoint, .. }
            | HttpError::Decode { endpoint, .. }
            | HttpError::Auth { endpoint, .. } => endpoint.vendor,
            HttpError::Config { vendor, .. } => *vendor,
        }
    }
}

/// Mapped once, here, to the few kinds the desk acts on.
impl<B: ErrorBody> From<HttpError<B>> for CoreError {
    fn from(e: HttpError<B>) -> Self {
        let vendor = e.vendor();
        let detail = e.to_string();
        match e {
            HttpError::Status {
                status,
                retry_after,
                trace_id,
                endpoint,
                ..
            } => match status {
                401 => CoreError::Unauthorized { vendor, detail },
                403 => CoreError::Forbidden {
                    action: format!("{} {}", endpoint.method, endpoint.template),
                },
                404 => CoreError::NotFound {
                    what: format!(
                        "{} record ({} {})",
                        vendor.display_name(),
                        endpoint.method,
                        endpoint.template
                    ),
                },
                409 | 412 => CoreError::Conflict { message: detail },
                429 => CoreError::RateLimited {
                    vendor,
                    retry_after_secs: retry_after.map(|d| d.as_secs()),
                },
                400..=499 => CoreError::Invalid {
                    field: endpoint.template.to_owned(),
                    message: detail,
                },
                _ => CoreError::Unavailable {
                    vendor,
                    detail,
                    trace_id,
                },
            },
            // No answer at all, whether the connection was refused or the deadline passed
            // with nothing back, is what an outage looks like from the desk: `Offline`, so the
            // header turns amber and writes that cannot wait are refused at once instead of
            // each waiting out its own timeout. A vendor that answered badly (5xx, a reset
            // mid-answer, garbage) is up but unwell: `Unavailable`.
            HttpError::Connect { .. } | HttpError::Timeout { .. } => CoreError::Offline {
                vendor: Some(vendor),
            },
            HttpError::Transport { .. } => CoreError::Unavailable {
                vendor,
                detail,
                trace_id: None,
            },
            HttpError::OutcomeUnknown { .. } => CoreError::Conflict { message: detail },
            HttpError::Decode { trace_id, .. } => CoreError::Unavailable {
                vendor,
                detail,
                trace_id,
            },
            HttpError::Auth { source, .. } => source.into_core(vendor),
            HttpError::Config { .. } => CoreError::Internal { message: detail },
        }
    }
}

/// Why a token could not be had.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("the token endpoint refused the credentials ({status}{})", opt("error", code.as_deref()))]
    Rejected {
        status: u16,
        /// OAuth `error` (`invalid_client`, `invalid_grant`): safe to show.
        code: Option<String>,
        /// `error_description` and the rest, redacted in `Debug`.
        raw: Sensitive<String>,
    },
    #[error("the token endpoint answered {status}")]
    Unavailable { status: u16 },
    #[error("the token endpoint could not be reached")]
    Unreachable,
    #[error("the token answer had an unexpected shape at `{path}`")]
    BadTokenResponse { path: String },
    #[error("secret `{name}` is not in the keychain")]
    MissingSecret { name: String },
    #[error("the keychain failed: {0}")]
    SecretStore(#[source] CoreError),
    #[error("the signing key could not be used: {0}")]
    Key(String),
    #[error("signing the client assertion failed")]
    Sign(#[source] jsonwebtoken::errors::Error),
    #[error("a person must sign in to {0} in the browser first")]
    InteractiveLoginRequired(Vendor),
    #[error("the sign-in redirect failed: {0}")]
    Redirect(String),
    #[error("the sign-in answer did not match this request (state mismatch)")]
    StateMismatch,
    #[error("the browser could not be opened: {0}")]
    Browser(String),
    #[error("the sign-in was not completed in time")]
    LoginTimedOut,
    #[error("local listener for the sign-in redirect failed")]
    Listener(#[source] std::io::Error),
}

impl AuthError {
    #[must_use]
    pub fn into_core(self, vendor: Vendor) -> CoreError {
        let detail = self.to_string();
        match self {
            AuthError::Unreachable => CoreError::Offline {
                vendor: Some(vendor),
            },
            AuthError::Unavailable { .. } | AuthError::BadTokenResponse { .. } => {
                CoreError::Unavailable {
                    vendor,
                    detail,
                    trace_id: None,
                }
            }
            AuthError::SecretStore(inner) => inner,
            _ => CoreError::Unauthorized { vendor, detail },
        }
    }
}
