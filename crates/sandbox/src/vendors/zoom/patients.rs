//! Zoom Healthcare patients (create, show, update, invite) and providers with their telehealth
//! availability. Patients are the practice's own people, so a visit maps to the same person
//! the other vendors know.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use rand::Rng;
use serde_json::{Value, json};

use super::auth::require;
use super::error::{bad, not_found};
use super::healthcare::{READ, WRITE};
use crate::http::{json, rfc3339};
use crate::state::{Shared, lock};
use crate::vendors::{parse_body, parse_date};
use crate::world::{World, ZoomPatient};

pub fn patient_json(world: &World, p: &ZoomPatient) -> Value {
    json!({
        "id": p.id,
        "first_name": p.first,
        "last_name": p.last,
        "email": p.email,
        "phone": p.phone,
        "date_of_birth": p.dob.map(|d| d.to_string()),
        "preferred_language": p.language,
        "mrn": p.person.and_then(|i| world.people.get(i)).map(|x| x.mrn.clone()),
        "created_at": rfc3339(p.created_at),
        "updated_at": rfc3339(p.updated_at),
    })
}

fn apply(p: &mut ZoomPatient, body: &Value) -> Result<(), Response> {
    let s = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_string);
    if let Some(v) = s("first_name") {
        p.first = v;
    }
    if let Some(v) = s("last_name") {
        p.last = v;
    }
    if let Some(v) = s("email") {
        if !v.contains('@') {
            return Err(bad("email is invalid."));
        }
        p.email = Some(v);
    }
    if let Some(v) = s("phone") {
        p.phone = Some(v);
    }
    if let Some(v) = s("date_of_birth") {
        p.dob = Some(
            parse_date(&v)
                .ok_or_else(|| bad("date_of_birth must be a date in yyyy-MM-dd format."))?,
        );
    }
    if let Some(v) = s("preferred_language") {
        p.language = v;
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
    for k in ["first_name", "last_name"] {
        if body
            .get(k)
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            return Err(bad(&format!("{k} is required.")));
        }
    }
    let now = Utc::now();
    let mut p = ZoomPatient {
        id: format!("pat_{:08x}", rand::rng().random::<u32>()),
        person: None,
        first: String::new(),
        last: String::new(),
        email: None,
        phone: None,
        dob: None,
        language: "en".into(),
        created_at: now,
        updated_at: now,
    };
    apply(&mut p, &body)?;
    let mut world = lock(&s.world);
    world.zoom_patients.push(p.clone());
    Ok(json(StatusCode::CREATED, &patient_json(&world, &p)))
}

pub async fn show(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    let world = lock(&s.world);
    let p = world
        .zoom_patients
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| not_found(1001, &format!("Patient {id} not found.")))?;
    Ok(json(StatusCode::OK, &patient_json(&world, p)))
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
    let idx = world
        .zoom_patients
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| not_found(1001, &format!("Patient {id} not found.")))?;
    let mut p = world.zoom_patients[idx].clone();
    apply(&mut p, &body)?;
    p.updated_at = Utc::now();
    world.zoom_patients[idx] = p.clone();
    Ok(json(StatusCode::OK, &patient_json(&world, &p)))
}

pub async fn invite(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let body = parse_body(&body).map_err(|e| bad(&e))?;
    let visit_id = body
        .get("visit_id")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("visit_id is required."))?;
    let channels: Vec<String> = body.get("channels").and_then(Value::as_array).map_or_else(
        || vec!["email".into()],
        |a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        },
    );
    if channels.is_empty() || channels.iter().any(|c| c != "email" && c != "sms") {
        return Err(bad("channels must contain email and/or sms."));
    }
    let world = lock(&s.world);
    let p = world
        .zoom_patients
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| not_found(1001, &format!("Patient {id} not found.")))?;
    if !world
        .zoom_visits
        .iter()
        .any(|v| v.id == visit_id && v.patient_id == id)
    {
        return Err(not_found(
            3001,
            &format!("Visit {visit_id} is not found for patient {id}."),
        ));
    }
    if channels.iter().any(|c| c == "sms") && p.phone.is_none() {
        return Err(bad(
            "The patient has no phone number for an SMS invitation.",
        ));
    }
    if channels.iter().any(|c| c == "email") && p.email.is_none() {
        return Err(bad(
            "The patient has no email address for an email invitation.",
        ));
    }
    Ok(json(
        StatusCode::CREATED,
        &json!({
            "invite_id": format!("inv_{:08x}", rand::rng().random::<u32>()),
            "patient_id": id, "visit_id": visit_id, "channels": channels,
            "message": body.get("message").cloned().unwrap_or(Value::Null), "status": "sent", "sent_at": rfc3339(Utc::now()),
        }),
    ))
}

pub async fn providers(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    let world = lock(&s.world);
    let list: Vec<Value> = world
        .providers
        .iter()
        .filter(|p| p.telehealth)
        .map(|p| {
            json!({
                "id": p.zoom_id, "first_name": p.first, "last_name": p.last, "display_name": p.display(),
                "email": p.email, "specialty": p.specialty, "npi": p.npi,
                "timezone": world.location(p.location).map(|l| l.tz.name()),
                "telehealth_enabled": true,
            })
        })
        .collect();
    Ok(json(
        StatusCode::OK,
        &json!({"total_records": list.len(), "providers": list}),
    ))
}

pub async fn availability(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    let world = lock(&s.world);
    let a = world
        .zoom_availability
        .get(&id)
        .ok_or_else(|| not_found(1001, &format!("Provider {id} not found.")))?;
    Ok(json(StatusCode::OK, a))
}

const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub async fn set_availability(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let body = parse_body(&body).map_err(|e| bad(&e))?;
    let hours = body
        .get("weekly_hours")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("weekly_hours is required."))?;
    for h in hours {
        let day_ok = h
            .get("day")
            .and_then(Value::as_str)
            .is_some_and(|d| DAYS.contains(&d));
        let t = |k: &str| {
            h.get(k)
                .and_then(Value::as_str)
                .and_then(|v| chrono::NaiveTime::parse_from_str(v, "%H:%M").ok())
        };
        match (day_ok, t("start_time"), t("end_time")) {
            (true, Some(a), Some(b)) if a < b => {}
            _ => {
                return Err(bad(
                    "Each weekly_hours entry needs a day and start_time < end_time in HH:mm.",
                ));
            }
        }
    }
    let mut world = lock(&s.world);
    let a = world
        .zoom_availability
        .get_mut(&id)
        .ok_or_else(|| not_found(1001, &format!("Provider {id} not found.")))?;
    a["weekly_hours"] = Value::Array(hours.clone());
    if let Some(dates) = body.get("unavailable_dates") {
        a["unavailable_dates"] = dates.clone();
    }
    a["updated_at"] = json!(rfc3339(Utc::now()));
    Ok(json(StatusCode::OK, a))
}
