//! The Azure AD (v1) authorization endpoint and token endpoint Nextech uses. The authorize
//! endpoint approves at once (there is no one to log in) and redirects to the loopback
//! `redirect_uri` with `code` and `state`; any port on 127.0.0.1 or localhost is accepted, as
//! RFC 8252 asks of native apps. PKCE S256 is verified at the token endpoint, which also
//! honours `refresh_token` grants.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::error::aad;
use crate::http::json;
use crate::state::{AuthCode, Shared, lock};
use crate::tokens::random_token;
use crate::vendors::{Vendor, parse_form};

/// Whether a redirect URI is a loopback one (any port, any path).
pub fn loopback_redirect(uri: &str) -> bool {
    url::Url::parse(uri).ok().is_some_and(|u| {
        u.scheme() == "http"
            && matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
            && u.fragment().is_none()
    })
}

fn redirect(to: &str, params: &[(&str, &str)]) -> Response {
    let Ok(mut url) = url::Url::parse(to) else {
        return (StatusCode::BAD_REQUEST, "invalid redirect_uri").into_response();
    };
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in params {
            q.append_pair(k, v);
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, url.to_string())]).into_response()
}

pub async fn authorize(
    State(s): State<Arc<Shared>>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if tenant != s.creds.nextech_tenant {
        return aad(
            StatusCode::BAD_REQUEST,
            "invalid_tenant",
            90002,
            &format!("Tenant '{tenant}' not found."),
        );
    }
    if q.get("client_id") != Some(&s.creds.nextech_client_id) {
        return aad(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700_016,
            "Application with the given identifier was not found in the directory.",
        );
    }
    // The doc's table names it `redirect_url`; OAuth and the doc's token request say
    // `redirect_uri`. Accept either.
    let Some(redirect_uri) = q
        .get("redirect_uri")
        .or_else(|| q.get("redirect_url"))
        .cloned()
    else {
        return aad(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900_144,
            "The request body must contain the following parameter: 'redirect_uri'.",
        );
    };
    if !loopback_redirect(&redirect_uri) {
        return aad(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            50011,
            "The redirect URI specified in the request does not match the redirect URIs configured for the application (http://localhost and http://127.0.0.1 on any port).",
        );
    }
    let state = q.get("state").cloned().unwrap_or_default();
    let with_state = |mut p: Vec<(&'static str, String)>| {
        if !state.is_empty() {
            p.push(("state", state.clone()));
        }
        p
    };
    let fail = |code: &str, desc: &str| {
        let p = with_state(vec![
            ("error", code.to_string()),
            ("error_description", desc.to_string()),
        ]);
        let refs: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
        redirect(&redirect_uri, &refs)
    };
    if q.get("response_type").map(String::as_str) != Some("code") {
        return fail(
            "unsupported_response_type",
            "AADSTS70005: response_type must be 'code'.",
        );
    }
    let resource = q.get("resource").cloned().unwrap_or_default();
    if resource != s.creds.nextech_resource {
        return fail(
            "invalid_resource",
            "AADSTS500011: The resource principal was not found in the tenant.",
        );
    }
    let challenge = match (
        q.get("code_challenge"),
        q.get("code_challenge_method").map(String::as_str),
    ) {
        (None, _) => None,
        (Some(c), Some("S256")) => Some((c.clone(), "S256".to_string())),
        (Some(_), _) => {
            return fail(
                "invalid_request",
                "AADSTS501491: code_challenge_method must be S256.",
            );
        }
    };
    let code = random_token("nxc.");
    lock(&s.auth_codes).insert(
        code.clone(),
        AuthCode {
            client_id: s.creds.nextech_client_id.clone(),
            redirect_uri: redirect_uri.clone(),
            resource,
            challenge,
            expires: Instant::now() + Duration::from_mins(10),
        },
    );
    let p = with_state(vec![
        ("code", code),
        ("session_state", uuid::Uuid::new_v4().to_string()),
    ]);
    let refs: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
    redirect(&redirect_uri, &refs)
}

fn issue(s: &Shared) -> Response {
    let ttl = s.token_lifetime(Vendor::Nextech);
    let access = s.tokens.issue(
        Vendor::Nextech,
        "nx.",
        vec!["user_impersonation".into()],
        ttl,
    );
    let refresh = random_token("nxr.");
    lock(&s.refresh_tokens).insert(refresh.clone(), s.creds.nextech_client_id.clone());
    let now = Utc::now().timestamp();
    let expires_in = s.expires_in();
    // Azure AD v1 sends the numbers as strings.
    json(
        StatusCode::OK,
        &json!({
            "token_type": "Bearer",
            "scope": "user_impersonation",
            "expires_in": expires_in.to_string(),
            "ext_expires_in": expires_in.to_string(),
            "expires_on": (now + i64::try_from(expires_in).unwrap_or(3600)).to_string(),
            "not_before": now.to_string(),
            "resource": s.creds.nextech_resource,
            "access_token": access,
            "refresh_token": refresh,
        }),
    )
}

// One branch per grant type, each a straight list of Azure AD checks.
#[allow(clippy::too_many_lines)]
pub async fn token(
    State(s): State<Arc<Shared>>,
    Path(tenant): Path<String>,
    body: Bytes,
) -> Response {
    if tenant != s.creds.nextech_tenant {
        return aad(
            StatusCode::BAD_REQUEST,
            "invalid_tenant",
            90002,
            &format!("Tenant '{tenant}' not found."),
        );
    }
    let f = parse_form(&body);
    if f.get("client_id") != Some(&s.creds.nextech_client_id) {
        return aad(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            700_016,
            "Application with the given identifier was not found in the directory.",
        );
    }
    if let Some(r) = f.get("resource")
        && *r != s.creds.nextech_resource
    {
        return aad(
            StatusCode::BAD_REQUEST,
            "invalid_resource",
            500_011,
            "The resource principal was not found in the tenant.",
        );
    }
    match f.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let Some(code) = f.get("code") else {
                return aad(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    900_144,
                    "The request body must contain the following parameter: 'code'.",
                );
            };
            // One use only: a replayed code finds nothing.
            let Some(grant) = lock(&s.auth_codes).remove(code) else {
                return aad(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    70008,
                    "The provided authorization code or refresh token has expired or was already used.",
                );
            };
            if Instant::now() > grant.expires {
                return aad(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    70008,
                    "The provided authorization code has expired.",
                );
            }
            if f.get("redirect_uri") != Some(&grant.redirect_uri) {
                return aad(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    50011,
                    "The redirect_uri does not match the one used to obtain the authorization code.",
                );
            }
            if let Some((challenge, _)) = grant.challenge {
                let Some(verifier) = f.get("code_verifier") else {
                    return aad(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        50148,
                        "The code_verifier is required because a code_challenge was supplied.",
                    );
                };
                let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
                if computed != challenge {
                    return aad(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        501_481,
                        "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
                    );
                }
            }
            let _ = grant.client_id;
            let _ = grant.resource;
            issue(&s)
        }
        Some("refresh_token") => {
            let known = f
                .get("refresh_token")
                .is_some_and(|r| lock(&s.refresh_tokens).contains_key(r));
            if !known {
                return aad(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    70008,
                    "The provided authorization code or refresh token has expired or was already used.",
                );
            }
            issue(&s)
        }
        _ => aad(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            70003,
            "The app requested an unsupported grant type.",
        ),
    }
}
