//! The desk's booking facade end to end against the sandbox, as the app and the CLI use it:
//! each kind of visit searched, booked for a desk patient, shown on the cached board, settled
//! and cancelled; a slot two desks race for goes to one and the other gets the next slots; a
//! refused EHR insertion settles as failed; a booking whose answer is lost after the vendor
//! committed it is found, not made twice; a hung vendor is a line beside the others' slots; a
//! new patient is booked straight into a video visit, their Zoom record made once per key.

use chrono::{DateTime, Days, Utc};
use frontdesk_core::appointment::{AppointmentStatus, Visit, VisitMode};
use frontdesk_core::booking::{QuotaAction, SettlePolicy};
use frontdesk_core::ports::{AppointmentFeed, PatientDirectory};
use frontdesk_core::slots::{OutcomeState, VendorOutcome};
use frontdesk_core::sync::Progress;
use frontdesk_core::{ExternalId, PatientId, Vendor};
use frontdesk_desk::Desk;
use frontdesk_desk::booking::{
    BookError, BookRequest, BookingPatient, OpenSlot, ReferralOptions, SettleOutcome, SlotQuery,
    TelehealthOptions,
};
use frontdesk_desk::demo::{DemoOptions, DemoPractice};
use frontdesk_store::MemoryKeyProvider;
use std::sync::Arc;
use std::time::Duration;

const ACTOR: &str = "test:desk";

