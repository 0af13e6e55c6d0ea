//! When a NexHealth provider can be booked: working hours (current API, `/working_hours`) and
//! availabilities (the doc's older name for the same thing, `/availabilities`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveTime, Utc};
use serde_json::{Value, json};

use super::entities::{self, parse_weekday};
use super::params::{Ctx, Version, ctx, json_ct, location};
use crate::state::{Shared, lock};
use crate::vendors::{Vendor, parse_body, parse_date};
use crate::world::{WorkingHour, World};

fn parse_hhmm(c: &Ctx, v: Option<&Value>, k: &str) -> Result<NaiveTime, Response> {
    v.and_then(Value::as_str)
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
        .ok_or_else(|| c.bad(&format!("{k} is missing or invalid (HH:MM, 24-hour)")))
}

/// Builds a working hour from either body shape (`working_hour` or the older `availability`).
fn hours_from(
    c: &Ctx,
    w: &World,
    body: &Value,
    location_id: u32,
    id: u32,
) -> Result<WorkingHour, Response> {
    let begin = parse_hhmm(c, body.get("begin_time"), "begin_time")?;
    let end = parse_hhmm(c, body.get("end_time"), "end_time")?;
    if end <= begin {
        return Err(c.bad("end_time must be after begin_time (HH:MM, 24-hour)"));
    }
    let provider_id = body
        .get("provider_id")
        .and_then(Value::as_u64)
        .and_then(|p| u32::try_from(p).ok())
        .ok_or_else(|| c.bad("provider_id is missing"))?;
    if w.provider(provider_id).is_none() {
        return Err(c.err(
            StatusCode::NOT_FOUND,
            &format!("Provider {provider_id} not found"),
        ));
    }
    let operatory_id = body
        .get("operatory_id")
        .and_then(Value::as_u64)
        .and_then(|o| u32::try_from(o).ok());
    if let Some(o) = operatory_id
        && !w
            .operatories
            .iter()
            .any(|x| x.id == o && x.location_id == location_id)
    {
        return Err(c.bad(&format!(
            "Operatory {o} does not belong to location {location_id}"
        )));
    }
    let days: Vec<chrono::Weekday> = match body.get("days").and_then(Value::as_array) {
        None => Vec::new(),
        Some(a) => a
            .iter()
            .map(|d| {
                d.as_str()
                    .and_then(parse_weekday)
                    .ok_or_else(|| c.bad("days does not have a valid value"))
            })
            .collect::<Result<_, _>>()?,
    };
    let specific = body
        .get("specific_date")
        .and_then(Value::as_str)
        .map(|d| parse_date(d).ok_or_else(|| c.bad("specific_date is invalid")))
        .transpose()?;
    let custom = body.get("custom_recurrence").is_some_and(|v| !v.is_null());
    let configured =
        usize::from(!days.is_empty()) + usize::from(specific.is_some()) + usize::from(custom);
    if configured != 1 {
        return Err(
            c.bad("exactly one of days, specific_date, or custom_recurrence must be configured")
        );
    }
    if custom {
        return Err(
            c.bad("custom_recurrence is not supported by this sandbox; use days or specific_date")
        );
    }
    let types: Vec<u32> = body
        .get("appointment_type_ids")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_u64)
                .filter_map(|t| u32::try_from(t).ok())
                .collect()
        })
        .unwrap_or_default();
    if let Some(t) = types
        .iter()
        .find(|t| !w.appointment_types.iter().any(|x| x.id == **t))
    {
        return Err(c.err(
            StatusCode::NOT_FOUND,
            &format!("Appointment type {t} not found"),
        ));
    }
    Ok(WorkingHour {
        id,
        provider_id,
        location_id,
        operatory_id,
        begin,
        end,
        days,
        specific_date: specific,
        appointment_type_ids: types,
        active: body.get("active").and_then(Value::as_bool).unwrap_or(true),
        source: "manual",
        created_at: Utc::now(),
    })
}

