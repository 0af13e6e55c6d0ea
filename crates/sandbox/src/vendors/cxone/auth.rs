//! CXone's OAuth 2.0 client-credentials token endpoint (form post, or HTTP Basic for the
//! client) and the bearer check with its two scopes.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use base64::Engine;
use serde_json::json;

use super::error::error;
use crate::http::{bearer, json};
use crate::state::Shared;
use crate::tokens::{TokenError, TokenInfo};
use crate::vendors::{Vendor, parse_form};

pub const READ: &str = "healthcare-api.read";
pub const WRITE: &str = "healthcare-api.write";

/// Client id and secret from HTTP Basic, when the client sends them that way.
pub fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let v = headers.get("authorization")?.to_str().ok()?;
    let b64 = v
        .strip_prefix("Basic ")
        .or_else(|| v.strip_prefix("basic "))?;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (id, secret) = s.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

pub async fn token(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let form = parse_form(&body);
    if form.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return error(
            StatusCode::BAD_REQUEST,
            "Invalid parameter: grant_type",
            "grant_type must be client_credentials",
        );
    }
    let (id, secret) = match (form.get("client_id"), form.get("client_secret")) {
        (Some(id), Some(secret)) => (id.clone(), secret.clone()),
        _ => match basic(&headers) {
            Some(pair) => pair,
            None => {
                return error(
                    StatusCode::UNAUTHORIZED,
                    "Authentication failed",
                    "client_id and client_secret are required",
                );
            }
        },
    };
    if id != s.creds.cxone_client_id || secret != s.creds.cxone_client_secret {
        return error(
            StatusCode::UNAUTHORIZED,
            "Authentication failed",
            "Invalid client credentials",
        );
    }
    let scopes: Vec<String> = match form.get("scope") {
        Some(requested) if !requested.trim().is_empty() => {
            let wanted: Vec<String> = requested.split_whitespace().map(str::to_string).collect();
            if let Some(bad) = wanted.iter().find(|w| *w != READ && *w != WRITE) {
                return error(
                    StatusCode::BAD_REQUEST,
                    "Invalid parameter: scope",
                    &format!("unknown scope {bad}"),
                );
            }
            wanted
        }
        _ => vec![READ.into(), WRITE.into()],
    };
    let token = s.tokens.issue(
        Vendor::Cxone,
        "cx.",
        scopes.clone(),
        s.token_lifetime(Vendor::Cxone),
    );
    json(
        StatusCode::OK,
        &json!({"access_token": token, "token_type": "Bearer", "expires_in": s.expires_in(), "scope": scopes.join(" ")}),
    )
}

/// The caller's token, if it is valid and carries `scope`.
pub fn require(s: &Shared, headers: &HeaderMap, scope: &str) -> Result<TokenInfo, Response> {
    match s.tokens.check(Vendor::Cxone, bearer(headers).as_deref()) {
        Ok(t) if t.has_scope(scope) => Ok(t),
        Ok(_) => Err(error(
            StatusCode::FORBIDDEN,
            "Authorization failed",
            &format!("The access token lacks the {scope} scope"),
        )),
        Err(TokenError::Missing) => Err(error(
            StatusCode::UNAUTHORIZED,
            "Authentication failed",
            "Missing bearer token",
        )),
        Err(TokenError::Expired) => Err(error(
            StatusCode::UNAUTHORIZED,
            "Authentication failed",
            "The access token has expired",
        )),
        Err(TokenError::Invalid) => Err(error(
            StatusCode::UNAUTHORIZED,
            "Authentication failed",
            "Invalid access token",
        )),
    }
}
