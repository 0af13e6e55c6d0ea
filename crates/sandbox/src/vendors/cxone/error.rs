//! CXone's documented error body: `{"error":{"code","message","details","requestId"}}`.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::http::json;
use crate::tokens::random_token;

pub fn code_for(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "invalid_parameter",
        401 => "authentication_failed",
        403 => "authorization_failed",
        404 => "resource_not_found",
        429 => "rate_limit_exceeded",
        _ => "internal_error",
    }
}

pub fn error(status: StatusCode, message: &str, details: &str) -> Response {
    let request_id = format!("req-{}", &random_token("")[..12]);
    json(
        status,
        &json!({"error": {"code": code_for(status), "message": message, "details": details, "requestId": request_id}}),
    )
}

pub fn bad(message: &str, details: &str) -> Response {
    error(StatusCode::BAD_REQUEST, message, details)
}

pub fn not_found(what: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        &format!("Resource not found: {what}"),
        "",
    )
}
