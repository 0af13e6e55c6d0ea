//! Zoom's error body, `{"code": N, "message": "..."}`, with Zoom's own codes (124 invalid
//! token, 4711 missing scope, 300 bad field, 1001 no such user, 3001 no such meeting).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::http::json;

pub fn error(status: StatusCode, code: u32, message: &str) -> Response {
    json(status, &json!({"code": code, "message": message}))
}

pub fn generic(status: StatusCode, message: &str) -> Response {
    let code = match status.as_u16() {
        401 => 124,
        404 => 3001,
        429 => 429,
        400 => 300,
        _ => u32::from(status.as_u16()),
    };
    error(status, code, message)
}

pub fn bad(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, 300, message)
}

pub fn not_found(code: u32, message: &str) -> Response {
    error(StatusCode::NOT_FOUND, code, message)
}
