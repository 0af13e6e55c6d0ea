//! NexHealth payloads: the current API of the published spec (`v3.0.0`, cursor paging) and
//! the doc's `version=2` shapes where they differ (patients nested under `data[].patients`,
//! page numbers). Times are local with an offset (`2017-10-09T07:00:00.000-04:00`).

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

int_id!(PatientId);
int_id!(ProviderId);
int_id!(LocationId);
int_id!(OperatoryId);
int_id!(AppointmentTypeId);
int_id!(AppointmentId);
int_id!(WorkingHourId);

/// Every NexHealth answer: `{code, description, error, data, count, page_info}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope<T> {
    pub data: T,
    #[serde(default)]
    pub count: Option<u64>,
    #[serde(default)]
    pub page_info: Option<PageInfo>,
}

/// Cursor paging of the current API.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PageInfo {
    #[serde(default)]
    pub has_next_page: bool,
    #[serde(default)]
    pub has_previous_page: bool,
    #[serde(default)]
    pub start_cursor: Option<String>,
    #[serde(default)]
    pub end_cursor: Option<String>,
}

/// `POST /authenticates` -> `data.token`.
#[derive(Debug, Deserialize)]
pub struct Authentication {
    pub token: secrecy::SecretString,
}

/// Ids the doc shows as numbers and the spec as strings (`foreign_id`).
fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Bio {
    #[serde(default)]
    pub phone_number: Option<String>,
    #[serde(default)]
    pub cell_phone_number: Option<String>,
    #[serde(default)]
    pub home_phone_number: Option<String>,
    #[serde(default)]
    pub work_phone_number: Option<String>,
    #[serde(default)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    pub gender: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Patient {
    pub id: PatientId,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub middle_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    pub foreign_id: Option<String>,
    #[serde(default)]
    pub bio: Option<Bio>,
    #[serde(default)]
    pub inactive: Option<bool>,
    #[serde(default)]
    pub chart_id: Option<String>,
    #[serde(default)]
    pub preferred_language: Option<String>,
    #[serde(default)]
    pub provider_id: Option<ProviderId>,
}

/// `data` of `GET /patients`: flat in the current API, `[{patients: [...]}]` in `version=2`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum PatientsData {
    Nested(Vec<PatientGroup>),
    Flat(Vec<Patient>),
}

#[derive(Debug, Clone, Deserialize)]
pub struct PatientGroup {
    pub patients: Vec<Patient>,
}

impl PatientsData {
    #[must_use]
    pub fn into_patients(self) -> Vec<Patient> {
        match self {
            PatientsData::Flat(p) => p,
            PatientsData::Nested(groups) => groups.into_iter().flat_map(|g| g.patients).collect(),
        }
    }
}

