//! NexHealth's practice directory: locations, providers, operatories, appointment types.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::entities;
use super::error::VND;
use super::params::{Version, ctx, json_ct, location as location_param};
use crate::state::{Shared, lock};
use crate::vendors::{Vendor, parse_body};
use crate::world::AppointmentType;

fn id_of(c: &super::params::Ctx, raw: &str) -> Result<u32, Response> {
    raw.parse().map_err(|_| c.bad("id is invalid"))
}

pub async fn locations(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, false, VND)?;
    let inactive = c.boolean("inactive")?;
    let w = lock(&s.world);
    let locs: Vec<Value> = if inactive == Some(true) {
        Vec::new()
    } else {
        w.locations
            .iter()
            .map(|l| entities::location(l, w.institution_id))
            .collect()
    };
    let data = json!([{"id": w.institution_id, "name": "Frontdesk Family Medicine", "subdomain": w.subdomain, "locations": locs}]);
    Ok(c.ok(StatusCode::OK, data, Some(("count", json!(1)))))
}

pub async fn location(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, false, VND)?;
    let id = id_of(&c, &id)?;
    let w = lock(&s.world);
    let l = w
        .location(id)
        .ok_or_else(|| c.err(StatusCode::NOT_FOUND, &format!("Location {id} not found")))?;
    Ok(c.ok(
        StatusCode::OK,
        entities::location(l, w.institution_id),
        Some(("count", json!(1))),
    ))
}

pub async fn providers(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let loc = location_param(&s, &c, false)?;
    let ids = c.ints("ids[]")?;
    let include = c.all("include[]");
    let inactive = c.boolean("inactive")?.unwrap_or(false);
    let w = lock(&s.world);
    let items: Vec<(u64, Value)> = if inactive {
        Vec::new()
    } else {
        w.providers
            .iter()
            .filter(|p| loc.is_none_or(|l| p.location == l))
            .filter(|p| ids.is_empty() || ids.contains(&p.id))
            .map(|p| (u64::from(p.id), entities::provider(&w, p, &include)))
            .collect()
    };
    c.list(items, s.faults.truncating(Vendor::Nexhealth))
}

pub async fn provider(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let id = id_of(&c, &id)?;
    let include = c.all("include[]");
    let w = lock(&s.world);
    let p = w
        .provider(id)
        .ok_or_else(|| c.err(StatusCode::NOT_FOUND, &format!("Provider {id} not found")))?;
    Ok(c.ok(
        StatusCode::OK,
        entities::provider(&w, p, &include),
        Some(("count", json!(1))),
    ))
}

pub async fn operatories(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Required, true, json_ct())?;
    let loc = location_param(&s, &c, true)?;
    let with_types = c.all("include[]").contains(&"appointment_types");
    let name = c.get("search_name").map(str::to_lowercase);
    let w = lock(&s.world);
    let items = w
        .operatories
        .iter()
        .filter(|o| loc.is_none_or(|l| o.location_id == l))
        .filter(|o| {
            name.as_ref()
                .is_none_or(|n| o.name.to_lowercase().contains(n))
        })
        .map(|o| (u64::from(o.id), entities::operatory(&w, o, with_types)))
        .collect();
    c.list(items, s.faults.truncating(Vendor::Nexhealth))
}

pub async fn operatory(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, true, VND)?;
    let id = id_of(&c, &id)?;
    let w = lock(&s.world);
    let o = w
        .operatories
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| c.err(StatusCode::NOT_FOUND, &format!("Operatory {id} not found")))?;
    Ok(c.ok(
        StatusCode::OK,
        entities::operatory(&w, o, true),
        Some(("count", json!(1))),
    ))
}

pub async fn appointment_types(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, true, VND)?;
    let loc = location_param(&s, &c, false)?;
    let w = lock(&s.world);
    let data: Vec<Value> = w
        .appointment_types
        .iter()
        .filter(|t| loc.is_none_or(|l| t.location_id == l))
        .map(entities::appointment_type)
        .collect();
    let n = data.len();
    Ok(c.ok(StatusCode::OK, json!(data), Some(("count", json!(n)))))
}

pub async fn appointment_type(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, true, VND)?;
    let id = id_of(&c, &id)?;
    let w = lock(&s.world);
    let t = w
        .appointment_types
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| {
            c.err(
                StatusCode::NOT_FOUND,
                &format!("Appointment type {id} not found"),
            )
        })?;
    Ok(c.ok(
        StatusCode::OK,
        entities::appointment_type(t),
        Some(("count", json!(1))),
    ))
}

pub async fn create_appointment_type(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Result<Response, Response> {
    let c = ctx(&s, &headers, &uri, Version::Optional, true, VND)?;
    let body = parse_body(&body).map_err(|e| c.bad(&e))?;
    let t = body
        .get("appointment_type")
        .ok_or_else(|| c.bad("appointment_type is missing"))?;
    let name = t
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| c.bad("appointment_type[name] is missing"))?;
    let minutes = t
        .get("minutes")
        .and_then(Value::as_u64)
        .filter(|m| (5..=480).contains(m))
        .ok_or_else(|| c.bad("appointment_type[minutes] is missing or invalid"))?;
    let parent_type = t
        .get("parent_type")
        .and_then(Value::as_str)
        .unwrap_or("Location");
    if parent_type != "Location" && parent_type != "Institution" {
        return Err(c.bad("appointment_type[parent_type] does not have a valid value"));
    }
    let loc = t
        .get("parent_id")
        .or_else(|| body.get("location_id"))
        .and_then(Value::as_u64)
        .and_then(|l| u32::try_from(l).ok());
    let mut w = lock(&s.world);
    let loc = match loc {
        Some(l) if w.location(l).is_some() => l,
        Some(l) => return Err(c.err(StatusCode::NOT_FOUND, &format!("Location {l} not found"))),
        None if parent_type == "Institution" => w.locations.first().map_or(0, |l| l.id),
        None => return Err(c.bad("appointment_type[parent_id] is missing")),
    };
    let id = w
        .appointment_types
        .iter()
        .map(|t| t.id)
        .max()
        .unwrap_or(300)
        + 1;
    let created = AppointmentType {
        id,
        name: name.into(),
        minutes: u32::try_from(minutes).unwrap_or(30),
        location_id: loc,
        bookable_online: t
            .get("bookable_online")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        slug: name.to_lowercase().replace(' ', "-"),
    };
    w.appointment_types.push(created.clone());
    Ok(c.ok(
        StatusCode::CREATED,
        entities::appointment_type(&created),
        Some(("count", json!(1))),
    ))
}
