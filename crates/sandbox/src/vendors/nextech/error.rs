//! Nextech's API errors (an ASP.NET Web API: `{"Message": "..."}`) and the Azure AD token
//! endpoint's errors (`error`, `error_description` with an AADSTS code, `error_codes`, ...).

use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use serde_json::json;

use crate::http::json;

pub fn error(status: StatusCode, message: &str) -> Response {
    json(status, &json!({"Message": message}))
}

pub fn aad(status: StatusCode, error: &str, code: u32, description: &str) -> Response {
    let id = uuid::Uuid::new_v4().to_string();
    json(
        status,
        &json!({
            "error": error,
            "error_description": format!("AADSTS{code}: {description}\r\nTrace ID: {id}\r\nTimestamp: {}", Utc::now().format("%Y-%m-%d %H:%M:%SZ")),
            "error_codes": [code],
            "timestamp": Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string(),
            "trace_id": id,
            "correlation_id": uuid::Uuid::new_v4().to_string(),
        }),
    )
}
