//! The retention window against the sandbox: the sync brings the vendors' whole directories,
//! the purge after the pass keeps only the people with a visit in the window (or upcoming), and
//! a purged person's new visit at the vendor brings them back on the next pass.

#![allow(clippy::too_many_lines)]

use chrono::{Days, Duration, Timelike, Utc};
use frontdesk_core::appointment::Appointment;
use frontdesk_core::config::Config;
use frontdesk_core::ports::{AppointmentFeed, PatientDirectory, SecretStore};
use frontdesk_core::sync::Progress;
use frontdesk_core::{ExternalId, Vendor};
use frontdesk_desk::{Desk, retention};
use frontdesk_sandbox::{Sandbox, SandboxHandle, SandboxOptions};
use frontdesk_store::MemoryKeyProvider;
use frontdesk_vendors::http::paging::collect_all;
use frontdesk_vendors::nexhealth::NexhealthClient;
use frontdesk_vendors::nexhealth::wire::{
    Appointment as NexAppointment, NewAppointment, NewAppointmentDetails, PatientId,
};
use frontdesk_vendors::secrets::MemorySecrets;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

fn config_for(sandbox: &SandboxHandle) -> Config {
    let i = sandbox.info();
    let locations: Vec<String> = i
        .nexhealth
        .location_ids
        .iter()
        .map(ToString::to_string)
        .collect();
    let text = format!(
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
        i.nexhealth.base_url,
        i.nexhealth.subdomain,
        locations.join(", "),
    );
    Config::parse(&text, Path::new("sandbox.toml")).unwrap()
}

fn secrets_for(sandbox: &SandboxHandle) -> Arc<dyn SecretStore> {
    let i = sandbox.info();
    Arc::new(MemorySecrets::with(&[
        ("cxone.client_secret", i.cxone.client_secret.as_str()),
        ("nexhealth.api_key", i.nexhealth.api_key.as_str()),
    ]))
}

/// A visit booked at NexHealth itself (another desk, the portal), three days out at night so it
/// collides with nothing the seed booked.
async fn book_at_the_vendor(nex: &NexhealthClient, patient: &ExternalId) -> NexAppointment {
    let location = nex.location_ids()[0];
    let provider = nex.providers(Some(location), None).await.unwrap().items[0].id;
    let start = (Utc::now() + Duration::days(3))
        .with_hour(3)
        .unwrap()
        .with_minute(17)
        .unwrap();
    nex.create_appointment(
        location,
        &NewAppointment {
            appt: NewAppointmentDetails {
                patient_id: PatientId(patient.0.parse().unwrap()),
                provider_id: provider,
                operatory_id: None,
                start_time: start.to_rfc3339(),
                end_time: None,
                appointment_type_id: None,
                note: None,
            },
        },
    )
    .await
    .unwrap()
}

fn quiet() -> Progress {
    Arc::new(|_| {})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_keeps_people_with_visits_and_a_new_visit_brings_a_purged_one_back() {
    let sandbox = Sandbox::start(SandboxOptions::small(19)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(
        config_for(&sandbox),
        &secrets_for(&sandbox),
        dir.path(),
        &MemoryKeyProvider::new(),
        "test",
    )
    .unwrap();
    let store = desk.store().clone();
    assert_eq!(retention::window_days(&store), retention::DEFAULT_DAYS);
    let nex = desk.clients().nexhealth.clone().unwrap();

    let first = desk.sync_all(quiet()).await;
    assert!(first.all_ok(), "{first:?}");
    let vendor_patients: Vec<ExternalId> = collect_all(|c| nex.patients_page(c, None))
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.external_id)
        .collect();
    for id in &vendor_patients {
        assert!(
            store
                .patient_id_for(Vendor::Nexhealth, id)
                .unwrap()
                .is_some()
        );
    }
    let purged = retention::after_pass(&desk, &first).await.unwrap().unwrap();
    assert!(purged.patients > 0 && purged.vacuumed, "{purged:?}");

    // Who the window keeps: everyone with a visit the pass reached that ends in the window.
    let today = Utc::now().date_naive();
    let (from, to) = (today - Days::new(30), today + Days::new(30));
    let visits: Vec<Appointment> = collect_all(|c| nex.appointments_page(from, to, c))
        .await
        .unwrap();
    let keep_from = Utc::now() - Duration::days(30);
    let with_visit: BTreeSet<ExternalId> = visits
        .iter()
        .filter(|a| a.end >= keep_from)
        .filter_map(|a| a.patient_external_id.clone())
        .collect();
    let upcoming = visits
        .iter()
        .find(|a| a.start > Utc::now())
        .and_then(|a| a.patient_external_id.clone())
        .expect("the sandbox books ahead");
    for id in &with_visit {
        assert!(
            store
                .patient_id_for(Vendor::Nexhealth, id)
                .unwrap()
                .is_some(),
            "{id} has a visit in the window and stays"
        );
    }
    assert!(
        store
            .patient_id_for(Vendor::Nexhealth, &upcoming)
            .unwrap()
            .is_some()
    );
    let gone: Vec<&ExternalId> = vendor_patients
        .iter()
        .filter(|id| !with_visit.contains(id))
        .filter(|id| {
            store
                .patient_id_for(Vendor::Nexhealth, id)
                .unwrap()
                .is_none()
        })
        .collect();
    assert!(!gone.is_empty(), "people with no visit were purged");
    let purged_one = gone[0].clone();

    // An incremental pass and its purge change nothing: the directory does not bring the
    // purged back, and a purge that removes nothing leaves no audit row.
    let audit_rows = store.audit_entries(None).unwrap().len();
    let second = desk.sync_all(quiet()).await;
    let again = retention::after_pass(&desk, &second)
        .await
        .unwrap()
        .unwrap();
    assert!(
        again.is_empty() && !again.vacuumed,
        "{again:?} after {second:?}"
    );
    assert_eq!(store.audit_entries(None).unwrap().len(), audit_rows);
    assert!(
        store
            .patient_id_for(Vendor::Nexhealth, &purged_one)
            .unwrap()
            .is_none()
    );

    // The purged person books a visit at the vendor (another desk, the portal): the next pass
    // fetches them by id with it, and the purge keeps them.
    let made = book_at_the_vendor(&nex, &purged_one).await;
    let third = desk.sync_all(quiet()).await;
    let nex_report = third.vendor(Vendor::Nexhealth).unwrap();
    assert_eq!(nex_report.unresolved_appointments, 0, "{nex_report:?}");
    retention::after_pass(&desk, &third).await.unwrap().unwrap();
    let person = store
        .patient_id_for(Vendor::Nexhealth, &purged_one)
        .unwrap()
        .expect("the purged patient is back with their new visit");
    let stored = store
        .appointment(&Appointment::desk_id(
            Vendor::Nexhealth,
            &ExternalId(made.id.to_string()),
        ))
        .unwrap();
    assert_eq!(stored.patient_id, Some(person));
}
