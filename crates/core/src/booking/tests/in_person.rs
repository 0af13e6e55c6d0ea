//! In-person booking: races, unknown outcomes, settling, patients, offline.

use super::fakes::{FakeVendor, Patients, Sink, at, slot};
use crate::appointment::AppointmentStatus;
use crate::booking::{
    BookingError, BookingKey, InPersonBooking, InPersonRequest, PatientChoice, SettlePolicy,
    Settled,
};
use crate::error::CoreError;
use crate::ids::{ExternalId, Vendor};
use crate::patient::VendorPatient;
use crate::ports::NewPatientRequest;
use chrono::NaiveDate;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

fn fast() -> SettlePolicy {
    SettlePolicy {
        first_pause: Duration::from_millis(5),
        max_pause: Duration::from_millis(20),
        give_up_after: Duration::from_millis(500),
    }
}

fn service(vendor: &Arc<FakeVendor>, sink: &Arc<Sink>) -> InPersonBooking {
    InPersonBooking::new(vendor.clone(), vendor.clone(), sink.clone()).with_settle_policy(fast())
}

fn request(h: u32, m: u32, patient: &str) -> InPersonRequest {
    InPersonRequest {
        slot: slot(h, m),
        patient: PatientChoice::Existing(ExternalId::from(patient)),
        note: None,
        key: BookingKey::new(),
    }
}

#[tokio::test]
async fn books_pending_then_settles_to_confirmed_writing_each_state() {
    let vendor = Arc::new(FakeVendor::with_slots(vec![slot(14, 0), slot(14, 30)]));
    let sink = Arc::new(Sink::default());
    let desk = service(&vendor, &sink);
    let booked = desk.book(&request(14, 0, "p1")).await.unwrap();
    assert_eq!(booked.appointment.status, AppointmentStatus::Pending);
    let settled = desk.settle(&booked).await;
    assert!(
        matches!(settled, Settled::Confirmed(ref a) if a.status == AppointmentStatus::Confirmed)
    );
    let states: Vec<AppointmentStatus> = sink
        .0
        .lock()
        .unwrap()
        .iter()
        .map(|a| a.status.clone())
        .collect();
    assert_eq!(
        states,
        [AppointmentStatus::Pending, AppointmentStatus::Confirmed]
    );
}

#[tokio::test]
async fn a_refused_insertion_settles_as_failed_with_the_vendors_reason() {
    let vendor = Arc::new(FakeVendor::with_slots(vec![slot(14, 0)]));
    *vendor.refuse_insertion.lock().unwrap() = Some("operatory closed".into());
    let sink = Arc::new(Sink::default());
    let desk = service(&vendor, &sink);
    let booked = desk.book(&request(14, 0, "p1")).await.unwrap();
    match desk.settle(&booked).await {
        Settled::Failed { reason, .. } => assert_eq!(reason, "operatory closed"),
        other => panic!("expected failed, got {other:?}"),
    }
}

#[tokio::test]
async fn two_desks_race_for_one_slot_one_wins_the_other_gets_the_next_slots() {
    let vendor = Arc::new(FakeVendor::with_slots(vec![
        slot(14, 0),
        slot(14, 30),
        slot(15, 0),
        slot(9, 0),
    ]));
    let sink = Arc::new(Sink::default());
    let (a, b) = (service(&vendor, &sink), service(&vendor, &sink));
    let (qa, qb) = (request(14, 0, "p1"), request(14, 0, "p2"));
    let (ra, rb) = tokio::join!(a.book(&qa), b.book(&qb));
    let (won, lost) = if ra.is_ok() { (ra, rb) } else { (rb, ra) };
    assert!(won.is_ok());
    match lost.unwrap_err() {
        BookingError::SlotTaken { next } => {
            let starts: Vec<_> = next.iter().map(|s| s.start).collect();
            assert_eq!(starts, [at(14, 30), at(15, 0)]);
        }
        other => panic!("expected SlotTaken, got {other:?}"),
    }
    assert_eq!(vendor.booked.lock().unwrap().len(), 1);
    let as_core: CoreError = BookingError::SlotTaken { next: Vec::new() }.into();
    assert_eq!(as_core.kind(), crate::error::ErrorKind::Conflict);
}

#[tokio::test]
async fn a_slot_taken_between_search_and_book_is_caught_by_the_recheck() {
    let vendor = Arc::new(FakeVendor::with_slots(vec![slot(14, 0), slot(14, 30)]));
    let sink = Arc::new(Sink::default());
    vendor.take(at(14, 0));
    let err = service(&vendor, &sink)
        .book(&request(14, 0, "p1"))
        .await
        .unwrap_err();
    assert!(matches!(err, BookingError::SlotTaken { ref next } if next.len() == 1));
    assert_eq!(vendor.book_calls.load(Ordering::SeqCst), 0, "never sent");
}

