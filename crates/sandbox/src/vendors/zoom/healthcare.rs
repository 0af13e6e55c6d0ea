//! Zoom Healthcare virtual visits and the waiting room. Visits list with Zoom's usual
//! `page_size`/`next_page_token` paging (the doc gives no paging of its own).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use rand::Rng;
use serde_json::{Value, json};

use super::auth::require;
use super::error::{bad, not_found};
use super::webhooks::emit;
use crate::http::{json, rfc3339};
use crate::paging::truncate;
use crate::state::{Shared, lock};
use crate::vendors::{Vendor, parse_body, parse_date, parse_instant};
use crate::world::ZoomVisit;

pub const READ: &str = "healthcare:read";
pub const WRITE: &str = "healthcare:write";
pub const VISIT_TYPES: &[&str] = &[
    "initial_consultation",
    "follow_up",
    "urgent_care",
    "mental_health",
    "group_therapy",
    "specialist_consult",
];
pub const STATUSES: &[&str] = &[
    "scheduled",
    "waiting",
    "in_progress",
    "completed",
    "cancelled",
    "no_show",
];

pub fn visit_json(origin: &str, v: &ZoomVisit) -> Value {
    json!({
        "id": v.id,
        "patient_id": v.patient_id,
        "provider_id": v.provider_id,
        "scheduled_time": rfc3339(v.scheduled),
        "duration_minutes": v.duration,
        "visit_type": v.visit_type,
        "reason": v.reason,
        "status": v.status,
        "join_url_patient": format!("{origin}/j/{}?pwd={}", v.meeting_id, v.pwd),
        "join_url_provider": format!("{origin}/s/{}?pwd={}", v.meeting_id, v.pwd),
        "settings": v.settings,
        "notifications": v.notifications,
        "created_at": rfc3339(v.created_at),
        "updated_at": rfc3339(v.updated_at),
    })
}

fn check_settings(settings: &Value) -> Result<(), Response> {
    if settings.get("waiting_room").and_then(Value::as_bool) == Some(false) {
        return Err(bad(
            "settings.waiting_room must be true: HIPAA-compliant visits always use a waiting room.",
        ));
    }
    if settings.get("recording").and_then(Value::as_bool) == Some(true) {
        return Err(bad(
            "settings.recording is not allowed without documented patient consent.",
        ));
    }
    Ok(())
}

pub async fn create(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let body = parse_body(&body).map_err(|e| bad(&e))?;
    let field = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    };
    let patient_id = field("patient_id").ok_or_else(|| bad("patient_id is required."))?;
    let provider_id = field("provider_id").ok_or_else(|| bad("provider_id is required."))?;
    let when =
        parse_instant(field("scheduled_time").ok_or_else(|| bad("scheduled_time is required."))?)
            .ok_or_else(|| bad("scheduled_time must be an ISO 8601 date-time."))?;
    let duration = body
        .get("duration_minutes")
        .and_then(Value::as_u64)
        .unwrap_or(30);
    if !(5..=480).contains(&duration) {
        return Err(bad("duration_minutes must be between 5 and 480."));
    }
    let visit_type = field("visit_type").unwrap_or("follow_up");
    if !VISIT_TYPES.contains(&visit_type) {
        return Err(bad(&format!(
            "visit_type must be one of {}.",
            VISIT_TYPES.join(", ")
        )));
    }
    let mut settings = crate::seed::hipaa_settings();
    if let Some(given) = body.get("settings").and_then(Value::as_object) {
        for (k, v) in given {
            settings[k] = v.clone();
        }
    }
    check_settings(&settings)?;
    let mut world = lock(&s.world);
    if !world.zoom_patients.iter().any(|p| p.id == patient_id) {
        return Err(not_found(1001, &format!("Patient {patient_id} not found.")));
    }
    if !world
        .providers
        .iter()
        .any(|p| p.zoom_id == provider_id && p.telehealth)
    {
        return Err(not_found(
            1001,
            &format!("Provider {provider_id} not found or not enabled for telehealth."),
        ));
    }
    let now = Utc::now();
    let mut rng = rand::rng();
    let visit = ZoomVisit {
        id: format!("visit_{:010x}", rng.random_range(0..0xff_ffff_ffffu64)),
        patient_id: patient_id.into(),
        provider_id: provider_id.into(),
        scheduled: when,
        duration: u32::try_from(duration).unwrap_or(30),
        visit_type: visit_type.into(),
        reason: field("reason").map(str::to_string),
        status: "scheduled".into(),
        meeting_id: rng.random_range(80_000_000_000u64..99_999_999_999),
        pwd: crate::tokens::random_token("")[..10].to_string(),
        settings,
        notifications: body.get("notifications").cloned().unwrap_or_else(
            || json!({"patient_email": true, "patient_sms": false, "reminder_minutes": [1440]}),
        ),
        created_at: now,
        updated_at: now,
    };
    world.zoom_visits.push(visit.clone());
    drop(world);
    let out = visit_json(&s.origins.zoom, &visit);
    emit(&s, "healthcare.visit.scheduled", &out);
    Ok(json(StatusCode::CREATED, &out))
}

