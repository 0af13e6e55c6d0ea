//! CXone webhooks: registration (`POST /webhooks`, plus list and delete) and delivery of the
//! documented payload `{eventId, eventType, timestamp, data}`. The doc says a secret is
//! registered but not how it is used; the sandbox signs the raw body with HMAC-SHA256 and
//! sends it as `X-CXone-Signature: sha256=<hex>` (see NOTES.md).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use serde_json::{Value, json};

use super::auth::{READ, WRITE, require};
use super::error::{bad, not_found};
use crate::http::{json, rfc3339};
use crate::state::{Shared, lock};
use crate::vendors::{Vendor, parse_body};
use crate::webhooks::hmac_sha256_hex;
use crate::world::CxWebhook;

pub const EVENTS: &[&str] = &[
    "appointment.created",
    "appointment.canceled",
    "patient.updated",
    "contact.completed",
];

fn webhook_json(w: &CxWebhook) -> Value {
    json!({"id": w.id, "url": w.url, "events": w.events, "description": w.description, "status": "active", "createdAt": rfc3339(w.created_at)})
}

pub async fn register(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let body = parse_body(&body).map_err(|e| bad("Invalid request body", &e))?;
    let url = body
        .get("url")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("Invalid parameter: url", "url is required"))?;
    if url::Url::parse(url).map_or(true, |u| !matches!(u.scheme(), "http" | "https")) {
        return Err(bad(
            "Invalid parameter: url",
            "url must be an absolute http(s) URL",
        ));
    }
    let events: Vec<String> = body
        .get("events")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if events.is_empty() {
        return Err(bad(
            "Invalid parameter: events",
            "events must be a non-empty array",
        ));
    }
    if let Some(bad_event) = events.iter().find(|e| !EVENTS.contains(&e.as_str())) {
        return Err(bad(
            "Invalid parameter: events",
            &format!("unknown event {bad_event}; known: {}", EVENTS.join(", ")),
        ));
    }
    let mut world = lock(&s.world);
    let hook = CxWebhook {
        id: format!("webhook-{}", world.mint()),
        url: url.into(),
        events,
        description: body
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        secret: body
            .get("secret")
            .and_then(Value::as_str)
            .map(str::to_string),
        created_at: Utc::now(),
    };
    world.cx_webhooks.push(hook.clone());
    Ok(json(StatusCode::CREATED, &webhook_json(&hook)))
}

pub async fn list(State(s): State<Arc<Shared>>, headers: HeaderMap) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    let world = lock(&s.world);
    let data: Vec<Value> = world.cx_webhooks.iter().map(webhook_json).collect();
    Ok(json(StatusCode::OK, &json!({"data": data})))
}

pub async fn remove(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let mut world = lock(&s.world);
    let before = world.cx_webhooks.len();
    world.cx_webhooks.retain(|w| w.id != id);
    if world.cx_webhooks.len() == before {
        return Err(not_found(&format!("webhook {id}")));
    }
    Ok(axum::response::IntoResponse::into_response(
        StatusCode::NO_CONTENT,
    ))
}

/// Sends `eventType` with `data` to every webhook registered for it.
pub fn emit(s: &Shared, hooks: &[CxWebhook], event: &str, data: &Value) {
    for h in hooks.iter().filter(|h| h.events.iter().any(|e| e == event)) {
        let event_id = format!("evt-{}", &crate::tokens::random_token("")[..12]);
        let payload = json!({"eventId": event_id, "eventType": event, "timestamp": rfc3339(Utc::now()), "data": data});
        let body = serde_json::to_vec(&payload).unwrap_or_default();
        let mut headers = vec![
            ("x-cxone-event".to_string(), event.to_string()),
            ("x-cxone-delivery".to_string(), event_id),
        ];
        if let Some(secret) = &h.secret {
            headers.push((
                "x-cxone-signature".to_string(),
                format!("sha256={}", hmac_sha256_hex(secret, &body)),
            ));
        }
        s.webhooks.send(Vendor::Cxone, event, &h.url, body, headers);
    }
}
