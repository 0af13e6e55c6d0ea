//! NexHealth slots, computed from working hours minus booked appointments, per operatory, in
//! each location's time zone: `/available_slots` (current API) and `/appointment_slots` (the
//! doc's older name).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::{Duration, Utc};
use serde_json::{Value, json};

use super::params::{Ctx, Gen, Version, ctx, json_ct};
use crate::slots::{FreeSlot, SlotQuery, free_slots};
use crate::state::{Shared, lock};
use crate::vendors::parse_date;
use crate::world::World;

fn slot_query(c: &Ctx, s: &Shared) -> Result<SlotQuery, Response> {
    let start = c
        .get("start_date")
        .ok_or_else(|| c.bad("start_date is missing"))?;
    let start_date =
        parse_date(start).ok_or_else(|| c.bad("start_date is invalid (YYYY-MM-DD)"))?;
    let days = c.required_int("days")?;
    if !(1..=90).contains(&days) {
        return Err(c.bad("days must be between 1 and 90"));
    }
    let lids = c.ints("lids[]")?;
    if lids.is_empty() {
        return Err(c.bad("lids[] is missing"));
    }
    {
        let w = lock(&s.world);
        if let Some(l) = lids.iter().find(|l| w.location(**l).is_none()) {
            return Err(c.err(StatusCode::NOT_FOUND, &format!("Location {l} not found")));
        }
    }
    let q = SlotQuery {
        location_ids: lids,
        provider_ids: c.ints("pids[]")?,
        operatory_ids: c.ints("operatory_ids[]")?,
        start_date,
        days,
        appointment_type_id: c.int("appointment_type_id")?,
        slot_length: c.int("slot_length")?,
        slot_interval: c.int("slot_interval")?,
        not_before: Utc::now(),
    };
    if c.generation == Gen::Current && q.provider_ids.is_empty() && q.appointment_type_id.is_none()
    {
        return Err(c.bad("at least one of pids[] or appointment_type_id must be provided"));
    }
    Ok(q)
}

fn local(w: &World, slot: &FreeSlot, t: chrono::DateTime<Utc>) -> String {
    let tz = w
        .location(slot.location_id)
        .map_or(chrono_tz::UTC, |l| l.tz);
    t.with_timezone(&tz)
        .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string()
}

fn grouped(w: &World, slots: &[FreeSlot], current: bool) -> Vec<Value> {
    let mut groups: BTreeMap<(u32, u32), Vec<Value>> = BTreeMap::new();
    for sl in slots {
        let mut v = json!({"time": local(w, sl, sl.start), "operatory_id": sl.operatory_id.unwrap_or(0), "provider_id": sl.provider_id});
        if current {
            v["end_time"] = json!(local(w, sl, sl.end));
        }
        groups
            .entry((sl.location_id, sl.provider_id))
            .or_default()
            .push(v);
    }
    groups
        .into_iter()
        .map(|((lid, pid), mut list)| {
            list.sort_by(|a, b| a["time"].as_str().cmp(&b["time"].as_str()));
            let op = list.first().and_then(|s| s["operatory_id"].as_u64());
            json!({"lid": lid, "pid": pid, "operatory_id": op, "slots": list})
        })
        .collect()
}

pub async fn available_slots(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let q = slot_query(&c, &s)?;
    let w = lock(&s.world);
    let slots = free_slots(&w, &q);
    let mut data = grouped(&w, &slots, true);
    if data.is_empty() {
        // Say when the next free day is, as the spec's `next_available_date` does.
        let later = SlotQuery {
            start_date: q.start_date + Duration::days(i64::from(q.days)),
            days: 30,
            ..q.clone()
        };
        let next = free_slots(&w, &later).first().map(|sl| {
            sl.start
                .with_timezone(&w.location(sl.location_id).map_or(chrono_tz::UTC, |l| l.tz))
                .date_naive()
                .to_string()
        });
        for lid in &q.location_ids {
            data.push(json!({"lid": lid, "pid": q.provider_ids.first(), "operatory_id": null, "slots": [], "next_available_date": next}));
        }
    }
    let n = data.len();
    Ok(c.ok(StatusCode::OK, json!(data), Some(("count", json!(n)))))
}

pub async fn appointment_slots(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, true, json_ct())?;
    let q = slot_query(&c, &s)?;
    let w = lock(&s.world);
    let slots = free_slots(&w, &q);
    let data = grouped(&w, &slots, false);
    let n = data.len();
    Ok(c.ok(StatusCode::OK, json!(data), Some(("count", json!(n)))))
}
