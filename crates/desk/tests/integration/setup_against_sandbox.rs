//! Issue 10's practice-setup actions through `frontdesk_desk::setup` (what the app's commands
//! call) against the sandbox: the phone menu, providers' hours at Zoom and NexHealth with the
//! slot search showing each change, appointment types reaching the cache's type filter after
//! a sync, and a video visit's patient at Zoom (record, invitation, waiting room).

// Each test is one scenario read top to bottom, as an admin would do it.
#![allow(clippy::too_many_lines)]

use chrono::{Datelike, Days, Duration, NaiveTime, Utc, Weekday};
use frontdesk_core::appointment::Appointment;
use frontdesk_core::config::Config;
use frontdesk_core::ports::{SecretStore, SlotQuery, SlotSource};
use frontdesk_core::setup::{
    AppointmentTypeForm, IvrFlowForm, NexAvailabilityForm, WeeklyWindow, ZoomAvailabilityForm,
};
use frontdesk_core::sync::Progress;
use frontdesk_core::{CoreError, ExternalId, PatientId, Vendor};
use frontdesk_desk::Desk;
use frontdesk_desk::setup::{self, SetupError};
use frontdesk_sandbox::{Sandbox, SandboxHandle, SandboxOptions};
use frontdesk_store::MemoryKeyProvider;
use frontdesk_vendors::secrets::MemorySecrets;
use std::path::Path;
use std::sync::Arc;

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
    )
}

fn secrets_for(sandbox: &SandboxHandle) -> Arc<dyn SecretStore> {
    let i = sandbox.info();
    Arc::new(MemorySecrets::with(&[
        ("cxone.client_secret", i.cxone.client_secret.as_str()),
        ("zoom.client_secret", i.zoom.client_secret.as_str()),
        ("nexhealth.api_key", i.nexhealth.api_key.as_str()),
    ]))
}

struct World {
    sandbox: SandboxHandle,
    desk: Desk,
    _dir: tempfile::TempDir,
}

async fn world(seed: u64) -> World {
    let sandbox = Sandbox::start(SandboxOptions::small(seed)).await.unwrap();
    let config = Config::parse(&config_for(&sandbox), Path::new("sandbox.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let desk = Desk::open(config, &secrets_for(&sandbox), dir.path(), &keys, "test").unwrap();
    let quiet: Progress = Arc::new(|_| {});
    desk.sync_all(quiet).await;
    World {
        sandbox,
        desk,
        _dir: dir,
    }
}

fn invalid_field(e: &SetupError) -> &str {
    match e {
        SetupError::Core(CoreError::Invalid { field, .. }) => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ivr_templates_then_a_custom_flow_with_every_parameter_and_its_status() {
    let w = world(21).await;
    let templates = setup::ivr_templates(&w.desk).await.unwrap();
    assert!(
        templates.iter().any(|t| t.id == "ivr-temp-123"),
        "{templates:?}"
    );

    let form = IvrFlowForm {
        name: "Cardiology line".into(),
        description: Some("Appointments for cardiology".into()),
        template_id: "ivr-temp-123".into(),
        department_name: Some("Cardiology".into()),
        collect_insurance_info: true,
        offer_callback_option: true,
        max_callback_days: Some(3),
        working_hours_start: Some("08:00".into()),
        working_hours_end: Some("17:00".into()),
        working_days: vec!["Monday".into(), "friday".into()],
        holiday_dates: vec!["2026-12-25".into()],
        greeting_message: Some("Thank you for calling.".into()),
        ehr_system_id: Some("ehr-456".into()),
        scheduling_system_id: Some("schedule-789".into()),
        authentication_required: true,
    };
    let flow = setup::create_ivr_flow(&w.desk, &form).await.unwrap();
    assert!(flow.id.starts_with("ivr-flow-"), "{}", flow.id);
    assert_eq!(flow.template_id, "ivr-temp-123");
    assert_eq!(flow.status, "created");
    assert_eq!(flow.deployment_status.as_deref(), Some("pending"));

    // Refused locally, field by field, before CXone is asked.
    let bad_holiday = IvrFlowForm {
        holiday_dates: vec!["2026-02-30".into()],
        ..form.clone()
    };
    let e = setup::create_ivr_flow(&w.desk, &bad_holiday)
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&e), "holidayDates");
    let backwards = IvrFlowForm {
        working_hours_start: Some("18:00".into()),
        ..form.clone()
    };
    let e = setup::create_ivr_flow(&w.desk, &backwards)
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&e), "workingHoursEnd");
    // A template CXone does not have is CXone's refusal, passed on.
    let unknown = IvrFlowForm {
        template_id: "ivr-temp-000".into(),
        ..form
    };
    let e = setup::create_ivr_flow(&w.desk, &unknown).await.unwrap_err();
    assert!(
        matches!(e, SetupError::Core(CoreError::Invalid { .. })),
        "{e:?}"
    );
    w.sandbox.shutdown().await;
}

