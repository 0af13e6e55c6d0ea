//! An open time a patient could be booked into, from whichever vendor offers it.

use crate::appointment::VisitMode;
use crate::ids::Vendor;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    /// Opaque to the UI; carries what the vendor needs to book this exact slot.
    pub id: String,
    pub vendor: Vendor,
    pub mode: VisitMode,
    pub provider_id: Option<String>,
    pub location_id: Option<String>,
    pub operatory_id: Option<String>,
    pub appointment_type: Option<String>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Minutes by car from the patient, where the vendor computed it.
    pub drive_time_minutes: Option<u32>,
}
