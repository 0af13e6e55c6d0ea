//! In-memory vendor, sink and outbox for the booking tests.

use crate::appointment::{Appointment, AppointmentStatus, Visit, VisitMode};
use crate::booking::AppointmentSink;
use crate::error::CoreError;
use crate::ids::{ExternalId, Vendor};
use crate::outbox::{OutboxItem, OutboxStore};
use crate::patient::VendorPatient;
use crate::ports::{
    Booker, BookingLookup, BookingRequest, NewPatientRequest, PatientRegistry, PatientSearch,
    SlotQuery, SlotSource,
};
use crate::slot::Slot;
use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

pub fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, h, m, 0).unwrap()
}

pub fn slot(h: u32, m: u32) -> Slot {
    Slot {
        id: format!("s-{h}-{m}"),
        vendor: Vendor::Nexhealth,
        mode: VisitMode::InPerson,
        provider_id: Some("nexhealth:7".into()),
        location_id: Some("nexhealth:1".into()),
        operatory_id: None,
        appointment_type: None,
        start: at(h, m),
        end: at(h, m) + chrono::Duration::minutes(30),
        drive_time_minutes: None,
    }
}

/// Zoom's `n`th video visit for `r`, scheduled, with both join links.
pub fn zoom_visit(r: &crate::ports::TelehealthRequest, n: usize) -> Appointment {
    let external_id = ExternalId(format!("visit_{n}"));
    Appointment {
        id: Appointment::desk_id(Vendor::Zoom, &external_id),
        vendor: Vendor::Zoom,
        external_id,
        patient_id: None,
        patient_external_id: Some(r.patient.clone()),
        provider_id: Some(r.provider.0.clone()),
        location_id: None,
        appointment_type: None,
        start: r.start,
        end: r.start + chrono::Duration::minutes(i64::from(r.minutes)),
        status: AppointmentStatus::Scheduled,
        visit: Visit::Telehealth {
            patient_join_url: Some(format!("https://zoom.example/j/{n}?pwd=p")),
            provider_join_url: Some(format!("https://zoom.example/s/{n}?zak=s")),
        },
        as_of: Utc::now(),
    }
}

pub fn unknown_outcome() -> CoreError {
    CoreError::Conflict {
        message: "NexHealth POST /appointments: the write may or may not have taken effect; check before trying again".into(),
    }
}

#[derive(Default)]
pub struct FakeVendor {
    pub open: Mutex<Vec<Slot>>,
    pub booked: Mutex<Vec<Appointment>>,
    pub book_calls: AtomicU32,
    pub polls: AtomicU32,
    /// Commit the booking, then answer as if the request timed out.
    pub time_out_after_commit: AtomicBool,
    pub offline: AtomicBool,
    /// The EHR refuses the insertion with this reason.
    pub refuse_insertion: Mutex<Option<String>>,
    pub can_check: AtomicBool,
}

impl FakeVendor {
    pub fn with_slots(slots: Vec<Slot>) -> Self {
        let v = Self::default();
        *v.open.lock().unwrap() = slots;
        v.can_check.store(true, Ordering::SeqCst);
        v
    }

    /// Another desk books this time.
    pub fn take(&self, start: DateTime<Utc>) {
        self.open.lock().unwrap().retain(|s| s.start != start);
    }

    fn check_online(&self) -> Result<(), CoreError> {
        if self.offline.load(Ordering::SeqCst) {
            return Err(CoreError::Offline {
                vendor: Some(Vendor::Nexhealth),
            });
        }
        Ok(())
    }
}

#[async_trait]
impl SlotSource for FakeVendor {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    async fn slots(&self, _q: &SlotQuery) -> Result<Vec<Slot>, CoreError> {
        self.check_online()?;
        Ok(self.open.lock().unwrap().clone())
    }
}

#[async_trait]
impl Booker for FakeVendor {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    async fn book(&self, r: &BookingRequest) -> Result<Appointment, CoreError> {
        self.check_online()?;
        self.book_calls.fetch_add(1, Ordering::SeqCst);
        let mut open = self.open.lock().unwrap();
        let Some(i) = open.iter().position(|s| s.start == r.slot.start) else {
            return Err(CoreError::invalid(
                "/appointments",
                "NexHealth POST /appointments answered 400",
            ));
        };
        open.remove(i);
        let mut booked = self.booked.lock().unwrap();
        let external_id = ExternalId(format!("appt-{}", booked.len() + 1));
        let a = Appointment {
            id: Appointment::desk_id(Vendor::Nexhealth, &external_id),
            vendor: Vendor::Nexhealth,
            external_id,
            patient_id: None,
            patient_external_id: Some(r.patient.clone()),
            provider_id: r.slot.provider_id.clone(),
            location_id: r.slot.location_id.clone(),
            appointment_type: None,
            start: r.slot.start,
            end: r.slot.end,
            status: AppointmentStatus::Pending,
            visit: Visit::InPerson {
                location_id: r.slot.location_id.clone(),
                operatory_id: None,
            },
            as_of: Utc::now(),
        };
        booked.push(a.clone());
        if self.time_out_after_commit.swap(false, Ordering::SeqCst) {
            return Err(unknown_outcome());
        }
        Ok(a)
    }

