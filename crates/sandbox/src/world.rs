//! The practice as the sandbox holds it: one set of people, providers and places, and each
//! vendor's own records of them, shaped the way that vendor keeps them. Handlers read and
//! change this under one lock; nothing here knows about HTTP.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde_json::Value;

/// A real person, as the sandbox knows them; each vendor holds its own copy, sometimes wrong.
#[derive(Debug, Clone)]
pub struct Person {
    pub given: String,
    pub middle: Option<String>,
    pub family: String,
    pub dob: NaiveDate,
    /// Ten digits, North American.
    pub phone: String,
    pub email: Option<String>,
    pub language: String,
    pub gender: Gender,
    pub mrn: String,
    pub home_location: usize,
    pub address: Address,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    Other,
}

impl Gender {
    pub fn lower(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Other => "other",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Gender::Female => "Female",
            Gender::Male => "Male",
            Gender::Other => "Other",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone)]
pub struct Location {
    pub id: u32,
    pub cx_id: String,
    pub name: String,
    pub tz: Tz,
    pub address: Address,
    pub phone: String,
}

#[derive(Debug, Clone)]
pub struct Provider {
    pub id: u32,
    pub cx_id: String,
    pub zoom_id: String,
    pub nextech_id: u32,
    pub first: String,
    pub last: String,
    pub designation: String,
    pub specialty: String,
    pub npi: String,
    pub email: String,
    pub location: u32,
    pub telehealth: bool,
}

impl Provider {
    pub fn display(&self) -> String {
        format!("Dr. {} {}", self.first, self.last)
    }
}

#[derive(Debug, Clone)]
pub struct Operatory {
    pub id: u32,
    pub name: String,
    pub location_id: u32,
}

#[derive(Debug, Clone)]
pub struct AppointmentType {
    pub id: u32,
    pub name: String,
    pub minutes: u32,
    pub location_id: u32,
    pub bookable_online: bool,
    /// The CXone `appointmentType` slug for the same kind of visit.
    pub slug: String,
}

#[derive(Debug, Clone)]
pub struct WorkingHour {
    pub id: u32,
    pub provider_id: u32,
    pub location_id: u32,
    pub operatory_id: Option<u32>,
    pub begin: NaiveTime,
    pub end: NaiveTime,
    pub days: Vec<Weekday>,
    pub specific_date: Option<NaiveDate>,
    pub appointment_type_ids: Vec<u32>,
    pub active: bool,
    pub source: &'static str,
    pub created_at: DateTime<Utc>,
}