fn zoom_linked_provider(desk: &Desk) -> (String, String) {
    let p = desk
        .store()
        .providers()
        .unwrap()
        .into_iter()
        .find(|p| p.links.iter().any(|l| l.vendor == Vendor::Zoom))
        .expect("a provider linked to Zoom after the pass");
    let zoom = p
        .links
        .iter()
        .find(|l| l.vendor == Vendor::Zoom)
        .unwrap()
        .external_id
        .0
        .clone();
    (p.id, zoom)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zoom_hours_read_replaced_and_the_next_slot_search_follows() {
    let w = world(22).await;
    let (provider, zoom_id) = zoom_linked_provider(&w.desk);
    let before = setup::zoom_availability(&w.desk, &provider).await.unwrap();
    assert_eq!(before.zoom_provider_id, zoom_id);
    assert_eq!(before.provider_id, provider);

    let form = ZoomAvailabilityForm {
        weekly_hours: vec![WeeklyWindow {
            day: "saturday".into(),
            start: "07:00".into(),
            end: "08:00".into(),
        }],
        unavailable_dates: vec![],
    };
    let after = setup::set_zoom_availability(&w.desk, &provider, &form)
        .await
        .unwrap();
    assert_eq!(
        after.weekly_hours,
        vec![WeeklyWindow {
            day: "Saturday".into(),
            start: "07:00".into(),
            end: "08:00".into()
        }]
    );
    let read_back = setup::zoom_availability(&w.desk, &provider).await.unwrap();
    assert_eq!(read_back.weekly_hours, after.weekly_hours);

    // The slot finder asks Zoom live: only Saturday mornings remain for this provider.
    let zoom = w.desk.clients().zoom.clone().unwrap();
    let today = Utc::now().date_naive();
    let q = SlotQuery {
        from: today,
        to: today + Days::new(13),
        provider_ids: vec![ExternalId(zoom_id.clone())],
        location_ids: vec![],
        appointment_type: None,
        patient: None,
    };
    let slots = SlotSource::slots(zoom.as_ref(), &q).await.unwrap();
    assert!(!slots.is_empty(), "two Saturdays fall in two weeks");
    let tz: chrono_tz::Tz = after.time_zone.as_deref().unwrap_or("UTC").parse().unwrap();
    for s in &slots {
        let local = s.start.with_timezone(&tz);
        assert_eq!(local.weekday(), Weekday::Sat, "{local}");
        assert!(
            local.time() >= NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
            "{local}"
        );
        assert!(s.end.with_timezone(&tz).time() <= NaiveTime::from_hms_opt(8, 0, 0).unwrap());
    }

    let overlapping = ZoomAvailabilityForm {
        weekly_hours: vec![
            WeeklyWindow {
                day: "Monday".into(),
                start: "09:00".into(),
                end: "12:00".into(),
            },
            WeeklyWindow {
                day: "monday".into(),
                start: "11:00".into(),
                end: "13:00".into(),
            },
        ],
        unavailable_dates: vec![],
    };
    let e = setup::set_zoom_availability(&w.desk, &provider, &overlapping)
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&e), "weeklyHours");
    // Nothing was sent: Zoom still has the Saturday hour.
    let unchanged = setup::zoom_availability(&w.desk, &provider).await.unwrap();
    assert_eq!(unchanged.weekly_hours, after.weekly_hours);
    w.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_type_and_availability_show_in_the_search_and_a_deactivated_one_leaves_it() {
    let w = world(23).await;
    let store = w.desk.store().clone();
    let location = store.locations().unwrap()[0].id.clone();
    let provider = store
        .providers()
        .unwrap()
        .into_iter()
        .find(|p| p.id.starts_with("nexhealth:"))
        .unwrap()
        .id;

    // Appointment types: created at NexHealth, listed there, in the cache after a sync.
    let made = setup::create_appointment_type(
        &w.desk,
        &AppointmentTypeForm {
            location_id: location.clone(),
            name: "Early bird check".into(),
            minutes: 20,
            bookable_online: true,
        },
    )
    .await
    .unwrap();
    assert_eq!(made.minutes, Some(20));
    assert_eq!(made.location_id.as_deref(), Some(location.as_str()));
    let listed = setup::nexhealth_appointment_types(&w.desk, Some(&location))
        .await
        .unwrap();
    assert!(
        listed
            .iter()
            .any(|t| t.id == made.id && t.name == "Early bird check")
    );
    assert!(
        !store
            .appointment_types()
            .unwrap()
            .iter()
            .any(|t| t.id == made.id),
        "not in the cache before a sync"
    );
    let quiet: Progress = Arc::new(|_| {});
    w.desk.sync_all(quiet).await;
    let cached = store.appointment_types().unwrap();
    let kind = cached.iter().find(|t| t.id == made.id).expect("synced");
    assert_eq!((kind.name.as_str(), kind.minutes), ("Early bird check", 20));
    let short = AppointmentTypeForm {
        location_id: location.clone(),
        name: "Blink".into(),
        minutes: 1,
        bookable_online: false,
    };
    let e = setup::create_appointment_type(&w.desk, &short)
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&e), "minutes");

    // An availability on one day next week, 05:00-06:00: hours nobody else works.
    let day = Utc::now().date_naive() + Days::new(8);
    let form = NexAvailabilityForm {
        location_id: location.clone(),
        provider_id: provider.clone(),
        specific_date: Some(day.format("%Y-%m-%d").to_string()),
        start_time: "05:00".into(),
        end_time: "06:00".into(),
        appointment_type_ids: vec![made.id.clone()],
        ..NexAvailabilityForm::default()
    };
    let nh = w.desk.clients().nexhealth.clone().unwrap();
    let q = SlotQuery {
        from: day,
        to: day,
        provider_ids: vec![ExternalId(provider.trim_start_matches("nexhealth:").into())],
        location_ids: vec![ExternalId(location.trim_start_matches("nexhealth:").into())],
        appointment_type: Some(ExternalId(made.id.trim_start_matches("nexhealth:").into())),
        patient: None,
    };
    let zone: chrono_tz::Tz = store.locations().unwrap()[0].time_zone.parse().unwrap();
    let early = |slots: &[frontdesk_core::slot::Slot]| {
        slots
            .iter()
            .filter(|s| {
                s.start.with_timezone(&zone).time() < NaiveTime::from_hms_opt(6, 0, 0).unwrap()
            })
            .count()
    };
    assert_eq!(early(&SlotSource::slots(nh.as_ref(), &q).await.unwrap()), 0);

    let created = setup::create_nexhealth_availability(&w.desk, &form)
        .await
        .unwrap();
    assert!(created.active);
    assert_eq!(created.provider_id.as_deref(), Some(provider.as_str()));
    assert_eq!(created.start_time, "05:00");
    let listed = setup::nexhealth_availabilities(&w.desk, &location)
        .await
        .unwrap();
    let mine = listed.iter().find(|a| a.id == created.id).expect("listed");
    assert!(mine.active);
    assert_eq!(mine.appointment_type_ids, vec![made.id.clone()]);
    // 05:00-06:00 in 20-minute slots: three.
    assert_eq!(early(&SlotSource::slots(nh.as_ref(), &q).await.unwrap()), 3);

    // The same hours again overlap the provider's own: refused, naming the clash.
    let e = setup::create_nexhealth_availability(&w.desk, &form)
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&e), "startTime");
    let SetupError::Core(CoreError::Invalid { message, .. }) = &e else {
        unreachable!()
    };
    assert!(message.contains(&created.id), "{message}");

    let off = setup::deactivate_nexhealth_availability(&w.desk, &created.id)
        .await
        .unwrap();
    assert!(!off.active);
    let listed = setup::nexhealth_availabilities(&w.desk, &location)
        .await
        .unwrap();
    assert!(listed.iter().any(|a| a.id == created.id && !a.active));
    assert_eq!(early(&SlotSource::slots(nh.as_ref(), &q).await.unwrap()), 0);
    // Switched off, it no longer blocks the same hours being added again.
    setup::create_nexhealth_availability(&w.desk, &form)
        .await
        .unwrap();
    w.sandbox.shutdown().await;
}

