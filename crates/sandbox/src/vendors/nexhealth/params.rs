//! What every NexHealth call checks before it does anything: the API generation it speaks
//! (`Nex-Api-Version` or the older `Accept: …version=2`), the bearer token, `subdomain`,
//! `location_id`, and the shapes of integers, booleans and dates.

use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::auth::require;
use super::error::{VND, error_ct};
use crate::http::{JSON, all, first, json_with, query_pairs};
use crate::state::Shared;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gen {
    /// `Nex-Api-Version: v3.0.0` (= `v20240412`).
    Current,
    /// `Accept: application/vnd.Nexhealth+json;version=2`, the doc's older API.
    Legacy,
}

/// How strict an endpoint is about the version header, per the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Required,
    Optional,
}

#[derive(Debug)]
pub struct Ctx {
    pub generation: Gen,
    pub pairs: Vec<(String, String)>,
    pub content_type: &'static str,
}

impl Ctx {
    pub fn get(&self, k: &str) -> Option<&str> {
        first(&self.pairs, k).filter(|v| !v.is_empty())
    }

    pub fn all(&self, k: &str) -> Vec<&str> {
        all(&self.pairs, k)
    }

    pub fn err(&self, status: StatusCode, msg: &str) -> Response {
        error_ct(status, self.content_type, msg)
    }

    pub fn bad(&self, msg: &str) -> Response {
        self.err(StatusCode::BAD_REQUEST, msg)
    }

    pub fn int(&self, k: &str) -> Result<Option<u32>, Response> {
        self.get(k)
            .map(|v| {
                v.parse::<u32>()
                    .map_err(|_| self.bad(&format!("{k} is invalid")))
            })
            .transpose()
    }

    pub fn ints(&self, k: &str) -> Result<Vec<u32>, Response> {
        self.all(k)
            .into_iter()
            .filter(|v| !v.is_empty())
            .map(|v| {
                v.parse::<u32>()
                    .map_err(|_| self.bad(&format!("{k} is invalid")))
            })
            .collect()
    }

    pub fn boolean(&self, k: &str) -> Result<Option<bool>, Response> {
        match self.get(k) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(_) => Err(self.bad(&format!("{k} is invalid"))),
        }
    }

    pub fn required_int(&self, k: &str) -> Result<u32, Response> {
        self.int(k)?
            .ok_or_else(|| self.bad(&format!("{k} is missing")))
    }

    pub fn per_page(&self) -> Result<usize, Response> {
        match self.get("per_page") {
            None => Ok(5),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .ok_or_else(|| self.bad("per_page does not have a valid value (1 to 1000)")),
        }
    }

    pub fn page(&self) -> Result<usize, Response> {
        match self.get("page") {
            None => Ok(1),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| self.bad("page is invalid")),
        }
    }

    pub fn cursor(&self, k: &str) -> Result<Option<u64>, Response> {
        self.get(k)
            .map(|c| {
                crate::paging::decode_cursor(c).ok_or_else(|| self.bad(&format!("{k} is invalid")))
            })
            .transpose()
    }

    /// `{"code": true, "error": [], "data": …}` plus `count` or `page_info`.
    pub fn ok(&self, status: StatusCode, data: Value, extra: Option<(&str, Value)>) -> Response {
        let mut body = json!({"code": true, "description": "Success", "error": []});
        body["data"] = data;
        if let Some((k, v)) = extra {
            body[k] = v;
        }
        json_with(status, self.content_type, &body)
    }
}

/// Checks generation, token and `subdomain`. `current_ct` is the content type the spec gives
/// this endpoint's answers in the current API.
pub fn ctx(
    s: &Shared,
    headers: &HeaderMap,
    uri: &Uri,
    version: Version,
    subdomain_required: bool,
    current_ct: &'static str,
) -> Result<Ctx, Response> {
    let accept_v2 = headers
        .get("accept")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.to_ascii_lowercase().contains("version=2"));
    let generation = match headers.get("nex-api-version").and_then(|v| v.to_str().ok()) {
        Some("v3.0.0" | "v20240412") => Gen::Current,
        Some(other) => {
            return Err(error_ct(
                StatusCode::BAD_REQUEST,
                JSON,
                &format!("Nex-Api-Version {other} is not supported (use v3.0.0 or v20240412)"),
            ));
        }
        None if accept_v2 => Gen::Legacy,
        None if version == Version::Optional => Gen::Current,
        None => {
            return Err(error_ct(
                StatusCode::BAD_REQUEST,
                JSON,
                "Nex-Api-Version header is missing",
            ));
        }
    };
    let content_type = if generation == Gen::Legacy {
        VND
    } else {
        current_ct
    };
    require(s, headers, content_type)?;
    let c = Ctx {
        generation,
        pairs: query_pairs(uri),
        content_type,
    };
    match c.get("subdomain") {
        None if subdomain_required => return Err(c.bad("subdomain is missing")),
        Some(sd) if sd != crate::state::lock(&s.world).subdomain => {
            return Err(c.err(
                StatusCode::FORBIDDEN,
                "Forbidden: you do not have access to this subdomain",
            ));
        }
        _ => {}
    }
    Ok(c)
}

/// `location_id`, checked to be one of the institution's locations.
pub fn location(s: &Shared, c: &Ctx, required: bool) -> Result<Option<u32>, Response> {
    let id = if required {
        Some(c.required_int("location_id")?)
    } else {
        c.int("location_id")?
    };
    if let Some(id) = id
        && crate::state::lock(&s.world).location(id).is_none()
    {
        return Err(c.err(StatusCode::NOT_FOUND, &format!("Location {id} not found")));
    }
    Ok(id)
}

pub fn json_ct() -> &'static str {
    JSON
}

impl Ctx {
    /// A collection answer: cursor paging and `page_info` in the current API, page/per_page
    /// and `count` in the older one. `items` must be sorted by id.
    pub fn list(&self, items: Vec<(u64, Value)>, truncate: bool) -> Result<Response, Response> {
        let per_page = self.per_page()?;
        if self.generation == Gen::Legacy {
            let page = self.page()?;
            let total = items.len();
            let data: Vec<Value> = items
                .into_iter()
                .skip((page - 1) * per_page)
                .take(per_page)
                .map(|(_, v)| v)
                .collect();
            return Ok(self.ok(
                StatusCode::OK,
                json!(crate::paging::truncate(data, truncate)),
                Some(("count", json!(total))),
            ));
        }
        let (page, info) = crate::paging::cursor_page(
            &items,
            self.cursor("start_cursor")?,
            self.cursor("end_cursor")?,
            per_page,
        );
        Ok(self.ok(
            StatusCode::OK,
            json!(crate::paging::truncate(page, truncate)),
            Some(("page_info", info)),
        ))
    }
}
