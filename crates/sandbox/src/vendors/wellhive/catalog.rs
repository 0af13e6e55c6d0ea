//! WellHive's catalogue: networks, specialties and groups, provider organizations, provider
//! services (searchable by network, specialty, visit mode, distance, text), their slots, and
//! drive times. Every list pages with an opaque `nextToken` that carries the whole query.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use serde_json::{Map, Value, json};

use super::auth::{quota, require};
use super::error::{bad, not_found};
use crate::http::{all, first, json, query_pairs, rfc3339};
use crate::paging::{next_token, parse_next_token, truncate};
use crate::slots::local_instant;
use crate::state::{Shared, lock};
use crate::vendors::{Vendor, parse_body, parse_instant};
use crate::world::{WhService, World};

/// The query a request stands for: its own, or the one inside its `nextToken`.
pub fn effective(uri: &Uri) -> Result<(Vec<(String, String)>, usize), Response> {
    let pairs = query_pairs(uri);
    match first(&pairs, "nextToken").filter(|t| !t.is_empty()) {
        Some(t) => parse_next_token(t).ok_or_else(|| bad("invalid value for field nextToken")),
        None => Ok((pairs, 0)),
    }
}

pub fn page(
    s: &Shared,
    q: &[(String, String)],
    offset: usize,
    key: &str,
    items: Vec<Value>,
) -> Response {
    let size = s.opts.wellhive_page_size.max(1);
    let total = items.len();
    let slice: Vec<Value> = items.into_iter().skip(offset).take(size).collect();
    let slice = truncate(slice, s.faults.truncating(Vendor::Wellhive));
    let mut body = json!({key: slice, "count": slice.len(), "total": total});
    if offset + size < total {
        body["nextToken"] = json!(next_token(q, offset + size));
    }
    json(StatusCode::OK, &body)
}

fn haversine_miles(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    3958.8 * 2.0 * h.sqrt().asin()
}

pub fn service_json(w: &World, sv: &WhService) -> Value {
    let org = w.wh_organizations.get(sv.organization);
    json!({
        "id": sv.id,
        "name": sv.name,
        "isActive": sv.active,
        "location": {
            "address": format!("{}, {}, {} {}", sv.address.street, sv.address.city, sv.address.state, sv.address.zip),
            "latitude": sv.address.lat, "longitude": sv.address.lon, "name": org.map(|o| o.name.clone()), "timezone": sv.timezone.name(),
        },
        "networkIds": sv.network_ids,
        "appointmentTypes": sv.appointment_types.iter().map(|t| json!({"id": t.id, "name": t.name, "isSelfSchedulable": sv.self_schedulable})).collect::<Vec<_>>(),
        "specialties": sv.specialty_ids.iter().filter_map(|id| w.wh_specialties.iter().find(|x| &x.id == id)).map(|x| json!({"id": x.id, "name": x.name})).collect::<Vec<_>>(),
        "visitMode": sv.visit_mode,
        "contactDetails": [{"type": "phone", "use": "for-patient", "value": sv.phone}],
        "features": {"isDigital": sv.visit_mode == "virtual", "directBooking": {"isEnabled": sv.self_schedulable, "requiredFields": sv.required_fields}},
        "individualProviders": [{"name": sv.individual.0, "npi": sv.individual.1}],
        "providerOrganization": {"name": org.map(|o| o.name.clone()), "npi": org.map(|o| o.npi.clone()), "npiName": org.map(|o| o.name.to_uppercase())},
        "schedulingNotes": "Please arrive 15 minutes early with photo ID and insurance card.",
    })
}

pub async fn networks(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let (q, offset) = effective(&uri)?;
    let ids = all(&q, "id");
    let name = first(&q, "name").map(str::to_lowercase);
    let w = lock(&s.world);
    let items = w
        .wh_networks
        .iter()
        .filter(|n| ids.is_empty() || ids.contains(&n.id.as_str()))
        .filter(|n| {
            name.as_ref()
                .is_none_or(|x| n.name.to_lowercase().contains(x.as_str()))
        })
        .map(|n| json!({"id": n.id, "name": n.name, "requiresReferral": n.requires_referral}))
        .collect();
    Ok(page(&s, &q, offset, "networks", items))
}

