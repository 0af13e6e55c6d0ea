//! What the contact center and the record systems know around a visit: CXone calls and
//! messages, callbacks and reminders the desk asks CXone to make, Nextech encounters, WellHive
//! referrals.

use crate::ids::{ExternalId, PatientId, Vendor};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub external_id: ExternalId,
    pub patient_id: Option<PatientId>,
    pub channel: String,
    pub direction: String,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub disposition: Option<String>,
    pub notes: Option<String>,
}

/// Where an outbox item (callback or reminder) stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum OutboxState {
    Queued,
    Sent { external_id: ExternalId },
    Failed { reason: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Callback {
    pub id: String,
    pub patient_id: PatientId,
    pub at: DateTime<Utc>,
    pub reason: String,
    pub state: OutboxState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub id: String,
    pub appointment_id: String,
    pub channel: String,
    pub at: DateTime<Utc>,
    pub state: OutboxState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Encounter {
    pub external_id: ExternalId,
    pub patient_id: Option<PatientId>,
    pub date: DateTime<Utc>,
    pub doctor: Option<String>,
    pub department: Option<String>,
    pub location: Option<String>,
    pub kind: Option<String>,
    pub locked: bool,
    /// The CCD as the vendor sent it. Never rendered as is: sanitise before display.
    pub ccd_html: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    pub external_id: ExternalId,
    pub patient_id: Option<PatientId>,
    pub referral_number: Option<String>,
    pub specialty: Option<String>,
    pub status: Option<String>,
    pub network: Option<String>,
    pub as_of: DateTime<Utc>,
}

/// Where the desk's copy of one vendor stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorStatus {
    pub vendor: Vendor,
    pub state: ConnectionState,
    pub as_of: Option<DateTime<Utc>>,
    /// The last error in words a receptionist can act on; never PHI.
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionState {
    NotConfigured,
    Ok,
    Syncing,
    Degraded,
    Offline,
    NeedsAuth,
}
