//! WellHive's token endpoint: client credentials with a private-key JWT client assertion.
//! The assertion is verified against the client's registered public keys (RS256/RS384/RS512
//! with the RSA key, ES256 with the EC key): signature, `aud` = the token URL, `iss` = `sub`
//! = the client id, `exp` in the future but at most an hour ahead, `jti` not seen before.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use jsonwebtoken::{Algorithm, Validation, decode, decode_header};
use serde::Deserialize;
use serde_json::json;

use super::error::{error, oauth};
use crate::http::{bearer, json};
use crate::state::{Shared, lock};
use crate::tokens::TokenError;
use crate::vendors::{Vendor, parse_form};

pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

#[derive(Debug, Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    exp: i64,
    jti: Option<String>,
}

pub fn audience(s: &Shared) -> String {
    format!("{}{}", s.origins.wellhive, super::TOKEN_PATH)
}

fn invalid_client(description: &str) -> Response {
    oauth(StatusCode::UNAUTHORIZED, "invalid_client", description)
}

pub async fn token(State(s): State<Arc<Shared>>, body: Bytes) -> Response {
    let f = parse_form(&body);
    if f.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return oauth(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "The authorization grant type is not supported by the authorization server.",
        );
    }
    if f.get("scope").map(String::as_str) != Some("care-nav") {
        return oauth(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "The requested scope is invalid, unknown, or malformed.",
        );
    }
    if f.get("client_assertion_type").map(String::as_str) != Some(ASSERTION_TYPE) {
        return oauth(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer.",
        );
    }
    let Some(assertion) = f.get("client_assertion") else {
        return oauth(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The client_assertion is required.",
        );
    };
    let Ok(header) = decode_header(assertion) else {
        return invalid_client("The client_assertion is not a valid JWT.");
    };
    let key = match header.alg {
        Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 => &s.keys.rsa,
        Algorithm::ES256 => &s.keys.ec,
        _ => return invalid_client("The client_assertion uses an unsupported signing algorithm."),
    };
    let client_id = s.creds.wellhive_client_id.clone();
    let mut v = Validation::new(header.alg);
    v.set_audience(&[audience(&s)]);
    v.set_issuer(&[client_id.as_str()]);
    v.set_required_spec_claims(&["exp", "aud", "iss", "sub"]);
    v.leeway = 0;
    let claims = match decode::<Claims>(assertion, key, &v) {
        Ok(d) => d.claims,
        Err(e) => {
            use jsonwebtoken::errors::ErrorKind;
            let why = match e.kind() {
                ErrorKind::InvalidSignature => "The client_assertion signature is invalid.",
                ErrorKind::ExpiredSignature => "The client_assertion token is expired.",
                ErrorKind::InvalidAudience => {
                    "The audience claim for client_assertion must be the endpoint invoked for the request."
                }
                ErrorKind::InvalidIssuer => {
                    "The issuer claim for client_assertion must be the client_id."
                }
                ErrorKind::MissingRequiredClaim(_) => {
                    "The client_assertion is missing a required claim (aud, iss, sub, exp)."
                }
                _ => "The client_assertion is invalid.",
            };
            return invalid_client(why);
        }
    };
    if claims.sub != client_id || claims.iss != claims.sub {
        return invalid_client("The subject claim for client_assertion must be the client_id.");
    }
    let now = chrono::Utc::now().timestamp();
    if claims.exp > now + 3600 {
        return invalid_client(
            "The client_assertion token has an expiration too far into the future (at most one hour).",
        );
    }
    if let Some(jti) = &claims.jti {
        let mut seen = lock(&s.jti_seen);
        seen.retain(|_, exp| *exp > now);
        if seen.contains_key(jti) {
            return invalid_client(
                "The client_assertion token has already been used (jti replay).",
            );
        }
        seen.insert(jti.clone(), claims.exp);
    }
    let expires_in = s.expires_in().min(900);
    let lifetime = s
        .token_lifetime(Vendor::Wellhive)
        .min(Duration::from_secs(expires_in));
    let token = s
        .tokens
        .issue(Vendor::Wellhive, "wh.", vec!["care-nav".into()], lifetime);
    json(
        StatusCode::OK,
        &json!({"token_type": "Bearer", "expires_in": expires_in, "access_token": token, "scope": "care-nav"}),
    )
}

pub fn require(s: &Shared, headers: &HeaderMap) -> Result<(), Response> {
    match s.tokens.check(Vendor::Wellhive, bearer(headers).as_deref()) {
        Ok(_) => Ok(()),
        Err(TokenError::Expired) => Err(error(
            StatusCode::UNAUTHORIZED,
            "the access token has expired",
        )),
        Err(TokenError::Missing) => Err(error(
            StatusCode::UNAUTHORIZED,
            "a bearer access token is required",
        )),
        Err(TokenError::Invalid) => Err(error(
            StatusCode::UNAUTHORIZED,
            "the access token is invalid",
        )),
    }
}

/// One use of a quota'd action; past the quota, 429 with `Retry-After`.
pub fn quota(s: &Shared, action: &str) -> Result<(), Response> {
    let limit = *lock(&s.wellhive_quota);
    let v = s.quotas.hit(&format!("wellhive:{action}"), limit);
    if v.allowed {
        return Ok(());
    }
    let mut r = error(
        StatusCode::TOO_MANY_REQUESTS,
        &format!("utilization quota exceeded for {action}"),
    );
    if let Ok(h) = axum::http::HeaderValue::from_str(&v.retry_after.to_string()) {
        r.headers_mut().insert("retry-after", h);
    }
    Err(r)
}