pub async fn network(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let w = lock(&s.world);
    let n = w
        .wh_networks
        .iter()
        .find(|n| n.id == id)
        .ok_or_else(|| not_found(&format!("no Network with ID {id}")))?;
    Ok(json(
        StatusCode::OK,
        &json!({"id": n.id, "name": n.name, "requiresReferral": n.requires_referral}),
    ))
}

pub async fn organizations(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let (q, offset) = effective(&uri)?;
    let name = first(&q, "name").map(str::to_lowercase);
    let nets = all(&q, "networkId");
    let w = lock(&s.world);
    let items = w
        .wh_organizations
        .iter()
        .filter(|o| {
            name.as_ref()
                .is_none_or(|x| o.name.to_lowercase().contains(x.as_str()))
        })
        .filter(|o| nets.is_empty() || o.network_ids.iter().any(|n| nets.contains(&n.as_str())))
        .map(|o| json!({"name": o.name, "networkIds": o.network_ids}))
        .collect();
    Ok(page(&s, &q, offset, "providerOrganizations", items))
}

pub async fn specialties(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let (q, offset) = effective(&uri)?;
    let ids = all(&q, "id");
    let w = lock(&s.world);
    let items = w
        .wh_specialties
        .iter()
        .filter(|x| ids.is_empty() || ids.contains(&x.id.as_str()))
        .map(|x| json!({"id": x.id, "name": x.name}))
        .collect();
    Ok(page(&s, &q, offset, "specialties", items))
}

pub async fn specialty(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let w = lock(&s.world);
    let x = w
        .wh_specialties
        .iter()
        .find(|x| x.id == id)
        .ok_or_else(|| not_found(&format!("no Specialty with ID {id}")))?;
    Ok(json(StatusCode::OK, &json!({"id": x.id, "name": x.name})))
}

pub async fn specialty_groups(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let (q, offset) = effective(&uri)?;
    let ids = all(&q, "id");
    let w = lock(&s.world);
    let items = w
        .wh_specialty_groups
        .iter()
        .filter(|x| ids.is_empty() || ids.contains(&x.id.as_str()))
        .map(|x| json!({"id": x.id, "name": x.name, "specialtyIds": x.specialty_ids}))
        .collect();
    Ok(page(&s, &q, offset, "specialtyGroups", items))
}

pub async fn specialty_group(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let w = lock(&s.world);
    let x = w
        .wh_specialty_groups
        .iter()
        .find(|x| x.id == id)
        .ok_or_else(|| not_found(&format!("no SpecialtyGroup with ID {id}")))?;
    Ok(json(
        StatusCode::OK,
        &json!({"id": x.id, "name": x.name, "specialtyIds": x.specialty_ids}),
    ))
}

fn parse_bool(q: &[(String, String)], k: &str) -> Result<Option<bool>, Response> {
    match first(q, k) {
        None | Some("") => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(bad(&format!("invalid value for field {k}"))),
    }
}

