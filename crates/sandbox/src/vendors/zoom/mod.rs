//! Zoom: the Healthcare API of `vendor-docs/zoom-healthcare.md` (visits, patients, waiting
//! room, providers) and, from the published Meeting API spec, `POST /users/{userId}/meetings`
//! and `GET`/`DELETE /meetings/{meetingId}`. Server-to-server OAuth (account credentials).
//! Join and start links point back at this sandbox so the demo never leaves loopback.

pub mod auth;
pub mod error;
mod healthcare;
mod meetings;
mod patients;
pub mod webhooks;

use std::sync::Arc;

use axum::Router;
use axum::extract::Path;
use axum::response::Html;
use axum::routing::{get, post};

use crate::state::Shared;

pub fn router() -> Router<Arc<Shared>> {
    let api = Router::new()
        .route(
            "/healthcare/visits",
            post(healthcare::create).get(healthcare::list),
        )
        .route(
            "/healthcare/visits/{id}",
            get(healthcare::show)
                .patch(healthcare::update)
                .delete(healthcare::cancel),
        )
        .route("/healthcare/patients", post(patients::create))
        .route(
            "/healthcare/patients/{id}",
            get(patients::show).patch(patients::update),
        )
        .route("/healthcare/patients/{id}/invite", post(patients::invite))
        .route("/healthcare/waiting_room", get(healthcare::waiting_room))
        .route(
            "/healthcare/waiting_room/{id}/admit",
            post(healthcare::admit),
        )
        .route(
            "/healthcare/waiting_room/{id}/notify",
            post(healthcare::notify),
        )
        .route("/healthcare/providers", get(patients::providers))
        .route(
            "/healthcare/providers/{id}/availability",
            get(patients::availability).patch(patients::set_availability),
        )
        .route("/users/{user}/meetings", post(meetings::create))
        .route(
            "/meetings/{id}",
            get(meetings::show).delete(meetings::remove),
        );
    Router::new()
        .route("/oauth/token", post(auth::token))
        .route("/j/{id}", get(join_page))
        .route("/s/{id}", get(start_page))
        .nest("/v2", api)
}

async fn join_page(Path(id): Path<String>) -> Html<String> {
    Html(format!(
        "<!doctype html><title>Sandbox Zoom</title><h1>Sandbox video visit {}</h1><p>Joined as patient. This page stands in for the Zoom client.</p>",
        html_escape(&id)
    ))
}

async fn start_page(Path(id): Path<String>) -> Html<String> {
    Html(format!(
        "<!doctype html><title>Sandbox Zoom</title><h1>Sandbox video visit {}</h1><p>Started as host. This page stands in for the Zoom client.</p>",
        html_escape(&id)
    ))
}

fn html_escape(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

pub use healthcare::visit_json;
pub use patients::patient_json;
