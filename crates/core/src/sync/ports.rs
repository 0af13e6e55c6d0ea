//! What the sync needs from the outside: the vendor roles it reads from, and a sink that
//! writes what arrived. The sink's one promise is atomicity: a batch's records and its cursor
//! land together or not at all, which is what makes a crash mid-pass harmless.

use crate::appointment::Appointment;
use crate::contact::VendorStatus;
use crate::error::CoreError;
use crate::ids::{ExternalId, PatientId, Vendor};
use crate::patient::VendorPatient;
use crate::ports::{AppointmentFeed, PatientDirectory, PracticeDirectory};
use crate::practice::{AppointmentType, Location, Operatory, Provider};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;

/// The streams a vendor is synced by, in the order they run (patients before appointments, so
/// an appointment's patient is known by the time it arrives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stream {
    Practice,
    Patients,
    Appointments,
}

impl Stream {
    /// The key the cursor is stored under.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Stream::Practice => "practice",
            Stream::Patients => "patients",
            Stream::Appointments => "appointments",
        }
    }
}

/// The practice's furniture as one vendor describes it (small lists, fetched whole).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PracticeSnapshot {
    pub providers: Vec<Provider>,
    pub locations: Vec<Location>,
    pub operatories: Vec<Operatory>,
    pub appointment_types: Vec<AppointmentType>,
}

impl PracticeSnapshot {
    #[must_use]
    pub fn len(&self) -> usize {
        self.providers.len()
            + self.locations.len()
            + self.operatories.len()
            + self.appointment_types.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Records {
    Practice(PracticeSnapshot),
    Patients(Vec<VendorPatient>),
    Appointments(Vec<Appointment>),
}

/// One page and the cursor that follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub vendor: Vendor,
    pub stream: Stream,
    pub records: Records,
    /// The stream's state after this page (a serialised [`super::StreamCursor`]).
    pub cursor: String,
}

/// Where synced records go: the cache.
#[async_trait]
pub trait SyncSink: Send + Sync {
    /// The stored state of one stream, `None` before its first page.
    async fn cursor(&self, vendor: Vendor, stream: Stream) -> Result<Option<String>, CoreError>;
    /// Writes the records and the cursor in one transaction. Patients are linked to desk
    /// people as they are written.
    async fn write(&self, batch: Batch) -> Result<(), CoreError>;
    /// The desk's person for each vendor patient id that is known.
    async fn resolve_patients(
        &self,
        vendor: Vendor,
        ids: Vec<ExternalId>,
    ) -> Result<HashMap<ExternalId, PatientId>, CoreError>;
    /// Where the cache's retention window starts, if it keeps one: appointments that ended
    /// before it are not written (the purge would remove them again) and their patients are
    /// not fetched.
    async fn keep_from(&self) -> Result<Option<DateTime<Utc>>, CoreError> {
        Ok(None)
    }
    /// Keeps the vendor's status so "as of" survives a restart.
    async fn save_status(&self, status: &VendorStatus) -> Result<(), CoreError>;
    async fn load_status(&self, vendor: Vendor) -> Result<Option<VendorStatus>, CoreError>;
}

/// A cheap call that shows a vendor with nothing to list (Nextech's records and WellHive's
/// referrals are per patient) is reachable and still accepts the desk's credentials, so its
/// status in the header means the same as the others'.
#[async_trait]
pub trait Probe: Send + Sync {
    async fn probe(&self) -> Result<(), CoreError>;
}

/// Vendors that answer "this patient, by id". The sync asks when an appointment names a
/// patient the cache does not hold: a person the retention window purged who now has a new
/// visit, or one the directory has not delivered yet.
#[async_trait]
pub trait PatientLookup: Send + Sync {
    /// The vendor's record of one patient; `Ok(None)` when the vendor has no such patient.
    async fn patient_by_id(&self, id: &ExternalId) -> Result<Option<VendorPatient>, CoreError>;
}

/// The roles one vendor's client plays in the sync (absent roles are skipped).
#[derive(Clone)]
pub struct VendorSources {
    pub vendor: Vendor,
    pub practice: Option<Arc<dyn PracticeDirectory>>,
    pub patients: Option<Arc<dyn PatientDirectory>>,
    pub appointments: Option<Arc<dyn AppointmentFeed>>,
    /// Fetches the patients of appointments that stay unresolved (at most a page's worth of
    /// look-ups per appointments page).
    pub lookup: Option<Arc<dyn PatientLookup>>,
    /// Run before the streams, if set.
    pub probe: Option<Arc<dyn Probe>>,
}

impl VendorSources {
    #[must_use]
    pub fn new(vendor: Vendor) -> Self {
        Self {
            vendor,
            practice: None,
            patients: None,
            appointments: None,
            lookup: None,
            probe: None,
        }
    }

    #[must_use]
    pub fn probe(mut self, p: Arc<dyn Probe>) -> Self {
        self.probe = Some(p);
        self
    }

    #[must_use]
    pub fn practice(mut self, p: Arc<dyn PracticeDirectory>) -> Self {
        self.practice = Some(p);
        self
    }

    #[must_use]
    pub fn patients(mut self, p: Arc<dyn PatientDirectory>) -> Self {
        self.patients = Some(p);
        self
    }

    #[must_use]
    pub fn appointments(mut self, a: Arc<dyn AppointmentFeed>) -> Self {
        self.appointments = Some(a);
        self
    }

    #[must_use]
    pub fn lookup(mut self, l: Arc<dyn PatientLookup>) -> Self {
        self.lookup = Some(l);
        self
    }
}

impl std::fmt::Debug for VendorSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VendorSources")
            .field("vendor", &self.vendor)
            .field("practice", &self.practice.is_some())
            .field("patients", &self.patients.is_some())
            .field("appointments", &self.appointments.is_some())
            .field("lookup", &self.lookup.is_some())
            .field("probe", &self.probe.is_some())
            .finish()
    }
}
