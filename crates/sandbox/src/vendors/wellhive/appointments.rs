//! WellHive appointments: draft, search, show, submit and cancel. Submit and cancel answer
//! 202 and finish in the background: after the configured delay the appointment is
//! `submitted` (booked) or `completed` (cancelled), or carries the spec's `error` code (and the
//! doc's `errorReason` text) instead.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::{Duration, Utc};
use serde_json::{Value, json};

use super::auth::{quota, require};
use super::catalog::{effective, page, parse_slot_id, slot_exists};
use super::error::{bad, not_found};
use crate::http::{all, first, json, rfc3339};
use crate::seed::uuid_from_seed;
use crate::state::{Shared, lock};
use crate::vendors::{parse_body, parse_instant};
use crate::world::{WhAppointment, World};

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

fn phone_of(w: &World, a: &WhAppointment) -> Option<String> {
    a.provider_service_id
        .as_ref()
        .and_then(|id| w.wh_services.iter().find(|x| &x.id == id))
        .map(|x| x.phone.clone())
}

// The checks run in the order WellHive reports them; one linear function keeps that visible.
#[allow(clippy::too_many_lines)]
pub async fn submit(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let body = parse_body(&body).map_err(|e| bad(&e))?;
    let field = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let service_id = field("providerServiceId")
        .ok_or_else(|| bad("missing required field providerServiceId"))?;
    let network_id = field("networkId").ok_or_else(|| bad("missing required field networkId"))?;
    let slot_ids: Vec<String> = body
        .get("slotIds")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if slot_ids.is_empty() {
        return Err(bad("missing required field slotIds (at least one)"));
    }
    let payload_referral = body
        .pointer("/referral/referralNumber")
        .and_then(Value::as_str)
        .map(str::to_string);
    quota(&s, "appointment-book")?;
    let mut w = lock(&s.world);
    let idx = w
        .wh_appointments
        .iter()
        .position(|a| a.id == id)
        .ok_or_else(|| {
            bad(&format!(
                "invalid value for field appointmentId: no Appointment with ID {id}"
            ))
        })?;
    if w.wh_appointments[idx].state != "draft" {
        return Err(bad(&format!(
            "the Appointment is {}; only a draft Appointment can be submitted",
            w.wh_appointments[idx].state
        )));
    }
    let sv = w
        .wh_services
        .iter()
        .find(|x| x.id == service_id)
        .cloned()
        .ok_or_else(|| {
            bad(&format!(
                "invalid value for field providerServiceId: {service_id}"
            ))
        })?;
    if !sv.active {
        return Err(bad(
            "the ProviderService is not active and cannot be scheduled",
        ));
    }
    if !sv.network_ids.contains(&network_id) {
        return Err(bad(
            "invalid value for field networkId: the ProviderService is not in that Network",
        ));
    }
    let referral = payload_referral.or_else(|| w.wh_appointments[idx].referral_number.clone());
    if w.wh_networks
        .iter()
        .any(|n| n.id == network_id && n.requires_referral)
        && referral.is_none()
    {
        return Err(bad(
            "the Network requires a referral: referral.referralNumber is required",
        ));
    }
    let mut start = None;
    for sid in &slot_ids {
        let parsed =
            parse_slot_id(sid).filter(|(svc, ti, t)| *svc == sv.id && slot_exists(&sv, *ti, *t));
        let (_, _, t) =
            parsed.ok_or_else(|| bad(&format!("invalid value for field slotIds: {sid}")))?;
        start = start.min(Some(t)).or(Some(t));
    }
    let person = w
        .people
        .iter()
        .find(|p| p.mrn == w.wh_appointments[idx].patient_id)
        .cloned();
    for f in &sv.required_fields {
        let have_in_index = match f.as_str() {
            "email" => person.as_ref().is_some_and(|p| p.email.is_some()),
            _ => person.is_some(),
        };
        let attr = match f.as_str() {
            "birthdate" => "birthDate",
            other => other,
        };
        if !have_in_index
            && body
                .pointer(&format!("/additionalPatientAttributes/{attr}"))
                .is_none()
        {
            return Err(bad(&format!(
                "the ProviderService requires the patient's {f}; provide it in additionalPatientAttributes"
            )));
        }
    }
    let a = &mut w.wh_appointments[idx];
    a.provider_service_id = Some(service_id);
    a.network_id = Some(network_id);
    a.slot_ids = slot_ids;
    a.referral_number = referral;
    a.start = start;
    a.error = None;
    a.error_reason = None;
    let out = appointment_json(a);
    drop(w);
    let shared = s.clone();
    tokio::spawn(async move {
        tokio::time::sleep(shared.opts.timings.wellhive_submit).await;
        settle_submit(&shared, &id);
    });
    Ok(json(StatusCode::ACCEPTED, &out))
}

