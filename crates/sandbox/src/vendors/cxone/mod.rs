//! NICE CXone Healthcare Integration API, from `vendor-docs/cxone-healthcare.md` (no published
//! spec exists): client-credentials tokens, patients, appointments, callbacks, reminders,
//! contact history, IVR, webhooks; offset/limit paging; per-plan rate limits.

mod appointments;
pub mod auth;
pub mod error;
mod integrations;
mod patients;
mod webhooks;

use std::sync::Arc;

use axum::Router;
use axum::routing::{delete, get, post};

use crate::state::Shared;

pub const BASE: &str = "/healthcare/v1";

pub fn router() -> Router<Arc<Shared>> {
    let api = Router::new()
        .route("/patients", get(patients::search))
        .route("/patients/{id}", get(patients::show))
        .route(
            "/patients/{id}/appointments",
            get(appointments::for_patient),
        )
        .route("/appointments", post(appointments::create))
        .route(
            "/integrations/cxone/callbacks",
            post(integrations::callback),
        )
        .route(
            "/integrations/cxone/reminders",
            post(integrations::reminder),
        )
        .route(
            "/integrations/cxone/patients/{id}/contacts",
            get(integrations::contacts),
        )
        .route(
            "/integrations/cxone/ivr/templates",
            get(integrations::ivr_templates),
        )
        .route(
            "/integrations/cxone/ivr/flows",
            post(integrations::ivr_flow),
        )
        .route("/webhooks", post(webhooks::register).get(webhooks::list))
        .route("/webhooks/{id}", delete(webhooks::remove));
    Router::new()
        .route("/oauth/token", post(auth::token))
        .nest(BASE, api)
}

pub use appointments::appointment_json;
pub use patients::patient_json;
pub use webhooks::emit;
