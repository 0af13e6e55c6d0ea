//! No PHI in logs. A whole sync-like pass over all five vendors (every listing paged to the
//! end, searches and writes carrying seeded canary values in query strings and bodies, an
//! error or two) runs with a TRACE-level subscriber writing to a buffer; none of the canaries,
//! and none of the names, phones and dates of birth the vendors sent back, may appear in it.
#![allow(clippy::doc_markdown, clippy::too_many_lines)]

use crate::common::sandbox as sb;
use chrono::{NaiveDate, Utc};
use frontdesk_core::ExternalId;
use frontdesk_core::patient::VendorPatient;
use frontdesk_core::ports::{
    AppointmentFeed, CallbackRequest, CareNavigation, ClinicalRecords, ContactCenter, Page,
    PatientDirectory, PatientSearch, PracticeDirectory, SlotQuery as DeskSlotQuery, SlotSource,
};
use frontdesk_sandbox::{Sandbox, SandboxInfo, SandboxOptions};
use frontdesk_vendors::http::paging::collect_all;
use frontdesk_vendors::nexhealth::wire as nw;
use frontdesk_vendors::zoom::wire as zw;
use std::io::Write;
use std::sync::{Arc, Mutex};
use tracing_subscriber::util::SubscriberInitExt;

const FIRST: &str = "Zqxcanaryfirst";
const LAST: &str = "Zqxcanarylast";
const EMAIL: &str = "zqx.canary@example.com";
const PHONE_DIGITS: &str = "2125550177";
const DOB: &str = "1931-02-03";
const NOTE: &str = "Zqxcanarynote about a rash";

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The sandbox on its own thread and runtime, under a silent subscriber: its own logs are
/// not the desk's and must not pollute the capture.
fn start_sandbox(
    seed: u64,
) -> (
    SandboxInfo,
    tokio::sync::oneshot::Sender<()>,
    std::thread::JoinHandle<()>,
) {
    let (info_tx, info_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let _silent =
            tracing::subscriber::set_default(tracing::subscriber::NoSubscriber::default());
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let handle = Sandbox::start(SandboxOptions::small(seed)).await.unwrap();
            info_tx.send(handle.info().clone()).unwrap();
            let _ = stop_rx.await;
            drop(handle);
        });
    });
    (info_rx.recv().unwrap(), stop_tx, thread)
}

fn remember(seen: &mut Vec<String>, p: &VendorPatient) {
    for v in [&p.given_name, &p.family_name] {
        if v.len() >= 4 {
            seen.push(v.clone());
        }
    }
    if let Some(d) = p.birth_date {
        seen.push(d.to_string());
    }
    for ph in &p.phones {
        let digits: String = ph.number.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 10 {
            seen.push(digits[digits.len() - 10..].to_owned());
        }
    }
    if let Some(e) = &p.email {
        seen.push(e.clone());
    }
}

