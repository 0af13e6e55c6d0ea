//! CXone's contact-centre endpoints: callbacks, reminders, contact history and IVR templates
//! and flows.

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
use super::patients::{bad_patient_id, limit_offset, valid_patient_id};
use crate::http::{json, rfc3339};
use crate::paging::{offset_window, truncate};
use crate::seed::contact_history;
use crate::state::{Shared, lock};
use crate::vendors::{Vendor, parse_body, parse_date, parse_instant, phone_digits};

fn str_field<'a>(body: &'a Value, field: &str) -> Option<&'a str> {
    body.get(field)
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty())
}

fn required<'a>(body: &'a Value, field: &str) -> Result<&'a str, Response> {
    str_field(body, field).ok_or_else(|| {
        bad(
            &format!("Invalid parameter: {field}"),
            &format!("{field} is required"),
        )
    })
}

fn is_e164(p: &str) -> bool {
    p.starts_with('+')
        && p.len() >= 9
        && p.len() <= 16
        && p[1..].chars().all(|c| c.is_ascii_digit())
}

pub async fn callback(
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
    let phone = required(&body, "phoneNumber")?;
    if !is_e164(phone) {
        return Err(bad(
            "Invalid parameter: phoneNumber",
            "phoneNumber must be in E.164 format, e.g. +12025551234",
        ));
    }
    let when = parse_instant(required(&body, "callbackTime")?).ok_or_else(|| {
        bad(
            "Invalid parameter: callbackTime",
            "callbackTime must be an ISO 8601 date-time",
        )
    })?;
    let priority = str_field(&body, "priority").unwrap_or("medium");
    if !["low", "medium", "high", "urgent"].contains(&priority) {
        return Err(bad(
            "Invalid parameter: priority",
            "priority must be one of low, medium, high, urgent",
        ));
    }
    let mut world = lock(&s.world);
    if !world.cx_patients.iter().any(|p| p.id == patient_id) {
        return Err(not_found(&format!("patient {patient_id}")));
    }
    let id = format!("callback-{}", world.mint());
    let record = json!({
        "id": id,
        "patientId": patient_id,
        "status": "scheduled",
        "phoneNumber": phone,
        "callbackTime": rfc3339(when),
        "callbackReason": body.get("callbackReason").cloned().unwrap_or(Value::Null),
        "priority": priority,
        "notes": body.get("notes").cloned().unwrap_or(Value::Null),
        "skillGroupId": body.get("skillGroupId").cloned().unwrap_or(Value::Null),
        "attributes": body.get("attributes").cloned().unwrap_or_else(|| json!({})),
        "createdAt": rfc3339(Utc::now()),
    });
    world.cx_callbacks.push(record.clone());
    Ok(json(StatusCode::CREATED, &record))
}

pub async fn reminder(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let body = parse_body(&body).map_err(|e| bad("Invalid request body", &e))?;
    let appointment_id = required(&body, "appointmentId")?;
    let kind = required(&body, "reminderType")?;
    if !["sms", "email", "voice"].contains(&kind) {
        return Err(bad(
            "Invalid parameter: reminderType",
            "reminderType must be one of sms, email, voice",
        ));
    }
    let when = parse_instant(required(&body, "reminderTime")?).ok_or_else(|| {
        bad(
            "Invalid parameter: reminderTime",
            "reminderTime must be an ISO 8601 date-time",
        )
    })?;
    let mut world = lock(&s.world);
    if !world.cx_appointments.iter().any(|a| a.id == appointment_id) {
        return Err(not_found(&format!("appointment {appointment_id}")));
    }
    let id = format!("reminder-{}", world.mint());
    let record = json!({
        "id": id,
        "appointmentId": appointment_id,
        "reminderType": kind,
        "reminderTime": rfc3339(when),
        "status": "scheduled",
        "createdAt": rfc3339(Utc::now()),
    });
    let mut stored = record.clone();
    stored["message"] = body.get("message").cloned().unwrap_or(Value::Null);
    stored["includeDirections"] = body
        .get("includeDirections")
        .cloned()
        .unwrap_or(Value::Null);
    world.cx_reminders.push(stored);
    Ok(json(StatusCode::CREATED, &record))
}