    async fn appointment(&self, id: &ExternalId) -> Result<Appointment, CoreError> {
        self.check_online()?;
        let n = self.polls.fetch_add(1, Ordering::SeqCst);
        let mut booked = self.booked.lock().unwrap();
        let a = booked
            .iter_mut()
            .find(|a| &a.external_id == id)
            .ok_or_else(|| CoreError::not_found("appointment"))?;
        // Settles on the second poll.
        if n >= 1 && a.status == AppointmentStatus::Pending {
            a.status = match self.refuse_insertion.lock().unwrap().clone() {
                Some(reason) => AppointmentStatus::Failed { reason },
                None => AppointmentStatus::Confirmed,
            };
        }
        Ok(a.clone())
    }

    async fn cancel(&self, id: &ExternalId, _r: Option<&str>) -> Result<Appointment, CoreError> {
        self.check_online()?;
        let mut booked = self.booked.lock().unwrap();
        let a = booked
            .iter_mut()
            .find(|a| &a.external_id == id)
            .ok_or_else(|| CoreError::not_found("appointment"))?;
        a.status = AppointmentStatus::Cancelled;
        Ok(a.clone())
    }

    async fn find_booking(&self, r: &BookingRequest) -> Result<BookingLookup, CoreError> {
        if !self.can_check.load(Ordering::SeqCst) {
            return Ok(BookingLookup::CannotCheck);
        }
        Ok(self
            .booked
            .lock()
            .unwrap()
            .iter()
            .find(|a| {
                a.start == r.slot.start
                    && a.provider_id == r.slot.provider_id
                    && a.patient_external_id.as_ref() == Some(&r.patient)
            })
            .map_or(BookingLookup::NotFound, |a| {
                BookingLookup::Found(Box::new(a.clone()))
            }))
    }
}

#[derive(Default)]
pub struct Patients {
    pub known: Vec<VendorPatient>,
    pub created: Mutex<Vec<NewPatientRequest>>,
}

#[async_trait]
impl PatientSearch for Patients {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    async fn search_patients(&self, term: &str) -> Result<Vec<VendorPatient>, CoreError> {
        Ok(self
            .known
            .iter()
            .filter(|p| p.family_name.eq_ignore_ascii_case(term))
            .cloned()
            .collect())
    }
}

#[async_trait]
impl PatientRegistry for Patients {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    async fn create_patient(&self, r: &NewPatientRequest) -> Result<VendorPatient, CoreError> {
        self.created.lock().unwrap().push(r.clone());
        Ok(VendorPatient {
            vendor: Vendor::Nexhealth,
            external_id: ExternalId::from("new-1"),
            given_name: r.given_name.clone(),
            family_name: r.family_name.clone(),
            middle_name: None,
            birth_date: Some(r.birth_date),
            mrn: None,
            phones: Vec::new(),
            email: None,
            preferred_language: None,
            communication: None,
            updated_at: None,
        })
    }
}

#[derive(Default)]
pub struct Sink(pub Mutex<Vec<Appointment>>);

#[async_trait]
impl AppointmentSink for Sink {
    async fn record(&self, a: &Appointment) -> Result<(), CoreError> {
        self.0.lock().unwrap().push(a.clone());
        Ok(())
    }
}

#[derive(Default)]
pub struct Outbox(pub Mutex<Vec<OutboxItem>>);

#[async_trait]
impl OutboxStore for Outbox {
    async fn enqueue(&self, item: &OutboxItem) -> Result<(), CoreError> {
        let mut all = self.0.lock().unwrap();
        if all.iter().any(|i| i.id() == item.id()) {
            return Err(CoreError::Conflict {
                message: "already queued".into(),
            });
        }
        all.push(item.clone());
        Ok(())
    }
    async fn due(&self, _now: DateTime<Utc>) -> Result<Vec<OutboxItem>, CoreError> {
        Ok(self.0.lock().unwrap().clone())
    }
    async fn all(&self) -> Result<Vec<OutboxItem>, CoreError> {
        Ok(self.0.lock().unwrap().clone())
    }
    async fn begin_attempt(&self, _id: &str) -> Result<u32, CoreError> {
        Ok(1)
    }
    async fn mark_sent(&self, _id: &str, _e: &ExternalId) -> Result<(), CoreError> {
        Ok(())
    }
    async fn mark_failed(&self, _id: &str, _r: &str) -> Result<(), CoreError> {
        Ok(())
    }
}
