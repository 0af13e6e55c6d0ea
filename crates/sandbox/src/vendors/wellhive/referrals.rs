//! WellHive referrals. The doc's call sequence starts with `GET /referrals` but the published
//! spec has no such path; the shape here follows the spec's conventions (camelCase, a result
//! object with `count`, `total` and `nextToken`). See NOTES.md.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::auth::require;
use super::catalog::{effective, page};
use super::error::{bad, not_found};
use crate::http::{first, json, rfc3339};
use crate::state::{Shared, lock};
use crate::world::WhReferral;

fn referral_json(r: &WhReferral) -> Value {
    json!({
        "id": r.id, "referralNumber": r.referral_number, "patientId": r.patient_id, "networkId": r.network_id,
        "specialtyIds": [r.specialty_id], "status": r.status, "visitModes": [r.visit_mode], "reason": r.reason,
        "created": rfc3339(r.created), "expires": r.expires.to_string(),
    })
}

pub async fn search(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let (q, offset) = effective(&uri)?;
    let patient = first(&q, "patientId").filter(|v| !v.is_empty());
    let number = first(&q, "referralNumber").filter(|v| !v.is_empty());
    if patient.is_none() && number.is_none() {
        return Err(bad(
            "one of patientId, referralNumber, or nextToken is required",
        ));
    }
    let status = first(&q, "status").filter(|v| !v.is_empty());
    let w = lock(&s.world);
    let items = w
        .wh_referrals
        .iter()
        .filter(|r| patient.is_none_or(|p| r.patient_id == p))
        .filter(|r| number.is_none_or(|n| r.referral_number == n))
        .filter(|r| status.is_none_or(|st| r.status == st))
        .map(referral_json)
        .collect();
    Ok(page(&s, &q, offset, "referrals", items))
}

pub async fn show(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers)?;
    let w = lock(&s.world);
    let r = w
        .wh_referrals
        .iter()
        .find(|r| r.id == id)
        .ok_or_else(|| not_found(&format!("no Referral with ID {id}")))?;
    Ok(json(StatusCode::OK, &referral_json(r)))
}
