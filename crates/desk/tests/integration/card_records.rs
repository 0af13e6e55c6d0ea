//! Opening a card fetches that patient's CXone contact history into the cache.

use frontdesk_core::Vendor;
use frontdesk_core::config::Config;
use frontdesk_core::ports::{PatientDirectory, SecretStore};
use frontdesk_core::sync::Progress;
use frontdesk_desk::Desk;
use frontdesk_sandbox::{Sandbox, SandboxOptions};
use frontdesk_store::MemoryKeyProvider;
use frontdesk_vendors::secrets::MemorySecrets;
use std::path::Path;
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_a_card_caches_the_patients_contact_history() {
    let sandbox = Sandbox::start(SandboxOptions::small(5)).await.unwrap();
    let i = sandbox.info();
    let text = format!(
        "[practice]\nname = \"S\"\n[cxone]\nbase_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\nplan = \"{}\"\n",
        i.cxone.base_url, i.cxone.token_url, i.cxone.client_id, i.cxone.plan
    );
    let config = Config::parse(&text, Path::new("cxone.toml")).unwrap();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::with(&[(
        "cxone.client_secret",
        i.cxone.client_secret.as_str(),
    )]));
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let desk = Desk::open(config, &secrets, dir.path(), &keys, "rosa").unwrap();
    let progress: Progress = Arc::new(|_| {});
    assert!(desk.sync_all(progress).await.all_ok());

    let store = desk.store().clone();
    let client = desk.clients().cxone.clone().unwrap();
    let records = client.patients_page(None, None).await.unwrap().items;
    let mut with_history = 0;
    for record in records.iter().take(25) {
        let patient = store
            .patient_id_for(Vendor::Cxone, &record.external_id)
            .unwrap()
            .unwrap();
        let outcomes = desk.refresh_records(&patient).await.unwrap();
        assert_eq!(outcomes.len(), 1, "CXone only: Nextech is not configured");
        assert_eq!(outcomes[0].error, None);
        if outcomes[0].fetched > 0 {
            let card = store.patient_card("rosa", &patient).unwrap();
            assert_eq!(card.contacts.len(), outcomes[0].fetched);
            with_history += 1;
        }
    }
    assert!(with_history > 0, "the sandbox seeds contact history");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_a_card_finds_the_patients_nextech_chart_and_caches_encounters() {
    let sandbox = Sandbox::start(SandboxOptions::small(6)).await.unwrap();
    let i = sandbox.info();
    let text = format!(
        "[practice]\nname = \"S\"\n[cxone]\nbase_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\nplan = \"{}\"\n\
         [nextech]\nbase_url = \"{}\"\nauthorize_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\nresource = \"{}\"\npractice_id = \"{}\"\n",
        i.cxone.base_url,
        i.cxone.token_url,
        i.cxone.client_id,
        i.cxone.plan,
        i.nextech.base_url,
        i.nextech.authorize_url,
        i.nextech.token_url,
        i.nextech.client_id,
        i.nextech.resource,
        i.nextech.practice_id
    );
    let config = Config::parse(&text, Path::new("cxone-nextech.toml")).unwrap();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::with(&[(
        "cxone.client_secret",
        i.cxone.client_secret.as_str(),
    )]));
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let desk = Desk::open(config, &secrets, dir.path(), &keys, "rosa").unwrap();
    frontdesk_desk::demo::sign_in_demo_nextech(desk.clients().nextech.as_ref().unwrap())
        .await
        .unwrap();
    let progress: Progress = Arc::new(|_| {});
    assert!(desk.sync_all(progress).await.all_ok());

    let store = desk.store().clone();
    let client = desk.clients().cxone.clone().unwrap();
    let records = client.patients_page(None, None).await.unwrap().items;
    let (mut linked, mut with_encounters) = (0, 0);
    for record in records.iter().filter(|r| r.mrn.is_some()).take(10) {
        let patient = store
            .patient_id_for(Vendor::Cxone, &record.external_id)
            .unwrap()
            .unwrap();
        let before = store.patient_card("rosa", &patient).unwrap();
        assert!(
            before.patient.link(Vendor::Nextech).is_none(),
            "Nextech has no listing: nothing links it before a card is opened"
        );
        let outcomes = desk.refresh_records(&patient).await.unwrap();
        assert!(outcomes.iter().all(|o| o.error.is_none()), "{outcomes:?}");
        let after = store.patient_card("rosa", &patient).unwrap();
        if let Some(chart) = after.patient.link(Vendor::Nextech) {
            linked += 1;
            let nextech = outcomes
                .iter()
                .find(|o| o.vendor == Vendor::Nextech)
                .expect("a linked card asks Nextech for encounters");
            assert_eq!(after.encounters.len(), nextech.fetched, "chart {chart}");
            if nextech.fetched > 0 {
                with_encounters += 1;
            }
        }
    }
    assert!(linked > 0, "most seeded patients have MRN = chart number");
    assert!(with_encounters > 0, "the sandbox seeds encounters");
}
