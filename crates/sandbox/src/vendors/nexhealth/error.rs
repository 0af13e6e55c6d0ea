//! NexHealth's error body: `{"code": false, "error": ["..."]}` (the spec's `API_Errors_*`),
//! in the content type of the endpoint that failed.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::http::{JSON, json_with};

pub const VND: &str = "application/vnd.Nexhealth+json;version=2";

pub fn error_ct(status: StatusCode, content_type: &'static str, message: &str) -> Response {
    json_with(
        status,
        content_type,
        &json!({"code": false, "description": status.canonical_reason().unwrap_or("Error"), "error": [message]}),
    )
}

pub fn error(status: StatusCode, message: &str) -> Response {
    error_ct(status, JSON, message)
}
