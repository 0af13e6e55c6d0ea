//! Nextech's patient search and encounters. Every call needs a bearer token and the
//! `x-nextech-practice-id` header naming this practice.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};

use super::error::error;
use crate::http::{bearer, json, rfc3339_millis};
use crate::seed::encounter_ccd;
use crate::state::{Shared, lock};
use crate::tokens::TokenError;
use crate::vendors::Vendor;
use crate::world::NextechPatient;

const SECTIONS: &[&str] = &[
    "reason",
    "history",
    "problems",
    "medications",
    "allergies",
    "vitals",
    "plan",
];

fn guard(s: &Shared, headers: &HeaderMap) -> Result<(), Response> {
    match s.tokens.check(Vendor::Nextech, bearer(headers).as_deref()) {
        Ok(_) => {}
        Err(TokenError::Expired) => {
            return Err(error(
                StatusCode::UNAUTHORIZED,
                "Authorization has been denied for this request. The access token has expired.",
            ));
        }
        Err(_) => {
            return Err(error(
                StatusCode::UNAUTHORIZED,
                "Authorization has been denied for this request.",
            ));
        }
    }
    match headers
        .get("x-nextech-practice-id")
        .and_then(|v| v.to_str().ok())
    {
        None => Err(error(
            StatusCode::BAD_REQUEST,
            "The x-nextech-practice-id header is required.",
        )),
        Some(p) if p.eq_ignore_ascii_case(&s.creds.nextech_practice_id) => Ok(()),
        Some(_) => Err(error(
            StatusCode::FORBIDDEN,
            "The user is not authorized for the requested practice.",
        )),
    }
}

fn patient_json(p: &NextechPatient) -> Value {
    json!({
        "patientId": p.patient_id,
        "chartNumber": p.chart_number,
        "firstName": p.first,
        "lastName": p.last,
        "middleName": p.middle,
        "dob": format!("{}T00:00:00Z", p.dob),
        "ssn": p.ssn,
        "homePhone": p.home_phone,
    })
}

fn matches(p: &NextechPatient, tokens: &[String]) -> bool {
    let name = format!(
        "{} {} {}",
        p.first,
        p.middle.as_deref().unwrap_or(""),
        p.last
    )
    .to_lowercase();
    tokens
        .iter()
        .all(|t| p.chart_number.eq_ignore_ascii_case(t) || name.contains(t.as_str()))
}

pub async fn search(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    guard(&s, &headers)?;
    let term = q
        .get("term")
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| error(StatusCode::BAD_REQUEST, "The term parameter is required."))?;
    let tokens: Vec<String> = term
        .split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    let world = lock(&s.world);
    let found: Vec<Value> = world
        .nextech_patients
        .iter()
        .filter(|p| matches(p, &tokens))
        .map(patient_json)
        .collect();
    Ok(json(StatusCode::OK, &Value::Array(found)))
}

/// The doc's examples write dates as `2-2-2000` (month-day-year); its table says date-time.
fn parse_bound(s: &str) -> Option<DateTime<Utc>> {
    if let Some(t) = crate::vendors::parse_instant(s) {
        return Some(t);
    }
    ["%Y-%m-%d", "%m-%d-%Y", "%m/%d/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|n| n.and_utc())
}

pub async fn encounters(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(patient): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    guard(&s, &headers)?;
    let id: u32 = patient.parse().map_err(|_| {
        error(
            StatusCode::BAD_REQUEST,
            &format!("The value '{patient}' is not valid for patientId."),
        )
    })?;
    let bound = |k: &str| -> Result<Option<DateTime<Utc>>, Response> {
        q.get(k)
            .map(|v| {
                parse_bound(v).ok_or_else(|| {
                    error(
                        StatusCode::BAD_REQUEST,
                        &format!("The value '{v}' is not valid for {k}."),
                    )
                })
            })
            .transpose()
    };
    let start = bound("start")?;
    let end = bound("end")?.map(|e| {
        if e.time() == chrono::NaiveTime::MIN {
            e + chrono::Duration::days(1)
        } else {
            e
        }
    });
    let section = q.get("section").map(String::as_str);
    if let Some(sec) = section
        && !SECTIONS.iter().any(|x| x.eq_ignore_ascii_case(sec))
    {
        return Err(error(
            StatusCode::BAD_REQUEST,
            &format!("Unknown section '{sec}'. See /encounters/categories."),
        ));
    }
    let world = lock(&s.world);
    if !world.nextech_patients.iter().any(|p| p.patient_id == id) {
        return Err(error(
            StatusCode::NOT_FOUND,
            &format!("Patient {id} was not found."),
        ));
    }
    let now = Utc::now();
    let mut list: Vec<&crate::world::Encounter> = world
        .encounters
        .iter()
        .filter(|e| e.patient_id == id)
        .filter(|e| start.is_none_or(|s| e.date >= s))
        .filter(|e| e.date <= end.unwrap_or(now))
        .collect();
    list.sort_by_key(|e| std::cmp::Reverse(e.date));
    let out: Vec<Value> = list
        .into_iter()
        .map(|e| {
            let doc = world.providers.get(e.provider);
            json!({
                "summary": {
                    "encounterId": e.id,
                    "doctorId": doc.map(|d| d.nextech_id),
                    "doctorFirstName": doc.map(|d| d.first.clone()),
                    "doctorLastName": doc.map(|d| d.last.clone()),
                    "doctorProfessionalDesignation": doc.map(|d| d.designation.clone()),
                    "department": e.department,
                    "location": e.location,
                    "encounterDate": rfc3339_millis(e.date),
                    "type": e.kind,
                    "encounterLocked": e.locked,
                },
                "ccd": encounter_ccd(&world, e, section),
            })
        })
        .collect();
    Ok(json(StatusCode::OK, &Value::Array(out)))
}

pub async fn categories(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Response, Response> {
    guard(&s, &headers)?;
    Ok(json(StatusCode::OK, &json!(SECTIONS)))
}
