//! The HTTP side: `POST /webhooks/{cxone|zoom|nexhealth}` takes a delivery, checks it, reads it
//! and applies it; `GET /webhooks/health` says this is a Frontdesk receiver (and which one),
//! for the reachability check before a subscription is registered. Answers: 200 applied (or
//! a duplicate, or nothing to apply), 400 unreadable, 401 unsigned/forged/stale, 404 unknown
//! vendor, 503 when the cache or the vendor fetch failed (the vendor retries). Nothing here
//! logs a body.

use crate::webhooks::apply::{Applier, Outcome};
use crate::webhooks::parse::{Parsed, parse};
use crate::webhooks::status::Activity;
use crate::webhooks::verify::{Rejection, check_fresh, hmac_hex, verify};
use crate::webhooks::{Notify, secret_name};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use frontdesk_core::Vendor;
use frontdesk_core::ports::SecretStore;
use serde_json::json;
use std::sync::Arc;

pub struct Shared {
    pub applier: Applier,
    pub secrets: Arc<dyn SecretStore>,
    pub activity: Arc<Activity>,
    pub instance: String,
    pub notify: Notify,
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/webhooks/health", get(health))
        .route("/webhooks/{vendor}", post(deliver))
        .with_state(shared)
}

async fn health(State(s): State<Arc<Shared>>) -> Response {
    axum::Json(json!({"receiver": "frontdesk", "instance": s.instance})).into_response()
}

fn vendor_of(path: &str) -> Option<Vendor> {
    match path {
        "cxone" => Some(Vendor::Cxone),
        "zoom" => Some(Vendor::Zoom),
        "nexhealth" => Some(Vendor::Nexhealth),
        _ => None,
    }
}

fn refuse(s: &Shared, vendor: Vendor, why: Rejection) -> Response {
    tracing::warn!(vendor = %vendor.key(), reason = why.as_str(), "webhook_rejected");
    s.activity.rejected(vendor, why.as_str());
    let status = match why {
        Rejection::Malformed => StatusCode::BAD_REQUEST,
        Rejection::NoSecret => StatusCode::SERVICE_UNAVAILABLE,
        Rejection::Unsigned | Rejection::BadSignature | Rejection::Stale => {
            StatusCode::UNAUTHORIZED
        }
    };
    (status, axum::Json(json!({"error": why.as_str()}))).into_response()
}

async fn deliver(
    State(s): State<Arc<Shared>>,
    Path(vendor): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(vendor) = vendor_of(&vendor) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let secret = secret_name(vendor).and_then(|name| s.secrets.get(name).ok().flatten());
    let Some(secret) = secret.filter(|v| !v.is_empty()) else {
        return refuse(&s, vendor, Rejection::NoSecret);
    };
    let lookup = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let now = Utc::now();
    if let Err(why) = verify(vendor, &secret, &lookup, &body, now) {
        return refuse(&s, vendor, why);
    }
    let event = match parse(vendor, &body) {
        Ok(Parsed::Validation(v)) => {
            s.activity.accepted(vendor, "endpoint.url_validation");
            let encrypted = hmac_hex(&secret, &[v.plain_token.as_bytes()]);
            return axum::Json(json!({"plainToken": v.plain_token, "encryptedToken": encrypted}))
                .into_response();
        }
        Ok(Parsed::Event(e)) => e,
        Err(_) => return refuse(&s, vendor, Rejection::Malformed),
    };
    if let Some(when) = event.time
        && let Err(why) = check_fresh(when, now)
    {
        return refuse(&s, vendor, why);
    }
    let name = event.name.clone();
    match s.applier.apply(vendor, event).await {
        Ok(outcome) => {
            let word = match outcome {
                Outcome::Applied => "applied",
                Outcome::Duplicate => "duplicate",
                Outcome::Ignored => "ignored",
            };
            tracing::info!(vendor = %vendor.key(), event = %name, outcome = word, "webhook_received");
            s.activity.accepted(vendor, &name);
            if outcome == Outcome::Applied {
                (s.notify)(vendor);
            }
            axum::Json(json!({"status": word})).into_response()
        }
        Err(e) => {
            tracing::warn!(vendor = %vendor.key(), event = %name, kind = ?e.kind(), "webhook_apply_failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(json!({"error": "not applied; retry later"})),
            )
                .into_response()
        }
    }
}