pub async fn list(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    let page_size = match q.get("page_size") {
        None => 30,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=300).contains(n))
            .ok_or_else(|| bad("page_size must be an integer between 1 and 300."))?,
    };
    let offset = match q.get("next_page_token").filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => crate::paging::decode_cursor(t)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| bad("Invalid next_page_token."))?,
    };
    let mut dates = [None, None];
    for (i, k) in ["from", "to"].iter().enumerate() {
        if let Some(v) = q.get(*k) {
            dates[i] = Some(
                parse_date(v)
                    .ok_or_else(|| bad(&format!("{k} must be a date in yyyy-MM-dd format.")))?,
            );
        }
    }
    if let Some(st) = q.get("status")
        && !STATUSES.contains(&st.as_str())
    {
        return Err(bad(&format!(
            "status must be one of {}.",
            STATUSES.join(", ")
        )));
    }
    let world = lock(&s.world);
    let tz = world.locations.first().map_or(chrono_tz::UTC, |l| l.tz);
    let all: Vec<&ZoomVisit> = world
        .zoom_visits
        .iter()
        .filter(|v| q.get("provider_id").is_none_or(|p| &v.provider_id == p))
        .filter(|v| q.get("patient_id").is_none_or(|p| &v.patient_id == p))
        .filter(|v| q.get("status").is_none_or(|st| &v.status == st))
        .filter(|v| {
            let day = v.scheduled.with_timezone(&tz).date_naive();
            dates[0].is_none_or(|d| day >= d) && dates[1].is_none_or(|d| day <= d)
        })
        .collect();
    let page: Vec<Value> = all
        .iter()
        .skip(offset)
        .take(page_size)
        .map(|v| visit_json(&s.origins.zoom, v))
        .collect();
    let next = if offset + page_size < all.len() {
        crate::paging::encode_cursor((offset + page_size) as u64)
    } else {
        String::new()
    };
    let page = truncate(page, s.faults.truncating(Vendor::Zoom));
    Ok(json(
        StatusCode::OK,
        &json!({"page_size": page_size, "total_records": all.len(), "next_page_token": next, "visits": page}),
    ))
}

pub async fn show(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    let world = lock(&s.world);
    let v = world
        .zoom_visits
        .iter()
        .find(|v| v.id == id)
        .ok_or_else(|| not_found(3001, &format!("Visit {id} is not found.")))?;
    Ok(json(StatusCode::OK, &visit_json(&s.origins.zoom, v)))
}

