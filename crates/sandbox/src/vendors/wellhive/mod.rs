//! WellHive Care Navigation API, from its published OpenAPI 3 spec (17 paths under
//! `/care-navigation/v1/`) plus the doc's token endpoint (private-key JWT client assertion)
//! and `/referrals` (named in the doc, absent from the spec). `nextToken` paging, per-action
//! utilization quotas, asynchronous submit and cancel, `x-wellhive-trace-id` on every answer.

mod appointments;
pub mod auth;
mod booking;
mod catalog;
pub mod error;
mod referrals;
mod services;
mod slots;

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};

use crate::state::Shared;

pub const BASE: &str = "/care-navigation/v1";
pub const TOKEN_PATH: &str = "/oauth2/default/v1/token";

pub fn router() -> Router<Arc<Shared>> {
    let api = Router::new()
        .route(
            "/appointments",
            get(appointments::search).post(appointments::create),
        )
        .route("/appointments/{id}", get(appointments::show))
        .route("/appointments/{id}/submit", post(booking::submit))
        .route("/appointments/{id}/cancel", post(booking::cancel))
        .route(
            "/appointments/{id}/cancel-reasons",
            get(appointments::cancel_reasons),
        )
        .route("/drive-times", post(services::drive_times))
        .route("/networks", get(catalog::networks))
        .route("/networks/{id}", get(catalog::network))
        .route("/provider-organizations", get(catalog::organizations))
        .route("/provider-services", get(services::services))
        .route("/provider-services/{id}", get(services::service))
        .route("/provider-services/{id}/slots", get(slots::slots))
        .route("/provider-services/{id}/slots/{slot}", get(slots::slot))
        .route("/specialties", get(catalog::specialties))
        .route("/specialties/{id}", get(catalog::specialty))
        .route("/specialty-groups", get(catalog::specialty_groups))
        .route("/specialty-groups/{id}", get(catalog::specialty_group))
        .route("/referrals", get(referrals::search))
        .route("/referrals/{id}", get(referrals::show));
    Router::new()
        .route(TOKEN_PATH, post(auth::token))
        .nest(BASE, api)
}

/// Every WellHive answer, success or error, carries a trace id for support.
pub async fn trace_layer(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()) {
        resp.headers_mut().insert("x-wellhive-trace-id", v);
    }
    resp
}

pub use appointments::appointment_json;
