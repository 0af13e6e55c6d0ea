//! NexHealth appointments. A booking is accepted at once and written to the EHR later: after
//! the configured delay it is `inserted` (gets a `foreign_id`) or `failed` (the reason in
//! `misc.insertion_error`, its time released), and the `appointment_insertion` webhook fires.
//! Booking time another appointment holds (same provider or operatory) is refused.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::{Duration, Utc};
use rand::Rng;
use serde_json::{Value, json};

use super::entities;
use super::error::VND;
use super::params::{Ctx, Version, ctx, json_ct, location};
use super::webhooks::emit;
use crate::slots::is_taken;
use crate::state::{Shared, lock};
use crate::vendors::{Vendor, parse_body, parse_instant};
use crate::world::{Insertion, NexAppointment};

pub async fn list(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let loc = location(&s, &c, false)?;
    let foreign = c.get("foreign_id").map(str::to_string);
    if loc.is_none() && foreign.is_none() {
        return Err(c.bad("at least one of location_id or foreign_id must be provided"));
    }
    let start = c.get("start").ok_or_else(|| c.bad("start is missing"))?;
    let start = parse_instant(start).ok_or_else(|| c.bad("start is invalid"))?;
    let end = c.get("end").ok_or_else(|| c.bad("end is missing"))?;
    let end = parse_instant(end).ok_or_else(|| c.bad("end is invalid"))?;
    let patients = c.ints("patient_ids[]")?;
    let providers = c.ints("provider_ids[]")?;
    let operatories = c.ints("operatory_ids[]")?;
    let cancelled = c.boolean("cancelled")?;
    let type_id = c.int("appointment_type_id")?;
    let w = lock(&s.world);
    let mut list: Vec<&NexAppointment> = w
        .nex_appointments
        .iter()
        .filter(|a| loc.is_none_or(|l| a.location_id == l))
        .filter(|a| {
            foreign
                .as_ref()
                .is_none_or(|f| a.foreign_id.as_ref() == Some(f))
        })
        .filter(|a| a.start >= start && a.start < end)
        .filter(|a| patients.is_empty() || a.patient_id.is_some_and(|p| patients.contains(&p)))
        .filter(|a| providers.is_empty() || providers.contains(&a.provider_id))
        .filter(|a| {
            operatories.is_empty() || a.operatory_id.is_some_and(|o| operatories.contains(&o))
        })
        .filter(|a| cancelled.is_none_or(|cx| a.cancelled == cx))
        .filter(|a| type_id.is_none_or(|t| a.appointment_type_id == Some(t)))
        .collect();
    list.sort_by_key(|a| a.id);
    let items = list
        .into_iter()
        .map(|a| (a.id, entities::appointment(&w, a)))
        .collect();
    drop(w);
    c.list(items, s.faults.truncating(Vendor::Nexhealth))
}

pub async fn show(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, true, VND)?;
    let id: u64 = id.parse().map_err(|_| c.bad("id is invalid"))?;
    let w = lock(&s.world);
    let a = w
        .nex_appointments
        .iter()
        .find(|a| a.id == id)
        .ok_or_else(|| {
            c.err(
                StatusCode::NOT_FOUND,
                &format!("Appointment {id} not found"),
            )
        })?;
    Ok(c.ok(
        StatusCode::OK,
        entities::appointment(&w, a),
        Some(("count", json!(1))),
    ))
}

fn u32_field(c: &Ctx, appt: &Value, k: &str, required: bool) -> Result<Option<u32>, Response> {
    match appt.get(k) {
        None | Some(Value::Null) if !required => Ok(None),
        None | Some(Value::Null) => Err(c.bad(&format!("appt[{k}] is missing"))),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| c.bad(&format!("appt[{k}] is invalid"))),
    }
}

