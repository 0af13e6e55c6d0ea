//! The sandbox's own admin API on loopback (and the same actions as functions for the Rust
//! handle): faults per vendor, rate limits and quotas, the moves tests need (take a slot,
//! fail the next insertion or submit, a patient entering the waiting room, register a Zoom
//! webhook, emit a CXone event) and the current state of any entity for convergence checks.
//!
//! Routes (all under `/admin`):
//! - `GET /admin` — the sandbox info (same JSON as the binary's line)
//! - `GET|PUT|DELETE /admin/faults/{vendor}` — a `FaultConfig` (camelCase JSON)
//! - `GET /admin/faults/{vendor}/stats`, `POST /admin/faults/{vendor}/expire-tokens`
//! - `PUT /admin/rate-limits/{vendor}` `{"perMinute": n|null}`, `PUT /admin/wellhive/quota` `{"quota": n}`
//! - `POST /admin/nexhealth/take-slot` `{"locationId","providerId","operatoryId"?,"startTime","minutes"?}`
//! - `POST /admin/nexhealth/fail-next-insertion` `{"reason"}`
//! - `POST /admin/wellhive/fail-next-submit` and `/fail-next-cancel` `{"error"}` (a spec error code)
//! - `POST /admin/zoom/webhooks` `{"url","secretToken","events"?}`, `POST /admin/zoom/visits/{id}/waiting`
//! - `POST /admin/cxone/events` `{"eventType","data"}`
//! - `GET /admin/state/{vendor}/{kind}/{id}`, `GET /admin/webhooks/deliveries`
//! - `POST /admin/patients/lapsed` — a patient only a search at the vendors finds (see `lapsed`)

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::error::SandboxError;
use crate::faults::FaultConfig;
use crate::handle::{SandboxInfo, TakeSlot};
use crate::http::json;
use crate::state::{Shared, lock};
use crate::vendors::{self, Vendor};
use crate::world::{Insertion, NexAppointment, ZoomWebhook};

pub fn set_wellhive_quota(s: &Shared, quota: u32) {
    *lock(&s.wellhive_quota) = quota;
    s.quotas.reset();
}

pub fn take_slot(s: &Shared, t: &TakeSlot) -> Result<u64, SandboxError> {
    let mut w = lock(&s.world);
    if w.location(t.location_id).is_none() {
        return Err(SandboxError::NotFound(format!(
            "location {}",
            t.location_id
        )));
    }
    if w.provider(t.provider_id).is_none() {
        return Err(SandboxError::NotFound(format!(
            "provider {}",
            t.provider_id
        )));
    }
    let id = w
        .nex_appointments
        .iter()
        .map(|a| a.id)
        .max()
        .unwrap_or(500_000)
        + 1;
    let now = Utc::now();
    let patient = w
        .nex_patients
        .iter()
        .find(|p| p.location_ids.contains(&t.location_id))
        .map(|p| p.id);
    w.nex_appointments.push(NexAppointment {
        id,
        patient_id: patient,
        provider_id: t.provider_id,
        location_id: t.location_id,
        operatory_id: t.operatory_id,
        appointment_type_id: None,
        start: t.start_time,
        end: t.start_time + Duration::minutes(i64::from(t.minutes.unwrap_or(30))),
        note: Some("Booked at another desk".into()),
        confirmed: true,
        cancelled: false,
        cancelled_at: None,
        unavailable: false,
        insertion: Insertion::Synced,
        foreign_id: Some(format!("{}", 70_000 + id)),
        created_at: now,
        updated_at: now,
    });
    Ok(id)
}

pub fn fail_next_insertion(s: &Shared, reason: &str) {
    lock(&s.world).nex_fail_next_insertion = Some(reason.to_string());
}

/// The spec's `Appointment.error` values; anything else would break the spec's enum.
pub const WELLHIVE_ERRORS: &[&str] = &[
    "conflict",
    "too-far-in-the-future",
    "already-canceled",
    "too-late-to-cancel",
    "bad-request",
    "internal-error",
];

