//! Ports: what the services need from the outside world, named by role rather than by vendor.
//! Each vendor client implements the roles it can; the store implements the storage ports.
//! Services hold `Arc<dyn Port>` lists and fan out over them concurrently, which is why these
//! use `async_trait` (object-safe async) rather than native async fns in traits.

use crate::appointment::Appointment;
use crate::contact::{Contact, Encounter, Referral};
use crate::error::CoreError;
use crate::ids::{ExternalId, Vendor};
use crate::patient::VendorPatient;
use crate::practice::{AppointmentType, Location, Operatory, Provider};
use crate::slot::Slot;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// One page of a vendor listing and how to ask for the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque cursor (offset, page number or `nextToken`); `None` on the last page.
    pub next: Option<String>,
}

/// Vendors that hold patient records the desk should know.
#[async_trait]
pub trait PatientDirectory: Send + Sync {
    fn vendor(&self) -> Vendor;
    /// One page of patients changed since `updated_since` (all of them when `None`, or when the
    /// vendor cannot filter by change time).
    async fn patients_page(
        &self,
        cursor: Option<String>,
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<Page<VendorPatient>, CoreError>;
}

/// Vendors that hold appointments to show on the board.
#[async_trait]
pub trait AppointmentFeed: Send + Sync {
    fn vendor(&self) -> Vendor;
    async fn appointments_page(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        cursor: Option<String>,
    ) -> Result<Page<Appointment>, CoreError>;
}

/// Vendors that describe the practice: providers, locations, rooms, visit kinds.
#[async_trait]
pub trait PracticeDirectory: Send + Sync {
    fn vendor(&self) -> Vendor;
    async fn providers(&self) -> Result<Vec<Provider>, CoreError>;
    async fn locations(&self) -> Result<Vec<Location>, CoreError>;
    async fn operatories(&self) -> Result<Vec<Operatory>, CoreError>;
    async fn appointment_types(&self) -> Result<Vec<AppointmentType>, CoreError>;
}

/// What a unified slot search asks every source.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub provider_ids: Vec<ExternalId>,
    pub location_ids: Vec<ExternalId>,
    pub appointment_type: Option<ExternalId>,
    pub patient: Option<ExternalId>,
}

#[async_trait]
pub trait SlotSource: Send + Sync {
    fn vendor(&self) -> Vendor;
    async fn slots(&self, query: &SlotQuery) -> Result<Vec<Slot>, CoreError>;
}

/// The contact center: history, callbacks, reminders.
#[async_trait]
pub trait ContactCenter: Send + Sync {
    async fn contacts(&self, patient: &ExternalId) -> Result<Vec<Contact>, CoreError>;
    /// Asks the contact center to call the patient back; returns the vendor's callback id.
    async fn request_callback(&self, request: &CallbackRequest) -> Result<ExternalId, CoreError>;
    /// Asks the contact center to remind the patient of an appointment; returns its id.
    async fn send_reminder(&self, request: &ReminderRequest) -> Result<ExternalId, CoreError>;
}

/// A callback for the contact center to place.
#[derive(Debug, Clone, PartialEq)]
pub struct CallbackRequest {
    pub patient: ExternalId,
    /// E.164.
    pub phone: String,
    pub at: DateTime<Utc>,
    pub reason: String,
    pub priority: Option<String>,
    pub notes: Option<String>,
    pub skill_group: Option<String>,
}

/// A reminder for the contact center to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ReminderRequest {
    pub appointment: ExternalId,
    /// `sms`, `email` or `voice`.
    pub channel: String,
    pub at: DateTime<Utc>,
    pub message: String,
}

/// Vendors that find patients by a typed term (name, chart number, phone).
#[async_trait]
pub trait PatientSearch: Send + Sync {
    fn vendor(&self) -> Vendor;
    async fn search_patients(&self, term: &str) -> Result<Vec<VendorPatient>, CoreError>;
}

/// What the desk asks a vendor to book.
#[derive(Debug, Clone, PartialEq)]
pub struct BookingRequest {
    /// A slot this vendor offered (its `id` carries what the vendor needs).
    pub slot: Slot,
    pub patient: ExternalId,
    pub note: Option<String>,
    /// The referral the booking is made under (WellHive `referralNumber`), where the network
    /// requires one.
    pub referral: Option<String>,
}