fn settle_submit(s: &Shared, id: &str) {
    let mut w = lock(&s.world);
    let forced = w.wh_fail_next_submit.take();
    let Some(idx) = w.wh_appointments.iter().position(|a| a.id == id) else {
        return;
    };
    let slots = w.wh_appointments[idx].slot_ids.clone();
    let taken = slots.iter().any(|sl| w.wh_taken_slots.contains(sl));
    let too_far = w.wh_appointments[idx]
        .start
        .is_some_and(|t| t > Utc::now() + Duration::days(120));
    let phone = phone_of(&w, &w.wh_appointments[idx]);
    let (error, reason) = match forced {
        Some(code) => {
            let reason = format!("the ProviderService's system refused the booking ({code})");
            (Some(code), Some(reason))
        }
        None if taken => (
            Some("conflict".to_string()),
            Some("the Slot is no longer available".to_string()),
        ),
        None if too_far => (
            Some("too-far-in-the-future".to_string()),
            Some("the Slot is too far in the future to book".to_string()),
        ),
        None => (None, None),
    };
    let a = &mut w.wh_appointments[idx];
    if let Some(code) = error {
        a.error = Some(code);
        a.error_reason = reason;
        tracing::info!(appointment = id, "wellhive_submit_failed");
        return;
    }
    a.state = "submitted".into();
    a.details_status = Some("booked".into());
    let _ = phone;
    for sl in slots {
        w.wh_taken_slots.insert(sl);
    }
    tracing::info!(appointment = id, "wellhive_submit_settled");
}

pub async fn cancel(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let body = parse_body(&body).map_err(|e| bad(&e))?;
    let reason = body
        .get("cancelReasonId")
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| bad("missing required field cancelReasonId"))?;
    let Some((rid, rname)) = CANCEL_REASONS.iter().find(|(r, _)| *r == reason) else {
        return Err(bad(&format!(
            "invalid value for field cancelReasonId: {reason}"
        )));
    };
    quota(&s, "appointment-cancel")?;
    let mut w = lock(&s.world);
    let a = w
        .wh_appointments
        .iter_mut()
        .find(|a| a.id == id)
        .ok_or_else(|| {
            bad(&format!(
                "invalid value for field appointmentId: no Appointment with ID {id}"
            ))
        })?;
    if a.state == "draft" {
        return Err(bad("a draft Appointment has nothing to cancel"));
    }
    a.cancel_reason = Some(((*rid).to_string(), (*rname).to_string()));
    a.error = None;
    a.error_reason = None;
    let already = a.details_status.as_deref() == Some("cancelled");
    if !already {
        a.details_status = Some("pending-cancel".into());
    }
    let out = appointment_json(a);
    drop(w);
    let shared = s.clone();
    tokio::spawn(async move {
        tokio::time::sleep(shared.opts.timings.wellhive_cancel).await;
        settle_cancel(&shared, &id, already);
    });
    Ok(json(StatusCode::ACCEPTED, &out))
}

fn settle_cancel(s: &Shared, id: &str, already: bool) {
    let mut w = lock(&s.world);
    let forced = w.wh_fail_next_cancel.take();
    let Some(idx) = w.wh_appointments.iter().position(|a| a.id == id) else {
        return;
    };
    let too_late = w.wh_appointments[idx]
        .start
        .is_some_and(|t| t < Utc::now() + Duration::hours(2));
    let error = match forced {
        Some(code) => Some((
            code.clone(),
            format!("the ProviderService's system refused the cancellation ({code})"),
        )),
        None if already => Some((
            "already-canceled".to_string(),
            "the Appointment is already cancelled".to_string(),
        )),
        None if too_late => Some((
            "too-late-to-cancel".to_string(),
            "the Appointment starts too soon to cancel".to_string(),
        )),
        None => None,
    };
    let slots = w.wh_appointments[idx].slot_ids.clone();
    let a = &mut w.wh_appointments[idx];
    if let Some((code, reason)) = error {
        a.error = Some(code);
        a.error_reason = Some(reason);
        if a.details_status.as_deref() == Some("pending-cancel") {
            a.details_status = Some("cancel-failed".into());
        }
        return;
    }
    a.state = "completed".into();
    a.details_status = Some("cancelled".into());
    for sl in slots {
        w.wh_taken_slots.remove(&sl);
    }
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