fn wellhive_error(error: &str) -> Result<String, SandboxError> {
    if WELLHIVE_ERRORS.contains(&error) {
        Ok(error.to_string())
    } else {
        Err(SandboxError::InvalidOption(format!(
            "WellHive error must be one of {}",
            WELLHIVE_ERRORS.join(", ")
        )))
    }
}

pub fn fail_next_submit(s: &Shared, error: &str) -> Result<(), SandboxError> {
    lock(&s.world).wh_fail_next_submit = Some(wellhive_error(error)?);
    Ok(())
}

pub fn fail_next_cancel(s: &Shared, error: &str) -> Result<(), SandboxError> {
    lock(&s.world).wh_fail_next_cancel = Some(wellhive_error(error)?);
    Ok(())
}

pub fn register_zoom_webhook(s: &Shared, url: &str, secret_token: &str, events: Vec<String>) {
    lock(&s.world).zoom_webhooks.push(ZoomWebhook {
        url: url.into(),
        secret_token: secret_token.into(),
        events,
    });
}

pub fn patient_waiting(s: &Shared, visit_id: &str) -> Result<(), SandboxError> {
    let mut w = lock(&s.world);
    let v = w
        .zoom_visits
        .iter_mut()
        .find(|v| v.id == visit_id)
        .ok_or_else(|| SandboxError::NotFound(format!("visit {visit_id}")))?;
    v.status = "waiting".into();
    v.updated_at = Utc::now();
    let out = json!({"patient_id": v.patient_id, "visit_id": v.id, "provider_id": v.provider_id, "joined_at": crate::http::rfc3339(v.updated_at)});
    drop(w);
    vendors::zoom::webhooks::emit(s, "healthcare.patient.waiting", &out);
    Ok(())
}

pub fn entity(s: &Shared, vendor: Vendor, kind: &str, id: &str) -> Option<Value> {
    let w = lock(&s.world);
    let num = || id.parse::<u64>().ok();
    match (vendor, kind) {
        (Vendor::Cxone, "patient") => w.cx_patients.iter().find(|p| p.id == id).map(vendors::cxone::patient_json),
        (Vendor::Cxone, "appointment") => w.cx_appointments.iter().find(|a| a.id == id).map(vendors::cxone::appointment_json),
        (Vendor::Cxone, "callback") => w.cx_callbacks.iter().find(|c| c["id"] == id).cloned(),
        (Vendor::Cxone, "reminder") => w.cx_reminders.iter().find(|c| c["id"] == id).cloned(),
        (Vendor::Zoom, "visit") => w.zoom_visits.iter().find(|v| v.id == id).map(|v| vendors::zoom::visit_json(&s.origins.zoom, v)),
        (Vendor::Zoom, "patient") => w.zoom_patients.iter().find(|p| p.id == id).map(|p| vendors::zoom::patient_json(&w, p)),
        (Vendor::Zoom, "meeting") => w.zoom_meetings.iter().find(|m| Some(m.id) == num()).map(|m| json!({"id": m.id, "topic": m.topic, "settings": m.settings})),
        (Vendor::Nextech, "patient") => w.nextech_patients.iter().find(|p| Some(u64::from(p.patient_id)) == num()).map(|p| json!({"patientId": p.patient_id, "chartNumber": p.chart_number, "firstName": p.first, "lastName": p.last, "personMrn": w.people.get(p.person).map(|x| x.mrn.clone())})),
        (Vendor::Nexhealth, "appointment") => w.nex_appointments.iter().find(|a| Some(a.id) == num()).map(|a| vendors::nexhealth::appointment_json(&w, a)),
        (Vendor::Nexhealth, "patient") => w.nex_patients.iter().find(|p| Some(u64::from(p.id)) == num()).map(|p| vendors::nexhealth::patient_json(&w, p)),
        (Vendor::Wellhive, "appointment") => w.wh_appointments.iter().find(|a| a.id == id).map(vendors::wellhive::appointment_json),
        _ => None,
    }
}

fn vendor(v: &str) -> Result<Vendor, Response> {
    Vendor::parse(v).ok_or_else(|| {
        json(
            StatusCode::NOT_FOUND,
            &json!({"error": format!("unknown vendor {v}")}),
        )
    })
}