struct World {
    demo: DemoPractice,
    desk: Desk,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

fn quiet() -> Progress {
    Arc::new(|_| {})
}

fn fast() -> SettlePolicy {
    SettlePolicy {
        first_pause: Duration::from_millis(50),
        max_pause: Duration::from_millis(300),
        give_up_after: Duration::from_secs(10),
    }
}

/// A second desk on the same practice (its own cache), as another receptionist's machine.
fn another_desk(demo: &DemoPractice, dir: &std::path::Path) -> Desk {
    let desk = Desk::open(
        demo.config.clone(),
        &demo.secrets,
        dir,
        &MemoryKeyProvider::new(),
        ACTOR,
    )
    .unwrap();
    desk.set_settle_policy(fast());
    desk
}

/// The demo practice, synced once so the desk knows its people, places and providers.
async fn world(seed: u64, adjust: impl FnOnce(&mut DemoPractice)) -> World {
    let demo_dir = tempfile::tempdir().unwrap();
    let mut demo = DemoPractice::start(&DemoOptions {
        seed,
        patients: 40,
        dir: demo_dir.path().to_path_buf(),
    })
    .await
    .unwrap();
    adjust(&mut demo);
    let data = tempfile::tempdir().unwrap();
    let desk = another_desk(&demo, data.path());
    desk.sync_all(quiet()).await;
    World {
        demo,
        desk,
        _dirs: (demo_dir, data),
    }
}

fn days_ahead(from: u64, to: u64) -> (String, String) {
    let today = Utc::now().date_naive();
    (
        (today + Days::new(from)).to_string(),
        (today + Days::new(to)).to_string(),
    )
}

fn query(modes: Vec<VisitMode>) -> SlotQuery {
    let (from, to) = days_ahead(1, 6);
    SlotQuery {
        from,
        to,
        modes,
        ..SlotQuery::default()
    }
}

/// The desk's person behind the vendor's first patient that the cache has linked.
fn desk_patient_of(desk: &Desk, vendor: Vendor, ids: Vec<ExternalId>) -> PatientId {
    for id in ids {
        if let Some(p) = desk.store().patient_id_for(vendor, &id).unwrap() {
            return p;
        }
    }
    panic!("no {vendor} patient is linked to a desk patient");
}

async fn nexhealth_patient(w: &World) -> PatientId {
    let nh = w.desk.clients().nexhealth.clone().unwrap();
    let page = nh.patients_page(None, None).await.unwrap();
    desk_patient_of(
        &w.desk,
        Vendor::Nexhealth,
        page.items.into_iter().map(|p| p.external_id).collect(),
    )
}

fn book(slot: &OpenSlot, patient: &PatientId) -> BookRequest {
    BookRequest {
        slot_id: slot.id.clone(),
        patient: BookingPatient::Existing {
            patient_id: patient.clone(),
        },
        key: None,
        note: None,
        telehealth: None,
        referral: None,
    }
}

fn local_day(slot: &OpenSlot) -> chrono::NaiveDate {
    DateTime::parse_from_rfc3339(&slot.start)
        .unwrap()
        .date_naive()
}

fn audited(desk: &Desk, action: &str) -> usize {
    desk.store()
        .audit_entries(None)
        .unwrap()
        .iter()
        .filter(|e| e.action == action)
        .count()
}

async fn in_person_slots(desk: &Desk) -> Vec<OpenSlot> {
    let found = desk
        .search_slots(ACTOR, &query(vec![VisitMode::InPerson]))
        .await
        .unwrap();
    assert!(
        found.outcomes.iter().all(VendorOutcome::is_ok),
        "{:?}",
        found.outcomes
    );
    found.slots().cloned().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_person_books_pending_shows_on_the_board_confirms_and_cancels() {
    let w = world(801, |_| {}).await;
    let slots = in_person_slots(&w.desk).await;
    let slot = slots.first().expect("an in-person slot").clone();
    // Shown in the location's zone, with its offset.
    assert_eq!(slot.zone, "America/New_York");
    assert!(slot.start.ends_with("-05:00") || slot.start.ends_with("-04:00"));
    let patient = nexhealth_patient(&w).await;
    let (booked, pending) = w.desk.book(ACTOR, &book(&slot, &patient)).await.unwrap();
    assert_eq!(booked.appointment.status, AppointmentStatus::Pending);
    assert!(booked.settling);
    assert_eq!(booked.patient_id.as_ref(), Some(&patient));
    // On the board at once, named, pending in EHR.
    let board = w
        .desk
        .store()
        .appointments_for_location_day(slot.location_id.as_deref().unwrap(), local_day(&slot))
        .unwrap();
    let shown = board
        .iter()
        .find(|a| a.id == booked.appointment.id)
        .expect("the booking is on the board");
    assert_eq!(shown.patient_id.as_ref(), Some(&patient));
    assert_eq!(shown.status, AppointmentStatus::Pending);
    let settled = pending.unwrap().wait().await;
    assert_eq!(settled.outcome, SettleOutcome::Confirmed, "{settled:?}");
    let cached = w
        .desk
        .appointment_status(ACTOR, &booked.appointment.id, false)
        .await
        .unwrap();
    assert!(cached.status.is_active() && cached.status != AppointmentStatus::Pending);
    // The time is no longer offered.
    let again = in_person_slots(&w.desk).await;
    assert!(
        !again
            .iter()
            .any(|s| s.start == slot.start && s.provider_id == slot.provider_id)
    );
    let cancelled = w
        .desk
        .cancel_appointment(ACTOR, &booked.appointment.id, None)
        .await
        .unwrap();
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    let board = w
        .desk
        .store()
        .appointments_for_location_day(slot.location_id.as_deref().unwrap(), local_day(&slot))
        .unwrap();
    assert!(
        board
            .iter()
            .filter(|a| a.id == booked.appointment.id)
            .all(|a| a.status == AppointmentStatus::Cancelled)
    );
    assert_eq!(audited(&w.desk, "appointment.book"), 1);
    assert_eq!(audited(&w.desk, "appointment.cancel"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_desks_racing_for_one_slot_one_wins_the_other_gets_the_next_slots() {
    let w = world(802, |_| {}).await;
    let second_dir = tempfile::tempdir().unwrap();
    let rival = another_desk(&w.demo, second_dir.path());
    rival.sync_all(quiet()).await;
    let slot = in_person_slots(&w.desk).await.first().unwrap().clone();
    let patient = nexhealth_patient(&w).await;
    let rival_patient = {
        let nh = rival.clients().nexhealth.clone().unwrap();
        let page = nh.patients_page(None, None).await.unwrap();
        desk_patient_of(
            &rival,
            Vendor::Nexhealth,
            page.items
                .into_iter()
                .skip(1)
                .map(|p| p.external_id)
                .collect(),
        )
    };
    let (mine, theirs) = (book(&slot, &patient), book(&slot, &rival_patient));
    let (a, b) = tokio::join!(w.desk.book(ACTOR, &mine), rival.book(ACTOR, &theirs));
    let (won, lost) = match (a, b) {
        (Ok(won), Err(lost)) | (Err(lost), Ok(won)) => (won, lost),
        other => panic!("exactly one desk must win: {other:?}"),
    };
    assert_eq!(
        won.0.appointment.start.timestamp(),
        DateTime::parse_from_rfc3339(&slot.start)
            .unwrap()
            .timestamp()
    );
    let BookError::SlotTaken { next } = lost else {
        panic!("the loser gets SlotTaken, got {lost:?}");
    };
    assert!(!next.is_empty(), "the next slots are offered");
    assert!(
        next.iter()
            .all(|s| s.provider_id == slot.provider_id && s.start > slot.start)
    );
    // The offered slots are bookable as they are.
    let (again, _) = rival
        .book(ACTOR, &book(&next[0], &rival_patient))
        .await
        .unwrap();
    assert_eq!(again.appointment.status, AppointmentStatus::Pending);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_insertion_settles_as_failed_with_the_vendors_reason() {
    let w = world(803, |_| {}).await;
    let slot = in_person_slots(&w.desk).await.first().unwrap().clone();
    let patient = nexhealth_patient(&w).await;
    w.demo
        .sandbox()
        .unwrap()
        .fail_next_nexhealth_insertion("operatory double-booked in the EHR");
    let (booked, pending) = w.desk.book(ACTOR, &book(&slot, &patient)).await.unwrap();
    let settled = pending.unwrap().wait().await;
    assert_eq!(settled.outcome, SettleOutcome::Failed);
    assert!(settled.reason.as_deref().unwrap().contains("double-booked"));
    let cached = w
        .desk
        .appointment_status(ACTOR, &booked.appointment.id, false)
        .await
        .unwrap();
    assert!(
        matches!(cached.status, AppointmentStatus::Failed { .. }),
        "{cached:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telehealth_visit_is_scheduled_with_links_invitation_and_reminders_then_cancelled() {
    let w = world(804, |_| {}).await;
    let zoom = w.desk.clients().zoom.clone().unwrap();
    let today = Utc::now().date_naive();
    let visits = zoom
        .appointments_page(today - Days::new(14), today + Days::new(14), None)
        .await
        .unwrap();
    let patient = desk_patient_of(
        &w.desk,
        Vendor::Zoom,
        visits
            .items
            .iter()
            .filter_map(|a| a.patient_external_id.clone())
            .collect(),
    );
    let found = w
        .desk
        .search_slots(ACTOR, &query(vec![VisitMode::Telehealth]))
        .await
        .unwrap();
    let slot = found.slots().next().expect("a telehealth slot").clone();
    assert_eq!(slot.mode, VisitMode::Telehealth);
    let mut request = book(&slot, &patient);
    request.telehealth = Some(TelehealthOptions {
        visit_type: Some("follow_up".into()),
        minutes: Some(20),
        recording_consent: false,
    });
    let (booked, pending) = w.desk.book(ACTOR, &request).await.unwrap();
    assert!(pending.is_none() && !booked.settling);
    let info = booked.telehealth.clone().unwrap();
    assert_ne!(info.patient_join_url, info.provider_join_url);
    let Visit::Telehealth {
        provider_join_url: Some(staff),
        ..
    } = &booked.appointment.visit
    else {
        panic!("a video visit: {:?}", booked.appointment.visit);
    };
    assert_eq!(staff, &info.provider_join_url);
    assert_eq!(booked.appointment.patient_id.as_ref(), Some(&patient));
    // Moved to another time: Zoom schedules at once, so the old visit goes at once.
    let later = found
        .slots()
        .find(|s| s.start != slot.start)
        .expect("a second telehealth slot");
    let mut moved = book(later, &patient);
    moved.telehealth = request.telehealth.clone();
    let (rescheduled, pending) = w
        .desk
        .reschedule(ACTOR, &booked.appointment.id, &moved)
        .await
        .unwrap();
    assert!(pending.is_none());
    assert_eq!(
        rescheduled.replaces.as_deref(),
        Some(booked.appointment.id.as_str())
    );
    let old = w
        .desk
        .appointment_status(ACTOR, &booked.appointment.id, false)
        .await
        .unwrap();
    assert_eq!(old.status, AppointmentStatus::Cancelled);
    let cancelled = w
        .desk
        .cancel_appointment(ACTOR, &rescheduled.appointment.id, None)
        .await
        .unwrap();
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_referral_is_searched_submitted_confirmed_and_cancelled_with_counted_quota() {
    let w = world(805, |_| {}).await;
    let patient = referred_patient(&w.desk).await;
    let (from, to) = days_ahead(1, 6);
    let q = SlotQuery {
        from,
        to,
        modes: vec![VisitMode::Referral],
        patient_id: Some(patient.clone()),
        // Near the practice, so the network computes drive times.
        near: Some(frontdesk_core::ports::GeoPoint {
            latitude: 40.7484,
            longitude: -73.9857,
        }),
        ..SlotQuery::default()
    };
    let found = w.desk.search_slots(ACTOR, &q).await.unwrap();
    assert!(
        found.outcomes.iter().all(VendorOutcome::is_ok),
        "{:?}",
        found.outcomes
    );
    let slot = found.slots().next().expect("a referral slot").clone();
    let drive_before = count(&w.desk, QuotaAction::DriveTimeCalculation);
    assert!(drive_before >= 1, "drive times were asked for");
    assert!(slot.drive_time_minutes.is_some(), "{slot:?}");
    // The same session: drive times already known are not paid for again.
    w.desk.search_slots(ACTOR, &q).await.unwrap();
    assert_eq!(
        count(&w.desk, QuotaAction::DriveTimeCalculation),
        drive_before
    );
    let missing = w
        .desk
        .missing_booking_attributes(ACTOR, &slot.id, &patient)
        .await
        .unwrap();
    let mut request = book(&slot, &patient);
    request.referral = Some(ReferralOptions {
        referral_id: None,
        attributes: typed_in(&missing),
    });
    let (booked, pending) = w.desk.book(ACTOR, &request).await.unwrap();
    assert_eq!(booked.appointment.vendor, Vendor::Wellhive);
    let final_status = match pending {
        Some(p) => {
            let settled = p.wait().await;
            assert_eq!(settled.outcome, SettleOutcome::Confirmed, "{settled:?}");
            settled.appointment.status
        }
        None => booked.appointment.status.clone(),
    };
    assert!(final_status.is_active() && final_status != AppointmentStatus::Pending);
    let reasons = w.desk.cancel_reasons(&booked.appointment.id).await.unwrap();
    assert!(!reasons.is_empty());
    let cancelled = w
        .desk
        .cancel_appointment(ACTOR, &booked.appointment.id, Some(&reasons[0].id))
        .await
        .unwrap();
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    assert_eq!(count(&w.desk, QuotaAction::AppointmentBook), 1);
    assert_eq!(count(&w.desk, QuotaAction::AppointmentCancel), 1);
    assert!(count(&w.desk, QuotaAction::SlotSearch) >= 1);
    assert_eq!(count(&w.desk, QuotaAction::AppointmentShowLatest), 0);
    w.desk
        .appointment_status(ACTOR, &booked.appointment.id, true)
        .await
        .unwrap();
    assert_eq!(count(&w.desk, QuotaAction::AppointmentShowLatest), 1);
    // The network refuses the next submission: it settles as failed with the network's word.
    w.demo
        .sandbox()
        .unwrap()
        .fail_next_wellhive_submit("conflict")
        .unwrap();
    let again = w.desk.search_slots(ACTOR, &q).await.unwrap();
    let other = again.slots().next().expect("another referral slot").clone();
    let mut refused = book(&other, &patient);
    refused.referral.clone_from(&request.referral);
    let (pending_one, pending) = w.desk.book(ACTOR, &refused).await.unwrap();
    assert!(pending_one.settling, "{pending_one:?}");
    let settled = pending.unwrap().wait().await;
    assert_eq!(settled.outcome, SettleOutcome::Failed, "{settled:?}");
    assert_eq!(settled.reason.as_deref(), Some("conflict"));
    let cached = w
        .desk
        .appointment_status(ACTOR, &pending_one.appointment.id, false)
        .await
        .unwrap();
    assert!(
        matches!(cached.status, AppointmentStatus::Failed { .. }),
        "{cached:?}"
    );
}

fn count(desk: &Desk, action: QuotaAction) -> u32 {
    desk.quota_counts()
        .into_iter()
        .find(|q| q.action == action)
        .map_or(0, |q| q.count)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_vendor_is_a_line_beside_the_others_slots_within_the_deadline() {
    let w = world(806, |_| {}).await;
    w.desk.set_slot_deadline(Duration::from_secs(2));
    w.demo
        .sandbox()
        .unwrap()
        .faults()
        .update(frontdesk_sandbox::Vendor::Zoom, |f| f.hang_next = 50);
    let started = std::time::Instant::now();
    let found = w
        .desk
        .search_slots(
            ACTOR,
            &query(vec![VisitMode::InPerson, VisitMode::Telehealth]),
        )
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(2_800),
        "{:?}",
        started.elapsed()
    );
    let zoom = found
        .outcomes
        .iter()
        .find(|o| o.vendor == Vendor::Zoom)
        .unwrap();
    assert!(
        matches!(zoom.state, OutcomeState::TimedOut { .. }),
        "{zoom:?}"
    );
    assert!(found.slots().any(|s| s.mode == VisitMode::InPerson));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn booking_with_the_vendor_unreachable_is_offline_and_a_callback_waits_in_the_outbox() {
    let mut w = world(807, |_| {}).await;
    let slot = in_person_slots(&w.desk).await.first().unwrap().clone();
    let patient = nexhealth_patient(&w).await;
    w.demo.make_unreachable().await;
    let err = w
        .desk
        .book(ACTOR, &book(&slot, &patient))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), frontdesk_core::ErrorKind::Offline, "{err:?}");
    let at = Utc::now() + chrono::Duration::hours(2);
    let callback = w
        .desk
        .schedule_callback(ACTOR, &patient, at, "about a bill")
        .await
        .unwrap();
    assert_eq!(callback.state, frontdesk_core::contact::OutboxState::Queued);
    assert_eq!(audited(&w.desk, "callback.schedule"), 1);
    let empty = w
        .desk
        .schedule_callback(ACTOR, &patient, at, "  ")
        .await
        .unwrap_err();
    assert_eq!(empty.kind(), frontdesk_core::ErrorKind::Invalid);
}

/// A loopback proxy in front of the sandbox's NexHealth that, once armed, lets the next booking
/// POST through (the vendor commits it) and then loses the answer (504, as a gateway timing
/// out would): the desk cannot know whether the booking landed.
mod lossy {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    #[derive(Default)]
    pub struct Switch {
        pub armed: AtomicBool,
        pub booking_posts: AtomicU32,
    }

    /// Starts the proxy; returns its origin (`http://127.0.0.1:port`).
    pub async fn start(upstream: String, switch: Arc<Switch>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let client = reqwest::Client::new();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (client, upstream, switch) = (client.clone(), upstream.clone(), switch.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, &client, &upstream, &switch).await;
                });
            }
        });
        origin
    }

    async fn serve(
        mut stream: TcpStream,
        client: &reqwest::Client,
        upstream: &str,
        switch: &Switch,
    ) -> std::io::Result<()> {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 8192];
        let head_end = loop {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
        let mut lines = head.split("\r\n");
        let mut request_line = lines.next().unwrap_or_default().split(' ');
        let method = request_line.next().unwrap_or_default().to_owned();
        let target = request_line.next().unwrap_or_default().to_owned();
        let mut headers = Vec::new();
        let mut length = 0usize;
        for line in lines.filter(|l| !l.is_empty()) {
            if let Some((k, v)) = line.split_once(':') {
                let (k, v) = (k.trim().to_owned(), v.trim().to_owned());
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.parse().unwrap_or(0);
                }
                if !["host", "content-length", "connection"]
                    .contains(&k.to_ascii_lowercase().as_str())
                {
                    headers.push((k, v));
                }
            }
        }
        while buf.len() < head_end + length {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        let body = buf[head_end..].to_vec();
        let mut call = client.request(method.parse().unwrap(), format!("{upstream}{target}"));
        for (k, v) in headers {
            call = call.header(k, v);
        }
        let answer = call.body(body).send().await.unwrap();
        let status = answer.status();
        let kind = answer
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/json")
            .to_owned();
        let bytes = answer.bytes().await.unwrap_or_default();
        let booking = method == "POST"
            && target
                .split('?')
                .next()
                .unwrap_or_default()
                .ends_with("/appointments");
        if booking {
            switch.booking_posts.fetch_add(1, Ordering::SeqCst);
        }
        let response = if booking && switch.armed.swap(false, Ordering::SeqCst) {
            let lost = b"{\"error\":\"gateway timeout\"}";
            let mut r = format!(
                "HTTP/1.1 504 Gateway Timeout\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                lost.len()
            )
            .into_bytes();
            r.extend_from_slice(lost);
            r
        } else {
            let mut r = format!(
                "HTTP/1.1 {} {}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                status.as_u16(),
                status.canonical_reason().unwrap_or(""),
                bytes.len()
            )
            .into_bytes();
            r.extend_from_slice(&bytes);
            r
        };
        stream.write_all(&response).await?;
        stream.shutdown().await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_whose_answer_was_lost_after_it_landed_is_found_not_made_twice() {
    let demo_dir = tempfile::tempdir().unwrap();
    let demo = DemoPractice::start(&DemoOptions {
        seed: 808,
        patients: 40,
        dir: demo_dir.path().to_path_buf(),
    })
    .await
    .unwrap();
    // The proxy goes between the desk and NexHealth before the desk is opened.
    let mut config = demo.config.clone();
    let settings = config.nexhealth.as_mut().unwrap();
    let base = url::Url::parse(&settings.base_url).unwrap();
    let origin = format!(
        "{}://{}:{}",
        base.scheme(),
        base.host_str().unwrap(),
        base.port_or_known_default().unwrap()
    );
    let switch = Arc::new(lossy::Switch::default());
    let proxy = lossy::start(origin, switch.clone()).await;
    settings.base_url = format!("{proxy}{}", base.path().trim_end_matches('/'));
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(
        config,
        &demo.secrets,
        dir.path(),
        &MemoryKeyProvider::new(),
        ACTOR,
    )
    .unwrap();
    desk.set_settle_policy(fast());
    desk.sync_all(quiet()).await;
    let slot = in_person_slots(&desk).await.first().unwrap().clone();
    let nh = desk.clients().nexhealth.clone().unwrap();
    let page = nh.patients_page(None, None).await.unwrap();
    let patient = desk_patient_of(
        &desk,
        Vendor::Nexhealth,
        page.items.iter().map(|p| p.external_id.clone()).collect(),
    );
    switch
        .armed
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let (booked, _) = desk.book(ACTOR, &book(&slot, &patient)).await.unwrap();
    assert!(
        !switch.armed.load(std::sync::atomic::Ordering::SeqCst),
        "the answer was lost"
    );
    assert_eq!(
        switch
            .booking_posts
            .load(std::sync::atomic::Ordering::SeqCst),
        1,
        "sent once"
    );
    let start = DateTime::parse_from_rfc3339(&slot.start).unwrap();
    assert_eq!(booked.appointment.start.timestamp(), start.timestamp());
    let day = booked.appointment.start.date_naive();
    let all = frontdesk_vendors::http::paging::collect_all(|c| nh.appointments_page(day, day, c))
        .await
        .unwrap();
    let same: Vec<_> = all
        .iter()
        .filter(|a| {
            a.start == booked.appointment.start
                && a.provider_id == slot.provider_id
                && a.status.is_active()
        })
        .collect();
    assert_eq!(same.len(), 1, "booked once, not twice: {same:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_patient_is_created_once_named_on_the_board_and_found_the_second_time() {
    let w = world(809, |_| {}).await;
    let slots = in_person_slots(&w.desk).await;
    let new = BookingPatient::New {
        given_name: "Ottilie".into(),
        family_name: "Quarrington".into(),
        birth_date: "1958-02-27".into(),
        phone: "+12025550177".into(),
        email: Some("o.quarrington@example.test".into()),
    };
    let request = |slot: &OpenSlot| BookRequest {
        patient: new.clone(),
        ..book(slot, &PatientId("unused".into()))
    };
    let (first, pending) = w.desk.book(ACTOR, &request(&slots[0])).await.unwrap();
    assert!(first.patient_created);
    let person = first
        .patient_id
        .clone()
        .expect("the desk knows the new patient at once");
    let board = w
        .desk
        .store()
        .appointments_for_location_day(
            slots[0].location_id.as_deref().unwrap(),
            local_day(&slots[0]),
        )
        .unwrap();
    assert!(
        board
            .iter()
            .any(|a| a.id == first.appointment.id && a.patient_id.as_ref() == Some(&person))
    );
    pending.unwrap().wait().await;
    // The same details again: the vendor's record is found, not duplicated.
    let (second, _) = w.desk.book(ACTOR, &request(&slots[1])).await.unwrap();
    assert!(!second.patient_created);
    assert_eq!(second.patient_id.as_ref(), Some(&person));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reschedule_cancels_the_old_appointment_only_once_the_new_one_is_confirmed() {
    let w = world(810, |_| {}).await;
    let slots = in_person_slots(&w.desk).await;
    let patient = nexhealth_patient(&w).await;
    let (old, pending) = w
        .desk
        .book(ACTOR, &book(&slots[0], &patient))
        .await
        .unwrap();
    pending.unwrap().wait().await;
    let (new, pending) = w
        .desk
        .reschedule(ACTOR, &old.appointment.id, &book(&slots[1], &patient))
        .await
        .unwrap();
    assert_eq!(new.replaces.as_deref(), Some(old.appointment.id.as_str()));
    // Not yet: the old one stands while the new one is pending.
    let before = w
        .desk
        .appointment_status(ACTOR, &old.appointment.id, false)
        .await
        .unwrap();
    assert!(before.status.is_active(), "{before:?}");
    let settled = pending.unwrap().wait().await;
    assert_eq!(settled.outcome, SettleOutcome::Confirmed);
    assert_eq!(
        settled.replaced_cancelled.as_deref(),
        Some(old.appointment.id.as_str())
    );
    let after = w
        .desk
        .appointment_status(ACTOR, &old.appointment.id, true)
        .await
        .unwrap();
    assert_eq!(after.status, AppointmentStatus::Cancelled);
}

/// A desk patient with an approved referral (WellHive knows them by MRN).
async fn referred_patient(desk: &Desk) -> PatientId {
    let cx = desk.clients().cxone.clone().unwrap();
    let page = cx.patients_page(None, None).await.unwrap();
    let mut chosen = None;
    for p in &page.items {
        let Some(desk_id) = desk
            .store()
            .patient_id_for(Vendor::Cxone, &p.external_id)
            .unwrap()
        else {
            continue;
        };
        let Ok(referrals) = desk.patient_referrals(ACTOR, &desk_id).await else {
            continue;
        };
        if referrals
            .iter()
            .any(|r| r.status.as_deref() == Some("approved"))
        {
            chosen = Some(desk_id);
            break;
        }
    }
    chosen.expect("a patient with an approved referral")
}

/// What a receptionist types in for the fields a provider service requires.
fn typed_in(missing: &[String]) -> Vec<frontdesk_desk::booking::PatientAttribute> {
    missing
        .iter()
        .map(|name| frontdesk_desk::booking::PatientAttribute {
            name: name.clone(),
            value: match name.as_str() {
                "gender" => "unknown".into(),
                "address" => "1 Main St".into(),
                "birthDate" | "birthdate" => "1964-05-03".into(),
                "email" => "patient@example.test".into(),
                _ => "+12025550100".into(),
            },
        })
        .collect()
}

/// A desk patient the cache knows from NexHealth (or CXone) but not from Zoom.
async fn patient_without_zoom(w: &World) -> PatientId {
    let nh = w.desk.clients().nexhealth.clone().unwrap();
    let page = nh.patients_page(None, None).await.unwrap();
    for p in page.items {
        let Some(id) = w
            .desk
            .store()
            .patient_id_for(Vendor::Nexhealth, &p.external_id)
            .unwrap()
        else {
            continue;
        };
        let card = w.desk.store().patient_card(ACTOR, &id).unwrap();
        if card.patient.link(Vendor::Zoom).is_none() {
            return id;
        }
    }
    panic!("every linked NexHealth patient already has a Zoom record");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_video_visit_for_a_patient_zoom_does_not_know_makes_their_zoom_record_once() {
    let w = world(810, |_| {}).await;
    let patient = patient_without_zoom(&w).await;
    let found = w
        .desk
        .search_slots(ACTOR, &query(vec![VisitMode::Telehealth]))
        .await
        .unwrap();
    let slots: Vec<OpenSlot> = found.slots().cloned().collect();
    let second_slot = slots
        .iter()
        .find(|s| s.start != slots[0].start)
        .expect("two telehealth times")
        .clone();
    let mut request = book(&slots[0], &patient);
    request.telehealth = Some(TelehealthOptions {
        visit_type: Some("follow_up".into()),
        minutes: Some(20),
        recording_consent: false,
    });
    let (booked, pending) = w.desk.book(ACTOR, &request).await.unwrap();
    assert!(pending.is_none());
    let info = booked.telehealth.clone().unwrap();
    assert!(!info.patient_join_url.is_empty() && !info.provider_join_url.is_empty());
    assert_ne!(info.patient_join_url, info.provider_join_url);
    assert_eq!(booked.appointment.patient_id.as_ref(), Some(&patient));
    // The Zoom record made for the visit is linked to the desk's person and is the visit's.
    let card = w.desk.store().patient_card(ACTOR, &patient).unwrap();
    let zoom_id = card.patient.link(Vendor::Zoom).cloned().expect("linked");
    assert_eq!(
        booked.appointment.patient_external_id.as_ref(),
        Some(&zoom_id)
    );
    let zoom = w.desk.clients().zoom.clone().unwrap();
    let at_zoom = zoom
        .patient(&frontdesk_vendors::zoom::wire::PatientId(zoom_id.0.clone()))
        .await
        .unwrap();
    assert_eq!(
        at_zoom.last_name.as_deref(),
        Some(card.patient.family_name.as_str())
    );
    assert_eq!(audited(&w.desk, "zoom.patient.create"), 1);
    // A second visit finds the link: the same Zoom record, no second one made.
    let mut again = book(&second_slot, &patient);
    again.telehealth = request.telehealth.clone();
    let (second, _) = w.desk.book(ACTOR, &again).await.unwrap();
    assert_eq!(
        second.appointment.patient_external_id.as_ref(),
        Some(&zoom_id)
    );
    assert_eq!(audited(&w.desk, "zoom.patient.create"), 1);
    assert_eq!(audited(&w.desk, "zoom.patient.update"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_patient_books_a_video_visit_and_a_retry_makes_no_second_zoom_record() {
    let w = world(811, |_| {}).await;
    let found = w
        .desk
        .search_slots(ACTOR, &query(vec![VisitMode::Telehealth]))
        .await
        .unwrap();
    let slot = found.slots().next().expect("a telehealth slot").clone();
    let request = BookRequest {
        patient: BookingPatient::New {
            given_name: "Marisol".into(),
            family_name: "Wetherell".into(),
            birth_date: "1949-07-12".into(),
            phone: "+12025550188".into(),
            email: Some("m.wetherell@example.test".into()),
        },
        key: Some("new-video-1".into()),
        telehealth: Some(TelehealthOptions {
            visit_type: Some("follow_up".into()),
            minutes: Some(20),
            recording_consent: false,
        }),
        ..book(&slot, &PatientId("unused".into()))
    };
    let (booked, pending) = w.desk.book(ACTOR, &request).await.unwrap();
    assert!(pending.is_none() && booked.patient_created);
    let info = booked.telehealth.clone().unwrap();
    assert!(!info.patient_join_url.is_empty() && !info.provider_join_url.is_empty());
    assert_ne!(info.patient_join_url, info.provider_join_url);
    let person = booked
        .patient_id
        .clone()
        .expect("the desk knows her at once");
    assert_eq!(booked.appointment.patient_id.as_ref(), Some(&person));
    // A desk person with a confirmed Zoom link, the visit's patient, found by search.
    let card = w.desk.store().patient_card(ACTOR, &person).unwrap();
    let zoom_id = card.patient.link(Vendor::Zoom).cloned().expect("linked");
    assert_eq!(
        booked.appointment.patient_external_id.as_ref(),
        Some(&zoom_id)
    );
    assert!(card.patient.links.iter().any(|l| l.vendor == Vendor::Zoom
        && l.confidence == frontdesk_core::patient::LinkConfidence::Confirmed));
    let hits = w.desk.store().search(ACTOR, "Wetherell", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, person);
    let at_zoom = w
        .desk
        .clients()
        .zoom
        .clone()
        .unwrap()
        .patient(&frontdesk_vendors::zoom::wire::PatientId(zoom_id.0.clone()))
        .await
        .unwrap();
    assert_eq!(at_zoom.last_name.as_deref(), Some("Wetherell"));
    assert_eq!(audited(&w.desk, "zoom.patient.create"), 1);
    // The same press retried (its answer lost on the way to the screen): the first booking is
    // the answer, not a second visit, and no second Zoom record.
    let (retried, again) = w.desk.book(ACTOR, &request).await.unwrap();
    assert!(again.is_none());
    assert_eq!(retried.appointment.id, booked.appointment.id);
    assert_eq!(
        retried.telehealth.as_ref().map(|t| &t.provider_join_url),
        Some(&info.provider_join_url)
    );
    assert_eq!(retried.patient_id.as_ref(), Some(&person));
    assert_eq!(
        retried.appointment.patient_external_id.as_ref(),
        Some(&zoom_id)
    );
    assert_eq!(audited(&w.desk, "zoom.patient.create"), 1);
    assert_eq!(
        w.desk.store().search(ACTOR, "Wetherell", 10).unwrap().len(),
        1
    );
    let visits_for_her = w
        .desk
        .store()
        .patient_card(ACTOR, &person)
        .unwrap()
        .appointments
        .len();
    assert_eq!(
        visits_for_her, 1,
        "one visit booked, however often Book was pressed"
    );
    // The key of that press is spent: another time under it is refused, not answered wrongly.
    let other = found
        .slots()
        .find(|s| s.id != slot.id)
        .expect("a second telehealth slot")
        .clone();
    let reused = BookRequest {
        slot_id: other.id.clone(),
        ..request.clone()
    };
    let spent_key = w.desk.book(ACTOR, &reused).await.unwrap_err();
    assert_eq!(spent_key.kind(), frontdesk_core::ErrorKind::Invalid);
}