pub async fn contacts(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    if !valid_patient_id(&id) {
        return Err(bad_patient_id("patientId"));
    }
    let (limit, offset) = limit_offset(&q)?;
    let mut dates = [None, None];
    for (i, name) in ["startDate", "endDate"].iter().enumerate() {
        if let Some(v) = q.get(*name) {
            dates[i] = Some(parse_date(v).ok_or_else(|| {
                bad(
                    &format!("Invalid parameter: {name}"),
                    &format!("{name} must be in the format YYYY-MM-DD"),
                )
            })?);
        }
    }
    if let Some(ch) = q.get("channel")
        && !["voice", "chat", "email", "sms"].contains(&ch.as_str())
    {
        return Err(bad(
            "Invalid parameter: channel",
            "channel must be one of voice, chat, email, sms",
        ));
    }
    let world = lock(&s.world);
    let patient = world
        .cx_patients
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| not_found(&format!("patient {id}")))?;
    let anchor = world.today.map_or_else(Utc::now, |d| {
        d.and_hms_opt(12, 0, 0)
            .map_or_else(Utc::now, |t| t.and_utc())
    });
    let all: Vec<Value> = contact_history(world.seed, patient, anchor)
        .into_iter()
        .filter(|c| {
            q.get("channel")
                .is_none_or(|ch| c["channel"] == ch.as_str())
        })
        .filter(|c| {
            let day = c["startTime"]
                .as_str()
                .and_then(|t| parse_date(&t[..10.min(t.len())]));
            dates[0].is_none_or(|d| day.is_some_and(|x| x >= d))
                && dates[1].is_none_or(|d| day.is_some_and(|x| x <= d))
        })
        .collect();
    let page = truncate(
        offset_window(&all, offset, limit),
        s.faults.truncating(Vendor::Cxone),
    );
    Ok(json(
        StatusCode::OK,
        &json!({"total": all.len(), "offset": offset, "limit": limit, "data": page}),
    ))
}

fn templates() -> Value {
    json!([
        {"id": "ivr-temp-123", "name": "Healthcare Appointment Management", "description": "IVR flow for appointment scheduling, rescheduling, and cancellation", "category": "appointment", "createdAt": "2022-10-15T08:30:45Z"},
        {"id": "ivr-temp-456", "name": "Prescription Refill Request", "description": "IVR flow for prescription refill requests", "category": "pharmacy", "createdAt": "2022-11-20T14:45:30Z"},
        {"id": "ivr-temp-789", "name": "Patient Billing Inquiry", "description": "IVR flow for billing inquiries and payment processing", "category": "billing", "createdAt": "2023-01-10T11:15:22Z"}
    ])
}

pub async fn ivr_templates(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    Ok(json(StatusCode::OK, &json!({"data": templates()})))
}

pub async fn ivr_flow(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, WRITE)?;
    let body = parse_body(&body).map_err(|e| bad("Invalid request body", &e))?;
    let name = required(&body, "name")?;
    let base = required(&body, "baseTemplateId")?;
    if !templates()
        .as_array()
        .is_some_and(|t| t.iter().any(|x| x["id"] == base))
    {
        return Err(bad(
            "Invalid parameter: baseTemplateId",
            &format!("unknown template {base}"),
        ));
    }
    if let Some(params) = body.get("parameters") {
        for key in ["workingHoursStart", "workingHoursEnd"] {
            if let Some(v) = params.get(key).and_then(Value::as_str)
                && chrono::NaiveTime::parse_from_str(v, "%H:%M").is_err()
            {
                return Err(bad(
                    &format!("Invalid parameter: parameters.{key}"),
                    "times must be HH:MM",
                ));
            }
        }
        if let Some(days) = params.get("holidayDates").and_then(Value::as_array)
            && days
                .iter()
                .any(|d| d.as_str().and_then(parse_date).is_none())
        {
            return Err(bad(
                "Invalid parameter: parameters.holidayDates",
                "dates must be YYYY-MM-DD",
            ));
        }
    }
    let mut world = lock(&s.world);
    let now = rfc3339(Utc::now());
    let id = format!("ivr-flow-{}", world.mint());
    let record = json!({
        "id": id, "name": name, "description": body.get("description").cloned().unwrap_or(Value::Null),
        "baseTemplateId": base, "status": "created", "createdAt": now, "updatedAt": now, "deploymentStatus": "pending",
    });
    let mut stored = record.clone();
    stored["parameters"] = body.get("parameters").cloned().unwrap_or(Value::Null);
    stored["integrations"] = body.get("integrations").cloned().unwrap_or(Value::Null);
    world.cx_flows.push(stored);
    let _ = phone_digits;
    Ok(json(StatusCode::CREATED, &record))
}
