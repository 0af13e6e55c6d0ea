//! The practice's fixed furniture: who sees patients, where, in which rooms, for what kinds of
//! visit. Locations carry their IANA zone because a practice can span zones and a day on the
//! board is the location's local day, not the computer's.

use crate::ids::{ExternalId, Vendor};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    /// The desk's id: `vendor:externalId` of the record it was first seen in.
    pub id: String,
    pub display_name: String,
    pub designation: Option<String>,
    pub links: Vec<ProviderLink>,
    pub as_of: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProviderLink {
    pub vendor: Vendor,
    pub external_id: ExternalId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub id: String,
    pub vendor: Vendor,
    pub external_id: ExternalId,
    pub name: String,
    /// IANA time zone name, e.g. `America/Chicago`.
    pub time_zone: String,
    pub address: Option<String>,
    pub phone: Option<String>,
}

impl Location {
    /// The location's zone, or an error naming the zone text the vendor sent.
    pub fn tz(&self) -> Result<chrono_tz::Tz, crate::CoreError> {
        self.time_zone.parse().map_err(|_| {
            crate::CoreError::invalid("timeZone", format!("unknown time zone {}", self.time_zone))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Operatory {
    pub id: String,
    pub vendor: Vendor,
    pub external_id: ExternalId,
    pub location_id: String,
    pub name: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentType {
    pub id: String,
    pub vendor: Vendor,
    pub external_id: ExternalId,
    pub name: String,
    pub minutes: u32,
    pub location_id: Option<String>,
}
