//! NexHealth Synchronizer API: the current API from the published spec (`Nex-Api-Version`
//! header, cursor paging, `/available_slots`, `/working_hours`) and the doc's older
//! `version=2` names (`Accept: application/vnd.Nexhealth+json;version=2`, page/per_page,
//! `/appointment_slots`, `/availabilities`). Bookings are asynchronous: accepted, then
//! inserted into the EHR (or failed) after a delay, observable by polling and by webhook.

mod appointments;
mod auth;
mod directory;
mod entities;
pub mod error;
mod hours;
mod params;
mod patients;
mod slots;
pub mod webhooks;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, patch, post};

use crate::state::Shared;

pub fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/authenticates", post(auth::authenticate))
        .route("/locations", get(directory::locations))
        .route("/locations/{id}", get(directory::location))
        .route("/providers", get(directory::providers))
        .route("/providers/{id}", get(directory::provider))
        .route("/operatories", get(directory::operatories))
        .route("/operatories/{id}", get(directory::operatory))
        .route(
            "/appointment_types",
            get(directory::appointment_types).post(directory::create_appointment_type),
        )
        .route("/appointment_types/{id}", get(directory::appointment_type))
        .route("/patients", get(patients::list).post(patients::create))
        .route("/patients/{id}", get(patients::show))
        .route(
            "/appointments",
            get(appointments::list).post(appointments::create),
        )
        .route(
            "/appointments/{id}",
            get(appointments::show).patch(appointments::update),
        )
        .route("/available_slots", get(slots::available_slots))
        .route("/appointment_slots", get(slots::appointment_slots))
        .route(
            "/working_hours",
            get(hours::list_hours).post(hours::create_hours),
        )
        .route(
            "/working_hours/{id}",
            get(hours::show_hours)
                .patch(hours::update_hours)
                .delete(hours::delete_hours),
        )
        .route(
            "/availabilities",
            get(hours::list_availabilities).post(hours::create_availability),
        )
        .route(
            "/webhook_endpoints",
            get(webhooks::list_endpoints).post(webhooks::create_endpoint),
        )
        .route(
            "/webhook_endpoints/{id}",
            patch(webhooks::update_endpoint).delete(webhooks::delete_endpoint),
        )
        .route(
            "/webhook_endpoints/{id}/webhook_subscriptions",
            get(webhooks::list_subscriptions).post(webhooks::create_subscription),
        )
        .route(
            "/webhook_endpoints/{id}/webhook_subscriptions/{sub}",
            patch(webhooks::update_subscription).delete(webhooks::delete_subscription),
        )
}

pub use entities::{appointment as appointment_json, patient as patient_json};