fn body_json(b: &Bytes) -> Result<Value, Response> {
    if b.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_slice(b)
        .map_err(|e| json(StatusCode::BAD_REQUEST, &json!({"error": e.to_string()})))
}

fn ok(v: &Value) -> Response {
    json(StatusCode::OK, v)
}

pub fn router(shared: Arc<Shared>, info: SandboxInfo) -> Router {
    let info = Arc::new(info);
    let api = Router::new()
        .route(
            "/",
            get(move || {
                let i = info.clone();
                async move { ok(&serde_json::to_value(&*i).unwrap_or_default()) }
            }),
        )
        .route(
            "/faults/{vendor}",
            get(get_faults).put(put_faults).delete(clear_faults),
        )
        .route("/faults/{vendor}/stats", get(fault_stats))
        .route("/faults/{vendor}/expire-tokens", post(expire_tokens))
        .route("/rate-limits/{vendor}", put(put_rate_limit))
        .route("/wellhive/quota", put(put_quota))
        .route("/nexhealth/take-slot", post(post_take_slot))
        .route("/nexhealth/fail-next-insertion", post(post_fail_insertion))
        .route("/wellhive/fail-next-submit", post(post_fail_submit))
        .route("/wellhive/fail-next-cancel", post(post_fail_cancel))
        .route("/zoom/webhooks", post(post_zoom_webhook))
        .route("/zoom/visits/{id}/waiting", post(post_waiting))
        .route("/cxone/events", post(post_cxone_event))
        .route("/state/{vendor}/{kind}/{id}", get(get_state))
        .route("/webhooks/deliveries", get(get_deliveries))
        .route("/patients/lapsed", post(post_lapsed_patient));
    Router::new().nest("/admin", api).with_state(shared)
}

async fn get_faults(
    State(s): State<Arc<Shared>>,
    Path(v): Path<String>,
) -> Result<Response, Response> {
    Ok(ok(
        &serde_json::to_value(s.faults.get(vendor(&v)?)).unwrap_or_default()
    ))
}

async fn put_faults(
    State(s): State<Arc<Shared>>,
    Path(v): Path<String>,
    b: Bytes,
) -> Result<Response, Response> {
    let v = vendor(&v)?;
    let cfg: FaultConfig = serde_json::from_slice(&b)
        .map_err(|e| json(StatusCode::BAD_REQUEST, &json!({"error": e.to_string()})))?;
    s.faults.set(v, cfg.clone());
    Ok(ok(&serde_json::to_value(cfg).unwrap_or_default()))
}

async fn clear_faults(
    State(s): State<Arc<Shared>>,
    Path(v): Path<String>,
) -> Result<Response, Response> {
    s.faults.set(vendor(&v)?, FaultConfig::default());
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn fault_stats(
    State(s): State<Arc<Shared>>,
    Path(v): Path<String>,
) -> Result<Response, Response> {
    Ok(ok(
        &serde_json::to_value(s.faults.stats(vendor(&v)?)).unwrap_or_default()
    ))
}

async fn expire_tokens(
    State(s): State<Arc<Shared>>,
    Path(v): Path<String>,
) -> Result<Response, Response> {
    s.tokens.expire_all(vendor(&v)?);
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn put_rate_limit(
    State(s): State<Arc<Shared>>,
    Path(v): Path<String>,
    b: Bytes,
) -> Result<Response, Response> {
    let v = vendor(&v)?;
    let body = body_json(&b)?;
    let n = body
        .get("perMinute")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok());
    s.set_rate_limit(v, n);
    Ok(ok(&json!({"vendor": v, "perMinute": n})))
}

async fn put_quota(State(s): State<Arc<Shared>>, b: Bytes) -> Result<Response, Response> {
    let body = body_json(&b)?;
    let q = body
        .get("quota")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| {
            json(
                StatusCode::BAD_REQUEST,
                &json!({"error": "quota is required"}),
            )
        })?;
    set_wellhive_quota(&s, q);
    Ok(ok(&json!({"quota": q})))
}

