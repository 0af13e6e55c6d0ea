//! WellHive's catalogue: networks, specialties and groups, provider organizations. Every list
//! pages with an opaque `nextToken` that carries the whole query.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::auth::require;
use super::error::{bad, not_found};
use crate::http::{all, first, json, query_pairs};
use crate::paging::{next_token, parse_next_token, truncate};
use crate::state::{Shared, lock};
use crate::vendors::Vendor;

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
