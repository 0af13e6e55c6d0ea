//! WellHive Care Navigation payloads, from the published OpenAPI 3 spec (`1.0 beta`), plus
//! the `/referrals` listing the doc names but the spec does not define.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

string_id!(AppointmentId);
string_id!(
    /// The practice's own patient index id: WellHive uses the same one.
    PatientId
);
string_id!(NetworkId);
string_id!(ProviderServiceId);
string_id!(SlotId);
string_id!(SpecialtyId);
string_id!(SpecialtyGroupId);
string_id!(AppointmentTypeId);
string_id!(CancelReasonId);
string_id!(ReferralId);

#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentReferral {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral_number: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedRef {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentDetails {
    #[serde(default)]
    pub cancel_reason: Option<NamedRef>,
    #[serde(default)]
    pub is_latest: Option<bool>,
    #[serde(default)]
    pub last_retrieved: Option<DateTime<Utc>>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub start: Option<DateTime<Utc>>,
    /// `proposed`, `booked`, `fulfilled`, `cancelled`, `noshow`, `entered-in-error`,
    /// `checked-in`, `pending-booking`, `pending-cancel`, `booking-failed`, `cancel-failed`,
    /// `unknown`.
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    pub id: AppointmentId,
    /// `draft`, `submitted`, `completed`.
    pub state: String,
    pub patient_id: PatientId,
    #[serde(default)]
    pub appointment_details: Option<AppointmentDetails>,
    /// Set when the last submit or cancel failed: `conflict`, `too-far-in-the-future`,
    /// `already-canceled`, `too-late-to-cancel`, `bad-request`, `internal-error`.
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub network_id: Option<NetworkId>,
    #[serde(default)]
    pub provider_service_id: Option<ProviderServiceId>,
    #[serde(default)]
    pub referral: Option<AppointmentReferral>,
    #[serde(default)]
    pub slot_ids: Vec<SlotId>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentSearchResult {
    #[serde(default)]
    pub appointments: Vec<Appointment>,
    pub count: i64,
    #[serde(default)]
    pub next_token: Option<String>,
    #[serde(default)]
    pub total: Option<i64>,
}

/// Filters of `GET /appointments`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppointmentQuery {
    pub ids: Vec<AppointmentId>,
    pub patient_id: Option<PatientId>,
    pub referral_number: Option<String>,
    pub on_or_after: Option<DateTime<Utc>>,
    pub state: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentCreatePayload {
    pub patient_id: PatientId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral: Option<AppointmentReferral>,
}

