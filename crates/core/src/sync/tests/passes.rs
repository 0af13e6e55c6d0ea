//! Passes over fake vendors: concurrency, isolation of failures, resumption, statuses.

use super::fakes::{FakeSink, FakeVendor, FixedClock, at};
use crate::contact::ConnectionState;
use crate::error::CoreError;
use crate::ids::{ExternalId, PatientId, Vendor};
use crate::sync::{
    Phase, Progress, Stream, StreamCursor, SyncEngine, SyncEvent, SyncOptions, VendorSources,
    state_for,
};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn sources(v: &Arc<FakeVendor>) -> VendorSources {
    VendorSources::new(v.vendor)
        .practice(v.clone())
        .patients(v.clone())
        .appointments(v.clone())
}

fn engine(
    sink: &Arc<FakeSink>,
    vendors: &[&Arc<FakeVendor>],
    clock: &Arc<FixedClock>,
) -> SyncEngine {
    SyncEngine::new(
        sink.clone(),
        vendors.iter().map(|v| sources(v)).collect(),
        SyncOptions::default(),
    )
    .with_clock(clock.clone())
}

type Seen = Arc<Mutex<Vec<(Instant, SyncEvent)>>>;

fn recorder() -> (Progress, Seen) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let progress: Progress = Arc::new(move |e: &SyncEvent| {
        sink.lock().unwrap().push((Instant::now(), e.clone()));
    });
    (progress, seen)
}

fn offline(v: Vendor) -> CoreError {
    CoreError::Offline { vendor: Some(v) }
}

#[tokio::test]
async fn a_slow_vendor_does_not_delay_the_others() {
    let sink = Arc::new(FakeSink::default());
    let clock = Arc::new(FixedClock::new(at(8)));
    let slow = Arc::new(FakeVendor::new(Vendor::Cxone, 4, 2).slow(Duration::from_millis(150)));
    let fast = Arc::new(FakeVendor::new(Vendor::Nexhealth, 40, 10));
    let (progress, seen) = recorder();
    let started = Instant::now();
    let report = engine(&sink, &[&slow, &fast], &clock)
        .run_pass(progress)
        .await;
    assert!(report.all_ok(), "{report:?}");
    let finished = |v: Vendor| {
        seen.lock()
            .unwrap()
            .iter()
            .find(|(_, e)| e.vendor == v && e.phase == Phase::Finished)
            .map(|(t, _)| *t - started)
            .unwrap()
    };
    // The slow vendor needs 4 pages x 150 ms; the fast one must not wait for it.
    assert!(finished(Vendor::Cxone) >= Duration::from_millis(600));
    assert!(
        finished(Vendor::Nexhealth) < Duration::from_millis(300),
        "{:?}",
        finished(Vendor::Nexhealth)
    );
    assert_eq!(sink.patient_count(Vendor::Nexhealth), 40);
    assert_eq!(sink.appointment_count(Vendor::Cxone), 4);
}

#[tokio::test]
async fn one_vendor_failing_leaves_the_others_data_and_status() {
    let sink = Arc::new(FakeSink::default());
    let clock = Arc::new(FixedClock::new(at(8)));
    let down =
        Arc::new(FakeVendor::new(Vendor::Zoom, 5, 5).failing(0, offline(Vendor::Zoom), false));
    let up = Arc::new(FakeVendor::new(Vendor::Nexhealth, 25, 10));
    let (progress, _) = recorder();
    let report = engine(&sink, &[&down, &up], &clock)
        .run_pass(progress)
        .await;
    let zoom = report.vendor(Vendor::Zoom).unwrap();
    assert_eq!(zoom.status.state, ConnectionState::Offline);
    assert_eq!(
        zoom.status.last_error.as_deref(),
        Some("Zoom cannot be reached")
    );
    let nex = report.vendor(Vendor::Nexhealth).unwrap();
    assert_eq!(nex.status.state, ConnectionState::Ok);
    assert_eq!((nex.patients, nex.appointments, nex.pages), (25, 25, 7));
    assert_eq!(sink.patient_count(Vendor::Nexhealth), 25);
    assert_eq!(sink.appointment_count(Vendor::Nexhealth), 25);
    assert_eq!(sink.patient_count(Vendor::Zoom), 0);
}