/// Where a NexHealth write stands in its trip to the EHR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Insertion {
    /// Came from the EHR in the first place.
    Synced,
    Pending,
    Inserted,
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct NexPatient {
    pub id: u32,
    pub person: usize,
    pub first: String,
    pub middle: Option<String>,
    pub last: String,
    pub email: Option<String>,
    pub dob: NaiveDate,
    pub phone: String,
    pub gender: Gender,
    pub chart_id: Option<String>,
    pub location_ids: Vec<u32>,
    pub provider_id: Option<u32>,
    pub language: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NexAppointment {
    pub id: u64,
    pub patient_id: Option<u32>,
    pub provider_id: u32,
    pub location_id: u32,
    pub operatory_id: Option<u32>,
    pub appointment_type_id: Option<u32>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub note: Option<String>,
    pub confirmed: bool,
    pub cancelled: bool,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub unavailable: bool,
    pub insertion: Insertion,
    pub foreign_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl NexAppointment {
    /// Whether this appointment occupies its provider's and operatory's time.
    pub fn blocks(&self) -> bool {
        !self.cancelled && !matches!(self.insertion, Insertion::Failed(_))
    }
}

#[derive(Debug, Clone)]
pub struct NexWebhookEndpoint {
    pub id: u32,
    pub target_url: String,
    pub secret_key: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NexSubscription {
    pub id: u32,
    pub endpoint_id: u32,
    pub resource_type: String,
    pub event: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct CxPatient {
    pub id: String,
    pub person: usize,
    pub mrn: String,
    pub first: String,
    pub last: String,
    pub dob: NaiveDate,
    pub gender: Gender,
    pub email: Option<String>,
    pub phone: String,
    pub alt_phone: Option<String>,
    pub language: String,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct CxAppointment {
    pub id: String,
    pub patient_id: String,
    pub provider_id: String,
    pub location_id: String,
    pub appointment_type: String,
    pub status: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub reminder_sent: bool,
    pub reminder_status: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CxWebhook {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub description: Option<String>,
    pub secret: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NextechPatient {
    pub patient_id: u32,
    pub person: usize,
    pub chart_number: String,
    pub first: String,
    pub middle: Option<String>,
    pub last: String,
    pub dob: NaiveDate,
    pub ssn: String,
    pub home_phone: String,
}

#[derive(Debug, Clone)]
pub struct Encounter {
    pub id: u32,
    pub patient_id: u32,
    pub provider: usize,
    pub date: DateTime<Utc>,
    pub kind: String,
    pub department: String,
    pub location: String,
    pub locked: bool,
}

#[derive(Debug, Clone)]
pub struct ZoomPatient {
    pub id: String,
    pub person: Option<usize>,
    pub first: String,
    pub last: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub dob: Option<NaiveDate>,
    pub language: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct ZoomVisit {
    pub id: String,
    pub patient_id: String,
    pub provider_id: String,
    pub scheduled: DateTime<Utc>,
    pub duration: u32,
    pub visit_type: String,
    pub reason: Option<String>,
    pub status: String,
    pub meeting_id: u64,
    pub pwd: String,
    pub settings: Value,
    pub notifications: Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct ZoomMeeting {
    pub id: u64,
    pub uuid: String,
    pub host_id: String,
    pub host_email: String,
    pub topic: String,
    pub kind: i64,
    pub start_time: Option<DateTime<Utc>>,
    pub duration: i64,
    pub timezone: Option<String>,
    pub agenda: Option<String>,
    pub password: String,
    pub settings: Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct ZoomWebhook {
    pub url: String,
    pub secret_token: String,
    pub events: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct WhNetwork {
    pub id: String,
    pub name: String,
    pub requires_referral: bool,
}

#[derive(Debug, Clone)]
pub struct WhSpecialty {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct WhSpecialtyGroup {
    pub id: String,
    pub name: String,
    pub specialty_ids: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct WhOrganization {
    pub name: String,
    pub npi: String,
    pub network_ids: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct WhAppointmentType {
    pub id: String,
    pub name: String,
    pub minutes: u32,
}

#[derive(Debug, Clone)]
pub struct WhService {
    pub id: String,
    pub name: String,
    pub active: bool,
    pub organization: usize,
    pub network_ids: Vec<String>,
    pub specialty_ids: Vec<String>,
    pub visit_mode: String,
    pub appointment_types: Vec<WhAppointmentType>,
    pub individual: (String, String),
    pub address: Address,
    pub timezone: Tz,
    pub phone: String,
    pub self_schedulable: bool,
    pub required_fields: Vec<String>,
    /// Local clinic hours, Monday to Friday.
    pub open: NaiveTime,
    pub close: NaiveTime,
}

#[derive(Debug, Clone)]
pub struct WhReferral {
    pub id: String,
    pub referral_number: String,
    pub patient_id: String,
    pub network_id: String,
    pub specialty_id: String,
    pub status: String,
    pub visit_mode: String,
    pub reason: String,
    pub created: DateTime<Utc>,
    pub expires: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct WhAppointment {
    pub id: String,
    pub patient_id: String,
    pub referral_number: Option<String>,
    pub state: String,
    pub network_id: Option<String>,
    pub provider_service_id: Option<String>,
    pub slot_ids: Vec<String>,
    pub start: Option<DateTime<Utc>>,
    pub details_status: Option<String>,
    pub cancel_reason: Option<(String, String)>,
    pub error: Option<String>,
    pub error_reason: Option<String>,
    /// The provider service's phone, once booked (`appointmentDetails.phone`).
    pub phone: Option<String>,
}

/// The whole simulated practice and every vendor's view of it.
#[derive(Debug, Default)]
pub struct World {
    pub seed: u64,
    pub today: Option<NaiveDate>,
    pub people: Vec<Person>,
    pub locations: Vec<Location>,
    pub providers: Vec<Provider>,
    pub operatories: Vec<Operatory>,
    pub appointment_types: Vec<AppointmentType>,
    pub working_hours: Vec<WorkingHour>,
    pub institution_id: u32,
    pub subdomain: String,

    pub nex_patients: Vec<NexPatient>,
    pub nex_appointments: Vec<NexAppointment>,
    pub nex_endpoints: Vec<NexWebhookEndpoint>,
    pub nex_subscriptions: Vec<NexSubscription>,
    pub nex_fail_next_insertion: Option<String>,

    pub cx_patients: Vec<CxPatient>,
    pub cx_appointments: Vec<CxAppointment>,
    pub cx_callbacks: Vec<Value>,
    pub cx_reminders: Vec<Value>,
    pub cx_flows: Vec<Value>,
    pub cx_webhooks: Vec<CxWebhook>,

    pub nextech_patients: Vec<NextechPatient>,
    pub encounters: Vec<Encounter>,

    pub zoom_patients: Vec<ZoomPatient>,
    pub zoom_visits: Vec<ZoomVisit>,
    pub zoom_meetings: Vec<ZoomMeeting>,
    pub zoom_webhooks: Vec<ZoomWebhook>,
    pub zoom_availability: HashMap<String, Value>,

    pub wh_networks: Vec<WhNetwork>,
    pub wh_specialties: Vec<WhSpecialty>,
    pub wh_specialty_groups: Vec<WhSpecialtyGroup>,
    pub wh_organizations: Vec<WhOrganization>,
    pub wh_services: Vec<WhService>,
    pub wh_referrals: Vec<WhReferral>,
    pub wh_appointments: Vec<WhAppointment>,
    pub wh_taken_slots: HashSet<String>,
    pub wh_fail_next_submit: Option<String>,
    pub wh_fail_next_cancel: Option<String>,

    /// Counter for every id minted after seeding.
    pub next_id: u64,
}

impl World {
    pub fn mint(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub fn location(&self, id: u32) -> Option<&Location> {
        self.locations.iter().find(|l| l.id == id)
    }

    pub fn provider(&self, id: u32) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }
}
