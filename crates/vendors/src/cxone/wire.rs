//! CXone Healthcare Integration API payloads, exactly as the doc shows them (no published
//! spec exists). Optional wherever the doc's own examples omit a field.

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize, Serializer};

string_id!(
    /// `pt-12345`
    PatientId
);
string_id!(
    /// `appt-54321`
    AppointmentId
);
string_id!(CallbackId);
string_id!(ReminderId);
string_id!(ContactId);
string_id!(IvrTemplateId);
string_id!(IvrFlowId);
string_id!(WebhookId);
string_id!(ProviderId);
string_id!(LocationId);

/// `{total, offset, limit, data}`; the appointment listing omits offset and limit.
#[derive(Debug, Clone, Deserialize)]
pub struct ListResponse<T> {
    #[serde(default)]
    pub total: Option<u64>,
    #[serde(default)]
    pub offset: Option<u64>,
    #[serde(default)]
    pub limit: Option<u64>,
    pub data: Vec<T>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub id: PatientId,
    #[serde(default)]
    pub mrn: Option<String>,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub contact_info: Option<ContactInfo>,
    #[serde(default)]
    pub insurance_info: Option<InsuranceInfo>,
    #[serde(default)]
    pub preferred_language: Option<String>,
    #[serde(default)]
    pub communication_preferences: Option<CommunicationPreferences>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactInfo {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone_number: Option<String>,
    #[serde(default)]
    pub alternate_phone_number: Option<String>,
    #[serde(default)]
    pub preferred_contact_method: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InsuranceInfo {
    #[serde(default)]
    pub provider_id: Option<String>,
    #[serde(default)]
    pub member_number: Option<String>,
    #[serde(default)]
    pub group_number: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommunicationPreferences {
    #[serde(default)]
    pub allow_email: bool,
    #[serde(rename = "allowSMS", default)]
    pub allow_sms: bool,
    #[serde(default)]
    pub allow_voice: bool,
}

/// Filters of `GET /patients`; all optional, combined by the vendor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatientQuery {
    pub mrn: Option<String>,
    pub phone_number: Option<String>,
    pub email: Option<String>,
    pub last_name: Option<String>,
    pub date_of_birth: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    pub id: AppointmentId,
    pub patient_id: PatientId,
    #[serde(default)]
    pub provider_id: Option<ProviderId>,
    #[serde(default)]
    pub location_id: Option<LocationId>,
    #[serde(default)]
    pub appointment_type: Option<String>,
    pub status: String,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub reminder_sent: Option<bool>,
    #[serde(default)]
    pub reminder_status: Option<String>,
}

/// Filters of `GET /patients/{patientId}/appointments`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppointmentQuery {
    pub start_date: Option<chrono::NaiveDate>,
    pub end_date: Option<chrono::NaiveDate>,
    /// `scheduled`, `cancelled`, `completed`.
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewAppointment {
    pub patient_id: PatientId,
    pub provider_id: ProviderId,
    pub location_id: LocationId,
    pub appointment_type: String,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCallback {
    pub patient_id: PatientId,
    pub phone_number: String,
    pub callback_time: DateTime<Utc>,
    pub callback_reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skill_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Callback {
    pub id: CallbackId,
    pub patient_id: PatientId,
    pub status: String,
    #[serde(default)]
    pub phone_number: Option<String>,
    pub callback_time: DateTime<Utc>,
    #[serde(default)]
    pub callback_reason: Option<String>,
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub skill_group_id: Option<String>,
    #[serde(default)]
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewReminder {
    pub appointment_id: AppointmentId,
    /// `sms`, `email` or `voice`.
    pub reminder_type: String,
    pub reminder_time: DateTime<Utc>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_directions: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub id: ReminderId,
    pub appointment_id: AppointmentId,
    pub reminder_type: String,
    pub reminder_time: DateTime<Utc>,
    pub status: String,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// Filters of the contact history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactQuery {
    pub start_date: Option<chrono::NaiveDate>,
    pub end_date: Option<chrono::NaiveDate>,
    /// `voice`, `chat`, `email`, `sms`.
    pub channel: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: ContactId,
    pub patient_id: PatientId,
    pub channel: String,
    pub direction: String,
    #[serde(default)]
    pub agent_id: Option<String>,
    #[serde(default)]
    pub skill_group_id: Option<String>,
    pub start_time: DateTime<Utc>,
    #[serde(default)]
    pub end_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub duration: Option<u64>,
    #[serde(default)]
    pub disposition: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub recording: Option<Recording>,
    #[serde(default)]
    pub transcript: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Recording {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub duration: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IvrTemplate {
    pub id: IvrTemplateId,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DataList<T> {
    pub data: Vec<T>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewIvrFlow {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub base_template_id: IvrTemplateId,
    pub parameters: IvrParameters,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integrations: Option<IvrIntegrations>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IvrParameters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collect_insurance_info: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer_callback_option: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_callback_days: Option<u32>,
    /// `08:00`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_hours_start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_hours_end: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub working_days: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holiday_dates: Vec<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeting_message: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IvrIntegrations {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ehr_system_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduling_system_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication_required: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IvrFlow {
    pub id: IvrFlowId,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub base_template_id: Option<IvrTemplateId>,
    pub status: String,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub deployment_status: Option<String>,
}

/// `POST /webhooks`. The secret is the practice's: kept secret until serialised on the wire.
#[derive(Debug, Clone, Serialize)]
pub struct NewWebhook {
    pub url: String,
    pub events: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(serialize_with = "expose")]
    pub secret: SecretString,
}

fn expose<S: Serializer>(secret: &SecretString, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(secret.expose_secret())
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: WebhookId,
    pub url: String,
    pub events: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub status: String,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// What CXone posts to a registered webhook.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEvent {
    pub event_id: String,
    pub event_type: String,
    pub timestamp: DateTime<Utc>,
    pub data: WebhookData,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookData {
    #[serde(default)]
    pub appointment_id: Option<AppointmentId>,
    #[serde(default)]
    pub patient_id: Option<PatientId>,
    #[serde(default)]
    pub provider_id: Option<ProviderId>,
    #[serde(default)]
    pub appointment_type: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub start_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub end_time: Option<DateTime<Utc>>,
}