#[tokio::test]
async fn no_phi_reaches_the_logs_during_a_whole_sync_pass() {
    let (info, stop, thread) = start_sandbox(301);
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let capture = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish()
        .set_default();
    let secrets = sb::secrets(&info);
    let mut seen: Vec<String> = Vec::new();
    let today = Utc::now().date_naive();

    // CXone: the directory paged to the end, a search by canary name and DOB, a callback with
    // canary phone and notes, a contact history, a lookup that fails.
    let cx = sb::cxone(&info, secrets.clone());
    let patients = collect_all(|c| cx.patients_page(c, None)).await.unwrap();
    patients
        .iter()
        .take(200)
        .for_each(|p| remember(&mut seen, p));
    let _ = PatientSearch::search_patients(&cx, LAST).await.unwrap();
    let _ = cx
        .search_patients(
            &frontdesk_vendors::cxone::wire::PatientQuery {
                date_of_birth: NaiveDate::parse_from_str(DOB, "%Y-%m-%d").ok(),
                phone_number: Some(format!("+1{PHONE_DIGITS}")),
                ..Default::default()
            },
            0,
            100,
        )
        .await
        .unwrap();
    let someone = patients.iter().find(|p| p.mrn.is_some()).unwrap();
    ContactCenter::contacts(&cx, &someone.external_id)
        .await
        .unwrap();
    ContactCenter::request_callback(
        &cx,
        &CallbackRequest {
            patient: someone.external_id.clone(),
            phone: PHONE_DIGITS.into(),
            at: Utc::now() + chrono::Duration::days(1),
            reason: "prescription-refill".into(),
            priority: None,
            notes: Some(NOTE.into()),
            skill_group: None,
        },
    )
    .await
    .unwrap();
    if let Err(e) = cx.patient(&format!("pt-{LAST}").as_str().into()).await {
        tracing::warn!(error = %e, "lookup_failed");
    }

    // NexHealth: a canary patient created, everything listed to the end, searched by name.
    let nh = sb::nexhealth(
        &info,
        secrets.clone(),
        frontdesk_vendors::nexhealth::NexhealthApi::Current,
    );
    let loc = nh.location_ids()[0];
    let provider = nh.providers(Some(loc), None).await.unwrap().items[0].id;
    nh.create_patient(
        loc,
        &nw::NewPatient {
            provider: nw::NewPatientProvider {
                provider_id: provider,
            },
            patient: nw::NewPatientDetails {
                first_name: FIRST.into(),
                last_name: LAST.into(),
                email: EMAIL.into(),
                bio: nw::NewPatientBio {
                    date_of_birth: NaiveDate::parse_from_str(DOB, "%Y-%m-%d").unwrap(),
                    phone_number: PHONE_DIGITS.into(),
                    gender: None,
                },
            },
        },
    )
    .await
    .unwrap();
    let all = collect_all(|c| nh.patients_page(c, None)).await.unwrap();
    assert!(
        all.iter().any(|p| p.family_name == LAST),
        "the canary came back in the listing"
    );
    all.iter().take(200).for_each(|p| remember(&mut seen, p));
    PatientSearch::search_patients(&nh, &format!("{FIRST} {LAST}"))
        .await
        .unwrap();
    PracticeDirectory::providers(&nh).await.unwrap();
    PracticeDirectory::operatories(&nh).await.unwrap();
    PracticeDirectory::locations(&nh).await.unwrap();
    PracticeDirectory::appointment_types(&nh).await.unwrap();
    collect_all(|c| nh.appointments_page(today, today + chrono::Days::new(7), c))
        .await
        .unwrap();
    SlotSource::slots(
        &nh,
        &DeskSlotQuery {
            from: today,
            to: today + chrono::Days::new(3),
            provider_ids: vec![],
            location_ids: vec![],
            appointment_type: None,
            patient: None,
        },
    )
    .await
    .unwrap();

    // Zoom: a canary patient and a visit whose reason is a canary; visits listed to the end.
    let zm = sb::zoom(
        &info,
        secrets.clone(),
        frontdesk_vendors::zoom::ZoomApi::HealthcareVisits,
    );
    let zp = zm
        .create_patient(&zw::NewPatient {
            first_name: FIRST.into(),
            last_name: LAST.into(),
            email: Some(EMAIL.into()),
            phone: Some(format!("+1{PHONE_DIGITS}")),
            date_of_birth: NaiveDate::parse_from_str(DOB, "%Y-%m-%d").ok(),
        })
        .await
        .unwrap();
    let prov = zm.list_providers(None).await.unwrap().providers[0]
        .id
        .clone();
    zm.create_visit(&zw::NewVisit {
        patient_id: zp.id.clone(),
        provider_id: prov,
        scheduled_time: Utc::now() + chrono::Duration::days(1),
        duration_minutes: 30,
        visit_type: "follow_up".into(),
        reason: Some(NOTE.into()),
        settings: zw::VisitSettings::hipaa(),
        notifications: None,
    })
    .await
    .unwrap();
    collect_all(|c| zm.appointments_page(today, today + chrono::Days::new(14), c))
        .await
        .unwrap();
    SlotSource::slots(
        &zm,
        &DeskSlotQuery {
            from: today,
            to: today + chrono::Days::new(7),
            provider_ids: vec![],
            location_ids: vec![],
            appointment_type: None,
            patient: None,
        },
    )
    .await
    .unwrap();

    // Nextech: sign-in, a search by canary term, the story patient's encounters.
    let nx = sb::nextech(&info, secrets.clone());
    let open = sb::browser();
    nx.login(&open).await.unwrap();
    let found = PatientSearch::search_patients(&nx, LAST).await.unwrap();
    assert!(found.is_empty());
    ClinicalRecords::encounters(&nx, &ExternalId::from("100000"))
        .await
        .unwrap();
    let story = nx.search_patients("a").await.unwrap();
    story
        .iter()
        .take(50)
        .for_each(|p| remember(&mut seen, &frontdesk_vendors::nextech::map::patient(p)));

    // WellHive: every listing paged to the end; the patient's id (an MRN) in query strings.
    let wh = sb::wellhive(&info, secrets.clone());
    let mrn = someone.mrn.clone().unwrap();
    seen.push(mrn.clone());
    CareNavigation::referrals(&wh, &ExternalId(mrn.clone()))
        .await
        .unwrap();
    CareNavigation::network_appointments(&wh, &ExternalId(mrn.clone()))
        .await
        .unwrap();
    SlotSource::slots(
        &wh,
        &DeskSlotQuery {
            from: today,
            to: today + chrono::Days::new(5),
            provider_ids: vec![],
            location_ids: vec![],
            appointment_type: None,
            patient: None,
        },
    )
    .await
    .unwrap();
    for _ in 0..1 {
        let nets = collect_all(|c| {
            let wh = wh.clone();
            async move {
                let r = wh.networks(&[], None, c.as_deref()).await?;
                Ok::<_, frontdesk_core::CoreError>(Page {
                    items: r.networks,
                    next: r.next_token.filter(|t| !t.is_empty()),
                })
            }
        })
        .await
        .unwrap();
        assert!(!nets.is_empty());
    }

    drop(capture);
    let _ = stop.send(());
    thread.join().unwrap();

    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        seen.len() > 100,
        "PHI the vendors sent back is checked too: {}",
        seen.len()
    );
    if let Ok(path) = std::env::var("PHI_CANARY_LOG") {
        std::fs::write(path, &log).unwrap();
    }
    assert!(log.contains("vendor_call"), "the capture works");
    assert!(
        log.contains("TRACE") || log.contains("DEBUG"),
        "captured below INFO too"
    );
    let mut canaries: Vec<String> = vec![
        FIRST.into(),
        LAST.into(),
        EMAIL.into(),
        PHONE_DIGITS.into(),
        DOB.into(),
        NOTE.into(),
        "Zqxcanary".into(),
    ];
    canaries.extend(seen);
    let leaked: Vec<&String> = canaries
        .iter()
        .filter(|c| log.contains(c.as_str()))
        .collect();
    assert!(leaked.is_empty(), "PHI in logs: {leaked:?}");
}