/// Filters of `GET /patients`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatientQuery {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
    pub new_patient: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewPatient {
    pub provider: NewPatientProvider,
    pub patient: NewPatientDetails,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewPatientProvider {
    pub provider_id: ProviderId,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewPatientDetails {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub bio: NewPatientBio,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewPatientBio {
    pub date_of_birth: NaiveDate,
    pub phone_number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
}

/// `data` of `POST /patients`: `{user: {...}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct CreatedPatient {
    pub user: Patient,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Provider {
    pub id: ProviderId,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub npi: Option<String>,
    #[serde(default)]
    pub inactive: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AppointmentType {
    pub id: AppointmentTypeId,
    pub name: String,
    #[serde(default)]
    pub parent_type: Option<String>,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub minutes: Option<u32>,
    #[serde(default)]
    pub bookable_online: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewAppointmentType {
    pub location_id: LocationId,
    pub appointment_type: NewAppointmentTypeDetails,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewAppointmentTypeDetails {
    pub name: String,
    pub minutes: u32,
    /// `Location` or `Institution`.
    pub parent_type: String,
    pub parent_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bookable_online: Option<bool>,
}

/// `GET /locations` answers institutions, each with its locations.
#[derive(Debug, Clone, Deserialize)]
pub struct Institution {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub subdomain: Option<String>,
    #[serde(default)]
    pub locations: Vec<Location>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Location {
    pub id: LocationId,
    pub name: String,
    #[serde(default)]
    pub street_address: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub zip_code: Option<String>,
    #[serde(default)]
    pub phone_number: Option<String>,
    /// IANA zone, e.g. `America/New_York`.
    #[serde(default)]
    pub tz: Option<String>,
    #[serde(default)]
    pub inactive: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Operatory {
    pub id: OperatoryId,
    pub name: String,
    #[serde(default)]
    pub location_id: Option<LocationId>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub bookable_online: Option<bool>,
}

/// A working hour (current API) or availability (`version=2`): the same idea, two names.
#[derive(Debug, Clone, Deserialize)]
pub struct WorkingHour {
    pub id: WorkingHourId,
    #[serde(default)]
    pub provider_id: Option<ProviderId>,
    #[serde(default)]
    pub location_id: Option<LocationId>,
    #[serde(default)]
    pub operatory_id: Option<OperatoryId>,
    pub begin_time: String,
    pub end_time: String,
    #[serde(default)]
    pub days: Option<Vec<String>>,
    #[serde(default)]
    pub specific_date: Option<NaiveDate>,
    #[serde(default)]
    pub tz_offset: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub appointment_types: Vec<AppointmentType>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewWorkingHour {
    pub provider_id: ProviderId,
    /// `09:00`
    pub begin_time: String,
    /// `17:00`
    pub end_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operatory_id: Option<OperatoryId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub appointment_type_ids: Vec<AppointmentTypeId>,
    /// `Monday`, `Tuesday`, ...
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specific_date: Option<NaiveDate>,
    pub active: bool,
}

/// `data` of a created working hour: bare (current API) or `{availability: ...}` (`version=2`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum CreatedWorkingHour {
    Wrapped { availability: WorkingHour },
    Plain(WorkingHour),
}

impl CreatedWorkingHour {
    #[must_use]
    pub fn into_inner(self) -> WorkingHour {
        match self {
            CreatedWorkingHour::Wrapped { availability }
            | CreatedWorkingHour::Plain(availability) => availability,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkingHourBody<'a> {
    pub working_hour: &'a NewWorkingHour,
}

#[derive(Debug, Clone, Serialize)]
pub struct AvailabilityBody<'a> {
    pub availability: &'a NewWorkingHour,
}

/// `PATCH /working_hours/{id}` (spec): only the fields given change. Switching hours off
/// (`active: false`) keeps their history, where `DELETE` would lose it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkingHourPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkingHourPatchBody<'a> {
    pub working_hour: &'a WorkingHourPatch,
}

/// What to search slots for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotQuery {
    pub start_date: NaiveDate,
    pub days: u32,
    pub location_ids: Vec<LocationId>,
    pub provider_ids: Vec<ProviderId>,
    pub operatory_ids: Vec<OperatoryId>,
    pub appointment_type_id: Option<AppointmentTypeId>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SlotGroup {
    pub lid: LocationId,
    #[serde(default)]
    pub pid: Option<ProviderId>,
    #[serde(default)]
    pub operatory_id: Option<OperatoryId>,
    #[serde(default)]
    pub slots: Vec<SlotTime>,
    #[serde(default)]
    pub next_available_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SlotTime {
    /// Local time with offset.
    pub time: String,
    /// Current API only.
    #[serde(default)]
    pub end_time: Option<String>,
    #[serde(default)]
    pub operatory_id: Option<OperatoryId>,
    #[serde(default)]
    pub provider_id: Option<ProviderId>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewAppointment {
    pub appt: NewAppointmentDetails,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewAppointmentDetails {
    pub patient_id: PatientId,
    pub provider_id: ProviderId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operatory_id: Option<OperatoryId>,
    /// As the slot gave it, offset included.
    pub start_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointment_type_id: Option<AppointmentTypeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `data` of `POST /appointments`: `{appt: {...}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct CreatedAppointment {
    pub appt: Appointment,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Appointment {
    pub id: AppointmentId,
    #[serde(default)]
    pub patient_id: Option<PatientId>,
    #[serde(default)]
    pub provider_id: Option<ProviderId>,
    #[serde(default)]
    pub provider_name: Option<String>,
    pub start_time: String,
    #[serde(default)]
    pub end_time: Option<String>,
    #[serde(default)]
    pub confirmed: Option<bool>,
    #[serde(default)]
    pub patient_missed: Option<bool>,
    #[serde(default)]
    pub cancelled: Option<bool>,
    #[serde(default)]
    pub checkin_at: Option<String>,
    #[serde(default)]
    pub checked_out: Option<bool>,
    #[serde(default)]
    pub unavailable: Option<bool>,
    #[serde(default)]
    pub location_id: Option<LocationId>,
    #[serde(default)]
    pub operatory_id: Option<OperatoryId>,
    #[serde(default)]
    pub appointment_type_id: Option<AppointmentTypeId>,
    /// Set once the appointment is in the EHR; absent while the insertion is pending.
    #[serde(default, deserialize_with = "text_or_number")]
    pub foreign_id: Option<String>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Where the EHR insertion stands. The spec's appointment has no field for it; the
    /// `appointment_insertion` webhook and the sandbox carry it here. Read leniently: a real
    /// tenant may put other things in `misc`, and none of them may fail the whole page.
    #[serde(default)]
    pub misc: Option<serde_json::Value>,
}

impl Appointment {
    /// `Some(reason)` when the EHR refused the insertion.
    #[must_use]
    pub fn insertion_failure(&self) -> Option<String> {
        let misc = self.misc.as_ref()?;
        if misc.get("insertion_status")?.as_str()? != "failed" {
            return None;
        }
        Some(
            misc.get("insertion_error")
                .and_then(serde_json::Value::as_str)
                .filter(|r| !r.is_empty())
                .unwrap_or("the EHR refused the appointment")
                .to_owned(),
        )
    }
}

/// `data` of an appointment answer: `{appt: ...}` (create, update) or bare (show).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum AppointmentData {
    Wrapped { appt: Appointment },
    Plain(Appointment),
}

impl AppointmentData {
    #[must_use]
    pub fn into_inner(self) -> Appointment {
        match self {
            AppointmentData::Wrapped { appt } | AppointmentData::Plain(appt) => appt,
        }
    }
}

/// `PATCH /appointments/{id}`.
#[derive(Debug, Clone, Serialize)]
pub struct AppointmentPatch {
    pub appt: AppointmentPatchDetails,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AppointmentPatchDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<bool>,
}

int_id!(WebhookEndpointId);
int_id!(WebhookSubscriptionId);

/// `POST /webhook_endpoints` (spec `postWebhookEndpoints`).
#[derive(Debug, Clone, Serialize)]
pub struct NewWebhookEndpoint {
    pub target_url: String,
    pub active: bool,
}

/// A webhook endpoint. `secret_key` signs every delivery to it: kept secret in memory and
/// never printed.
#[derive(Debug, Clone, Deserialize)]
pub struct WebhookEndpoint {
    pub id: WebhookEndpointId,
    pub target_url: String,
    #[serde(default)]
    pub secret_key: Option<secrecy::SecretString>,
    #[serde(default)]
    pub active: bool,
}

/// `POST /webhook_endpoints/{id}/webhook_subscriptions`.
#[derive(Debug, Clone, Serialize)]
pub struct NewWebhookSubscription {
    pub resource_type: String,
    pub event: String,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WebhookSubscription {
    pub id: WebhookSubscriptionId,
    #[serde(default)]
    pub webhook_endpoint_id: Option<WebhookEndpointId>,
    pub resource_type: String,
    pub event: String,
    #[serde(default)]
    pub active: bool,
}
