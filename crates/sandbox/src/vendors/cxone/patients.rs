//! CXone patients: get by id (`pt-` followed by digits) and search by MRN, phone, email, last
//! name or date of birth, paged by offset/limit (default 20, max 100).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

use super::auth::{READ, require};
use super::error::{bad, not_found};
use crate::http::{json, rfc3339};
use crate::paging::{offset_window, truncate};
use crate::state::{Shared, lock};
use crate::vendors::{Vendor, parse_date, phone_digits};
use crate::world::CxPatient;

pub fn patient_json(p: &CxPatient) -> Value {
    json!({
        "id": p.id,
        "mrn": p.mrn,
        "firstName": p.first,
        "lastName": p.last,
        "dateOfBirth": p.dob.to_string(),
        "gender": p.gender.lower(),
        "contactInfo": {
            "email": p.email,
            "phoneNumber": p.phone,
            "alternatePhoneNumber": p.alt_phone,
            "preferredContactMethod": if p.email.is_some() && p.alt_phone.is_none() { "email" } else { "phone" },
        },
        "insuranceInfo": {"providerId": "INS-001", "memberNumber": format!("MEM-{}", &p.id[3..]), "groupNumber": "GRP-6789"},
        "preferredLanguage": p.language,
        "communicationPreferences": {"allowEmail": p.email.is_some(), "allowSMS": true, "allowVoice": true},
        "tags": p.tags,
        "createdAt": rfc3339(p.created_at),
        "updatedAt": rfc3339(p.updated_at),
    })
}

pub fn valid_patient_id(id: &str) -> bool {
    id.strip_prefix("pt-")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

pub fn bad_patient_id(name: &str) -> Response {
    bad(
        &format!("Invalid parameter: {name}"),
        "Patient ID must be in the format 'pt-' followed by numbers",
    )
}

/// `limit` (1..=100, default 20) and `offset` (>= 0, default 0), or the error to answer.
pub fn limit_offset(q: &HashMap<String, String>) -> Result<(usize, usize), Response> {
    let limit = match q.get("limit") {
        None => 20,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => {
                return Err(bad(
                    "Invalid parameter: limit",
                    "limit must be an integer between 1 and 100",
                ));
            }
        },
    };
    let offset = match q.get("offset") {
        None => 0,
        Some(v) => v.parse::<usize>().map_err(|_| {
            bad(
                "Invalid parameter: offset",
                "offset must be a non-negative integer",
            )
        })?,
    };
    Ok((limit, offset))
}

pub async fn search(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    let (limit, offset) = limit_offset(&q)?;
    let dob = match q.get("dateOfBirth") {
        Some(d) => Some(parse_date(d).ok_or_else(|| {
            bad(
                "Invalid parameter: dateOfBirth",
                "dateOfBirth must be in the format YYYY-MM-DD",
            )
        })?),
        None => None,
    };
    let phone = q.get("phoneNumber").map(|p| phone_digits(p));
    if phone.as_ref().is_some_and(|p| p.len() < 7) {
        return Err(bad(
            "Invalid parameter: phoneNumber",
            "phoneNumber must contain at least 7 digits",
        ));
    }
    let world = lock(&s.world);
    let matches: Vec<&CxPatient> = world
        .cx_patients
        .iter()
        .filter(|p| q.get("mrn").is_none_or(|m| &p.mrn == m))
        .filter(|p| {
            q.get("email").is_none_or(|e| {
                p.email
                    .as_deref()
                    .is_some_and(|pe| pe.eq_ignore_ascii_case(e))
            })
        })
        .filter(|p| {
            q.get("lastName")
                .is_none_or(|l| p.last.to_lowercase().starts_with(&l.to_lowercase()))
        })
        .filter(|p| dob.is_none_or(|d| p.dob == d))
        .filter(|p| {
            phone.as_ref().is_none_or(|ph| {
                phone_digits(&p.phone) == *ph
                    || p.alt_phone
                        .as_deref()
                        .is_some_and(|a| phone_digits(a) == *ph)
            })
        })
        .collect();
    let page = truncate(
        offset_window(&matches, offset, limit),
        s.faults.truncating(Vendor::Cxone),
    );
    let data: Vec<Value> = page.into_iter().map(patient_json).collect();
    Ok(json(
        StatusCode::OK,
        &json!({"total": matches.len(), "offset": offset, "limit": limit, "data": data}),
    ))
}

pub async fn show(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers, READ)?;
    if !valid_patient_id(&id) {
        return Err(bad_patient_id("id"));
    }
    let world = lock(&s.world);
    let p = world
        .cx_patients
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| not_found(&format!("patient {id}")))?;
    Ok(json(StatusCode::OK, &patient_json(p)))
}
