//! The five simulated vendors, one module each, plus the enum that names them for fault
//! injection, rate limits and the admin API.

use serde::{Deserialize, Serialize};

pub mod cxone;
pub mod nexhealth;
pub mod nextech;
pub mod wellhive;
pub mod zoom;

/// One of the five simulated vendors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vendor {
    Cxone,
    Zoom,
    Nextech,
    Nexhealth,
    Wellhive,
}

impl Vendor {
    pub const ALL: [Vendor; 5] = [
        Vendor::Cxone,
        Vendor::Zoom,
        Vendor::Nextech,
        Vendor::Nexhealth,
        Vendor::Wellhive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Vendor::Cxone => "cxone",
            Vendor::Zoom => "zoom",
            Vendor::Nextech => "nextech",
            Vendor::Nexhealth => "nexhealth",
            Vendor::Wellhive => "wellhive",
        }
    }

    pub fn parse(s: &str) -> Option<Vendor> {
        Vendor::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl std::fmt::Display for Vendor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The vendor's own error body for a status, used by faults and rate limits that sit in front
/// of every route.
pub fn error_response(
    vendor: Vendor,
    status: axum::http::StatusCode,
    message: &str,
) -> axum::response::Response {
    match vendor {
        Vendor::Cxone => cxone::error::error(status, message, ""),
        Vendor::Zoom => zoom::error::generic(status, message),
        Vendor::Nextech => nextech::error::error(status, message),
        Vendor::Nexhealth => nexhealth::error::error(status, message),
        Vendor::Wellhive => wellhive::error::error(status, message),
    }
}

/// A JSON request body, or the reason it is not one.
pub fn parse_body(bytes: &[u8]) -> Result<serde_json::Value, String> {
    if bytes.is_empty() {
        return Err("request body is required".into());
    }
    serde_json::from_slice(bytes).map_err(|e| format!("malformed JSON body: {e}"))
}

/// A form body (`application/x-www-form-urlencoded`) as pairs.
pub fn parse_form(bytes: &[u8]) -> std::collections::HashMap<String, String> {
    url::form_urlencoded::parse(bytes).into_owned().collect()
}

pub fn parse_instant(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}

pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The digits of a phone number, without a leading North American `1`.
pub fn phone_digits(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    if d.len() == 11 && d.starts_with('1') {
        d[1..].to_string()
    } else {
        d
    }
}