/// Vendors the desk books into. A booking may come back `Pending` (`NexHealth` EHR
/// insertion, `WellHive` network submission): poll `appointment` until it settles. A booking
/// whose outcome is unknown (timed out) fails with `Conflict`: look with `appointment` or the
/// feed before trying again, never re-send blind.
#[async_trait]
pub trait Booker: Send + Sync {
    fn vendor(&self) -> Vendor;
    async fn book(&self, request: &BookingRequest) -> Result<Appointment, CoreError>;
    async fn appointment(&self, id: &ExternalId) -> Result<Appointment, CoreError>;
    /// Cancels; `reason` is the vendor's cancel-reason id where it has them.
    async fn cancel(&self, id: &ExternalId, reason: Option<&str>)
    -> Result<Appointment, CoreError>;
    /// Looks for the booking an earlier attempt of `request` may have made (same provider,
    /// start and patient), after an unknown outcome and before any second attempt.
    async fn find_booking(&self, request: &BookingRequest) -> Result<BookingLookup, CoreError> {
        let _ = request;
        Ok(BookingLookup::CannotCheck)
    }
}

/// What a vendor says about a booking an earlier attempt may have made.
#[derive(Debug, Clone, PartialEq)]
pub enum BookingLookup {
    Found(Box<Appointment>),
    NotFound,
    /// The vendor offers no way to ask: a person must look before booking again.
    CannotCheck,
}

/// A person the desk found in no vendor and is about to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPatientRequest {
    pub given_name: String,
    pub family_name: String,
    pub birth_date: NaiveDate,
    /// E.164.
    pub phone: String,
    pub email: Option<String>,
    /// The vendor's provider the patient is registered with, where it asks for one.
    pub provider: Option<ExternalId>,
    /// The vendor's location to register at, where it asks for one.
    pub location: Option<ExternalId>,
}

/// Vendors the desk can register a new patient in.
#[async_trait]
pub trait PatientRegistry: Send + Sync {
    fn vendor(&self) -> Vendor;
    async fn create_patient(&self, request: &NewPatientRequest)
    -> Result<VendorPatient, CoreError>;
}

/// A channel a video-visit invitation goes by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub enum InviteChannel {
    Email,
    Sms,
}

impl InviteChannel {
    /// The wire word (`email`, `sms`), which Zoom and CXone share.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            InviteChannel::Email => "email",
            InviteChannel::Sms => "sms",
        }
    }
}

/// A video visit to schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct TelehealthRequest {
    pub patient: ExternalId,
    pub provider: ExternalId,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    /// The vendor's visit type (`follow_up`, ...).
    pub visit_type: Option<String>,
    /// Shown to the provider only; never put in a patient-facing field.
    pub reason: Option<String>,
}

/// Vendors that host video visits. Waiting room and encryption are always on.
#[async_trait]
pub trait Telehealth: Send + Sync {
    fn vendor(&self) -> Vendor;
    async fn schedule_visit(&self, request: &TelehealthRequest) -> Result<Appointment, CoreError>;
    async fn visit(&self, id: &ExternalId) -> Result<Appointment, CoreError>;
    async fn cancel_visit(&self, id: &ExternalId) -> Result<(), CoreError>;
    /// Looks for a live visit (same patient, provider and start) an earlier attempt of
    /// `request` may have made. A video vendor holds no slot, so nothing refuses a second
    /// visit at the same time: the desk must ask before it sends.
    async fn find_visit(&self, request: &TelehealthRequest) -> Result<BookingLookup, CoreError> {
        let _ = request;
        Ok(BookingLookup::CannotCheck)
    }
    /// Schedules a visit that is recorded: only once the patient's consent is on file.
    async fn schedule_recorded_visit(
        &self,
        request: &TelehealthRequest,
    ) -> Result<Appointment, CoreError> {
        let _ = request;
        Err(CoreError::invalid(
            "recording",
            "this telehealth vendor cannot record visits",
        ))
    }
    /// Sends the patient the visit's invitation by `channels`.
    async fn invite_patient(
        &self,
        patient: &ExternalId,
        visit: &ExternalId,
        channels: &[InviteChannel],
    ) -> Result<(), CoreError> {
        let _ = (patient, visit, channels);
        Err(CoreError::invalid(
            "invite",
            "this telehealth vendor cannot send invitations",
        ))
    }
}

/// The clinical record: encounters with their CCD.
#[async_trait]
pub trait ClinicalRecords: Send + Sync {
    async fn encounters(&self, patient: &ExternalId) -> Result<Vec<Encounter>, CoreError>;
}

