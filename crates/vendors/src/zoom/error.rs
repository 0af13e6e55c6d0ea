//! Zoom's error body `{code, message}`: the numeric code is kept and shown, the message (which
//! can name a user or a patient) is redacted.

use crate::http::{ErrorBody, HttpError, Sensitive};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct ZoomErrorBody {
    #[serde(default)]
    pub code: Option<i64>,
    #[serde(default)]
    pub message: Sensitive<Option<String>>,
}

impl ErrorBody for ZoomErrorBody {
    fn code(&self) -> Option<String> {
        self.code.map(|c| c.to_string())
    }
}

pub type ZoomError = HttpError<ZoomErrorBody>;