fn create(
    s: &Arc<Shared>,
    headers: &HeaderMap,
    uri: &Uri,
    body: &Bytes,
    wrapper: &str,
    version: Version,
) -> Result<Response, Response> {
    let c = ctx(s, headers, uri, version, true, json_ct())?;
    let Some(loc) = location(s, &c, true)? else {
        return Err(c.bad("location_id is missing"));
    };
    let body = parse_body(body).map_err(|e| c.bad(&e))?;
    let inner = body
        .get(wrapper)
        .ok_or_else(|| c.bad(&format!("{wrapper} is missing")))?;
    let mut w = lock(&s.world);
    let id = w.working_hours.iter().map(|h| h.id).max().unwrap_or(400) + 1;
    let h = hours_from(&c, &w, inner, loc, id)?;
    w.working_hours.push(h.clone());
    let out = entities::working_hour(&w, &h, false);
    let data = if wrapper == "availability" {
        json!({"availability": out})
    } else {
        out
    };
    Ok(c.ok(StatusCode::CREATED, data, Some(("count", json!(1)))))
}

pub async fn create_hours(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Result<Response, Response> {
    create(&s, &headers, &uri, &body, "working_hour", Version::Required)
}

pub async fn create_availability(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Result<Response, Response> {
    create(&s, &headers, &uri, &body, "availability", Version::Optional)
}

fn list(
    s: &Arc<Shared>,
    headers: &HeaderMap,
    uri: &Uri,
    version: Version,
) -> Result<Response, Response> {
    let c = ctx(s, headers, uri, version, true, json_ct())?;
    let loc = location(s, &c, version == Version::Required)?;
    let provider = c.int("provider_id")?;
    let operatory = c.int("operatory_id")?;
    let active = c.boolean("active")?.unwrap_or(true);
    let ignore_past = c.boolean("ignore_past_dates")?.unwrap_or(false);
    let with_types = c.all("include[]").contains(&"appointment_types");
    let today = s.today();
    let w = lock(&s.world);
    let items = w
        .working_hours
        .iter()
        .filter(|h| loc.is_none_or(|l| h.location_id == l))
        .filter(|h| provider.is_none_or(|p| h.provider_id == p))
        .filter(|h| operatory.is_none_or(|o| h.operatory_id == Some(o)))
        .filter(|h| h.active == active)
        .filter(|h| !ignore_past || h.specific_date.is_none_or(|d| d >= today))
        .map(|h| (u64::from(h.id), entities::working_hour(&w, h, with_types)))
        .collect();
    drop(w);
    c.list(items, s.faults.truncating(Vendor::Nexhealth))
}

pub async fn list_hours(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    list(&s, &headers, &uri, Version::Required)
}

pub async fn list_availabilities(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    list(&s, &headers, &uri, Version::Optional)
}

fn find(c: &Ctx, w: &World, raw: &str) -> Result<usize, Response> {
    let id: u32 = raw.parse().map_err(|_| c.bad("id is invalid"))?;
    w.working_hours
        .iter()
        .position(|h| h.id == id)
        .ok_or_else(|| {
            c.err(
                StatusCode::NOT_FOUND,
                &format!("Working hour {id} not found"),
            )
        })
}

pub async fn show_hours(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let w = lock(&s.world);
    let i = find(&c, &w, &id)?;
    Ok(c.ok(
        StatusCode::OK,
        entities::working_hour(&w, &w.working_hours[i], true),
        Some(("count", json!(1))),
    ))
}

pub async fn update_hours(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let body = parse_body(&body).map_err(|e| c.bad(&e))?;
    let patch = body
        .get("working_hour")
        .ok_or_else(|| c.bad("working_hour is missing"))?;
    let mut w = lock(&s.world);
    let i = find(&c, &w, &id)?;
    let old = w.working_hours[i].clone();
    let mut merged = entities::working_hour(&w, &old, false);
    if let Some(obj) = patch.as_object() {
        for (k, v) in obj {
            merged[k] = v.clone();
        }
    }
    if patch.get("specific_date").is_some_and(|v| !v.is_null()) {
        merged["days"] = Value::Null;
    } else if patch.get("days").is_some() {
        merged["specific_date"] = Value::Null;
    }
    let h = hours_from(&c, &w, &merged, old.location_id, old.id)?;
    w.working_hours[i] = WorkingHour {
        created_at: old.created_at,
        source: old.source,
        ..h
    };
    let out = entities::working_hour(&w, &w.working_hours[i], false);
    Ok(c.ok(StatusCode::OK, out, Some(("count", json!(1)))))
}

pub async fn delete_hours(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let mut w = lock(&s.world);
    let i = find(&c, &w, &id)?;
    w.working_hours.remove(i);
    Ok(StatusCode::NO_CONTENT.into_response())
}
