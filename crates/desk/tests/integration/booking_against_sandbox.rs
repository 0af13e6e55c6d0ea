//! Issue 8's booking services over the real vendor clients and the sandbox: in person
//! (pending, then confirmed or failed), a slot lost between search and book, a telehealth
//! visit with both links and its reminders queued, and a referral submitted then cancelled.

use async_trait::async_trait;
use chrono::{Days, Duration as ChronoDuration, Utc};
use frontdesk_core::appointment::{Appointment, AppointmentStatus, VisitMode};
use frontdesk_core::booking::{
    AppointmentSink, BookingError, BookingKey, InPersonBooking, InPersonRequest, InviteOutcome,
    PatientChoice, QuotaAction, QuotaCounter, ReferralBooking, ReferralChoice, ReferralOutcome,
    SettlePolicy, Settled, TelehealthBooking, TelehealthBookingRequest,
};
use frontdesk_core::config::Config;
use frontdesk_core::outbox::{OutboxItem, OutboxStore};
use frontdesk_core::patient::CommunicationPreferences;
use frontdesk_core::ports::{
    AppointmentFeed, PatientDirectory, SecretStore, ServiceSearch, SlotSource,
};
use frontdesk_core::slots::{SlotSearch, UnifiedSlotQuery, Zones, split_desk_id};
use frontdesk_core::{CoreError, ExternalId};
use frontdesk_desk::{Desk, StoreOutbox};
use frontdesk_sandbox::{Sandbox, SandboxHandle, SandboxOptions, TakeSlot};
use frontdesk_store::{MemoryKeyProvider, Store};
use frontdesk_vendors::secrets::MemorySecrets;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

fn config_for(sandbox: &SandboxHandle) -> String {
    let i = sandbox.info();
    let locations: Vec<String> = i
        .nexhealth
        .location_ids
        .iter()
        .map(ToString::to_string)
        .collect();
    format!(
        r#"
[practice]
name = "Sandbox Clinic"
timezone = "America/New_York"
reminder_offsets_minutes = [1440, 60]

[cxone]
base_url = "{}"
token_url = "{}"
client_id = "{}"
plan = "{}"
rate_share = 1.0

[zoom]
base_url = "{}"
token_url = "{}"
account_id = "{}"
client_id = "{}"
user_id = "{}"
api = "healthcare"

[nexhealth]
base_url = "{}"
subdomain = "{}"
location_ids = [{}]
api = "current"

[wellhive]
base_url = "{}"
token_url = "{}"
audience = "{}"
client_id = "{}"
algorithm = "{}"
private_key_path = "{}"

[nextech]
enabled = false
base_url = "{}"
authorize_url = "{}"
token_url = "{}"
client_id = "{}"
resource = "{}"
practice_id = "{}"
"#,
        i.cxone.base_url,
        i.cxone.token_url,
        i.cxone.client_id,
        i.cxone.plan,
        i.zoom.base_url,
        i.zoom.token_url,
        i.zoom.account_id,
        i.zoom.client_id,
        i.zoom.user_id,
        i.nexhealth.base_url,
        i.nexhealth.subdomain,
        locations.join(", "),
        i.wellhive.base_url,
        i.wellhive.token_url,
        i.wellhive.audience,
        i.wellhive.client_id,
        i.wellhive.algorithm,
        i.wellhive.private_key_path.display(),
        i.nextech.base_url,
        i.nextech.authorize_url,
        i.nextech.token_url,
        i.nextech.client_id,
        i.nextech.resource,
        i.nextech.practice_id,
    )
}

struct World {
    sandbox: SandboxHandle,
    desk: Desk,
    _dir: tempfile::TempDir,
}

async fn world(seed: u64) -> World {
    let sandbox = Sandbox::start(SandboxOptions::small(seed)).await.unwrap();
    let i = sandbox.info();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::with(&[
        ("cxone.client_secret", i.cxone.client_secret.as_str()),
        ("zoom.client_secret", i.zoom.client_secret.as_str()),
        ("nexhealth.api_key", i.nexhealth.api_key.as_str()),
    ]));
    let config = Config::parse(&config_for(&sandbox), Path::new("sandbox.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(
        config,
        &secrets,
        dir.path(),
        &MemoryKeyProvider::new(),
        "test",
    )
    .unwrap();
    World {
        sandbox,
        desk,
        _dir: dir,
    }
}

/// The cache as the booking services' sink (the desk crate has none yet).
struct CacheSink(Arc<Store>);

