//! Zoom visits after a pass against the sandbox: each today's visit names a desk provider (the
//! NexHealth one who is the same clinician) and a desk person, so it reaches "My day".

use chrono::{Duration, Utc};
use frontdesk_core::config::Config;
use frontdesk_core::ports::SecretStore;
use frontdesk_core::sync::Progress;
use frontdesk_core::{ExternalId, Vendor};
use frontdesk_desk::Desk;
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
base_url = "{cx_base}"
token_url = "{cx_token}"
client_id = "{cx_client}"
plan = "{cx_plan}"
rate_share = 1.0

[zoom]
base_url = "{zoom_base}"
token_url = "{zoom_token}"
account_id = "{zoom_account}"
client_id = "{zoom_client}"
user_id = "{zoom_user}"
api = "healthcare"

[nexhealth]
base_url = "{nh_base}"
subdomain = "{nh_sub}"
location_ids = [{nh_locations}]
api = "current"
"#,
        cx_base = i.cxone.base_url,
        cx_token = i.cxone.token_url,
        cx_client = i.cxone.client_id,
        cx_plan = i.cxone.plan,
        zoom_base = i.zoom.base_url,
        zoom_token = i.zoom.token_url,
        zoom_account = i.zoom.account_id,
        zoom_client = i.zoom.client_id,
        zoom_user = i.zoom.user_id,
        nh_base = i.nexhealth.base_url,
        nh_sub = i.nexhealth.subdomain,
        nh_locations = locations.join(", "),
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

