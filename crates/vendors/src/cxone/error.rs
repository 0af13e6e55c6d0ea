//! CXone's error body `{error:{code,message,details,requestId}}`: the code and `requestId`
//! are kept for support and shown; message and details may echo patient data and are redacted.

use crate::http::{ErrorBody, HttpError, Sensitive};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct CxoneErrorBody {
    pub error: CxoneErrorDetail,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CxoneErrorDetail {
    /// `invalid_parameter`, `resource_not_found`, `rate_limit_exceeded`, ...
    pub code: String,
    #[serde(default)]
    pub message: Sensitive<Option<String>>,
    #[serde(default)]
    pub details: Sensitive<Option<String>>,
    #[serde(default)]
    pub request_id: Option<String>,
}

impl ErrorBody for CxoneErrorBody {
    fn code(&self) -> Option<String> {
        Some(self.error.code.clone())
    }

    fn trace_id(&self) -> Option<&str> {
        self.error.request_id.as_deref()
    }
}

/// Every CXone call fails with this.
pub type CxoneError = HttpError<CxoneErrorBody>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_code_and_request_id_but_redacts_text() {
        let body: CxoneErrorBody = serde_json::from_str(
            r#"{"error":{"code":"invalid_parameter","message":"Invalid parameter: Jane","details":"d","requestId":"req-abc123"}}"#,
        )
        .unwrap();
        assert_eq!(body.code().as_deref(), Some("invalid_parameter"));
        assert_eq!(body.trace_id(), Some("req-abc123"));
        assert!(!format!("{body:?}").contains("Jane"));
    }
}