#[async_trait]
impl AppointmentSink for CacheSink {
    async fn record(&self, a: &Appointment) -> Result<(), CoreError> {
        let (store, a) = (self.0.clone(), a.clone());
        tokio::task::spawn_blocking(move || store.upsert_appointments(&[a]))
            .await
            .unwrap()
            .map_err(CoreError::from)
    }
}

fn fast_settle() -> SettlePolicy {
    SettlePolicy {
        first_pause: Duration::from_millis(50),
        max_pause: Duration::from_millis(300),
        give_up_after: Duration::from_secs(8),
    }
}

fn in_person(w: &World) -> InPersonBooking {
    let nh = w.desk.clients().nexhealth.clone().unwrap();
    InPersonBooking::new(nh.clone(), nh, Arc::new(CacheSink(w.desk.store().clone())))
        .with_settle_policy(fast_settle())
}

fn query(modes: Vec<VisitMode>) -> UnifiedSlotQuery {
    let today = Utc::now().date_naive();
    UnifiedSlotQuery {
        from: today + Days::new(1),
        to: today + Days::new(5),
        appointment_type: None,
        provider_ids: Vec::new(),
        location_ids: Vec::new(),
        modes,
        patient: None,
    }
}

/// Open in-person slots from the unified search (NexHealth answered).
async fn in_person_slots(w: &World) -> Vec<frontdesk_core::slot::Slot> {
    let nh = w.desk.clients().nexhealth.clone().unwrap();
    let search = SlotSearch::new(
        vec![nh as Arc<dyn SlotSource>],
        Zones::new(chrono_tz::America::New_York),
    );
    let result = search.search(&query(vec![VisitMode::InPerson])).await;
    assert!(
        result
            .outcomes
            .iter()
            .all(frontdesk_core::slots::VendorOutcome::is_ok),
        "{:?}",
        result.outcomes
    );
    result.slots().cloned().collect()
}