/// A desk on a fresh cache over a small sandbox; keep the sandbox and the directory alive.
async fn desk_over_a_small_sandbox(seed: u64) -> (SandboxHandle, tempfile::TempDir, Desk) {
    let sandbox = Sandbox::start(SandboxOptions::small(seed)).await.unwrap();
    let config = Config::parse(&config_for(&sandbox), Path::new("sandbox.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let desk = Desk::open(config, &secrets_for(&sandbox), dir.path(), &keys, "test").unwrap();
    (sandbox, dir, desk)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_pass_todays_zoom_visits_have_a_desk_provider_and_a_desk_patient() {
    let (_sandbox, _dir, desk) = desk_over_a_small_sandbox(11).await;
    let quiet: Progress = Arc::new(|_| {});
    desk.sync_all(quiet.clone()).await;

    let store = desk.store().clone();
    let providers = store.providers().unwrap();
    let linked: Vec<_> = providers
        .iter()
        .filter(|p| p.links.iter().any(|l| l.vendor == Vendor::Zoom))
        .collect();
    assert!(!linked.is_empty(), "some desk provider is linked to Zoom");
    for p in &linked {
        assert!(p.id.starts_with("nexhealth:"), "{}", p.id);
    }

    let (from, to) = (
        Utc::now() - Duration::hours(30),
        Utc::now() + Duration::hours(30),
    );
    let mut visits = Vec::new();
    for p in &linked {
        visits.extend(
            store
                .appointments_for_provider(&p.id, from, to)
                .unwrap()
                .into_iter()
                .filter(|a| a.vendor == Vendor::Zoom),
        );
    }
    assert!(
        !visits.is_empty(),
        "today's Zoom visits are on a desk provider's day"
    );
    for v in &visits {
        let provider = v.provider_id.as_deref().unwrap();
        assert!(providers.iter().any(|p| p.id == provider), "{provider}");
        let patient = v.patient_id.as_ref().expect("a desk person");
        let link = v.patient_external_id.clone().unwrap();
        assert_eq!(
            store.patient_id_for(Vendor::Zoom, &link).unwrap().as_ref(),
            Some(patient)
        );
    }
    // No visit is left under a Zoom provider id.
    for p in &linked {
        for l in p.links.iter().filter(|l| l.vendor == Vendor::Zoom) {
            let ExternalId(z) = &l.external_id;
            let stray = store
                .appointments_for_provider(&format!("zoom:{z}"), from, to)
                .unwrap();
            assert!(stray.is_empty(), "{} visits still under zoom:", stray.len());
        }
    }

    // A second pass (NexHealth rewrites its providers) keeps every visit where it was.
    desk.sync_all(quiet).await;
    for v in &visits {
        let again = store.appointment(&v.id).unwrap();
        assert_eq!(again.provider_id, v.provider_id);
        assert_eq!(again.patient_id, v.patient_id);
    }
}

/// The demo's life: every session starts a fresh sandbox, and the desk's cache outlives it. A
/// second session the next day, whose passes (each with its purge) bring the same people again,
/// adds nobody twice: the story people are still one person each, Minh's Zoom record is on him,
/// and no new link suggestion waits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_sandbox_over_the_same_cache_adds_nobody_twice() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let quiet: Progress = Arc::new(|_| {});
    let mut suggestions_after_first = None;
    let today = Utc::now().date_naive();
    for session in 0..2 {
        let sandbox = Sandbox::start(SandboxOptions {
            today: today.checked_add_days(chrono::Days::new(session)),
            ..SandboxOptions::small(11)
        })
        .await
        .unwrap();
        let config = Config::parse(&config_for(&sandbox), Path::new("sandbox.toml")).unwrap();
        let desk = Desk::open(config, &secrets_for(&sandbox), dir.path(), &keys, "test").unwrap();
        for _ in 0..2 {
            let report = desk.sync_all(quiet.clone()).await;
            let purge = frontdesk_desk::retention::after_pass(&desk, &report)
                .await
                .unwrap();
            assert!(
                purge.is_some(),
                "session {session}: the pass ended well and purged"
            );
        }
        let store = desk.store().clone();
        // The story people (sandbox seed/people.rs): Minh and Thi Nguyen, by phone.
        for phone in ["6465550143", "6465550177"] {
            let hits = store.search("test", phone, 20).unwrap();
            assert_eq!(hits.len(), 1, "session {session}: one person with {phone}");
        }
        let minh = store.search("test", "6465550143", 1).unwrap().remove(0);
        assert!(
            minh.links.iter().any(|l| l.vendor == Vendor::Zoom),
            "session {session}: Minh's Zoom record is on him"
        );
        let waiting = store.link_suggestions().unwrap().len();
        match suggestions_after_first {
            None => suggestions_after_first = Some(waiting),
            Some(first) => assert_eq!(waiting, first, "no new suggestion in a later session"),
        }
        drop(desk);
        drop(sandbox);
    }
}

/// Dr. Lee's account (the demo's clinician) is made before any provider exists; the first pass
/// brings the providers, and then her account is linked to hers: the sandbox's Dr. Lee, who
/// also sees patients over video. Once only: an admin who unlinks her has the last word.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_first_pass_the_demo_clinician_is_linked_to_dr_lee_once() {
    use frontdesk_core::access::{NewStaff, Role};
    use frontdesk_desk::demo::{DEMO_STAFF, link_demo_clinician};
    use frontdesk_store::StaffChange;

    let (_sandbox, _dir, desk) = desk_over_a_small_sandbox(13).await;
    let store = desk.store().clone();
    for s in &DEMO_STAFF {
        store
            .create_staff(
                "system:demo",
                &NewStaff {
                    username: s.username.into(),
                    display_name: s.display_name.into(),
                    role: s.role,
                    credential: s.pin.into(),
                    provider_id: None,
                },
            )
            .unwrap();
    }
    let lee = || {
        store
            .staff_list()
            .unwrap()
            .into_iter()
            .find(|m| m.role == Role::Clinician)
            .unwrap()
    };
    assert!(
        !link_demo_clinician(&store).unwrap(),
        "no providers before the first pass"
    );
    assert_eq!(lee().provider_id, None);

    desk.sync_all(Arc::new(|_| {})).await;
    assert!(link_demo_clinician(&store).unwrap());
    let linked = lee().provider_id.expect("linked");
    let provider = store
        .providers()
        .unwrap()
        .into_iter()
        .find(|p| p.id == linked)
        .unwrap();
    assert!(
        provider.display_name.ends_with("Lee"),
        "{}",
        provider.display_name
    );
    assert!(
        provider.links.iter().any(|l| l.vendor == Vendor::Zoom),
        "Dr. Lee sees patients over video too"
    );

    store
        .update_staff(
            "admin",
            &lee().id,
            &StaffChange {
                provider_id: Some(None),
                ..StaffChange::default()
            },
        )
        .unwrap();
    assert!(!link_demo_clinician(&store).unwrap());
    assert_eq!(lee().provider_id, None, "the admin's choice stands");
}
