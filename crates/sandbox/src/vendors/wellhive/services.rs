//! WellHive provider services (searchable by network, specialty, visit mode, distance, text)
//! and drive times from a patient to them.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::auth::{quota, require};
use super::catalog::{effective, page};
use super::error::{bad, not_found};
use crate::http::{all, first, json};
use crate::state::{Shared, lock};
use crate::vendors::parse_body;
use crate::world::{WhService, World};

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