async fn a_nexhealth_patient(w: &World) -> ExternalId {
    let nh = w.desk.clients().nexhealth.clone().unwrap();
    let page = nh.patients_page(None, None).await.unwrap();
    page.items.first().unwrap().external_id.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_person_books_pending_and_settles_to_confirmed() {
    let w = world(81).await;
    let slot = in_person_slots(&w).await.into_iter().next().unwrap();
    let patient = a_nexhealth_patient(&w).await;
    let service = in_person(&w);
    let booked = service
        .book(&InPersonRequest {
            slot: slot.clone(),
            patient: PatientChoice::Existing(patient.clone()),
            note: None,
            key: BookingKey::new(),
        })
        .await
        .unwrap();
    assert_eq!(booked.appointment.status, AppointmentStatus::Pending);
    let settled = service.settle(&booked).await;
    assert!(matches!(settled, Settled::Confirmed(_)), "{settled:?}");
    assert_eq!(settled.appointment().start, slot.start);
    // The slot is no longer offered.
    let again = in_person_slots(&w).await;
    assert!(
        !again
            .iter()
            .any(|s| s.start == slot.start && s.provider_id == slot.provider_id)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_insertion_settles_as_failed_with_the_reason() {
    let w = world(82).await;
    let slot = in_person_slots(&w).await.into_iter().next().unwrap();
    let patient = a_nexhealth_patient(&w).await;
    w.sandbox
        .fail_next_nexhealth_insertion("operatory double-booked in the EHR");
    let service = in_person(&w);
    let booked = service
        .book(&InPersonRequest {
            slot,
            patient: PatientChoice::Existing(patient),
            note: None,
            key: BookingKey::new(),
        })
        .await
        .unwrap();
    match service.settle(&booked).await {
        Settled::Failed { reason, .. } => assert!(reason.contains("double-booked"), "{reason}"),
        other => panic!("expected Failed, got {other:?}"),
    }
}

fn num(desk_id: Option<&String>) -> u32 {
    split_desk_id(desk_id.unwrap()).unwrap().1.parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slot_taken_between_search_and_book_is_a_conflict_with_the_next_slots() {
    let w = world(83).await;
    let slots = in_person_slots(&w).await;
    let slot = slots.first().unwrap().clone();
    let patient = a_nexhealth_patient(&w).await;
    w.sandbox
        .take_nexhealth_slot(&TakeSlot {
            location_id: num(slot.location_id.as_ref()),
            provider_id: num(slot.provider_id.as_ref()),
            operatory_id: slot.operatory_id.as_ref().map(|o| num(Some(o))),
            start_time: slot.start,
            minutes: Some(u32::try_from((slot.end - slot.start).num_minutes()).unwrap()),
        })
        .unwrap();
    let err = in_person(&w)
        .book(&InPersonRequest {
            slot: slot.clone(),
            patient: PatientChoice::Existing(patient),
            note: None,
            key: BookingKey::new(),
        })
        .await
        .unwrap_err();
    let BookingError::SlotTaken { next } = &err else {
        panic!("expected SlotTaken, got {err:?}");
    };
    assert!(!next.is_empty(), "the next slots are offered");
    assert!(
        next.iter()
            .all(|s| s.start > slot.start && s.provider_id == slot.provider_id)
    );
    let core: CoreError = err.into();
    assert_eq!(core.kind(), frontdesk_core::ErrorKind::Conflict);
}

/// A video visit the sandbox can take: Zoom's first telehealth slot and a patient Zoom knows.
async fn a_video_visit_request(w: &World) -> TelehealthBookingRequest {
    let zoom = w.desk.clients().zoom.clone().unwrap();
    let search = SlotSearch::new(
        vec![zoom.clone() as Arc<dyn SlotSource>],
        Zones::new(chrono_tz::America::New_York),
    );
    let result = search.search(&query(vec![VisitMode::Telehealth])).await;
    let slot = result.slots().next().cloned().expect("a telehealth slot");
    let today = Utc::now().date_naive();
    let visits = zoom
        .appointments_page(today - Days::new(14), today + Days::new(14), None)
        .await
        .unwrap();
    let patient = visits
        .items
        .iter()
        .find_map(|a| a.patient_external_id.clone())
        .expect("a Zoom patient");
    let provider = split_desk_id(slot.provider_id.as_deref().unwrap()).map_or_else(
        || slot.provider_id.clone().unwrap(),
        |(_, raw)| raw.to_owned(),
    );
    TelehealthBookingRequest {
        patient,
        provider: ExternalId(provider),
        start: slot.start,
        minutes: 20,
        visit_type: Some("follow_up".into()),
        reason: None,
        communication: CommunicationPreferences {
            allow_email: false,
            allow_sms: true,
            allow_voice: false,
        },
        recording_consent: false,
        key: BookingKey::new(),
    }
}

fn telehealth_service(w: &World) -> (TelehealthBooking, Arc<StoreOutbox>) {
    let outbox = Arc::new(StoreOutbox(w.desk.store().clone()));
    let service = TelehealthBooking::new(
        w.desk.clients().zoom.clone().unwrap(),
        outbox.clone(),
        Arc::new(CacheSink(w.desk.store().clone())),
        w.desk.config().practice.reminder_offsets_minutes.clone(),
    );
    (service, outbox)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telehealth_visit_has_both_links_an_invitation_and_queued_reminders() {
    let w = world(84).await;
    let request = a_video_visit_request(&w).await;
    let (service, outbox) = telehealth_service(&w);
    let booked = service.book(&request).await.unwrap();
    assert!(!booked.patient_join_url.is_empty() && !booked.provider_join_url.is_empty());
    assert_ne!(booked.patient_join_url, booked.provider_join_url);
    assert!(
        matches!(booked.invite, InviteOutcome::Sent(_)),
        "{:?}",
        booked.invite
    );
    assert!(!booked.reminders.is_empty());
    let queued = outbox.all().await.unwrap();
    let reminders: Vec<_> = queued
        .iter()
        .filter_map(|i| match i {
            OutboxItem::Reminder(r) if r.appointment_id == booked.appointment.id => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(reminders.len(), booked.reminders.len());
    assert!(reminders.iter().all(|r| r.channel == "sms"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_video_visit_asked_for_twice_is_made_once() {
    let w = world(89).await;
    let zoom = w.desk.clients().zoom.clone().unwrap();
    let request = a_video_visit_request(&w).await;
    let (service, outbox) = telehealth_service(&w);
    let day = request.start.date_naive();
    let at_the_time = || async {
        let all = frontdesk_vendors::http::paging::collect_all(|c| {
            zoom.appointments_page(day - Days::new(1), day + Days::new(1), c)
        })
        .await
        .unwrap();
        all.iter()
            .filter(|a| {
                a.start == request.start
                    && a.patient_external_id.as_ref() == Some(&request.patient)
                    && a.status.is_active()
            })
            .map(|a| a.external_id.clone())
            .collect::<Vec<_>>()
    };
    assert!(
        at_the_time().await.is_empty(),
        "the seed has no visit there"
    );
    let first = service.book(&request).await.unwrap();
    // Book pressed again under the same key, as after an error on screen: Zoom holds no slot
    // and would take a second visit, so the desk must find the first.
    let again = service.book(&request).await.unwrap();
    assert_eq!(again.appointment.external_id, first.appointment.external_id);
    assert_eq!(again.provider_join_url, first.provider_join_url);
    assert_eq!(
        at_the_time().await,
        vec![first.appointment.external_id.clone()]
    );
    let reminders = outbox
        .all()
        .await
        .unwrap()
        .into_iter()
        .filter(
            |i| matches!(i, OutboxItem::Reminder(r) if r.appointment_id == first.appointment.id),
        )
        .count();
    assert_eq!(reminders, first.reminders.len(), "reminders queued once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_referral_is_submitted_then_cancelled() {
    let w = world(85).await;
    let wh = w.desk.clients().wellhive.clone().unwrap();
    let cx = w.desk.clients().cxone.clone().unwrap();
    let quota = Arc::new(QuotaCounter::default());
    let service = ReferralBooking::new(
        wh.clone(),
        wh.clone(),
        Arc::new(CacheSink(w.desk.store().clone())),
        quota.clone(),
    )
    .with_settle_policy(fast_settle());
    // WellHive knows patients by the practice's index id (the MRN).
    let page = cx.patients_page(None, None).await.unwrap();
    let mut found = None;
    for p in page.items.iter().filter_map(|p| p.mrn.clone()) {
        let id = ExternalId(p);
        let referrals = service.referrals(&id).await.unwrap();
        if let Some(r) = referrals
            .into_iter()
            .find(|r| r.status.as_deref() == Some("approved"))
        {
            found = Some((id, r));
            break;
        }
    }
    let (patient, referral) = found.expect("a patient with an approved referral");
    let session = service
        .start(&patient, referral.referral_number.as_deref())
        .await
        .unwrap();
    let search = ServiceSearch {
        network_ids: referral.network.clone().into_iter().collect(),
        ..ServiceSearch::default()
    };
    let services = service
        .search_services(&session, &search, None)
        .await
        .unwrap();
    let (from, before) = (Utc::now(), Utc::now() + ChronoDuration::days(14));
    let mut choice = None;
    for s in services.iter().filter(|s| s.service.active) {
        let slots = service.slots(&session, s, from, before).await.unwrap();
        if let Some(slot) = slots.into_iter().next() {
            choice = Some((s.clone(), slot));
            break;
        }
    }
    let (found_service, slot) = choice.expect("a service with slots");
    let network = referral
        .network
        .clone()
        .unwrap_or_else(|| found_service.service.network_ids[0].clone());
    let attributes: BTreeMap<String, String> = [
        ("birthdate", "1964-05-03"),
        ("phone", "+12025550100"),
        ("email", "patient@example.test"),
        ("gender", "unknown"),
        ("address", "1 Main St"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let out = service
        .submit(
            &session,
            &ReferralChoice {
                network,
                service: found_service.service.clone(),
                slot,
                attributes,
                key: BookingKey::new(),
            },
        )
        .await
        .unwrap();
    let ReferralOutcome::Done(submitted) = out else {
        panic!("expected submitted, got {out:?}");
    };
    assert_eq!(submitted.state, "submitted");
    let reasons = service.cancel_reasons(&submitted.id).await.unwrap();
    let cancelled = service
        .cancel(&submitted.id, &reasons.first().unwrap().id)
        .await
        .unwrap();
    assert!(
        matches!(cancelled, ReferralOutcome::Done(ref a) if a.status == AppointmentStatus::Cancelled),
        "{cancelled:?}"
    );
    assert_eq!(quota.get(QuotaAction::AppointmentBook), 1);
    assert_eq!(quota.get(QuotaAction::AppointmentCancel), 1);
    assert!(quota.get(QuotaAction::SlotSearch) >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_whose_answer_never_came_is_checked_and_made_once() {
    let w = world(86).await;
    let nh = w.desk.clients().nexhealth.clone().unwrap();
    let slot = in_person_slots(&w).await.into_iter().next().unwrap();
    let patient = a_nexhealth_patient(&w).await;
    let request = frontdesk_core::ports::BookingRequest {
        slot: slot.clone(),
        patient: patient.clone(),
        note: None,
        referral: None,
    };
    // The seed may already have this patient elsewhere at that hour (another provider): the
    // booking must add exactly one.
    let day = slot.start.date_naive();
    let at_the_slot = || async {
        let all =
            frontdesk_vendors::http::paging::collect_all(|c| nh.appointments_page(day, day, c))
                .await
                .unwrap();
        all.iter()
            .filter(|a| {
                a.start == slot.start
                    && a.patient_external_id.as_ref() == Some(&patient)
                    && a.status.is_active()
            })
            .count()
    };
    let before = at_the_slot().await;
    // The booking POST gets no answer: the client reports an unknown outcome, the service
    // looks for the booking, finds none, and books once more.
    w.sandbox
        .faults()
        .update(frontdesk_sandbox::Vendor::Nexhealth, |f| f.hang_next = 1);
    let booked = frontdesk_core::booking::book_once(nh.as_ref(), &request, &BookingKey::new())
        .await
        .unwrap();
    assert_eq!(booked.start, slot.start);
    let lookup = frontdesk_core::ports::Booker::find_booking(nh.as_ref(), &request)
        .await
        .unwrap();
    let frontdesk_core::ports::BookingLookup::Found(found) = lookup else {
        panic!("the booking is found: {lookup:?}");
    };
    assert_eq!(found.external_id, booked.external_id);
    assert_eq!(at_the_slot().await, before + 1, "booked once, not twice");
}

/// One provider of each vendor, so every vendor is asked a small question (WellHive walks
/// every provider service in turn when none is named, which takes far longer than a desk can wait).
async fn one_provider_each(w: &World) -> Vec<String> {
    let c = w.desk.clients();
    let mut ids = Vec::new();
    for source in [
        c.nexhealth.clone().unwrap() as Arc<dyn SlotSource>,
        c.zoom.clone().unwrap(),
    ] {
        let q = query(Vec::new()).for_vendor(source.vendor()).unwrap();
        let slots = source.slots(&q).await.unwrap();
        ids.push(slots.first().unwrap().provider_id.clone().unwrap());
    }
    let wh = c.wellhive.clone().unwrap();
    let page = frontdesk_core::ports::ReferralNetwork::search_services(
        wh.as_ref(),
        &ServiceSearch::default(),
        None,
    )
    .await
    .unwrap();
    let active = page.items.iter().find(|s| s.active).unwrap();
    ids.push(format!("wellhive:{}", active.id));
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_vendor_is_reported_beside_the_others_slots_within_the_deadline() {
    let w = world(87).await;
    let c = w.desk.clients();
    let sources: Vec<Arc<dyn SlotSource>> = vec![
        c.nexhealth.clone().unwrap(),
        c.zoom.clone().unwrap(),
        c.wellhive.clone().unwrap(),
    ];
    let mut q = query(Vec::new());
    q.provider_ids = one_provider_each(&w).await;
    let deadline = Duration::from_secs(3);
    let search =
        SlotSearch::new(sources, Zones::new(chrono_tz::America::New_York)).with_deadline(deadline);
    // Zoom hangs on every attempt its client makes.
    w.sandbox
        .faults()
        .update(frontdesk_sandbox::Vendor::Zoom, |f| f.hang_next = 50);
    let started = std::time::Instant::now();
    let result = search.search(&q).await;
    assert!(started.elapsed() < deadline + Duration::from_millis(700));
    let state = |v| {
        result
            .outcomes
            .iter()
            .find(|o| o.vendor == v)
            .map(|o| o.state.clone())
            .unwrap()
    };
    assert!(
        matches!(
            state(frontdesk_core::Vendor::Zoom),
            frontdesk_core::slots::OutcomeState::TimedOut { .. }
        ),
        "{:?}",
        result.outcomes
    );
    assert!(
        result.outcomes.iter().filter(|o| o.is_ok()).count() == 2,
        "{:?}",
        result.outcomes
    );
    assert!(result.slots().any(|s| s.mode == VisitMode::InPerson));
    assert!(result.slots().any(|s| s.mode == VisitMode::Referral));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_with_the_vendor_unreachable_fails_offline() {
    let w = world(88).await;
    let slot = in_person_slots(&w).await.into_iter().next().unwrap();
    let patient = a_nexhealth_patient(&w).await;
    let service = in_person(&w);
    w.sandbox.shutdown().await;
    let err = service
        .book(&InPersonRequest {
            slot,
            patient: PatientChoice::Existing(patient),
            note: None,
            key: BookingKey::new(),
        })
        .await
        .unwrap_err();
    assert!(frontdesk_core::booking::is_offline(&err), "{err:?}");
}