#[tokio::test]
async fn an_interrupted_pass_resumes_from_its_cursor_then_goes_incremental() {
    let sink = Arc::new(FakeSink::default());
    let clock = Arc::new(FixedClock::new(at(8)));
    let broken = CoreError::Unavailable {
        vendor: Vendor::Cxone,
        detail: "502".into(),
        trace_id: None,
    };
    let vendor = Arc::new(FakeVendor::new(Vendor::Cxone, 30, 10).failing(1, broken, true));
    let engine = engine(&sink, &[&vendor], &clock);
    let (progress, _) = recorder();

    // First pass: page 0 lands, page 1 fails.
    let first = engine.run_pass(progress.clone()).await;
    assert_eq!(
        first.vendor(Vendor::Cxone).unwrap().status.state,
        ConnectionState::Degraded
    );
    assert_eq!(sink.patient_count(Vendor::Cxone), 10);
    let stored = sink.cursors.lock().unwrap()[&(Vendor::Cxone, Stream::Patients)].clone();
    let cursor = StreamCursor::parse(Some(&stored));
    assert_eq!(cursor.page.as_deref(), Some("1"));
    assert_eq!(cursor.pass_started, Some(at(8)));

    // Second pass, later: resumes at page 1 with the same (full) request, never page 0 again.
    clock.set(at(9));
    vendor.patient_calls.lock().unwrap().clear();
    let second = engine.run_pass(progress.clone()).await;
    assert_eq!(
        second.vendor(Vendor::Cxone).unwrap().status.state,
        ConnectionState::Ok
    );
    let calls = vendor.patient_calls.lock().unwrap().clone();
    assert_eq!(
        calls,
        vec![(Some("1".into()), None), (Some("2".into()), None)]
    );
    assert_eq!(sink.patient_count(Vendor::Cxone), 30);

    // Third pass: incremental from when the completed pass began.
    clock.set(at(10));
    vendor.patient_calls.lock().unwrap().clear();
    engine.run_pass(progress).await;
    let calls = vendor.patient_calls.lock().unwrap().clone();
    assert_eq!(calls[0], (None, Some(at(8))));
}

#[tokio::test]
async fn appointments_are_tied_to_desk_patients_through_the_sink() {
    let sink = Arc::new(FakeSink::default());
    let clock = Arc::new(FixedClock::new(at(8)));
    let mut fake = FakeVendor::new(Vendor::Nexhealth, 3, 10);
    fake.appointment_pages[0][2].patient_external_id = Some(ExternalId::from("stranger"));
    let vendor = Arc::new(fake);
    let (progress, _) = recorder();
    let report = engine(&sink, &[&vendor], &clock).run_pass(progress).await;
    assert_eq!(
        report
            .vendor(Vendor::Nexhealth)
            .unwrap()
            .unresolved_appointments,
        1
    );
    let appts = sink.appointments.lock().unwrap();
    let a0 = &appts["nexhealth:a-nexhealth-0"];
    assert_eq!(a0.patient_id, Some(PatientId("desk-nexhealth-0".into())));
    assert_eq!(appts["nexhealth:a-nexhealth-2"].patient_id, None);
    // The default window: 30 days either side of the practice's today.
    let (from, to, _) = vendor.appointment_calls.lock().unwrap()[0].clone();
    assert_eq!((to - from).num_days(), 60);
}

#[test]
fn errors_map_to_the_states_the_header_shows() {
    let v = Vendor::Cxone;
    let table = [
        (offline(v), ConnectionState::Offline),
        (
            CoreError::Unauthorized {
                vendor: v,
                detail: "invalid_client".into(),
            },
            ConnectionState::NeedsAuth,
        ),
        (
            CoreError::Forbidden {
                action: "GET /patients".into(),
            },
            ConnectionState::NeedsAuth,
        ),
        (
            CoreError::Unavailable {
                vendor: v,
                detail: "503".into(),
                trace_id: None,
            },
            ConnectionState::Degraded,
        ),
        (
            CoreError::RateLimited {
                vendor: v,
                retry_after_secs: Some(30),
            },
            ConnectionState::Degraded,
        ),
        (
            CoreError::invalid("data[0].dob", "garbage"),
            ConnectionState::Degraded,
        ),
    ];
    for (error, want) in table {
        assert_eq!(state_for(&error), want, "{error}");
    }
}