#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct HumanName {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub line: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Patient fields a provider service may require that the practice's index lacks.
#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentPatientAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `male`, `female`, `other`, `unknown`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<HumanName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentSubmitPayload {
    pub network_id: NetworkId,
    pub provider_service_id: ProviderServiceId,
    pub slot_ids: Vec<SlotId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral: Option<AppointmentReferral>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_patient_attributes: Option<AppointmentPatientAttributes>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentCancelPayload {
    pub cancel_reason_id: CancelReasonId,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelReason {
    pub id: CancelReasonId,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelReasonsResult {
    #[serde(default)]
    pub cancel_reasons: Vec<CancelReason>,
    pub count: i64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct GeoLocation {
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveTimePayload {
    pub origin: GeoLocation,
    pub destinations: BTreeMap<String, GeoLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointment_id: Option<AppointmentId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrive_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depart_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveTime {
    pub latitude: f64,
    pub longitude: f64,
    #[serde(default)]
    pub distance_in_miles: Option<i64>,
    #[serde(default)]
    pub drive_time_in_seconds_with_traffic: Option<i64>,
    #[serde(default)]
    pub drive_time_in_seconds_without_traffic: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveTimeResult {
    #[serde(default)]
    pub destinations: BTreeMap<String, DriveTime>,
    #[serde(default)]
    pub origin: Option<GeoLocation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Network {
    pub id: NetworkId,
    pub name: String,
    #[serde(default)]
    pub requires_referral: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkSearchResult {
    #[serde(default)]
    pub networks: Vec<Network>,
    pub count: i64,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderOrganization {
    pub name: String,
    pub network_ids: Vec<NetworkId>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderOrganizationSearchResult {
    #[serde(default)]
    pub provider_organizations: Vec<ProviderOrganization>,
    pub count: i64,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Specialty {
    #[serde(default)]
    pub id: Option<SpecialtyId>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpecialtySearchResult {
    #[serde(default)]
    pub specialties: Vec<Specialty>,
    pub count: i64,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpecialtyGroup {
    pub id: SpecialtyGroupId,
    pub name: String,
    pub specialty_ids: Vec<SpecialtyId>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpecialtyGroupSearchResult {
    #[serde(default)]
    pub specialty_groups: Vec<SpecialtyGroup>,
    pub count: i64,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentType {
    pub id: AppointmentTypeId,
    pub name: String,
    #[serde(default)]
    pub is_self_schedulable: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceLocation {
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactPoint {
    /// The spec's schema says `type`, its examples `system`: both are read.
    #[serde(default, alias = "system")]
    pub r#type: Option<String>,
    #[serde(default, rename = "use")]
    pub use_: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectBooking {
    #[serde(default)]
    pub is_enabled: Option<bool>,
    #[serde(default)]
    pub required_fields: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderServiceFeatures {
    #[serde(default)]
    pub direct_booking: Option<DirectBooking>,
    #[serde(default)]
    pub is_digital: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndividualProvider {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub npi: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderService {
    pub id: ProviderServiceId,
    pub name: String,
    pub is_active: bool,
    pub location: ServiceLocation,
    pub network_ids: Vec<NetworkId>,
    pub appointment_types: Vec<AppointmentType>,
    pub specialties: Vec<Specialty>,
    /// `in-person`, `phone`, `virtual`, `home-health`.
    pub visit_mode: String,
    #[serde(default)]
    pub contact_details: Vec<ContactPoint>,
    #[serde(default)]
    pub features: Option<ProviderServiceFeatures>,
    #[serde(default)]
    pub individual_providers: Vec<IndividualProvider>,
    #[serde(default)]
    pub scheduling_notes: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderServiceSearchResult {
    #[serde(default)]
    pub provider_services: Vec<ProviderService>,
    pub count: i64,
    #[serde(default)]
    pub next_token: Option<String>,
}

/// Filters of `GET /provider-services`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProviderServiceQuery {
    pub appointment_id: Option<AppointmentId>,
    pub ids: Vec<ProviderServiceId>,
    pub search_text: Option<String>,
    pub near: Option<GeoLocation>,
    pub max_miles_from_near: Option<u32>,
    pub network_ids: Vec<NetworkId>,
    pub organization_names: Vec<String>,
    pub specialty_ids: Vec<SpecialtyId>,
    pub visit_modes: Vec<String>,
    pub include_inactive: Option<bool>,
    /// `digital`, `non-digital`, `both`.
    pub digital_or_not: Option<String>,
    pub is_self_schedulable: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    pub id: SlotId,
    pub provider_service_id: ProviderServiceId,
    pub appointment_type_id: AppointmentTypeId,
    pub start: DateTime<Utc>,
    pub remaining: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotSearchResult {
    #[serde(default)]
    pub slots: Vec<Slot>,
    pub count: i64,
    #[serde(default)]
    pub next_token: Option<String>,
}

/// Filters of `GET /provider-services/{id}/slots`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotQuery {
    pub appointment_type_id: Option<AppointmentTypeId>,
    pub appointment_id: Option<AppointmentId>,
    pub ids: Vec<SlotId>,
    pub start_on_or_after: Option<DateTime<Utc>>,
    pub start_before: Option<DateTime<Utc>>,
}

/// A referral, as the doc's `GET /referrals` returns it (not in the spec: shape assumed to
/// follow the spec's conventions).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    pub id: ReferralId,
    #[serde(default)]
    pub patient_id: Option<PatientId>,
    #[serde(default)]
    pub referral_number: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub specialty_ids: Vec<SpecialtyId>,
    #[serde(default)]
    pub network_ids: Vec<NetworkId>,
    /// Some answers name a single network.
    #[serde(default)]
    pub network_id: Option<NetworkId>,
    #[serde(default)]
    pub visit_modes: Vec<String>,
}

impl Referral {
    /// The network the referral authorises.
    #[must_use]
    pub fn network(&self) -> Option<&NetworkId> {
        self.network_id
            .as_ref()
            .or_else(|| self.network_ids.first())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferralSearchResult {
    #[serde(default)]
    pub referrals: Vec<Referral>,
    #[serde(default)]
    pub count: Option<i64>,
    #[serde(default)]
    pub next_token: Option<String>,
}