fn todays_zoom_visits(desk: &Desk) -> Vec<Appointment> {
    let store = desk.store();
    let (from, to) = (
        Utc::now() - Duration::hours(30),
        Utc::now() + Duration::hours(30),
    );
    let mut out = Vec::new();
    for p in store.providers().unwrap() {
        out.extend(
            store
                .appointments_for_provider(&p.id, from, to)
                .unwrap()
                .into_iter()
                .filter(|a| a.vendor == Vendor::Zoom && a.patient_id.is_some()),
        );
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_room_admit_and_notify_resend_invitation_and_the_zoom_record() {
    let w = world(24).await;
    let visits = todays_zoom_visits(&w.desk);
    // Zoom admits a patient by whichever of their visits is waiting, and the seed puts the
    // patients of visits starting about now in the waiting room: a patient with no other visit
    // in the window keeps this test about this visit at any time of day.
    let visit = visits
        .iter()
        .find(|v| {
            visits
                .iter()
                .filter(|o| o.patient_id == v.patient_id)
                .count()
                == 1
        })
        .expect("a Zoom visit today whose patient has no other")
        .clone();

    // Waiting room: empty of this visit, then its patient arrives.
    let room = setup::waiting_room(&w.desk).await.unwrap();
    assert!(!room.iter().any(|v| v.appointment_id == visit.id));
    w.sandbox
        .zoom_patient_waiting(&visit.external_id.0)
        .unwrap();
    let room = setup::waiting_room(&w.desk).await.unwrap();
    assert!(
        room.iter().any(|v| v.appointment_id == visit.id),
        "{room:?}"
    );

    let e = setup::notify_waiting_patient(&w.desk, "dr.lee", &visit.id, "  ")
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&e), "message");
    setup::notify_waiting_patient(&w.desk, "dr.lee", &visit.id, "Running 5 minutes late")
        .await
        .unwrap();
    setup::admit_waiting_patient(&w.desk, "dr.lee", &visit.id)
        .await
        .unwrap();
    let at_zoom = w
        .sandbox
        .entity(
            frontdesk_sandbox::Vendor::Zoom,
            "visit",
            &visit.external_id.0,
        )
        .unwrap();
    assert_eq!(at_zoom["status"], "in_progress");
    let room = setup::waiting_room(&w.desk).await.unwrap();
    assert!(!room.iter().any(|v| v.appointment_id == visit.id));
    // Nobody is waiting any more: Zoom refuses, and the desk says so.
    assert!(
        setup::admit_waiting_patient(&w.desk, "dr.lee", &visit.id)
            .await
            .is_err()
    );

    // Resend: the patient's record brought up to date, the invitation sent by what they allow.
    let patient = visit.patient_id.clone().unwrap();
    let card = w.desk.store().patient_card("test", &patient).unwrap();
    let expected: Vec<String> =
        frontdesk_core::booking::invite_channels(card.patient.communication)
            .into_iter()
            .map(|c| c.key().to_owned())
            .collect();
    let sent = setup::resend_invitation(&w.desk, "reception", &visit.id).await;
    if expected.is_empty() {
        assert!(matches!(
            sent,
            Err(SetupError::Core(CoreError::Conflict { .. }))
        ));
    } else {
        assert_eq!(
            sent.unwrap().channels,
            expected,
            "by what the patient allows"
        );
        let audit = w.desk.store().audit_entries(Some(&patient)).unwrap();
        assert!(audit.iter().any(|e| e.action == "telehealth.invite"));
    }
    // Every visit's patient of the seed is asked: at least one of them allows a channel, so the
    // sending path is exercised whatever the first visit's patient allows.
    let mut invited = 0;
    for v in &visits {
        if setup::resend_invitation(&w.desk, "reception", &v.id)
            .await
            .is_ok()
        {
            invited += 1;
        }
    }
    assert!(invited > 0, "some invitation was sent again");

    let audit = w.desk.store().audit_entries(Some(&patient)).unwrap();
    for action in [
        "telehealth.notify",
        "telehealth.admit",
        "zoom.patient.update",
    ] {
        assert!(
            audit
                .iter()
                .any(|e| e.action == action && e.actor != "test"),
            "{action} audited"
        );
    }
    // No patient data in the audit details, only ids.
    let family = &card.patient.family_name;
    assert!(
        audit
            .iter()
            .all(|e| !e.detail.to_string().contains(family.as_str()))
    );

    // A patient without a Zoom record gets one, linked to them; asking again updates it.
    let store = w.desk.store().clone();
    let (from, to) = (
        Utc::now() - Duration::days(30),
        Utc::now() + Duration::days(30),
    );
    let mut people: Vec<PatientId> = Vec::new();
    for p in store.providers().unwrap() {
        people.extend(
            store
                .appointments_for_provider(&p.id, from, to)
                .unwrap()
                .into_iter()
                .filter_map(|a| a.patient_id),
        );
    }
    let unlinked: PatientId = store
        .patient_summaries(&people)
        .unwrap()
        .into_iter()
        .find(|p| !p.links.iter().any(|l| l.vendor == Vendor::Zoom))
        .map(|p| p.id)
        .expect("a patient with no Zoom record");
    let first = setup::ensure_zoom_patient(&w.desk, "reception", &unlinked, None)
        .await
        .unwrap();
    assert!(first.created);
    let card = store.patient_card("test", &unlinked).unwrap();
    assert!(
        card.patient
            .links
            .iter()
            .any(|l| l.vendor == Vendor::Zoom && l.external_id.0 == first.zoom_patient_id)
    );
    let at_zoom = w
        .sandbox
        .entity(
            frontdesk_sandbox::Vendor::Zoom,
            "patient",
            &first.zoom_patient_id,
        )
        .unwrap();
    assert_eq!(at_zoom["last_name"], card.patient.family_name.as_str());
    let again = setup::ensure_zoom_patient(&w.desk, "reception", &unlinked, None)
        .await
        .unwrap();
    assert!(!again.created);
    assert_eq!(again.zoom_patient_id, first.zoom_patient_id);
    w.sandbox.shutdown().await;
}
