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
