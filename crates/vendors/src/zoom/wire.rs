//! Zoom payloads. The healthcare visits API follows the Zoom doc (no published spec covers
//! `/healthcare/...`; shapes the doc leaves open follow Zoom's usual conventions: snake_case,
//! `next_page_token` paging). The meetings API follows the published Zoom Meeting API spec.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

string_id!(
    /// `visit_abc123`
    VisitId
);
string_id!(
    /// `pat_123`
    PatientId
);
string_id!(
    /// `prov_456`
    ProviderId
);
int_id!(
    /// Zoom meeting ids are 64-bit integers.
    MeetingId
);

// ---- healthcare visits (doc) ----

#[derive(Debug, Clone, Serialize)]
pub struct NewVisit {
    pub patient_id: PatientId,
    pub provider_id: ProviderId,
    pub scheduled_time: DateTime<Utc>,
    pub duration_minutes: u32,
    /// `initial_consultation`, `follow_up`, `urgent_care`, `mental_health`, `group_therapy`,
    /// `specialist_consult`.
    pub visit_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub settings: VisitSettings,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notifications: Option<VisitNotifications>,
}

/// Waiting room and encryption always on, recording off: the doc's HIPAA settings.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct VisitSettings {
    pub waiting_room: bool,
    pub recording: bool,
    pub require_encryption: bool,
}

impl VisitSettings {
    #[must_use]
    pub fn hipaa() -> Self {
        Self {
            waiting_room: true,
            recording: false,
            require_encryption: true,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct VisitNotifications {
    pub patient_email: bool,
    pub patient_sms: bool,
    pub reminder_minutes: Vec<u32>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Visit {
    pub id: VisitId,
    pub patient_id: PatientId,
    pub provider_id: ProviderId,
    pub scheduled_time: DateTime<Utc>,
    pub duration_minutes: u32,
    pub status: String,
    #[serde(default)]
    pub visit_type: Option<String>,
    #[serde(default)]
    pub join_url_patient: Option<String>,
    #[serde(default)]
    pub join_url_provider: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// `PATCH /healthcare/visits/{visitId}`: only what changes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VisitUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visit_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// Filters of `GET /healthcare/visits`.
#[derive(Debug, Clone, Default)]
pub struct VisitQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub provider_id: Option<ProviderId>,
    pub patient_id: Option<PatientId>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct VisitList {
    #[serde(default)]
    pub visits: Vec<Visit>,
    #[serde(default)]
    pub next_page_token: Option<String>,
    #[serde(default)]
    pub total_records: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewPatient {
    pub first_name: String,
    pub last_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PatientUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Patient {
    pub id: PatientId,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub date_of_birth: Option<String>,
    /// Not in the doc; accounts integrated with an EHR send the practice's MRN, which is the
    /// surest way to tie the record to a desk person.
    #[serde(default)]
    pub mrn: Option<String>,
    #[serde(default)]
    pub preferred_language: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Invitation {
    pub visit_id: VisitId,
    /// `email`, `sms`.
    pub channels: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// `GET /healthcare/waiting_room` (shape not in the doc; Zoom's `participants` convention).
#[derive(Debug, Clone, Deserialize)]
pub struct WaitingRoom {
    #[serde(default, alias = "patients")]
    pub participants: Vec<WaitingPatient>,
    #[serde(default)]
    pub total_records: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WaitingPatient {
    pub patient_id: PatientId,
    #[serde(default)]
    pub visit_id: Option<VisitId>,
    #[serde(default)]
    pub provider_id: Option<ProviderId>,
    #[serde(default)]
    pub scheduled_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub joined_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WaitingRoomNotice {
    pub message: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Provider {
    pub id: ProviderId,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub specialty: Option<String>,
    /// Not in the doc; sent by accounts that record it, and the surest key to the same
    /// clinician in another vendor.
    #[serde(default)]
    pub npi: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// IANA zone of the provider's weekly hours.
    #[serde(default)]
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProviderList {
    #[serde(default)]
    pub providers: Vec<Provider>,
    #[serde(default)]
    pub next_page_token: Option<String>,
}

/// One recurring window of a provider's telehealth week, in the provider's zone.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct WeeklyHours {
    /// `monday` ... `sunday`
    pub day: String,
    /// `HH:mm`
    pub start_time: String,
    /// `HH:mm`
    pub end_time: String,
}

/// A provider's availability (shape not in the doc: weekly hours in the provider's zone).
#[derive(Debug, Clone, Deserialize)]
pub struct Availability {
    #[serde(default)]
    pub provider_id: Option<ProviderId>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub weekly_hours: Vec<WeeklyHours>,
    #[serde(default)]
    pub unavailable_dates: Vec<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AvailabilityUpdate {
    pub weekly_hours: Vec<WeeklyHours>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unavailable_dates: Vec<NaiveDate>,
}

// ---- meetings (spec) ----

/// `encryption_type` of the spec.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Encryption {
    EnhancedEncryption,
    E2ee,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewMeeting {
    pub topic: String,
    /// 2 = scheduled meeting.
    #[serde(rename = "type")]
    pub kind: u8,
    pub start_time: DateTime<Utc>,
    pub duration: u32,
    pub timezone: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agenda: Option<String>,
    pub settings: MeetingSettings,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MeetingSettings {
    pub waiting_room: bool,
    pub encryption_type: Encryption,
    #[serde(default)]
    pub join_before_host: bool,
    /// `none`, `local`, `cloud`.
    #[serde(default)]
    pub auto_recording: Option<String>,
}

impl MeetingSettings {
    /// Waiting room on, encryption on, no joining before the clinician, no recording.
    #[must_use]
    pub fn hipaa(encryption: Encryption) -> Self {
        Self {
            waiting_room: true,
            encryption_type: encryption,
            join_before_host: false,
            auto_recording: Some("none".to_owned()),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Meeting {
    pub id: MeetingId,
    #[serde(default)]
    pub uuid: Option<String>,
    #[serde(default)]
    pub host_id: Option<String>,
    #[serde(default)]
    pub topic: Option<String>,
    #[serde(rename = "type", default)]
    pub kind: Option<u8>,
    #[serde(default)]
    pub start_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub duration: Option<u32>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub join_url: Option<String>,
    /// The host's link: starts the meeting as the clinician. Staff only.
    #[serde(default)]
    pub start_url: Option<String>,
    /// `waiting`, `started`, `finished` (GET only).
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub settings: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct MeetingUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<MeetingSettings>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MeetingList {
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    #[serde(default)]
    pub next_page_token: Option<String>,
    #[serde(default)]
    pub total_records: Option<u64>,
}