async fn post_take_slot(State(s): State<Arc<Shared>>, b: Bytes) -> Result<Response, Response> {
    let t: TakeSlot = serde_json::from_slice(&b)
        .map_err(|e| json(StatusCode::BAD_REQUEST, &json!({"error": e.to_string()})))?;
    let id = take_slot(&s, &t)
        .map_err(|e| json(StatusCode::NOT_FOUND, &json!({"error": e.to_string()})))?;
    Ok(json(StatusCode::CREATED, &json!({"appointmentId": id})))
}

async fn post_lapsed_patient(State(s): State<Arc<Shared>>, b: Bytes) -> Result<Response, Response> {
    let p: crate::lapsed::LapsedPatient = serde_json::from_slice(&b)
        .map_err(|e| json(StatusCode::BAD_REQUEST, &json!({"error": e.to_string()})))?;
    crate::lapsed::add(&s, &p)
        .map(|v| ok(&v))
        .map_err(|e| json(StatusCode::BAD_REQUEST, &json!({"error": e.to_string()})))
}

async fn post_fail_insertion(State(s): State<Arc<Shared>>, b: Bytes) -> Result<Response, Response> {
    let body = body_json(&b)?;
    let reason = body
        .get("reason")
        .and_then(Value::as_str)
        .unwrap_or("The EHR rejected the appointment");
    fail_next_insertion(&s, reason);
    Ok(ok(&json!({"reason": reason})))
}

async fn post_fail_submit(State(s): State<Arc<Shared>>, b: Bytes) -> Result<Response, Response> {
    let body = body_json(&b)?;
    let e = body
        .get("error")
        .and_then(Value::as_str)
        .unwrap_or("conflict");
    fail_next_submit(&s, e)
        .map_err(|err| json(StatusCode::BAD_REQUEST, &json!({"error": err.to_string()})))?;
    Ok(ok(&json!({"error": e})))
}

async fn post_fail_cancel(State(s): State<Arc<Shared>>, b: Bytes) -> Result<Response, Response> {
    let body = body_json(&b)?;
    let e = body
        .get("error")
        .and_then(Value::as_str)
        .unwrap_or("too-late-to-cancel");
    fail_next_cancel(&s, e)
        .map_err(|err| json(StatusCode::BAD_REQUEST, &json!({"error": err.to_string()})))?;
    Ok(ok(&json!({"error": e})))
}

async fn post_zoom_webhook(State(s): State<Arc<Shared>>, b: Bytes) -> Result<Response, Response> {
    let body = body_json(&b)?;
    let url = body.get("url").and_then(Value::as_str).ok_or_else(|| {
        json(
            StatusCode::BAD_REQUEST,
            &json!({"error": "url is required"}),
        )
    })?;
    let secret = body
        .get("secretToken")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            json(
                StatusCode::BAD_REQUEST,
                &json!({"error": "secretToken is required"}),
            )
        })?;
    let events = body
        .get("events")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    register_zoom_webhook(&s, url, secret, events);
    Ok(json(StatusCode::CREATED, &json!({"url": url})))
}

async fn post_waiting(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    patient_waiting(&s, &id)
        .map_err(|e| json(StatusCode::NOT_FOUND, &json!({"error": e.to_string()})))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn post_cxone_event(State(s): State<Arc<Shared>>, b: Bytes) -> Result<Response, Response> {
    let body = body_json(&b)?;
    let event = body
        .get("eventType")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            json(
                StatusCode::BAD_REQUEST,
                &json!({"error": "eventType is required"}),
            )
        })?;
    let hooks = lock(&s.world).cx_webhooks.clone();
    vendors::cxone::emit(
        &s,
        &hooks,
        event,
        &body.get("data").cloned().unwrap_or_else(|| json!({})),
    );
    Ok(StatusCode::ACCEPTED.into_response())
}

async fn get_state(
    State(s): State<Arc<Shared>>,
    Path((v, kind, id)): Path<(String, String, String)>,
) -> Result<Response, Response> {
    let v = vendor(&v)?;
    entity(&s, v, &kind, &id).map(|e| ok(&e)).ok_or_else(|| {
        json(
            StatusCode::NOT_FOUND,
            &json!({"error": format!("no {v} {kind} {id}")}),
        )
    })
}

async fn get_deliveries(State(s): State<Arc<Shared>>) -> Response {
    ok(&serde_json::to_value(s.webhooks.deliveries()).unwrap_or_default())
}
