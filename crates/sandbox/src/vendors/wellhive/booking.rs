//! WellHive submit and cancel: both answer 202 and finish in the background. After the
//! configured delay the appointment is `submitted` (booked) or `completed` (cancelled), or
//! carries the spec's `error` code (and the doc's `errorReason` text) instead.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{Duration, Utc};
use serde_json::Value;

use super::appointments::{CANCEL_REASONS, appointment_json};
use super::auth::{quota, require};
use super::error::bad;
use super::slots::{parse_slot_id, slot_exists};
use crate::http::json;
use crate::state::{Shared, lock};
use crate::vendors::parse_body;
use crate::world::{WhAppointment, World};

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
    a.phone = phone;
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
