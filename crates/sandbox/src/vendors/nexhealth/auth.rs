//! NexHealth authentication: `POST /authenticates` with the API key as the raw
//! `Authorization` header (the spec's `apiKey` scheme) answers a bearer token (valid an hour);
//! every other call carries `Authorization: Bearer <token>`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde_json::json;

use super::error::{VND, error_ct};
use crate::http::{bearer, json_with};
use crate::state::Shared;
use crate::tokens::TokenError;
use crate::vendors::Vendor;

pub async fn authenticate(State(s): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    match key {
        Some(k) if k == s.creds.nexhealth_api_key => {
            let token = s.tokens.issue(
                Vendor::Nexhealth,
                "nh.",
                Vec::new(),
                s.token_lifetime(Vendor::Nexhealth),
            );
            json_with(
                StatusCode::CREATED,
                VND,
                &json!({"code": true, "description": "Success", "error": [], "data": {"token": token}, "count": 1}),
            )
        }
        _ => error_ct(
            StatusCode::UNAUTHORIZED,
            VND,
            "Unauthorized: invalid API key",
        ),
    }
}

pub fn require(
    s: &Shared,
    headers: &HeaderMap,
    content_type: &'static str,
) -> Result<(), Response> {
    match s
        .tokens
        .check(Vendor::Nexhealth, bearer(headers).as_deref())
    {
        Ok(_) => Ok(()),
        Err(TokenError::Expired) => Err(error_ct(
            StatusCode::UNAUTHORIZED,
            content_type,
            "Unauthorized: token expired",
        )),
        Err(_) => Err(error_ct(
            StatusCode::UNAUTHORIZED,
            content_type,
            "Unauthorized",
        )),
    }
}
