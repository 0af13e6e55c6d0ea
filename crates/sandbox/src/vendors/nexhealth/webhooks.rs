//! NexHealth webhook endpoints and their subscriptions (spec: `/webhook_endpoints`,
//! `/webhook_endpoints/{id}/webhook_subscriptions`), and delivery. Each endpoint gets a
//! `secret_key`; deliveries are signed with HMAC-SHA256 of the raw body under it, sent as
//! `X-NexHealth-Signature: <hex>` (the spec names no header; see NOTES.md).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Value, json};

use super::error::VND;
use super::params::{Ctx, Version, ctx, json_ct};
use crate::http::rfc3339_millis;
use crate::state::{Shared, lock};
use crate::tokens::random_token;
use crate::vendors::{Vendor, parse_body};
use crate::webhooks::hmac_sha256_hex;
use crate::world::{NexSubscription, NexWebhookEndpoint};

const RESOURCES: &[&str] = &[
    "Adjustment",
    "AdjustmentType",
    "Appointment",
    "Charge",
    "Claim",
    "Document",
    "FeeSchedule",
    "FormResponse",
    "Message",
    "Onboarding",
    "Patient",
    "PatientInsuranceCoverage",
    "Payment",
    "PaymentType",
    "Procedure",
    "ProcedureCode",
    "SyncStatus",
    "TreatmentPlan",
];
const EVENTS: &[&str] = &[
    "appointment_insertion",
    "appointment_created",
    "appointment_updated",
    "appointment_requested",
    "patient_created",
    "patient_updated",
    "sync_status_read_change",
    "sync_status_write_change",
];

fn endpoint_json(e: &NexWebhookEndpoint) -> Value {
    json!({"id": e.id, "target_url": e.target_url, "secret_key": e.secret_key, "active": e.active, "created_at": rfc3339_millis(e.created_at), "updated_at": rfc3339_millis(e.updated_at)})
}

fn subscription_json(institution: u32, x: &NexSubscription) -> Value {
    json!({"id": x.id, "webhook_endpoint_id": x.endpoint_id, "institution_id": institution, "resource_type": x.resource_type, "event": x.event, "active": x.active, "created_at": rfc3339_millis(x.created_at), "updated_at": rfc3339_millis(x.updated_at)})
}

fn endpoint_id(c: &Ctx, raw: &str) -> Result<u32, Response> {
    raw.parse().map_err(|_| c.bad("id is invalid"))
}

fn target(c: &Ctx, v: Option<&Value>) -> Result<String, Response> {
    let url = v
        .and_then(Value::as_str)
        .ok_or_else(|| c.bad("target_url is missing"))?;
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(url.to_string()),
        _ => Err(c.bad("target_url is invalid")),
    }
}

pub async fn list_endpoints(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, false, VND)?;
    let active = c.boolean("active")?;
    let w = lock(&s.world);
    let data: Vec<Value> = w
        .nex_endpoints
        .iter()
        .filter(|e| active.is_none_or(|a| e.active == a))
        .map(endpoint_json)
        .collect();
    let n = data.len();
    Ok(c.ok(StatusCode::OK, json!(data), Some(("count", json!(n)))))
}

pub async fn create_endpoint(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, false, VND)?;
    let body = parse_body(&body).map_err(|e| c.bad(&e))?;
    let url = target(&c, body.get("target_url"))?;
    let mut w = lock(&s.world);
    let now = Utc::now();
    let e = NexWebhookEndpoint {
        id: w.nex_endpoints.iter().map(|e| e.id).max().unwrap_or(0) + 1,
        target_url: url,
        secret_key: random_token("whsec_"),
        active: body.get("active").and_then(Value::as_bool).unwrap_or(true),
        created_at: now,
        updated_at: now,
    };
    w.nex_endpoints.push(e.clone());
    Ok(c.ok(
        StatusCode::CREATED,
        endpoint_json(&e),
        Some(("count", json!(1))),
    ))
}

pub async fn update_endpoint(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, false, VND)?;
    let id = endpoint_id(&c, &id)?;
    let body = parse_body(&body).map_err(|e| c.bad(&e))?;
    let url = body
        .get("target_url")
        .map(|v| target(&c, Some(v)))
        .transpose()?;
    let mut w = lock(&s.world);
    let e = w
        .nex_endpoints
        .iter_mut()
        .find(|e| e.id == id)
        .ok_or_else(|| {
            c.err(
                StatusCode::NOT_FOUND,
                &format!("Webhook endpoint {id} not found"),
            )
        })?;
    if let Some(u) = url {
        e.target_url = u;
    }
    if let Some(a) = body.get("active").and_then(Value::as_bool) {
        e.active = a;
    }
    e.updated_at = Utc::now();
    let out = endpoint_json(e);
    Ok(c.ok(StatusCode::OK, out, Some(("count", json!(1)))))
}

