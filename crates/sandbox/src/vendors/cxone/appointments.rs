//! CXone appointments: a patient's appointments (filtered by dates and status) and scheduling
//! a new one, which also fires the `appointment.created` webhook.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use serde_json::{Value, json};

use super::auth::{READ, WRITE, require};
use super::error::{bad, not_found};
use super::patients::{bad_patient_id, valid_patient_id};
use super::webhooks::emit;
use crate::http::{json, rfc3339};
use crate::state::{Shared, lock};
use crate::vendors::{parse_body, parse_date, parse_instant};
use crate::world::CxAppointment;

pub fn appointment_json(a: &CxAppointment) -> Value {
    json!({
        "id": a.id,
        "patientId": a.patient_id,
        "providerId": a.provider_id,
        "locationId": a.location_id,
        "appointmentType": a.appointment_type,
        "status": a.status,
        "startTime": rfc3339(a.start),
        "endTime": rfc3339(a.end),
        "notes": a.notes,
        "createdAt": rfc3339(a.created_at),
        "updatedAt": rfc3339(a.updated_at),
        "reminderSent": a.reminder_sent,
        "reminderStatus": a.reminder_status,
    })
}

fn date_param(
    q: &HashMap<String, String>,
    name: &str,
) -> Result<Option<chrono::NaiveDate>, Response> {
    match q.get(name) {
        None => Ok(None),
        Some(v) => parse_date(v).map(Some).ok_or_else(|| {
            bad(
                &format!("Invalid parameter: {name}"),
                &format!("{name} must be in the format YYYY-MM-DD"),
            )
        }),
    }
}

pub async fn for_patient(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    if !valid_patient_id(&id) {
        return Err(bad_patient_id("patientId"));
    }
    let start = date_param(&q, "startDate")?;
    let end = date_param(&q, "endDate")?;
    let status = q.get("status");
    if let Some(st) = status
        && !["scheduled", "cancelled", "completed"].contains(&st.as_str())
    {
        return Err(bad(
            "Invalid parameter: status",
            "status must be one of scheduled, cancelled, completed",
        ));
    }
    let world = lock(&s.world);
    if !world.cx_patients.iter().any(|p| p.id == id) {
        return Err(not_found(&format!("patient {id}")));
    }
    let mut data: Vec<&CxAppointment> = world
        .cx_appointments
        .iter()
        .filter(|a| a.patient_id == id)
        .filter(|a| start.is_none_or(|d| a.start.date_naive() >= d))
        .filter(|a| end.is_none_or(|d| a.start.date_naive() <= d))
        .filter(|a| status.is_none_or(|st| &a.status == st))
        .collect();
    data.sort_by_key(|a| a.start);
    let data: Vec<Value> = data.into_iter().map(appointment_json).collect();
    Ok(json(
        StatusCode::OK,
        &json!({"total": data.len(), "data": data}),
    ))
}

fn required<'a>(body: &'a Value, field: &str) -> Result<&'a str, Response> {
    body.get(field)
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            bad(
                &format!("Invalid parameter: {field}"),
                &format!("{field} is required"),
            )
        })
}

pub async fn create(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let body = parse_body(&body).map_err(|e| bad("Invalid request body", &e))?;
    let patient_id = required(&body, "patientId")?;
    if !valid_patient_id(patient_id) {
        return Err(bad_patient_id("patientId"));
    }
    let provider_id = required(&body, "providerId")?;
    let location_id = required(&body, "locationId")?;
    let kind = required(&body, "appointmentType")?;
    let start = parse_instant(required(&body, "startTime")?).ok_or_else(|| {
        bad(
            "Invalid parameter: startTime",
            "startTime must be an ISO 8601 date-time",
        )
    })?;
    let end = parse_instant(required(&body, "endTime")?).ok_or_else(|| {
        bad(
            "Invalid parameter: endTime",
            "endTime must be an ISO 8601 date-time",
        )
    })?;
    if end <= start {
        return Err(bad(
            "Invalid parameter: endTime",
            "endTime must be after startTime",
        ));
    }
    let mut world = lock(&s.world);
    if !world.cx_patients.iter().any(|p| p.id == patient_id) {
        return Err(not_found(&format!("patient {patient_id}")));
    }
    if !world.providers.iter().any(|p| p.cx_id == provider_id) {
        return Err(bad(
            "Invalid parameter: providerId",
            &format!("unknown provider {provider_id}"),
        ));
    }
    if !world.locations.iter().any(|l| l.cx_id == location_id) {
        return Err(bad(
            "Invalid parameter: locationId",
            &format!("unknown location {location_id}"),
        ));
    }
    let now = Utc::now();
    let appt = CxAppointment {
        id: format!("appt-{}", world.mint()),
        patient_id: patient_id.into(),
        provider_id: provider_id.into(),
        location_id: location_id.into(),
        appointment_type: kind.into(),
        status: "scheduled".into(),
        start,
        end,
        notes: body
            .get("notes")
            .and_then(Value::as_str)
            .map(str::to_string),
        created_at: now,
        updated_at: now,
        reminder_sent: false,
        reminder_status: None,
    };
    world.cx_appointments.push(appt.clone());
    let hooks = world.cx_webhooks.clone();
    drop(world);
    emit(
        &s,
        &hooks,
        "appointment.created",
        &json!({
            "appointmentId": appt.id, "patientId": appt.patient_id, "providerId": appt.provider_id,
            "appointmentType": appt.appointment_type, "status": appt.status,
            "startTime": rfc3339(appt.start), "endTime": rfc3339(appt.end),
        }),
    );
    Ok(json(StatusCode::CREATED, &appointment_json(&appt)))
}