#[tokio::test]
async fn a_failed_pass_keeps_the_time_of_the_last_good_copy() {
    let sink = Arc::new(FakeSink::default());
    let clock = Arc::new(FixedClock::new(at(8)));
    let vendor = Arc::new(FakeVendor::new(Vendor::Cxone, 3, 10));
    let engine = engine(&sink, &[&vendor], &clock);
    let (progress, seen) = recorder();
    engine.run_pass(progress.clone()).await;
    let unauthorized = CoreError::Unauthorized {
        vendor: Vendor::Cxone,
        detail: "invalid_client".into(),
    };
    *vendor.fail_at.lock().unwrap() = Some((0, unauthorized, false));
    clock.set(at(13));
    engine.run_pass(progress).await;
    let status = engine.statuses().get(Vendor::Cxone).unwrap();
    assert_eq!(status.state, ConnectionState::NeedsAuth);
    assert_eq!(status.as_of, Some(at(8)));
    assert!(
        status
            .last_error
            .unwrap()
            .contains("refused the desk's credentials")
    );
    // Saved for the next run, and the last event carries the final state.
    assert_eq!(
        sink.statuses.lock().unwrap()[&Vendor::Cxone].state,
        ConnectionState::NeedsAuth
    );
    let last = seen.lock().unwrap().last().unwrap().1.clone();
    assert_eq!(
        (last.phase, last.state),
        (Phase::Finished, ConnectionState::NeedsAuth)
    );
    // Unconfigured vendors are listed as such, and an offline one refuses writes up front.
    assert_eq!(
        engine.statuses().get(Vendor::Zoom).unwrap().state,
        ConnectionState::NotConfigured
    );
    engine
        .statuses()
        .failed(Vendor::Cxone, &offline(Vendor::Cxone));
    assert!(matches!(
        engine.statuses().ensure_reachable(Vendor::Cxone),
        Err(CoreError::Offline {
            vendor: Some(Vendor::Cxone)
        })
    ));
}

#[tokio::test]
async fn statuses_saved_by_a_previous_run_are_restored() {
    let sink = Arc::new(FakeSink::default());
    let clock = Arc::new(FixedClock::new(at(8)));
    let vendor = Arc::new(FakeVendor::new(Vendor::Cxone, 1, 10));
    let (progress, _) = recorder();
    engine(&sink, &[&vendor], &clock).run_pass(progress).await;
    let restarted = engine(&sink, &[&vendor], &clock);
    restarted.restore_statuses().await.unwrap();
    let status = restarted.statuses().get(Vendor::Cxone).unwrap();
    assert_eq!(status.as_of, Some(at(8)));
    assert_eq!(status.state, ConnectionState::Syncing);
}

struct Refusing;

#[async_trait::async_trait]
impl crate::sync::Probe for Refusing {
    async fn probe(&self) -> Result<(), CoreError> {
        Err(CoreError::Unauthorized {
            vendor: Vendor::Nextech,
            detail: "a person must sign in to Nextech in the browser first".into(),
        })
    }
}

#[tokio::test]
async fn a_vendor_with_nothing_to_list_gets_its_status_from_a_probe() {
    let sink = Arc::new(FakeSink::default());
    let clock = Arc::new(FixedClock::new(at(8)));
    let sources = vec![VendorSources::new(Vendor::Nextech).probe(Arc::new(Refusing))];
    let engine = SyncEngine::new(sink, sources, SyncOptions::default()).with_clock(clock);
    let (progress, _) = recorder();
    let report = engine.run_pass(progress).await;
    let status = &report.vendor(Vendor::Nextech).unwrap().status;
    assert_eq!(status.state, ConnectionState::NeedsAuth);
    assert!(status.last_error.as_deref().unwrap().contains("sign in"));
}
