//! Nextech EHR API, from `vendor-docs/nextech-ehr.md` (no published spec): Azure AD style
//! OAuth 2.0 authorization code flow with PKCE and refresh tokens, the practice header on
//! every call, patient search by `term`, encounters with CCD HTML.

mod api;
pub mod error;
mod oauth;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use crate::state::Shared;

pub const BASE: &str = "/ehr/api";

pub fn router() -> Router<Arc<Shared>> {
    let api = Router::new()
        .route("/search", get(api::search))
        .route("/encounters/categories", get(api::categories))
        .route("/{patient_id}/encounters", get(api::encounters))
        .route("/{patient_id}/encounters/search", get(api::encounters))
        .route("/{patient_id}/encounter", get(api::encounters));
    Router::new()
        .route("/{tenant}/oauth2/authorize", get(oauth::authorize))
        .route("/{tenant}/oauth2/token", post(oauth::token))
        .nest(BASE, api)
}