#[tokio::test]
async fn a_timeout_after_the_vendor_committed_books_once_not_twice() {
    let vendor = Arc::new(FakeVendor::with_slots(vec![slot(14, 0), slot(14, 30)]));
    vendor.time_out_after_commit.store(true, Ordering::SeqCst);
    let sink = Arc::new(Sink::default());
    let booked = service(&vendor, &sink)
        .book(&request(14, 0, "p1"))
        .await
        .unwrap();
    assert_eq!(booked.appointment.start, at(14, 0));
    assert_eq!(vendor.book_calls.load(Ordering::SeqCst), 1);
    assert_eq!(vendor.booked.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn an_unknown_outcome_the_vendor_cannot_check_is_not_retried() {
    let vendor = Arc::new(FakeVendor::with_slots(vec![slot(14, 0)]));
    vendor.time_out_after_commit.store(true, Ordering::SeqCst);
    vendor.can_check.store(false, Ordering::SeqCst);
    let sink = Arc::new(Sink::default());
    let req = request(14, 0, "p1");
    let err = service(&vendor, &sink).book(&req).await.unwrap_err();
    assert_eq!(
        err,
        BookingError::OutcomeUnknown {
            key: req.key.0.clone()
        }
    );
    assert_eq!(vendor.book_calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_unreachable_vendor_fails_offline() {
    let vendor = Arc::new(FakeVendor::with_slots(vec![slot(14, 0)]));
    vendor.offline.store(true, Ordering::SeqCst);
    let sink = Arc::new(Sink::default());
    let err = service(&vendor, &sink)
        .book(&request(14, 0, "p1"))
        .await
        .unwrap_err();
    assert!(crate::booking::is_offline(&err));
    // The desk offers a call back instead; it waits in the outbox.
    let outbox = super::fakes::Outbox::default();
    let patient = crate::ids::PatientId("desk-1".into());
    let queued = crate::booking::callback_instead(&outbox, &patient, at(16, 0), "rebook")
        .await
        .unwrap();
    assert_eq!(outbox.0.lock().unwrap().len(), 1);
    assert_eq!(queued.state, crate::contact::OutboxState::Queued);
    let core: CoreError = err.into();
    assert_eq!(core.kind(), crate::error::ErrorKind::Offline);
}

fn known(family: &str) -> VendorPatient {
    VendorPatient {
        vendor: Vendor::Nexhealth,
        external_id: ExternalId::from("p-known"),
        given_name: "Ana".into(),
        family_name: family.into(),
        middle_name: None,
        birth_date: NaiveDate::from_ymd_opt(1964, 5, 3),
        mrn: None,
        phones: Vec::new(),
        email: None,
        preferred_language: None,
        communication: None,
        updated_at: None,
    }
}

fn new_patient(family: &str) -> PatientChoice {
    PatientChoice::New(NewPatientRequest {
        given_name: "Ana".into(),
        family_name: family.into(),
        birth_date: NaiveDate::from_ymd_opt(1964, 5, 3).unwrap(),
        phone: "+12025550100".into(),
        email: None,
        provider: None,
        location: None,
    })
}

#[tokio::test]
async fn a_new_patient_the_vendor_already_has_is_not_created_again() {
    let vendor = Arc::new(FakeVendor::with_slots(vec![slot(14, 0), slot(15, 0)]));
    let sink = Arc::new(Sink::default());
    let patients = Arc::new(Patients {
        known: vec![known("Nguyen")],
        ..Patients::default()
    });
    let desk = service(&vendor, &sink).with_patients(patients.clone(), Some(patients.clone()));
    let mut req = request(14, 0, "-");
    req.patient = new_patient("Nguyen");
    let booked = desk.book(&req).await.unwrap();
    assert_eq!(booked.patient, ExternalId::from("p-known"));
    assert!(!booked.patient_created);
    req.patient = new_patient("Okafor");
    req.slot = slot(15, 0);
    let booked = desk.book(&req).await.unwrap();
    assert!(booked.patient_created);
    assert_eq!(patients.created.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn reschedule_cancels_the_old_only_once_the_new_is_confirmed() {
    let vendor = Arc::new(FakeVendor::with_slots(vec![
        slot(14, 0),
        slot(15, 0),
        slot(16, 0),
    ]));
    let sink = Arc::new(Sink::default());
    let desk = service(&vendor, &sink);
    let old = desk.book(&request(14, 0, "p1")).await.unwrap();
    let moved = desk
        .reschedule(&old.appointment.external_id, &request(15, 0, "p1"))
        .await
        .unwrap();
    assert!(matches!(moved.new, Settled::Confirmed(_)));
    assert_eq!(
        moved.old_cancelled.unwrap().status,
        AppointmentStatus::Cancelled
    );

    *vendor.refuse_insertion.lock().unwrap() = Some("no".into());
    let kept = desk
        .reschedule(&old.appointment.external_id, &request(16, 0, "p1"))
        .await
        .unwrap();
    assert!(matches!(kept.new, Settled::Failed { .. }));
    assert!(kept.old_cancelled.is_none());
}
