//! "Search the vendors" over the real clients and the sandbox: a patient the cache does not
//! hold (nothing synced) is found by name and by date of birth through the vendors and is then
//! in the cache with vendor links; a vendor answering garbage or 5xx, or not at all, is a line
//! in the outcomes beside the others' answers, never the search's error.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::patient::VendorPatient;
use frontdesk_core::ports::{PatientDirectory, SecretStore};
use frontdesk_core::sync::Progress;
use frontdesk_core::{ErrorKind, Vendor};
use frontdesk_desk::Desk;
use frontdesk_desk::patient_lookup::{LookupOutcome, LookupState, VendorSearchResults};
use frontdesk_sandbox::{FaultConfig, LapsedPatient, Sandbox, SandboxHandle, SandboxOptions};
use frontdesk_store::MemoryKeyProvider;
use frontdesk_vendors::secrets::MemorySecrets;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

struct World {
    sandbox: SandboxHandle,
    desk: Desk,
    _dir: tempfile::TempDir,
}

/// A desk over the sandbox's CXone, NexHealth and Nextech with nothing synced: every patient
/// is one the cache does not hold.
async fn world(seed: u64) -> World {
    let sandbox = Sandbox::start(SandboxOptions::small(seed)).await.unwrap();
    let i = sandbox.info();
    let locations: Vec<String> = i
        .nexhealth
        .location_ids
        .iter()
        .map(ToString::to_string)
        .collect();
    let text = format!(
        "[practice]\nname = \"S\"\ntimezone = \"America/New_York\"\n\
         [cxone]\nbase_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\nplan = \"{}\"\n\
         [nexhealth]\nbase_url = \"{}\"\nsubdomain = \"{}\"\nlocation_ids = [{}]\napi = \"current\"\n\
         [nextech]\nbase_url = \"{}\"\nauthorize_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\nresource = \"{}\"\npractice_id = \"{}\"\n",
        i.cxone.base_url,
        i.cxone.token_url,
        i.cxone.client_id,
        i.cxone.plan,
        i.nexhealth.base_url,
        i.nexhealth.subdomain,
        locations.join(", "),
        i.nextech.base_url,
        i.nextech.authorize_url,
        i.nextech.token_url,
        i.nextech.client_id,
        i.nextech.resource,
        i.nextech.practice_id,
    );
    let config = Config::parse(&text, Path::new("search.toml")).unwrap();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::with(&[
        ("cxone.client_secret", i.cxone.client_secret.as_str()),
        ("nexhealth.api_key", i.nexhealth.api_key.as_str()),
    ]));
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(
        config,
        &secrets,
        dir.path(),
        &MemoryKeyProvider::new(),
        "rosa",
    )
    .unwrap();
    frontdesk_desk::demo::sign_in_demo_nextech(desk.clients().nextech.as_ref().unwrap())
        .await
        .unwrap();
    World {
        sandbox,
        desk,
        _dir: dir,
    }
}

/// CXone patients straight from the sandbox (not through the desk, so the cache stays empty).
async fn cxone_patients(w: &World) -> Vec<VendorPatient> {
    let client = w.desk.clients().cxone.clone().unwrap();
    client.patients_page(None, None).await.unwrap().items
}

fn outcome(r: &VendorSearchResults, vendor: Vendor) -> &LookupOutcome {
    r.outcomes
        .iter()
        .find(|o| o.vendor == vendor)
        .unwrap_or_else(|| panic!("no outcome for {vendor:?}: {:?}", r.outcomes))
}

