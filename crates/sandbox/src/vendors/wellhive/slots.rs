//! WellHive slots: each provider service's bookable times, generated from its clinic hours in
//! its own time zone, minus slots already booked; ids that carry service, type and start.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use serde_json::{Value, json};

use super::auth::{quota, require};
use super::catalog::{effective, page};
use super::error::{bad, not_found};
use crate::http::{all, first, json, rfc3339};
use crate::slots::local_instant;
use crate::state::{Shared, lock};
use crate::vendors::parse_instant;
use crate::world::WhService;

/// A slot id names its service, appointment type and start: `<service>~<type index>~<unix>`.
pub fn slot_id(service: &str, type_index: usize, start: DateTime<Utc>) -> String {
    format!("{service}~{type_index}~{}", start.timestamp())
}

pub fn parse_slot_id(id: &str) -> Option<(String, usize, DateTime<Utc>)> {
    let mut parts = id.split('~');
    let svc = parts.next()?.to_string();
    let ti = parts.next()?.parse().ok()?;
    let ts = DateTime::from_timestamp(parts.next()?.parse().ok()?, 0)?;
    parts.next().is_none().then_some((svc, ti, ts))
}

/// Whether a slot exists in the service's schedule (weekday clinic hours, on the type's grid).
pub fn slot_exists(sv: &WhService, type_index: usize, start: DateTime<Utc>) -> bool {
    let Some(t) = sv.appointment_types.get(type_index) else {
        return false;
    };
    let local = start.with_timezone(&sv.timezone);
    let date = local.date_naive();
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        return false;
    }
    let (Some(open), Some(close)) = (
        local_instant(sv.timezone, date, sv.open),
        local_instant(sv.timezone, date, sv.close),
    ) else {
        return false;
    };
    let step = i64::from(t.minutes);
    start >= open
        && start + Duration::minutes(step) <= close
        && (start - open).num_minutes() % step == 0
}

fn slot_json(sv: &WhService, ti: usize, start: DateTime<Utc>) -> Value {
    json!({"id": slot_id(&sv.id, ti, start), "providerServiceId": sv.id, "appointmentTypeId": sv.appointment_types.get(ti).map(|t| t.id.clone()), "start": rfc3339(start), "remaining": 1})
}

pub async fn slots(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let (q, offset) = effective(&uri)?;
    let ids = all(&q, "id");
    let bound = |k: &str| {
        first(&q, k)
            .filter(|v| !v.is_empty())
            .map(|v| parse_instant(v).ok_or_else(|| bad(&format!("invalid value for field {k}"))))
            .transpose()
    };
    let from = bound("startOnOrAfter")?;
    let before = bound("startBefore")?;
    if ids.is_empty() && (from.is_none() || before.is_none()) {
        return Err(bad(
            "startOnOrAfter and startBefore are required unless id or nextToken is provided",
        ));
    }
    quota(&s, "slot-search")?;
    let w = lock(&s.world);
    let sv = w
        .wh_services
        .iter()
        .find(|x| x.id == id)
        .ok_or_else(|| not_found(&format!("no ProviderService with ID {id}")))?;
    let type_filter = first(&q, "appointmentTypeId").filter(|v| !v.is_empty());
    if let Some(t) = type_filter
        && !sv.appointment_types.iter().any(|x| x.id == t)
    {
        return Err(bad(&format!(
            "invalid value for field appointmentTypeId: {t} is not offered by this ProviderService"
        )));
    }
    let now = Utc::now();
    let mut items = Vec::new();
    if ids.is_empty() {
        let (Some(from), Some(before)) = (from, before) else {
            return Err(bad("startOnOrAfter and startBefore are required"));
        };
        let before = before.min(from + Duration::days(62));
        for (ti, t) in sv.appointment_types.iter().enumerate() {
            if type_filter.is_some_and(|f| f != t.id) {
                continue;
            }
            let mut date = from.with_timezone(&sv.timezone).date_naive();
            while let Some(open) = local_instant(sv.timezone, date, sv.open) {
                if open >= before {
                    break;
                }
                let mut t0 = open;
                while slot_exists(sv, ti, t0) {
                    if t0 >= from
                        && t0 < before
                        && t0 > now
                        && !w.wh_taken_slots.contains(&slot_id(&sv.id, ti, t0))
                    {
                        items.push((t0, slot_json(sv, ti, t0)));
                    }
                    t0 += Duration::minutes(i64::from(t.minutes));
                }
                date += Duration::days(1);
            }
        }
    } else {
        for sid in &ids {
            if let Some((svc, ti, start)) = parse_slot_id(sid)
                && svc == sv.id
                && slot_exists(sv, ti, start)
                && !w.wh_taken_slots.contains(*sid)
            {
                items.push((start, slot_json(sv, ti, start)));
            }
        }
    }
    items.sort_by_key(|(t, _)| *t);
    let items = items.into_iter().map(|(_, v)| v).collect();
    Ok(page(&s, &q, offset, "slots", items))
}

pub async fn slot(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((id, slot)): Path<(String, String)>,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let w = lock(&s.world);
    let sv = w
        .wh_services
        .iter()
        .find(|x| x.id == id)
        .ok_or_else(|| not_found(&format!("no ProviderService with ID {id}")))?;
    let found = parse_slot_id(&slot)
        .filter(|(svc, ti, start)| *svc == sv.id && slot_exists(sv, *ti, *start));
    let (_, ti, start) = found.ok_or_else(|| not_found(&format!("no Slot with ID {slot}")))?;
    let mut v = slot_json(sv, ti, start);
    if w.wh_taken_slots.contains(&slot) {
        v["remaining"] = json!(0);
    }
    Ok(json(StatusCode::OK, &v))
}