// The checks run in the order NexHealth reports them; one linear function keeps that visible.
#[allow(clippy::too_many_lines)]
pub async fn create(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let Some(loc) = location(&s, &c, true)? else {
        return Err(c.bad("location_id is missing"));
    };
    let body = parse_body(&body).map_err(|e| c.bad(&e))?;
    let appt = body.get("appt").ok_or_else(|| c.bad("appt is missing"))?;
    let unavailable = appt
        .get("unavailable")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let patient_id = u32_field(&c, appt, "patient_id", !unavailable)?;
    let provider_id = u32_field(&c, appt, "provider_id", true)?.unwrap_or(0);
    let operatory_id = u32_field(&c, appt, "operatory_id", false)?;
    let type_id = u32_field(&c, appt, "appointment_type_id", false)?;
    let start = appt
        .get("start_time")
        .and_then(Value::as_str)
        .ok_or_else(|| c.bad("appt[start_time] is missing"))?;
    let start = parse_instant(start).ok_or_else(|| c.bad("appt[start_time] is invalid"))?;
    let end = appt
        .get("end_time")
        .and_then(Value::as_str)
        .map(|e| parse_instant(e).ok_or_else(|| c.bad("appt[end_time] is invalid")))
        .transpose()?;
    let mut w = lock(&s.world);
    if let Some(p) = patient_id
        && !w.nex_patients.iter().any(|x| x.id == p)
    {
        return Err(c.err(StatusCode::NOT_FOUND, &format!("Patient {p} not found")));
    }
    if w.provider(provider_id).is_none() {
        return Err(c.err(
            StatusCode::NOT_FOUND,
            &format!("Provider {provider_id} not found"),
        ));
    }
    if let Some(o) = operatory_id
        && !w
            .operatories
            .iter()
            .any(|x| x.id == o && x.location_id == loc)
    {
        return Err(c.bad(&format!("Operatory {o} does not belong to location {loc}")));
    }
    let minutes = type_id
        .and_then(|t| w.appointment_types.iter().find(|x| x.id == t))
        .map_or(30, |t| t.minutes);
    if let Some(t) = type_id
        && !w.appointment_types.iter().any(|x| x.id == t)
    {
        return Err(c.err(
            StatusCode::NOT_FOUND,
            &format!("Appointment type {t} not found"),
        ));
    }
    let end = end.unwrap_or(start + Duration::minutes(i64::from(minutes)));
    if end <= start {
        return Err(c.bad("appt[end_time] must be after appt[start_time]"));
    }
    if is_taken(&w.nex_appointments, provider_id, operatory_id, start, end) {
        return Err(c.bad(
            "The requested time slot is not available: the provider or operatory is already booked",
        ));
    }
    let now = Utc::now();
    let id = w
        .nex_appointments
        .iter()
        .map(|a| a.id)
        .max()
        .unwrap_or(500_000)
        + 1;
    let a = NexAppointment {
        id,
        patient_id,
        provider_id,
        location_id: loc,
        operatory_id,
        appointment_type_id: type_id,
        start,
        end,
        note: appt.get("note").and_then(Value::as_str).map(str::to_string),
        confirmed: false,
        cancelled: false,
        cancelled_at: None,
        unavailable,
        insertion: Insertion::Pending,
        foreign_id: None,
        created_at: now,
        updated_at: now,
    };
    w.nex_appointments.push(a.clone());
    let out = entities::appointment(&w, &a);
    drop(w);
    emit(
        &s,
        "appointment_created",
        "appointment_created",
        &json!({"appointment": out}),
    );
    spawn_insertion(s.clone(), id);
    Ok(c.ok(
        StatusCode::CREATED,
        json!({"appt": out}),
        Some(("count", json!(1))),
    ))
}

