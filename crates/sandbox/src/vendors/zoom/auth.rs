//! Zoom server-to-server OAuth: `POST /oauth/token?grant_type=account_credentials&account_id=…`
//! with HTTP Basic `client_id:client_secret`; bearer tokens carry the app's granted scopes.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::error::error;
use crate::http::{bearer, json};
use crate::state::Shared;
use crate::tokens::{TokenError, TokenInfo};
use crate::vendors::Vendor;
use crate::vendors::cxone::auth::basic;

fn oauth_error(status: StatusCode, error: &str, reason: &str) -> Response {
    json(status, &json!({"reason": reason, "error": error}))
}

pub async fn token(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    body: axum::body::Bytes,
) -> Response {
    // Zoom reads the grant from the query string; accept a form body too, as Zoom does.
    let form = crate::vendors::parse_form(&body);
    let get = |k: &str| q.get(k).or_else(|| form.get(k)).cloned();
    let Some((id, secret)) = basic(&headers) else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Invalid client_id or client_secret",
        );
    };
    if id != s.creds.zoom_client_id || secret != s.creds.zoom_client_secret {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Invalid client_id or client_secret",
        );
    }
    if get("grant_type").as_deref() != Some("account_credentials") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "unsupported grant type",
        );
    }
    if get("account_id").as_deref() != Some(s.creds.zoom_account_id.as_str()) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Invalid account_id",
        );
    }
    let scopes = s.opts.zoom_scopes.clone();
    let token = s.tokens.issue(
        Vendor::Zoom,
        "zm.",
        scopes.clone(),
        s.token_lifetime(Vendor::Zoom),
    );
    json(
        StatusCode::OK,
        &json!({
            "access_token": token,
            "token_type": "bearer",
            "expires_in": s.expires_in(),
            "scope": scopes.join(" "),
            "api_url": s.origins.zoom,
        }),
    )
}

/// The caller's token, if it is valid and carries `scope`.
pub fn require(s: &Shared, headers: &HeaderMap, scope: &str) -> Result<TokenInfo, Response> {
    match s.tokens.check(Vendor::Zoom, bearer(headers).as_deref()) {
        Ok(t) if t.has_scope(scope) => Ok(t),
        Ok(_) => Err(error(
            StatusCode::BAD_REQUEST,
            4711,
            &format!("Invalid access token, does not contain scopes:[{scope}]."),
        )),
        Err(TokenError::Expired) => Err(error(
            StatusCode::UNAUTHORIZED,
            124,
            "Access token is expired.",
        )),
        Err(_) => Err(error(
            StatusCode::UNAUTHORIZED,
            124,
            "Invalid access token.",
        )),
    }
}