pub async fn services(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let (q, offset) = effective(&uri)?;
    let near = match first(&q, "nearLocation").filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => {
            let (a, b) = v.split_once(',').ok_or_else(|| {
                bad("invalid value for field nearLocation: expected latitude,longitude")
            })?;
            let lat: f64 = a
                .trim()
                .parse()
                .map_err(|_| bad("invalid value for field nearLocation"))?;
            let lon: f64 = b
                .trim()
                .parse()
                .map_err(|_| bad("invalid value for field nearLocation"))?;
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(bad("invalid value for field nearLocation: out of range"));
            }
            let miles: f64 = first(&q, "maxMilesFromNear")
                .ok_or_else(|| bad("maxMilesFromNear is required if nearLocation is provided"))?
                .parse::<u32>()
                .map_err(|_| bad("invalid value for field maxMilesFromNear"))?
                .into();
            Some(((lat, lon), miles))
        }
    };
    let modes = all(&q, "visitMode");
    if let Some(m) = modes
        .iter()
        .find(|m| !["in-person", "phone", "virtual", "home-health"].contains(m))
    {
        return Err(bad(&format!("invalid value for field visitMode: {m}")));
    }
    let digital = first(&q, "digitalOrNot").unwrap_or("both");
    if !["digital", "non-digital", "both"].contains(&digital) {
        return Err(bad("invalid value for field digitalOrNot"));
    }
    let include_inactive = parse_bool(&q, "includeInactive")?.unwrap_or(false);
    let self_sched = parse_bool(&q, "isSelfSchedulable")?;
    quota(&s, "provider-service-search")?;
    let ids = all(&q, "id");
    let nets = all(&q, "networkId");
    let specs = all(&q, "specialtyId");
    let orgs: Vec<String> = all(&q, "organizationName")
        .iter()
        .map(|o| o.to_lowercase())
        .collect();
    let text = first(&q, "searchText").map(str::to_lowercase);
    let w = lock(&s.world);
    let items = w
        .wh_services
        .iter()
        .filter(|sv| include_inactive || sv.active)
        .filter(|sv| ids.is_empty() || ids.contains(&sv.id.as_str()))
        .filter(|sv| nets.is_empty() || sv.network_ids.iter().any(|n| nets.contains(&n.as_str())))
        .filter(|sv| {
            specs.is_empty() || sv.specialty_ids.iter().any(|n| specs.contains(&n.as_str()))
        })
        .filter(|sv| modes.is_empty() || modes.contains(&sv.visit_mode.as_str()))
        .filter(|sv| match digital {
            "digital" => sv.visit_mode == "virtual",
            "non-digital" => sv.visit_mode != "virtual",
            _ => true,
        })
        .filter(|sv| self_sched.is_none_or(|b| !b || sv.self_schedulable))
        .filter(|sv| {
            orgs.is_empty()
                || w.wh_organizations
                    .get(sv.organization)
                    .is_some_and(|o| orgs.contains(&o.name.to_lowercase()))
        })
        .filter(|sv| {
            text.as_ref().is_none_or(|t| {
                sv.name.to_lowercase().contains(t.as_str())
                    || w.wh_organizations
                        .get(sv.organization)
                        .is_some_and(|o| o.name.to_lowercase().contains(t.as_str()))
            })
        })
        .filter(|sv| {
            near.is_none_or(|(p, m)| {
                sv.visit_mode == "virtual"
                    || haversine_miles(p, (sv.address.lat, sv.address.lon)) <= m
            })
        })
        .map(|sv| service_json(&w, sv))
        .collect();
    Ok(page(&s, &q, offset, "providerServices", items))
}

pub async fn service(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let w = lock(&s.world);
    let sv = w
        .wh_services
        .iter()
        .find(|x| x.id == id)
        .ok_or_else(|| not_found(&format!("no ProviderService with ID {id}")))?;
    Ok(json(StatusCode::OK, &service_json(&w, sv)))
}

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

fn geo(v: Option<&Value>) -> Option<(f64, f64)> {
    let v = v?;
    let lat = v.get("latitude")?.as_f64()?;
    let lon = v.get("longitude")?.as_f64()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

// Distances and times are small positive numbers; rounding them to integers is the point.
#[allow(clippy::cast_possible_truncation)]
pub async fn drive_times(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let body = parse_body(&body).map_err(|e| bad(&e))?;
    let origin = geo(body.get("origin")).ok_or_else(|| {
        bad("invalid value for field origin: latitude and longitude are required")
    })?;
    let dests = body
        .get("destinations")
        .and_then(Value::as_object)
        .filter(|d| !d.is_empty())
        .ok_or_else(|| bad("invalid value for field destinations: at least one is required"))?;
    quota(&s, "drive-time")?;
    let mut out = Map::new();
    for (k, v) in dests {
        let d = geo(Some(v))
            .ok_or_else(|| bad(&format!("invalid value for field destinations.{k}")))?;
        let miles = haversine_miles(origin, d) * 1.3;
        // About 30 mph in town, a fifth slower with traffic.
        let secs = (miles / 30.0 * 3600.0).round();
        out.insert(
            k.clone(),
            json!({
                "latitude": d.0, "longitude": d.1,
                "distanceInMiles": miles.round() as i64,
                "driveTimeInSecondsWithoutTraffic": secs as i64,
                "driveTimeInSecondsWithTraffic": (secs * 1.2).round() as i64,
            }),
        );
    }
    let mut result =
        json!({"origin": {"latitude": origin.0, "longitude": origin.1}, "destinations": out});
    for k in ["appointmentId", "departAt", "arriveAt"] {
        if let Some(v) = body.get(k) {
            result[k] = v.clone();
        }
    }
    Ok(json(StatusCode::OK, &result))
}