pub async fn delete_endpoint(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, false, VND)?;
    let id = endpoint_id(&c, &id)?;
    let mut w = lock(&s.world);
    let before = w.nex_endpoints.len();
    w.nex_endpoints.retain(|e| e.id != id);
    if before == w.nex_endpoints.len() {
        return Err(c.err(
            StatusCode::NOT_FOUND,
            &format!("Webhook endpoint {id} not found"),
        ));
    }
    w.nex_subscriptions.retain(|x| x.endpoint_id != id);
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn list_subscriptions(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, false, json_ct())?;
    let id = endpoint_id(&c, &id)?;
    let w = lock(&s.world);
    if !w.nex_endpoints.iter().any(|e| e.id == id) {
        return Err(c.err(
            StatusCode::NOT_FOUND,
            &format!("Webhook endpoint {id} not found"),
        ));
    }
    let data: Vec<Value> = w
        .nex_subscriptions
        .iter()
        .filter(|x| x.endpoint_id == id)
        .filter(|x| c.get("resource_type").is_none_or(|r| x.resource_type == r))
        .filter(|x| c.get("event").is_none_or(|e| x.event == e))
        .map(|x| subscription_json(w.institution_id, x))
        .collect();
    let n = data.len();
    Ok(c.ok(StatusCode::OK, json!(data), Some(("count", json!(n)))))
}

pub async fn create_subscription(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let id = endpoint_id(&c, &id)?;
    let body = parse_body(&body).map_err(|e| c.bad(&e))?;
    let resource = body
        .get("resource_type")
        .and_then(Value::as_str)
        .filter(|r| RESOURCES.contains(r))
        .ok_or_else(|| c.bad("resource_type is missing or does not have a valid value"))?;
    let event = body
        .get("event")
        .and_then(Value::as_str)
        .ok_or_else(|| c.bad("event is missing"))?;
    if !EVENTS.contains(&event) && !event.contains('_') {
        return Err(c.bad("event does not have a valid value"));
    }
    let mut w = lock(&s.world);
    if !w.nex_endpoints.iter().any(|e| e.id == id) {
        return Err(c.err(
            StatusCode::NOT_FOUND,
            &format!("Webhook endpoint {id} not found"),
        ));
    }
    let now = Utc::now();
    let x = NexSubscription {
        id: w.nex_subscriptions.iter().map(|x| x.id).max().unwrap_or(0) + 1,
        endpoint_id: id,
        resource_type: resource.into(),
        event: event.into(),
        active: body.get("active").and_then(Value::as_bool).unwrap_or(true),
        created_at: now,
        updated_at: now,
    };
    w.nex_subscriptions.push(x.clone());
    Ok(c.ok(
        StatusCode::CREATED,
        subscription_json(w.institution_id, &x),
        Some(("count", json!(1))),
    ))
}

pub async fn update_subscription(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path((id, sub)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let id = endpoint_id(&c, &id)?;
    let sub: u32 = sub
        .parse()
        .map_err(|_| c.bad("subscription_id is invalid"))?;
    let body = parse_body(&body).map_err(|e| c.bad(&e))?;
    let mut w = lock(&s.world);
    let institution = w.institution_id;
    let x = w
        .nex_subscriptions
        .iter_mut()
        .find(|x| x.id == sub && x.endpoint_id == id)
        .ok_or_else(|| {
            c.err(
                StatusCode::NOT_FOUND,
                &format!("Webhook subscription {sub} not found"),
            )
        })?;
    if let Some(a) = body.get("active").and_then(Value::as_bool) {
        x.active = a;
    }
    x.updated_at = Utc::now();
    let out = subscription_json(institution, x);
    Ok(c.ok(StatusCode::OK, out, Some(("count", json!(1)))))
}

pub async fn delete_subscription(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path((id, sub)): Path<(String, String)>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, false, json_ct())?;
    let id = endpoint_id(&c, &id)?;
    let sub: u32 = sub
        .parse()
        .map_err(|_| c.bad("subscription_id is invalid"))?;
    let mut w = lock(&s.world);
    let before = w.nex_subscriptions.len();
    w.nex_subscriptions
        .retain(|x| !(x.id == sub && x.endpoint_id == id));
    if before == w.nex_subscriptions.len() {
        return Err(c.err(
            StatusCode::NOT_FOUND,
            &format!("Webhook subscription {sub} not found"),
        ));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Delivers `event_name` to every active endpoint subscribed to `event`.
pub fn emit(s: &Shared, event: &str, event_name: &str, data: &Value) {
    let (targets, subdomain, institution) = {
        let w = lock(&s.world);
        let t: Vec<NexWebhookEndpoint> = w
            .nex_endpoints
            .iter()
            .filter(|e| {
                e.active
                    && w.nex_subscriptions
                        .iter()
                        .any(|x| x.active && x.endpoint_id == e.id && x.event == event)
            })
            .cloned()
            .collect();
        (t, w.subdomain.clone(), w.institution_id)
    };
    for e in targets {
        let delivery = crate::tokens::random_token("")[..8].to_string();
        let payload = json!({
            "resource_type": "Appointment",
            "event_name": event_name,
            "event_time": rfc3339_millis(Utc::now()),
            "delivery_id": delivery,
            "subdomain": subdomain,
            "institution_id": institution,
            "data": data,
        });
        let body = serde_json::to_vec(&payload).unwrap_or_default();
        let headers = vec![
            (
                "x-nexhealth-signature".to_string(),
                hmac_sha256_hex(&e.secret_key, &body),
            ),
            ("x-nexhealth-event".to_string(), event_name.to_string()),
        ];
        s.webhooks
            .send(Vendor::Nexhealth, event_name, &e.target_url, body, headers);
    }
}