fn not_cached(w: &World, p: &VendorPatient) {
    assert!(
        w.desk
            .store()
            .patient_id_for(p.vendor, &p.external_id)
            .unwrap()
            .is_none(),
        "the cache must not hold the patient before the search"
    );
    assert!(
        w.desk
            .store()
            .search("rosa", &p.family_name, 50)
            .unwrap()
            .iter()
            .all(|s| s.links.iter().all(|l| l.external_id != p.external_id)),
        "the cache search must not find the patient before the search"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_patient_the_cache_lacks_is_found_by_name_through_the_vendors_and_kept() {
    let w = world(31).await;
    let people = cxone_patients(&w).await;
    let p = people.iter().find(|p| p.mrn.is_some()).unwrap().clone();
    not_cached(&w, &p);

    let query = format!("{} {}", p.family_name, p.given_name);
    let r = w
        .desk
        .search_vendor_patients("rosa", &query, 50)
        .await
        .unwrap();

    assert_eq!(
        r.outcomes.iter().map(|o| o.vendor).collect::<Vec<_>>(),
        vec![Vendor::Nextech, Vendor::Cxone, Vendor::Nexhealth],
        "every configured vendor with a patient search is asked, in a fixed order"
    );
    assert!(
        r.outcomes.iter().all(LookupOutcome::is_ok),
        "{:?}",
        r.outcomes
    );
    assert!(matches!(outcome(&r, Vendor::Cxone).state, LookupState::Ok { found } if found >= 1));
    let id = w
        .desk
        .store()
        .patient_id_for(Vendor::Cxone, &p.external_id)
        .unwrap()
        .expect("the CXone record is in the cache after the search");
    assert!(r.from_vendors.contains(&id));
    let row = r
        .patients
        .iter()
        .find(|s| s.id == id)
        .expect("the results are the cache's search, which now finds the patient");
    assert!(
        row.links
            .iter()
            .any(|l| l.vendor == Vendor::Cxone && l.external_id == p.external_id)
    );
    // The cache's own search finds them now, offline of the vendors.
    let again = w.desk.store().search("rosa", &query, 50).unwrap();
    assert!(again.iter().any(|s| s.id == id));
    // Only people matching every typed word were kept.
    for kept in &r.from_vendors {
        let card = w.desk.store().patient_card("rosa", kept).unwrap();
        let name =
            format!("{} {}", card.patient.given_name, card.patient.family_name).to_lowercase();
        assert!(
            name.contains(&p.family_name.to_lowercase()),
            "kept someone not asked for"
        );
    }
    // The audit row counts and names ids, never what was typed or who.
    let audit = w.desk.store().audit_entries(None).unwrap();
    let row = audit
        .iter()
        .rev()
        .find(|e| e.action == "patient.vendor_search")
        .expect("the vendor search is audited");
    assert_eq!(row.actor, "rosa");
    let detail = row.detail.to_string();
    assert!(detail.contains(&id.0));
    assert!(!detail.contains(&p.family_name) && !detail.contains(&p.given_name));
    w.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_patient_the_cache_lacks_is_found_by_date_of_birth_and_nextech_is_not_asked() {
    let w = world(32).await;
    let people = cxone_patients(&w).await;
    let p = people
        .iter()
        .find(|p| p.birth_date.is_some())
        .unwrap()
        .clone();
    not_cached(&w, &p);
    let dob = p.birth_date.unwrap();

    let r = w
        .desk
        .search_vendor_patients("rosa", &dob.format("%Y-%m-%d").to_string(), 50)
        .await
        .unwrap();

    assert_eq!(
        outcome(&r, Vendor::Nextech).state,
        LookupState::CannotSearch,
        "Nextech's search takes a name or chart number only"
    );
    assert!(outcome(&r, Vendor::Cxone).is_ok() && outcome(&r, Vendor::Nexhealth).is_ok());
    let id = w
        .desk
        .store()
        .patient_id_for(Vendor::Cxone, &p.external_id)
        .unwrap()
        .expect("found by date of birth and kept");
    assert!(r.patients.iter().any(|s| s.id == id));
    for s in &r.patients {
        assert_eq!(s.birth_date, Some(dob), "only people born that day");
    }
    w.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_patient_the_cache_lacks_is_found_by_phone_as_typed_at_the_desk() {
    let w = world(36).await;
    let people = cxone_patients(&w).await;
    let p = people
        .iter()
        .find(|p| {
            p.phones
                .first()
                .is_some_and(|ph| ph.number.starts_with("+1"))
        })
        .unwrap()
        .clone();
    not_cached(&w, &p);
    let digits: String = p.phones[0].number.chars().skip(2).collect();
    let typed = format!("({}) {}-{}", &digits[..3], &digits[3..6], &digits[6..]);

    let r = w
        .desk
        .search_vendor_patients("rosa", &typed, 50)
        .await
        .unwrap();

    assert_eq!(
        outcome(&r, Vendor::Nextech).state,
        LookupState::CannotSearch
    );
    assert!(outcome(&r, Vendor::Cxone).is_ok(), "{:?}", r.outcomes);
    let id = w
        .desk
        .store()
        .patient_id_for(Vendor::Cxone, &p.external_id)
        .unwrap()
        .expect("found by phone and kept");
    assert!(r.patients.iter().any(|s| s.id == id));
    w.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lapsed_patient_sync_never_brings_is_found_with_both_vendor_links() {
    let w = world(37).await;
    let progress: Progress = Arc::new(|_| {});
    assert!(w.desk.sync_all(progress.clone()).await.all_ok());
    let ids = w
        .sandbox
        .add_lapsed_patient(&LapsedPatient {
            first: "Adaeze".into(),
            last: "Okafor-Lapsed".into(),
            dob: NaiveDate::from_ymd_opt(1950, 2, 1).unwrap(),
            phone: "3125550199".into(),
            mrn: "MRN-LAPSED-7".into(),
        })
        .unwrap();
    assert!(w.desk.sync_all(progress).await.all_ok());
    let before = w.desk.store().search("rosa", "okafor-lapsed", 50).unwrap();
    assert!(
        before.is_empty(),
        "an incremental sync does not bring a lapsed patient"
    );

    let r = w
        .desk
        .search_vendor_patients("rosa", "adaeze okafor", 50)
        .await
        .unwrap();

    let row = r
        .patients
        .iter()
        .find(|s| s.family_name == "Okafor-Lapsed")
        .expect("the vendors' search finds the lapsed patient");
    let cx = ids["cxoneId"].as_str().unwrap();
    let nx = ids["nextechId"].to_string();
    assert!(
        row.links
            .iter()
            .any(|l| l.vendor == Vendor::Cxone && l.external_id.0 == cx)
    );
    assert!(
        row.links
            .iter()
            .any(|l| l.vendor == Vendor::Nextech && l.external_id.0 == nx),
        "the identity rules joined Nextech's chart to CXone's record: {:?}",
        row.links
    );
    assert_eq!(r.from_vendors, vec![row.id.clone()]);

    // She has no visit, and the purge after the next pass removes everyone without one; she
    // was found because the receptionist is on the phone with her, so she stays.
    let report = w.desk.sync_all(Arc::new(|_| {})).await;
    assert!(report.all_ok());
    let purged = frontdesk_desk::retention::after_pass(&w.desk, &report)
        .await
        .unwrap()
        .expect("a pass that ended well purges");
    assert!(
        purged.patients > 0,
        "the purge removed people without visits: {purged:?}"
    );
    let after = w.desk.store().search("rosa", "okafor-lapsed", 50).unwrap();
    assert!(
        after.iter().any(|s| s.id == row.id),
        "the patient found through the vendors outlived the purge"
    );
    w.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_and_5xx_answers_are_outcomes_beside_the_others_results() {
    let w = world(33).await;
    let people = cxone_patients(&w).await;
    let p = people[0].clone();
    let faults = w.sandbox.faults();
    faults.set(
        frontdesk_sandbox::Vendor::Cxone,
        FaultConfig {
            malformed_next: 5,
            ..FaultConfig::default()
        },
    );
    faults.set(
        frontdesk_sandbox::Vendor::Nexhealth,
        FaultConfig {
            error_rate: 1.0,
            ..FaultConfig::default()
        },
    );

    let r = w
        .desk
        .search_vendor_patients_within("rosa", &p.family_name, 50, Duration::from_secs(20))
        .await
        .expect("a failing vendor is an outcome, not the search's error");

    let cx = outcome(&r, Vendor::Cxone);
    assert!(
        matches!(
            &cx.state,
            LookupState::Unreachable { .. } | LookupState::Failed { .. }
        ),
        "{cx:?}"
    );
    let nh = outcome(&r, Vendor::Nexhealth);
    assert!(
        matches!(
            &nh.state,
            LookupState::Unreachable {
                kind: ErrorKind::Unavailable,
                ..
            }
        ),
        "{nh:?}"
    );
    assert!(
        outcome(&r, Vendor::Nextech).is_ok(),
        "Nextech still answered"
    );
    assert!(
        w.desk
            .store()
            .patient_id_for(Vendor::Cxone, &p.external_id)
            .unwrap()
            .is_none(),
        "nothing is kept from a garbled answer"
    );
    w.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_vendors_gone_every_outcome_says_unreachable() {
    let w = world(34).await;
    let World {
        sandbox,
        desk,
        _dir,
    } = w;
    sandbox.shutdown().await;
    let r = desk
        .search_vendor_patients_within("rosa", "garcia", 50, Duration::from_secs(20))
        .await
        .unwrap();
    assert_eq!(r.outcomes.len(), 3);
    for o in &r.outcomes {
        assert!(
            matches!(
                o.state,
                LookupState::Unreachable {
                    kind: ErrorKind::Offline,
                    ..
                }
            ),
            "{o:?}"
        );
    }
    assert!(r.from_vendors.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_with_nothing_to_search_by_is_refused() {
    let w = world(35).await;
    let e = w
        .desk
        .search_vendor_patients("rosa", " ;, ", 50)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    w.sandbox.shutdown().await;
}