/// The care-navigation network: referrals out of the practice.
#[async_trait]
pub trait CareNavigation: Send + Sync {
    async fn referrals(&self, patient: &ExternalId) -> Result<Vec<Referral>, CoreError>;
    /// The patient's appointments in the network (draft, submitted, completed).
    async fn network_appointments(
        &self,
        patient: &ExternalId,
    ) -> Result<Vec<Appointment>, CoreError>;
}

/// Where secrets live (the OS keychain in the app and CLI, memory in tests). Values are never
/// logged; implementations must not either.
pub trait SecretStore: Send + Sync {
    fn get(&self, name: &str) -> Result<Option<String>, CoreError>;
    fn set(&self, name: &str, value: &str) -> Result<(), CoreError>;
    fn delete(&self, name: &str) -> Result<(), CoreError>;
}

/// A point on the map, for "near the patient" and drive times.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct GeoPoint {
    pub latitude: f64,
    pub longitude: f64,
}

/// A care network and whether it books only under a referral.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NetworkInfo {
    pub id: String,
    pub name: String,
    pub requires_referral: bool,
}

/// A provider-service search (WellHive `GET /provider-services`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ServiceSearch {
    /// The draft appointment the search is made for (the network counts it against it).
    pub draft: Option<ExternalId>,
    pub network_ids: Vec<String>,
    pub specialty_ids: Vec<String>,
    pub text: Option<String>,
    pub near: Option<GeoPoint>,
    pub max_miles: Option<u32>,
}

/// One bookable service of the network: a provider organisation's offer at one location.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProviderServiceInfo {
    pub id: String,
    pub name: String,
    pub network_ids: Vec<String>,
    pub active: bool,
    pub location: Option<GeoPoint>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub appointment_type_ids: Vec<String>,
    /// Patient fields its scheduling system needs before it books (`address`, `gender`, ...).
    pub required_patient_attributes: Vec<String>,
}

/// A network appointment as the network holds it, draft to cancelled.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkAppointment {
    pub id: ExternalId,
    /// `draft`, `submitted`, `completed`.
    pub state: String,
    pub status: crate::appointment::AppointmentStatus,
    /// The network's error word for the last submit or cancel (`conflict`, ...).
    pub error: Option<String>,
    /// The board's view, once the network has given it a time.
    pub appointment: Option<Appointment>,
}

/// A draft submitted into a slot.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferralSubmission {
    pub network: String,
    pub provider_service: String,
    /// A slot the network offered (its `id` carries what the network needs).
    pub slot: Slot,
    pub referral_number: Option<String>,
    /// Patient attributes the service requires, by the network's field name.
    pub attributes: std::collections::BTreeMap<String, String>,
}

/// A reason the network accepts for cancelling one appointment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct CancelReasonInfo {
    pub id: String,
    pub name: Option<String>,
}

/// The care network's booking sequence, step by step as its doc lays it out: draft, search
/// services, search their slots, submit, poll; cancel with one of its reasons, poll.
#[async_trait]
pub trait ReferralNetwork: Send + Sync {
    async fn network(&self, id: &str) -> Result<NetworkInfo, CoreError>;
    async fn create_draft(
        &self,
        patient: &ExternalId,
        referral_number: Option<&str>,
    ) -> Result<NetworkAppointment, CoreError>;
    /// One page of services.
    async fn search_services(
        &self,
        search: &ServiceSearch,
        next: Option<String>,
    ) -> Result<Page<ProviderServiceInfo>, CoreError>;
    /// Minutes by car from `origin` to each destination, by the caller's keys.
    async fn drive_times(
        &self,
        origin: GeoPoint,
        destinations: &[(String, GeoPoint)],
    ) -> Result<Vec<(String, u32)>, CoreError>;
    /// One page of a service's slots starting in `from..before`.
    async fn service_slots(
        &self,
        service: &ProviderServiceInfo,
        draft: Option<&ExternalId>,
        from: DateTime<Utc>,
        before: DateTime<Utc>,
        next: Option<String>,
    ) -> Result<Page<Slot>, CoreError>;
    async fn submit(
        &self,
        draft: &ExternalId,
        submission: &ReferralSubmission,
    ) -> Result<NetworkAppointment, CoreError>;
    async fn show(&self, id: &ExternalId) -> Result<NetworkAppointment, CoreError>;
    async fn cancel_reasons(&self, id: &ExternalId) -> Result<Vec<CancelReasonInfo>, CoreError>;
    async fn cancel(&self, id: &ExternalId, reason: &str) -> Result<NetworkAppointment, CoreError>;
}
