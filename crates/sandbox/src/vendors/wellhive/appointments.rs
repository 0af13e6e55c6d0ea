//! WellHive appointments: draft, search, show, and the cancel reasons valid for one.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::Utc;
use serde_json::{Value, json};

use super::auth::{quota, require};
use super::catalog::{effective, page};
use super::error::{bad, not_found};
use crate::http::{all, first, json, rfc3339};
use crate::seed::uuid_from_seed;
use crate::state::{Shared, lock};
use crate::vendors::{parse_body, parse_instant};
use crate::world::WhAppointment;

pub const CANCEL_REASONS: &[(&str, &str)] = &[
    ("930c8a9f-ce78-449c-8dda-d5428d183ec8", "Patient"),
    ("5b0d2b5e-2f0e-4c4e-9d7e-6a1f3c1b2a01", "Provider"),
    ("7c4e1f2a-9b3d-4e5f-8a6b-0c1d2e3f4a02", "Scheduling error"),
];

pub fn appointment_json(a: &WhAppointment) -> Value {
    let mut v = json!({"id": a.id, "patientId": a.patient_id, "state": a.state});
    if let Some(r) = &a.referral_number {
        v["referral"] = json!({"referralNumber": r});
    }
    if let Some(n) = &a.network_id {
        v["networkId"] = json!(n);
    }
    if let Some(p) = &a.provider_service_id {
        v["providerServiceId"] = json!(p);
    }
    if !a.slot_ids.is_empty() {
        v["slotIds"] = json!(a.slot_ids);
    }
    if let Some(st) = &a.details_status {
        let mut d = json!({"status": st, "isLatest": false});
        if let Some(t) = a.start {
            d["start"] = json!(rfc3339(t));
        }
        if let Some(p) = &a.phone {
            d["phone"] = json!(p);
        }
        if let Some((id, name)) = &a.cancel_reason {
            d["cancelReason"] = json!({"id": id, "name": name});
        }
        v["appointmentDetails"] = d;
    }
    if let Some(e) = &a.error {
        v["error"] = json!(e);
    }
    if let Some(e) = &a.error_reason {
        v["errorReason"] = json!(e);
    }
    v
}

pub async fn search(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let (q, offset) = effective(&uri)?;
    let ids = all(&q, "id");
    let patient = first(&q, "patientId").filter(|v| !v.is_empty());
    let referral = first(&q, "referralNumber").filter(|v| !v.is_empty());
    if ids.is_empty() && patient.is_none() && referral.is_none() {
        return Err(bad(
            "one of id, patientId, referralNumber, or nextToken is required",
        ));
    }
    let on_or_after = first(&q, "onOrAfter")
        .filter(|v| !v.is_empty())
        .map(|v| parse_instant(v).ok_or_else(|| bad("invalid value for field onOrAfter")))
        .transpose()?;
    let states: Vec<String> = all(&q, "state")
        .iter()
        .flat_map(|s| s.split(','))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(bad_state) = states
        .iter()
        .find(|s| !["draft", "submitted", "completed"].contains(&s.as_str()))
    {
        return Err(bad(&format!("invalid value for field state: {bad_state}")));
    }
    let w = lock(&s.world);
    let items = w
        .wh_appointments
        .iter()
        .filter(|a| ids.is_empty() || ids.contains(&a.id.as_str()))
        .filter(|a| patient.is_none_or(|p| a.patient_id == p))
        .filter(|a| referral.is_none_or(|r| a.referral_number.as_deref() == Some(r)))
        .filter(|a| states.is_empty() || states.contains(&a.state))
        .filter(|a| on_or_after.is_none_or(|t| a.start.is_some_and(|st| st >= t)))
        .map(appointment_json)
        .collect();
    Ok(page(&s, &q, offset, "appointments", items))
}

pub async fn create(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let body = parse_body(&body).map_err(|e| bad(&e))?;
    let patient = body
        .get("patientId")
        .and_then(Value::as_str)
        .filter(|p| !p.is_empty())
        .ok_or_else(|| bad("missing required field patientId"))?;
    let referral = body
        .pointer("/referral/referralNumber")
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut w = lock(&s.world);
    if !w.people.iter().any(|p| p.mrn == patient) {
        return Err(bad(&format!(
            "invalid value for field patientId: {patient} is not in the Patient Index"
        )));
    }
    if let Some(r) = &referral
        && !w
            .wh_referrals
            .iter()
            .any(|x| &x.referral_number == r && x.patient_id == patient)
    {
        return Err(bad(&format!(
            "invalid value for field referral.referralNumber: {r} is not a referral of this patient"
        )));
    }
    let n = w.mint();
    let a = WhAppointment {
        id: uuid_from_seed(w.seed, n),
        patient_id: patient.into(),
        referral_number: referral,
        state: "draft".into(),
        network_id: None,
        provider_service_id: None,
        slot_ids: Vec::new(),
        start: None,
        details_status: None,
        cancel_reason: None,
        error: None,
        error_reason: None,
        phone: None,
    };
    w.wh_appointments.push(a.clone());
    Ok(json(StatusCode::OK, &appointment_json(&a)))
}

pub async fn show(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let q = crate::http::query_pairs(&uri);
    let latest = match first(&q, "retrieveLatestDetails") {
        None | Some("" | "false") => false,
        Some("true") => true,
        Some(_) => return Err(bad("invalid value for field retrieveLatestDetails")),
    };
    if latest {
        quota(&s, "appointment-show-latest")?;
    }
    let w = lock(&s.world);
    let a = w
        .wh_appointments
        .iter()
        .find(|a| a.id == id)
        .ok_or_else(|| not_found(&format!("no Appointment with ID {id}")))?;
    let mut v = appointment_json(a);
    if latest && v.get("appointmentDetails").is_some() {
        v["appointmentDetails"]["isLatest"] = json!(true);
        v["appointmentDetails"]["lastRetrieved"] = json!(rfc3339(Utc::now()));
    }
    Ok(json(StatusCode::OK, &v))
}

pub async fn cancel_reasons(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let w = lock(&s.world);
    if !w.wh_appointments.iter().any(|a| a.id == id) {
        return Err(not_found(&format!("no Appointment with ID {id}")));
    }
    let reasons: Vec<Value> = CANCEL_REASONS
        .iter()
        .map(|(i, n)| json!({"id": i, "name": n}))
        .collect();
    Ok(json(
        StatusCode::OK,
        &json!({"cancelReasons": reasons, "count": reasons.len()}),
    ))
}