/// After the configured delay, the EHR takes the booking (or refuses it).
pub fn spawn_insertion(s: Arc<Shared>, id: u64) {
    tokio::spawn(async move {
        tokio::time::sleep(s.opts.timings.nexhealth_insertion).await;
        let mut w = lock(&s.world);
        let forced = w.nex_fail_next_insertion.take();
        let random_fail = s.opts.nexhealth_insertion_failure_rate > 0.0
            && rand::rng().random_bool(s.opts.nexhealth_insertion_failure_rate.clamp(0.0, 1.0));
        let Some(a) = w.nex_appointments.iter_mut().find(|a| a.id == id) else {
            return;
        };
        if a.insertion != Insertion::Pending {
            return;
        }
        a.updated_at = Utc::now();
        let failed = if let Some(reason) = forced {
            a.insertion = Insertion::Failed(reason);
            true
        } else if random_fail {
            a.insertion = Insertion::Failed(
                "The EHR rejected the appointment: the operatory is closed at that time".into(),
            );
            true
        } else {
            a.insertion = Insertion::Inserted;
            a.foreign_id = Some(format!("{}", 70_000 + a.id));
            false
        };
        let a = a.clone();
        let out = entities::appointment(&w, &a);
        drop(w);
        let (event_name, data) = match &a.insertion {
            Insertion::Failed(reason) => (
                "appointment_insertion.failed",
                json!({"appointment": out, "error": [reason]}),
            ),
            _ => (
                "appointment_insertion.complete",
                json!({"appointment": out}),
            ),
        };
        tracing::info!(appointment = id, failed, "nexhealth_insertion_settled");
        emit(&s, "appointment_insertion", event_name, &data);
    });
}

pub async fn update(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let id: u64 = id.parse().map_err(|_| c.bad("id is invalid"))?;
    let body = parse_body(&body).map_err(|e| c.bad(&e))?;
    let appt = body.get("appt").ok_or_else(|| c.bad("appt is missing"))?;
    let mut w = lock(&s.world);
    let idx = w
        .nex_appointments
        .iter()
        .position(|a| a.id == id)
        .ok_or_else(|| {
            c.err(
                StatusCode::NOT_FOUND,
                &format!("Appointment {id} not found"),
            )
        })?;
    let mut a = w.nex_appointments[idx].clone();
    let time = |k: &str| {
        appt.get(k)
            .and_then(Value::as_str)
            .map(|t| parse_instant(t).ok_or_else(|| c.bad(&format!("appt[{k}] is invalid"))))
            .transpose()
    };
    let new_start = time("start_time")?;
    let new_end = time("end_time")?;
    let new_op = u32_field(&c, appt, "operatory_id", false)?;
    if new_start.is_some() || new_end.is_some() || new_op.is_some() {
        let length = a.end - a.start;
        a.start = new_start.unwrap_or(a.start);
        a.end = new_end.unwrap_or(a.start + length);
        if new_op.is_some() {
            a.operatory_id = new_op;
        }
        if a.end <= a.start {
            return Err(c.bad("appt[end_time] must be after appt[start_time]"));
        }
        let others: Vec<NexAppointment> = w
            .nex_appointments
            .iter()
            .filter(|x| x.id != id)
            .cloned()
            .collect();
        if is_taken(&others, a.provider_id, a.operatory_id, a.start, a.end) {
            return Err(c.bad("The requested time slot is not available: the provider or operatory is already booked"));
        }
    }
    if let Some(cx) = appt.get("cancelled").and_then(Value::as_bool) {
        if cx && !a.cancelled {
            a.cancelled_at = Some(Utc::now());
        }
        a.cancelled = cx;
    }
    if let Some(v) = appt.get("confirmed").and_then(Value::as_bool) {
        a.confirmed = v;
    }
    if let Some(v) = appt.get("note").and_then(Value::as_str) {
        a.note = Some(v.into());
    }
    a.updated_at = Utc::now();
    w.nex_appointments[idx] = a.clone();
    let out = entities::appointment(&w, &a);
    drop(w);
    emit(
        &s,
        "appointment_updated",
        "appointment_updated",
        &json!({"appointment": out}),
    );
    Ok(c.ok(
        StatusCode::OK,
        json!({"appt": out}),
        Some(("count", json!(1))),
    ))
}