pub async fn update(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let body = parse_body(&body).map_err(|e| bad(&e))?;
    let mut world = lock(&s.world);
    let v = world
        .zoom_visits
        .iter_mut()
        .find(|v| v.id == id)
        .ok_or_else(|| not_found(3001, &format!("Visit {id} is not found.")))?;
    if v.status == "cancelled" || v.status == "completed" {
        return Err(bad(&format!(
            "Visit {id} is {} and cannot be changed.",
            v.status
        )));
    }
    if let Some(t) = body.get("scheduled_time") {
        v.scheduled = t
            .as_str()
            .and_then(parse_instant)
            .ok_or_else(|| bad("scheduled_time must be an ISO 8601 date-time."))?;
    }
    if let Some(d) = body.get("duration_minutes") {
        v.duration = d
            .as_u64()
            .filter(|d| (5..=480).contains(d))
            .and_then(|d| u32::try_from(d).ok())
            .ok_or_else(|| bad("duration_minutes must be between 5 and 480."))?;
    }
    if let Some(t) = body.get("visit_type") {
        let t = t
            .as_str()
            .filter(|t| VISIT_TYPES.contains(t))
            .ok_or_else(|| bad("visit_type is invalid."))?;
        v.visit_type = t.into();
    }
    if let Some(r) = body.get("reason") {
        v.reason = r.as_str().map(str::to_string);
    }
    if let Some(st) = body.get("status") {
        let st = st
            .as_str()
            .filter(|t| STATUSES.contains(t))
            .ok_or_else(|| bad("status is invalid."))?;
        v.status = st.into();
    }
    if let Some(given) = body.get("settings").and_then(Value::as_object) {
        let mut merged = v.settings.clone();
        for (k, val) in given {
            merged[k] = val.clone();
        }
        check_settings(&merged)?;
        v.settings = merged;
    }
    v.updated_at = Utc::now();
    let out = visit_json(&s.origins.zoom, v);
    Ok(json(StatusCode::OK, &out))
}

pub async fn cancel(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let mut world = lock(&s.world);
    let v = world
        .zoom_visits
        .iter_mut()
        .find(|v| v.id == id)
        .ok_or_else(|| not_found(3001, &format!("Visit {id} is not found.")))?;
    if v.status == "completed" || v.status == "in_progress" {
        return Err(bad(&format!(
            "Visit {id} is {} and cannot be cancelled.",
            v.status
        )));
    }
    v.status = "cancelled".into();
    v.updated_at = Utc::now();
    let out = visit_json(&s.origins.zoom, v);
    drop(world);
    emit(&s, "healthcare.visit.cancelled", &out);
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn waiting_room(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    let world = lock(&s.world);
    let waiting: Vec<Value> = world
        .zoom_visits
        .iter()
        .filter(|v| v.status == "waiting")
        .filter(|v| q.get("provider_id").is_none_or(|p| &v.provider_id == p))
        .map(|v| {
            let name = world.zoom_patients.iter().find(|p| p.id == v.patient_id).map(|p| format!("{} {}", p.first, p.last));
            json!({"patient_id": v.patient_id, "display_name": name, "visit_id": v.id, "provider_id": v.provider_id, "scheduled_time": rfc3339(v.scheduled), "joined_at": rfc3339(v.updated_at.min(Utc::now()))})
        })
        .collect();
    Ok(json(
        StatusCode::OK,
        &json!({"total_records": waiting.len(), "participants": waiting}),
    ))
}

pub async fn admit(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(patient): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let mut world = lock(&s.world);
    let v = world
        .zoom_visits
        .iter_mut()
        .find(|v| v.patient_id == patient && v.status == "waiting")
        .ok_or_else(|| {
            not_found(
                3001,
                &format!("Patient {patient} is not in the waiting room."),
            )
        })?;
    v.status = "in_progress".into();
    v.updated_at = Utc::now();
    let out = json!({"patient_id": patient, "visit_id": v.id, "status": "admitted", "admitted_at": rfc3339(v.updated_at)});
    drop(world);
    emit(&s, "healthcare.patient.admitted", &out);
    Ok(json(StatusCode::OK, &out))
}

pub async fn notify(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(patient): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let message = if body.is_empty() {
        Value::Null
    } else {
        parse_body(&body)
            .map_err(|e| bad(&e))?
            .get("message")
            .cloned()
            .unwrap_or(Value::Null)
    };
    let world = lock(&s.world);
    if !world
        .zoom_visits
        .iter()
        .any(|v| v.patient_id == patient && v.status == "waiting")
    {
        return Err(not_found(
            3001,
            &format!("Patient {patient} is not in the waiting room."),
        ));
    }
    Ok(json(
        StatusCode::OK,
        &json!({"patient_id": patient, "status": "notified", "message": message, "notified_at": rfc3339(Utc::now())}),
    ))
}
