//! In-memory ports: a vendor whose pages, delays and failures a test sets, and a sink that
//! keeps what it was given and links patients by their vendor id.

use crate::appointment::{Appointment, AppointmentStatus, Visit};
use crate::contact::VendorStatus;
use crate::error::CoreError;
use crate::ids::{ExternalId, PatientId, Vendor};
use crate::patient::VendorPatient;
use crate::ports::{AppointmentFeed, Page, PatientDirectory, PracticeDirectory};
use crate::practice::{AppointmentType, Location, Operatory, Provider};
use crate::sync::{Batch, Clock, PatientLookup, Records, Stream, SyncSink};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::Duration;

pub fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, h, 0, 0).unwrap()
}

pub struct FixedClock(pub Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(t: DateTime<Utc>) -> Self {
        Self(Mutex::new(t))
    }
    pub fn set(&self, t: DateTime<Utc>) {
        *self.0.lock().unwrap() = t;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

pub fn patient(vendor: Vendor, id: &str) -> VendorPatient {
    VendorPatient {
        vendor,
        external_id: ExternalId::from(id),
        given_name: "Test".into(),
        family_name: format!("Person{id}"),
        middle_name: None,
        birth_date: None,
        mrn: None,
        phones: vec![],
        email: None,
        preferred_language: None,
        communication: None,
        updated_at: None,
    }
}

pub fn appointment(vendor: Vendor, id: &str, patient: &str) -> Appointment {
    let external_id = ExternalId::from(id);
    Appointment {
        id: Appointment::desk_id(vendor, &external_id),
        vendor,
        external_id,
        patient_id: None,
        patient_external_id: Some(ExternalId::from(patient)),
        provider_id: None,
        location_id: None,
        appointment_type: None,
        start: at(14),
        end: at(15),
        status: AppointmentStatus::Scheduled,
        visit: Visit::InPerson {
            location_id: None,
            operatory_id: None,
        },
        as_of: at(8),
    }
}

pub type PatientCall = (Option<String>, Option<DateTime<Utc>>);

/// A vendor serving fixed pages. Cursors are page numbers as text.
pub struct FakeVendor {
    pub vendor: Vendor,
    pub patient_pages: Vec<Vec<VendorPatient>>,
    pub appointment_pages: Vec<Vec<Appointment>>,
    pub delay: Duration,
    /// Fail when this page is asked for: (page, error, fail only once).
    pub fail_at: Mutex<Option<(usize, CoreError, bool)>>,
    /// What the engine asked for: cursor and `updated_since`.
    pub patient_calls: Mutex<Vec<PatientCall>>,
    pub appointment_calls: Mutex<Vec<(NaiveDate, NaiveDate, Option<String>)>>,
}

impl FakeVendor {
    pub fn new(vendor: Vendor, patients: usize, per_page: usize) -> Self {
        let ids: Vec<String> = (0..patients)
            .map(|i| format!("{}-{i}", vendor.key()))
            .collect();
        let patient_pages = ids
            .chunks(per_page)
            .map(|c| c.iter().map(|id| patient(vendor, id)).collect())
            .collect();
        let appointment_pages = ids
            .chunks(per_page)
            .map(|c| {
                c.iter()
                    .map(|id| appointment(vendor, &format!("a-{id}"), id))
                    .collect()
            })
            .collect();
        Self {
            vendor,
            patient_pages,
            appointment_pages,
            delay: Duration::ZERO,
            fail_at: Mutex::new(None),
            patient_calls: Mutex::new(vec![]),
            appointment_calls: Mutex::new(vec![]),
        }
    }

    pub fn slow(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn failing(self, page: usize, error: CoreError, once: bool) -> Self {
        *self.fail_at.lock().unwrap() = Some((page, error, once));
        self
    }

    async fn serve<T: Clone>(
        &self,
        pages: &[Vec<T>],
        cursor: Option<&String>,
    ) -> Result<Page<T>, CoreError> {
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        let n: usize = cursor.map_or(0, |c| c.parse().unwrap());
        {
            let mut fail = self.fail_at.lock().unwrap();
            if let Some((page, error, once)) = fail.clone()
                && page == n
            {
                if once {
                    *fail = None;
                }
                return Err(error);
            }
        }
        Ok(Page {
            items: pages.get(n).cloned().unwrap_or_default(),
            next: (n + 1 < pages.len()).then(|| (n + 1).to_string()),
        })
    }
}

#[async_trait]
impl PatientDirectory for FakeVendor {
    fn vendor(&self) -> Vendor {
        self.vendor
    }
    async fn patients_page(
        &self,
        cursor: Option<String>,
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<Page<VendorPatient>, CoreError> {
        self.patient_calls
            .lock()
            .unwrap()
            .push((cursor.clone(), updated_since));
        self.serve(&self.patient_pages, cursor.as_ref()).await
    }
}

#[async_trait]
impl AppointmentFeed for FakeVendor {
    fn vendor(&self) -> Vendor {
        self.vendor
    }
    async fn appointments_page(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        cursor: Option<String>,
    ) -> Result<Page<Appointment>, CoreError> {
        self.appointment_calls
            .lock()
            .unwrap()
            .push((from, to, cursor.clone()));
        // Appointment pages fail only through the patient stream in these tests.
        let pages = self.appointment_pages.clone();
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        let n: usize = cursor.map_or(0, |c| c.parse().unwrap());
        Ok(Page {
            items: pages.get(n).cloned().unwrap_or_default(),
            next: (n + 1 < pages.len()).then(|| (n + 1).to_string()),
        })
    }
}

#[async_trait]
impl PracticeDirectory for FakeVendor {
    fn vendor(&self) -> Vendor {
        self.vendor
    }
    async fn providers(&self) -> Result<Vec<Provider>, CoreError> {
        Ok(vec![Provider {
            id: format!("{}:dr-1", self.vendor.key()),
            display_name: "Dr. Lee".into(),
            designation: None,
            links: vec![],
            as_of: at(8),
        }])
    }
    async fn locations(&self) -> Result<Vec<Location>, CoreError> {
        Ok(vec![])
    }
    async fn operatories(&self) -> Result<Vec<Operatory>, CoreError> {
        Ok(vec![])
    }
    async fn appointment_types(&self) -> Result<Vec<AppointmentType>, CoreError> {
        Ok(vec![])
    }
}

/// A vendor's "patient by id": who it knows, which ids fail, and what it was asked.
#[derive(Default)]
pub struct FakeLookup {
    pub known: BTreeMap<ExternalId, VendorPatient>,
    pub failing: Vec<ExternalId>,
    pub asked: Mutex<Vec<ExternalId>>,
}

#[async_trait]
impl PatientLookup for FakeLookup {
    async fn patient_by_id(&self, id: &ExternalId) -> Result<Option<VendorPatient>, CoreError> {
        self.asked.lock().unwrap().push(id.clone());
        if self.failing.contains(id) {
            return Err(CoreError::Offline { vendor: None });
        }
        Ok(self.known.get(id).cloned())
    }
}

/// The cache: records by vendor id, cursors, statuses. Patients become desk people on write.
#[derive(Default)]
pub struct FakeSink {
    pub cursors: Mutex<HashMap<(Vendor, Stream), String>>,
    pub patients: Mutex<BTreeMap<(Vendor, ExternalId), VendorPatient>>,
    pub appointments: Mutex<BTreeMap<String, Appointment>>,
    pub providers: Mutex<usize>,
    pub statuses: Mutex<HashMap<Vendor, VendorStatus>>,
    /// The retention window's start, when the test gives the cache one.
    pub keep_from: Option<DateTime<Utc>>,
}

impl FakeSink {
    pub fn patient_count(&self, vendor: Vendor) -> usize {
        self.patients
            .lock()
            .unwrap()
            .keys()
            .filter(|(v, _)| *v == vendor)
            .count()
    }
    pub fn appointment_count(&self, vendor: Vendor) -> usize {
        self.appointments
            .lock()
            .unwrap()
            .values()
            .filter(|a| a.vendor == vendor)
            .count()
    }
}

#[async_trait]
impl SyncSink for FakeSink {
    async fn cursor(&self, vendor: Vendor, stream: Stream) -> Result<Option<String>, CoreError> {
        Ok(self.cursors.lock().unwrap().get(&(vendor, stream)).cloned())
    }

    async fn write(&self, batch: Batch) -> Result<(), CoreError> {
        // One lock order, all at once: the fake's "transaction".
        let mut cursors = self.cursors.lock().unwrap();
        match batch.records {
            Records::Practice(p) => *self.providers.lock().unwrap() += p.providers.len(),
            Records::Patients(ps) => {
                let mut map = self.patients.lock().unwrap();
                for p in ps {
                    map.insert((p.vendor, p.external_id.clone()), p);
                }
            }
            Records::Appointments(list) => {
                let mut map = self.appointments.lock().unwrap();
                for a in list {
                    map.insert(a.id.clone(), a);
                }
            }
        }
        cursors.insert((batch.vendor, batch.stream), batch.cursor);
        Ok(())
    }

    async fn resolve_patients(
        &self,
        vendor: Vendor,
        ids: Vec<ExternalId>,
    ) -> Result<HashMap<ExternalId, PatientId>, CoreError> {
        let map = self.patients.lock().unwrap();
        Ok(ids
            .into_iter()
            .filter(|id| map.contains_key(&(vendor, id.clone())))
            .map(|id| {
                let desk = PatientId(format!("desk-{id}"));
                (id, desk)
            })
            .collect())
    }

    async fn keep_from(&self) -> Result<Option<DateTime<Utc>>, CoreError> {
        Ok(self.keep_from)
    }

    async fn save_status(&self, status: &VendorStatus) -> Result<(), CoreError> {
        self.statuses
            .lock()
            .unwrap()
            .insert(status.vendor, status.clone());
        Ok(())
    }

    async fn load_status(&self, vendor: Vendor) -> Result<Option<VendorStatus>, CoreError> {
        Ok(self.statuses.lock().unwrap().get(&vendor).cloned())
    }
}
