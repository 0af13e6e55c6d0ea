//! WellHive's error body `{name, message, isTemporary, isTimeout, isFault, retryAfter}`; the
//! `name` is shown, the message redacted, and the `x-wellhive-trace-id` header kept.

use crate::http::{ErrorBody, HttpError, Sensitive};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WellhiveErrorBody {
    pub name: String,
    #[serde(default)]
    pub message: Sensitive<Option<String>>,
    #[serde(default)]
    pub is_temporary: Option<bool>,
    #[serde(default)]
    pub is_timeout: Option<bool>,
    #[serde(default)]
    pub is_fault: Option<bool>,
    #[serde(default)]
    pub retry_after: Option<i64>,
}

impl ErrorBody for WellhiveErrorBody {
    fn code(&self) -> Option<String> {
        Some(self.name.clone())
    }
}

pub type WellhiveError = HttpError<WellhiveErrorBody>;

/// The response header carrying WellHive's support trace id.
pub const TRACE_HEADER: &str = "x-wellhive-trace-id";
