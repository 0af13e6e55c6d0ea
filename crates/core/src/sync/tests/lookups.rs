//! Appointments whose patient the cache does not hold: the patient is fetched by id, written
//! through the patients path, and the appointment resolved, within the same pass.

use super::fakes::{FakeLookup, FakeSink, FakeVendor, FixedClock, appointment, at, patient};
use crate::appointment::Appointment;
use crate::contact::ConnectionState;
use crate::ids::{ExternalId, PatientId, Vendor};
use crate::sync::{Progress, Stream, SyncEngine, SyncOptions, VendorSources};
use std::sync::Arc;

fn quiet() -> Progress {
    Arc::new(|_| {})
}

#[tokio::test]
async fn an_appointment_for_a_patient_the_cache_lacks_fetches_them_by_id_and_resolves() {
    let v = Vendor::Nexhealth;
    let sink = Arc::new(FakeSink::default());
    let clock = Arc::new(FixedClock::new(at(8)));
    // The directory holds only "held"; "back" was purged, "gone" failed, "nobody" is unknown.
    let mut vendor = FakeVendor::new(v, 0, 10);
    vendor.patient_pages = vec![vec![patient(v, "held")]];
    vendor.appointment_pages = vec![vec![
        appointment(v, "a1", "held"),
        appointment(v, "a2", "back"),
        appointment(v, "a3", "back"),
        appointment(v, "a4", "gone"),
        appointment(v, "a5", "nobody"),
    ]];
    let vendor = Arc::new(vendor);
    let lookup = Arc::new(FakeLookup {
        known: [(ExternalId::from("back"), patient(v, "back"))].into(),
        failing: vec![ExternalId::from("gone")],
        ..FakeLookup::default()
    });
    let engine = SyncEngine::new(
        sink.clone(),
        vec![
            VendorSources::new(v)
                .patients(vendor.clone())
                .appointments(vendor.clone())
                .lookup(lookup.clone()),
        ],
        SyncOptions::default(),
    )
    .with_clock(clock.clone());

    let report = engine.run_pass(quiet()).await;

    let nex = report.vendor(v).unwrap();
    assert_eq!(
        nex.status.state,
        ConnectionState::Ok,
        "a failed look-up is not a failed pass"
    );
    assert_eq!(nex.unresolved_appointments, 2);
    assert_eq!(
        nex.patients, 2,
        "the directory's one and the one fetched by id"
    );
    let mut asked = lookup.asked.lock().unwrap().clone();
    asked.sort();
    assert_eq!(
        asked,
        ["back", "gone", "nobody"].map(ExternalId::from),
        "each missing patient once; the held one never"
    );
    assert!(
        sink.patients
            .lock()
            .unwrap()
            .contains_key(&(v, ExternalId::from("back")))
    );
    let patient_of = |id: &str| {
        sink.appointments
            .lock()
            .unwrap()
            .values()
            .find(|a| a.external_id == ExternalId::from(id))
            .unwrap()
            .patient_id
            .clone()
    };
    assert_eq!(patient_of("a2"), Some(PatientId("desk-back".into())));
    assert_eq!(patient_of("a3"), Some(PatientId("desk-back".into())));
    assert_eq!(patient_of("a4"), None);
    assert_eq!(patient_of("a5"), None);
    // The patients stream still reads as completed: the next pass is incremental, not full.
    let stored = sink.cursors.lock().unwrap()[&(v, Stream::Patients)].clone();
    let cursor = crate::sync::StreamCursor::parse(Some(&stored));
    assert_eq!(
        (cursor.since, cursor.completed_at),
        (Some(at(8)), Some(at(8)))
    );
}

#[tokio::test]
async fn without_a_lookup_a_missing_patient_stays_unresolved() {
    let v = Vendor::Nexhealth;
    let sink = Arc::new(FakeSink::default());
    let mut vendor = FakeVendor::new(v, 0, 10);
    vendor.appointment_pages = vec![vec![appointment(v, "a1", "absent")]];
    let vendor = Arc::new(vendor);
    let engine = SyncEngine::new(
        sink.clone(),
        vec![VendorSources::new(v).appointments(vendor)],
        SyncOptions::default(),
    );
    let report = engine.run_pass(quiet()).await;
    assert_eq!(report.vendor(v).unwrap().unresolved_appointments, 1);
    assert_eq!(sink.patient_count(v), 0);
}

#[tokio::test]
async fn appointments_that_ended_before_the_window_are_not_written_nor_their_patients_fetched() {
    let v = Vendor::Nexhealth;
    let sink = Arc::new(FakeSink {
        keep_from: Some(at(10)),
        ..FakeSink::default()
    });
    let mut old = appointment(v, "a-old", "old");
    (old.start, old.end) = (at(8), at(9));
    let mut vendor = FakeVendor::new(v, 0, 10);
    vendor.appointment_pages = vec![vec![old, appointment(v, "a-new", "new")]];
    let vendor = Arc::new(vendor);
    let lookup = Arc::new(FakeLookup {
        known: [
            (ExternalId::from("old"), patient(v, "old")),
            (ExternalId::from("new"), patient(v, "new")),
        ]
        .into(),
        ..FakeLookup::default()
    });
    let engine = SyncEngine::new(
        sink.clone(),
        vec![
            VendorSources::new(v)
                .appointments(vendor)
                .lookup(lookup.clone()),
        ],
        SyncOptions::default(),
    );
    let report = engine.run_pass(quiet()).await;
    assert_eq!(report.vendor(v).unwrap().appointments, 1);
    assert_eq!(
        lookup.asked.lock().unwrap().clone(),
        [ExternalId::from("new")]
    );
    let stored: Vec<String> = sink.appointments.lock().unwrap().keys().cloned().collect();
    assert_eq!(
        stored,
        [Appointment::desk_id(v, &ExternalId::from("a-new"))]
    );
}
