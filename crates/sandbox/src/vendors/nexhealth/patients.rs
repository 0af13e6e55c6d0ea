//! NexHealth patients: search (name, email, phone, date of birth) per location, create (or
//! return the existing match), show. `updated_since` is honoured as the spec says ("updated at
//! or after"), so the desk's incremental pass brings only what changed.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::Utc;
use serde_json::{Value, json};

use super::entities;
use super::params::{Gen, Version, ctx, json_ct, location};
use crate::state::{Shared, lock};
use crate::vendors::{Vendor, parse_body, parse_date, phone_digits};
use crate::world::{Gender, NexPatient};

pub async fn list(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let loc = location(&s, &c, true)?;
    let dob = c
        .get("date_of_birth")
        .map(|d| parse_date(d).ok_or_else(|| c.bad("date_of_birth is invalid")))
        .transpose()?;
    let since = c
        .get("updated_since")
        .map(|t| crate::vendors::parse_instant(t).ok_or_else(|| c.bad("updated_since is invalid")))
        .transpose()?;
    let phone = c.get("phone_number").map(phone_digits);
    let name = c.get("name").map(str::to_lowercase);
    let email = c.get("email").map(str::to_lowercase);
    let strict = c.boolean("location_strict")?.unwrap_or(false);
    let inactive = c.boolean("inactive")?.unwrap_or(false);
    let upcoming = c.boolean("include_upcoming_appts")?.unwrap_or(false);
    let truncating = s.faults.truncating(Vendor::Nexhealth);
    let w = lock(&s.world);
    let now = Utc::now();
    let items: Vec<(u64, Value)> = w
        .nex_patients
        .iter()
        .filter(|_| !inactive)
        .filter(|p| !strict || loc.is_some_and(|l| p.location_ids.contains(&l)))
        .filter(|p| since.is_none_or(|t| p.updated_at >= t))
        .filter(|p| dob.is_none_or(|d| p.dob == d))
        .filter(|p| phone.as_ref().is_none_or(|ph| p.phone == *ph))
        .filter(|p| email.as_ref().is_none_or(|e| p.email.as_deref().is_some_and(|pe| pe.to_lowercase() == *e)))
        .filter(|p| name.as_ref().is_none_or(|n| format!("{} {}", p.first, p.last).to_lowercase().contains(n.as_str())))
        .map(|p| {
            let mut v = entities::patient(&w, p);
            if upcoming {
                v["upcoming_appts"] = json!(w.nex_appointments.iter().filter(|a| a.patient_id == Some(p.id) && a.start > now && !a.cancelled).map(|a| json!({
                    "id": a.id, "provider_id": a.provider_id, "provider_name": w.provider(a.provider_id).map(crate::world::Provider::display),
                    "start_time": crate::http::rfc3339_millis(a.start), "end_time": crate::http::rfc3339_millis(a.end), "location_id": a.location_id, "confirmed": a.confirmed,
                })).collect::<Vec<_>>());
            }
            (u64::from(p.id), v)
        })
        .collect();
    drop(w);
    if c.generation == Gen::Legacy {
        // The doc's version=2 answer nests the page: `data: [{"patients": [...]}]`.
        let per_page = c.per_page()?;
        let page = c.page()?;
        let total = items.len();
        let data: Vec<Value> = items
            .into_iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(|(_, v)| v)
            .collect();
        return Ok(c.ok(
            StatusCode::OK,
            json!([{"patients": crate::paging::truncate(data, truncating)}]),
            Some(("count", json!(total))),
        ));
    }
    c.list(items, truncating)
}

pub async fn show(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let id: u32 = id.parse().map_err(|_| c.bad("id is invalid"))?;
    let w = lock(&s.world);
    let p = w
        .nex_patients
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| c.err(StatusCode::NOT_FOUND, &format!("Patient {id} not found")))?;
    Ok(c.ok(
        StatusCode::OK,
        entities::patient(&w, p),
        Some(("count", json!(1))),
    ))
}

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
    let provider_id = body
        .pointer("/provider/provider_id")
        .and_then(Value::as_u64)
        .ok_or_else(|| c.bad("provider[provider_id] is missing"))?;
    let p = body
        .get("patient")
        .ok_or_else(|| c.bad("patient is missing"))?;
    let text = |k: &str| {
        p.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let first = text("first_name").ok_or_else(|| c.bad("patient[first_name] is missing"))?;
    let last = text("last_name").ok_or_else(|| c.bad("patient[last_name] is missing"))?;
    let email = text("email").ok_or_else(|| c.bad("patient[email] is missing"))?;
    if !email.contains('@') {
        return Err(c.bad("patient[email] is invalid"));
    }
    let bio = p
        .get("bio")
        .ok_or_else(|| c.bad("patient[bio] is missing"))?;
    let dob = bio
        .get("date_of_birth")
        .and_then(Value::as_str)
        .ok_or_else(|| c.bad("patient[bio][date_of_birth] is missing"))?;
    let dob = parse_date(dob).ok_or_else(|| c.bad("patient[bio][date_of_birth] is invalid"))?;
    let phone = phone_digits(
        bio.get("phone_number")
            .and_then(Value::as_str)
            .ok_or_else(|| c.bad("patient[bio][phone_number] is missing"))?,
    );
    if phone.len() != 10 {
        return Err(c.bad("patient[bio][phone_number] is invalid"));
    }
    let gender = match bio.get("gender").and_then(Value::as_str) {
        None | Some("Other") => Gender::Other,
        Some("Male") => Gender::Male,
        Some("Female") => Gender::Female,
        Some(_) => return Err(c.bad("patient[bio][gender] does not have a valid value")),
    };
    let mut w = lock(&s.world);
    if w.provider(u32::try_from(provider_id).unwrap_or(0))
        .is_none()
    {
        return Err(c.err(
            StatusCode::NOT_FOUND,
            &format!("Provider {provider_id} not found"),
        ));
    }
    if body
        .get("return_existing_if_match")
        .and_then(Value::as_bool)
        == Some(true)
        && let Some(existing) = w.nex_patients.iter().find(|x| {
            x.dob == dob && x.first.eq_ignore_ascii_case(first) && x.last.eq_ignore_ascii_case(last)
        })
    {
        return Ok(c.ok(
            StatusCode::OK,
            json!({"user": entities::patient(&w, existing)}),
            Some(("count", json!(1))),
        ));
    }
    let id = w.nex_patients.iter().map(|p| p.id).max().unwrap_or(1000) + 1;
    let now = Utc::now();
    let created = NexPatient {
        id,
        person: usize::MAX,
        first: first.into(),
        middle: None,
        last: last.into(),
        email: Some(email.into()),
        dob,
        phone,
        gender,
        chart_id: None,
        location_ids: vec![loc],
        provider_id: u32::try_from(provider_id).ok(),
        language: "en".into(),
        created_at: now,
        updated_at: now,
    };
    w.nex_patients.push(created.clone());
    Ok(c.ok(
        StatusCode::CREATED,
        json!({"user": entities::patient(&w, &created)}),
        Some(("count", json!(1))),
    ))
}
