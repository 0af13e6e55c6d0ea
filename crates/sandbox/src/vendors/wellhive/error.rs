//! WellHive's error bodies: the spec's `ErrorResponse` (`name`, `message`, `isFault`,
//! `isTemporary`, `isTimeout`) and, for 429, `ErrorResponse2`; the token endpoint answers
//! OAuth errors (`error`, `error_description`) as the doc shows.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::http::json;

pub fn error(status: StatusCode, message: &str) -> Response {
    let body = match status.as_u16() {
        400 => json!({"name": "Bad Request", "message": message}),
        401 => json!({"name": "Unauthorized", "message": message}),
        403 => json!({"name": "Forbidden", "message": message}),
        404 => json!({"name": "Not Found", "message": message}),
        429 => json!({"name": "Too Many Requests", "isTemporary": true, "message": message}),
        504 => {
            json!({"name": "Gateway Timeout", "isTemporary": true, "isTimeout": true, "message": message})
        }
        500 => {
            json!({"name": "Internal Server Error", "isFault": true, "isTemporary": true, "message": message})
        }
        _ => {
            json!({"name": status.canonical_reason().unwrap_or("Error"), "isFault": true, "isTemporary": true, "message": message})
        }
    };
    json(status, &body)
}

pub fn bad(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, message)
}

pub fn not_found(message: &str) -> Response {
    error(StatusCode::NOT_FOUND, message)
}

pub fn oauth(status: StatusCode, code: &str, description: &str) -> Response {
    json(
        status,
        &json!({"error": code, "error_description": description}),
    )
}
