//! What the practice-setup actions answer, as the app shows it: the vendors' answers reduced
//! to the fields a screen needs, with the desk's ids where the desk has them. No patient data:
//! the waiting room names appointments, and the screen names people from its own board.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::forms::WeeklyWindow;

/// A CXone IVR template a flow can be built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IvrTemplate {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub category: Option<String>,
}

/// A flow as CXone answered its creation: its id and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IvrFlowStatus {
    pub id: String,
    pub name: String,
    pub template_id: String,
    /// `created`, … as CXone says it.
    pub status: String,
    /// `pending`, `deployed`, … as CXone says it.
    pub deployment_status: Option<String>,
    /// RFC 3339.
    pub created_at: Option<String>,
}

/// A provider's weekly telehealth hours at Zoom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ZoomAvailability {
    /// The desk's provider id.
    pub provider_id: String,
    pub zoom_provider_id: String,
    /// IANA zone the hours are in (the provider's, at Zoom).
    pub time_zone: Option<String>,
    pub weekly_hours: Vec<WeeklyWindow>,
    /// `YYYY-MM-DD`.
    pub unavailable_dates: Vec<String>,
}

/// One NexHealth availability (working hour).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NexAvailability {
    /// NexHealth's id, as text.
    pub id: String,
    /// The desk's provider id (`nexhealth:…`).
    pub provider_id: Option<String>,
    pub location_id: Option<String>,
    pub operatory_id: Option<String>,
    pub days: Vec<String>,
    pub specific_date: Option<String>,
    pub start_time: String,
    pub end_time: String,
    /// The desk's appointment type ids.
    pub appointment_type_ids: Vec<String>,
    pub active: bool,
}

/// One NexHealth appointment type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NexAppointmentType {
    /// The desk's id (`nexhealth:…`).
    pub id: String,
    pub name: String,
    pub minutes: Option<u32>,
    /// The desk's location id when the type belongs to one location.
    pub location_id: Option<String>,
    pub bookable_online: Option<bool>,
}

/// A telehealth visit whose patient is in Zoom's waiting room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WaitingVisit {
    /// The desk's appointment id (`zoom:…`).
    pub appointment_id: String,
    /// RFC 3339.
    pub joined_at: Option<String>,
}

/// The desk patient's record at Zoom after it was made or brought up to date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ZoomPatientRecord {
    pub zoom_patient_id: String,
    /// True when it did not exist before.
    pub created: bool,
}

/// An invitation sent again: by which channels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct InvitationSent {
    /// `email`, `sms`.
    pub channels: Vec<String>,
}
