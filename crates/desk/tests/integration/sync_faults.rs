//! The sync against a misbehaving sandbox, one fault and one vendor at a time: latency, 500 and
//! 503 answers, 429 bursts, hangs, connection resets, malformed JSON, truncated pages and
//! tokens that die early. Whatever the fault, the pass ends with a status for every vendor,
//! the cache passes SQLite's integrity check, the other vendors' data arrives, and once the
//! fault is gone one clean pass brings the cache to the sandbox's state.

use chrono::{Days, Utc};
use frontdesk_core::config::Config;
use frontdesk_core::contact::ConnectionState;
use frontdesk_core::ports::{AppointmentFeed, PatientDirectory, SecretStore};
use frontdesk_core::sync::{Progress, SyncReport};
use frontdesk_core::{ExternalId, Vendor};
use frontdesk_desk::Desk;
use frontdesk_sandbox::{FaultConfig, Sandbox, SandboxHandle, SandboxOptions, Vendor as SbVendor};
use frontdesk_store::MemoryKeyProvider;
use frontdesk_vendors::secrets::MemorySecrets;
use std::path::Path;
use std::sync::Arc;

/// Every vendor but Nextech (its sign-in is exercised by the CLI's demo tests).
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
name = "Fault Clinic"
timezone = "America/New_York"

[sync]
appointments_days_back = 3
appointments_days_ahead = 3

[cxone]
base_url = "{}"
token_url = "{}"
client_id = "{}"
plan = "{}"

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
    );
    Config::parse(&text, Path::new("faults.toml")).unwrap()
}

fn secrets_for(sandbox: &SandboxHandle) -> Arc<dyn SecretStore> {
    let i = sandbox.info();
    Arc::new(MemorySecrets::with(&[
        ("cxone.client_secret", i.cxone.client_secret.as_str()),
        ("zoom.client_secret", i.zoom.client_secret.as_str()),
        ("nexhealth.api_key", i.nexhealth.api_key.as_str()),
    ]))
}

fn quiet() -> Progress {
    Arc::new(|_| {})
}

const SYNCED: [Vendor; 4] = [
    Vendor::Cxone,
    Vendor::Zoom,
    Vendor::Nexhealth,
    Vendor::Wellhive,
];

fn sb(v: Vendor) -> SbVendor {
    match v {
        Vendor::Cxone => SbVendor::Cxone,
        Vendor::Zoom => SbVendor::Zoom,
        Vendor::Nextech => SbVendor::Nextech,
        Vendor::Nexhealth => SbVendor::Nexhealth,
        Vendor::Wellhive => SbVendor::Wellhive,
    }
}

struct World {
    sandbox: SandboxHandle,
    desk: Desk,
    _dir: tempfile::TempDir,
    _keys: MemoryKeyProvider,
}

async fn world(seed: u64) -> World {
    let sandbox = Sandbox::start(SandboxOptions {
        patients: 40,
        days: 8,
        ..SandboxOptions::small(seed)
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let desk = Desk::open(
        config_for(&sandbox),
        &secrets_for(&sandbox),
        dir.path(),
        &keys,
        "test",
    )
    .unwrap();
    World {
        sandbox,
        desk,
        _dir: dir,
        _keys: keys,
    }
}

/// Runs a pass under `fault` on `vendor`, checks what must hold whatever happened, then clears
/// the fault and checks that one clean pass converges. Returns the faulted pass's report.
async fn under_fault(seed: u64, vendor: Vendor, fault: FaultConfig) -> SyncReport {
    let w = world(seed).await;
    let truncating = fault.truncate_pages;
    w.sandbox.faults().set(sb(vendor), fault);
    let report = w.desk.sync_all(quiet()).await;
    if truncating {
        // A short page is valid JSON, so the pass may well end Ok: what must be true is that
        // pages really were cut (else the test proves nothing) and the clean pass below fills
        // the gaps.
        assert!(
            w.sandbox.faults().stats(sb(vendor)).truncated > 0,
            "the sandbox cut no page"
        );
    }

    for v in SYNCED {
        let r = report.vendor(v).unwrap();
        assert_ne!(
            r.status.state,
            ConnectionState::Syncing,
            "{v} ended the pass without a status"
        );
        if v != vendor {
            assert_eq!(
                r.status.state,
                ConnectionState::Ok,
                "{v} suffered from {vendor}'s fault: {:?}",
                r.status.last_error
            );
        }
    }
    if vendor != Vendor::Nexhealth {
        let nex = report.vendor(Vendor::Nexhealth).unwrap();
        assert!(nex.patients > 0 && nex.appointments > 0, "{nex:?}");
    }
    assert!(w.desk.store().integrity_problems().unwrap().is_empty());

    w.sandbox.faults().clear_all();
    let clean = w.desk.sync_all(quiet()).await;
    for v in SYNCED {
        let r = clean.vendor(v).unwrap();
        assert_eq!(
            r.status.state,
            ConnectionState::Ok,
            "{v} after the fault cleared: {:?}",
            r.status.last_error
        );
    }
    assert_converged(&w.desk).await;
    report
}

async fn all_patients(feed: &dyn PatientDirectory) -> Vec<ExternalId> {
    let (mut out, mut cursor) = (Vec::new(), None);
    loop {
        let page = feed.patients_page(cursor, None).await.unwrap();
        out.extend(page.items.into_iter().map(|p| p.external_id));
        match page.next {
            Some(n) => cursor = Some(n),
            None => return out,
        }
    }
}

async fn all_appointments(
    feed: &dyn AppointmentFeed,
) -> Vec<frontdesk_core::appointment::Appointment> {
    let today = Utc::now().date_naive();
    let (from, to) = (
        today.checked_sub_days(Days::new(1)).unwrap(),
        today.checked_add_days(Days::new(1)).unwrap(),
    );
    let (mut out, mut cursor) = (Vec::new(), None);
    loop {
        let page = feed.appointments_page(from, to, cursor).await.unwrap();
        out.extend(page.items);
        match page.next {
            Some(n) => cursor = Some(n),
            None => return out,
        }
    }
}

/// The cache holds what the sandbox holds: every CXone and NexHealth patient is a desk person,
/// and every NexHealth and Zoom appointment around today is cached with its time and status.
async fn assert_converged(desk: &Desk) {
    let store = desk.store();
    let clients = desk.clients();
    let cxone = clients.cxone.clone().unwrap();
    let nexhealth = clients.nexhealth.clone().unwrap();
    let zoom = clients.zoom.clone().unwrap();
    for (vendor, ids) in [
        (Vendor::Cxone, all_patients(cxone.as_ref()).await),
        (Vendor::Nexhealth, all_patients(nexhealth.as_ref()).await),
    ] {
        assert!(!ids.is_empty(), "{vendor} lists patients");
        for id in ids {
            assert!(
                store.patient_id_for(vendor, &id).unwrap().is_some(),
                "{vendor} patient {id} is not in the cache"
            );
        }
    }
    let mut expected = all_appointments(nexhealth.as_ref()).await;
    expected.extend(all_appointments(zoom.as_ref()).await);
    assert!(!expected.is_empty());
    for want in expected {
        let got = store
            .appointment(&want.id)
            .unwrap_or_else(|e| panic!("{} is not cached: {e}", want.id));
        assert_eq!(got.start, want.start, "{}", want.id);
        assert_eq!(got.status, want.status, "{}", want.id);
    }
    assert!(store.integrity_problems().unwrap().is_empty());
}

fn state(report: &SyncReport, v: Vendor) -> ConnectionState {
    report.vendor(v).unwrap().status.state
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn latency_slows_a_vendor_without_failing_it() {
    let r = under_fault(
        11,
        Vendor::Nexhealth,
        FaultConfig {
            latency_ms: 40,
            ..FaultConfig::default()
        },
    )
    .await;
    assert_eq!(state(&r, Vendor::Nexhealth), ConnectionState::Ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vendor_answering_500_and_503_is_degraded_and_the_others_sync() {
    let r = under_fault(
        12,
        Vendor::Nexhealth,
        FaultConfig {
            error_rate: 1.0,
            ..FaultConfig::default()
        },
    )
    .await;
    assert_eq!(state(&r, Vendor::Nexhealth), ConnectionState::Degraded);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_few_503s_are_retried_away() {
    let r = under_fault(
        13,
        Vendor::Cxone,
        FaultConfig {
            fail_next: 2,
            ..FaultConfig::default()
        },
    )
    .await;
    assert_eq!(state(&r, Vendor::Cxone), ConnectionState::Ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_burst_is_waited_out() {
    let r = under_fault(
        14,
        Vendor::Zoom,
        FaultConfig {
            burst_429: 2,
            retry_after_secs: 1,
            ..FaultConfig::default()
        },
    )
    .await;
    assert_eq!(state(&r, Vendor::Zoom), ConnectionState::Ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vendor_that_never_answers_is_offline() {
    let r = under_fault(
        15,
        Vendor::Nexhealth,
        FaultConfig {
            hang_next: 3,
            ..FaultConfig::default()
        },
    )
    .await;
    assert_eq!(state(&r, Vendor::Nexhealth), ConnectionState::Offline);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_connections_degrade_a_vendor_until_they_stop() {
    let r = under_fault(
        16,
        Vendor::Cxone,
        FaultConfig {
            reset_next: 6,
            ..FaultConfig::default()
        },
    )
    .await;
    assert_ne!(state(&r, Vendor::Cxone), ConnectionState::Ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_mid_sync_is_degraded_and_keeps_what_came_before() {
    let w_seed = 17;
    let r = under_fault(
        w_seed,
        Vendor::Nexhealth,
        FaultConfig {
            malformed_next: 1,
            ..FaultConfig::default()
        },
    )
    .await;
    assert_eq!(state(&r, Vendor::Nexhealth), ConnectionState::Degraded);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_pages_end_with_a_status_and_a_clean_pass_fills_the_gaps() {
    under_fault(
        18,
        Vendor::Nexhealth,
        FaultConfig {
            truncate_pages: true,
            ..FaultConfig::default()
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_that_die_early_are_renewed_mid_pass() {
    let r = under_fault(
        19,
        Vendor::Zoom,
        FaultConfig {
            token_lifetime_secs: Some(0),
            ..FaultConfig::default()
        },
    )
    .await;
    // Every token dies at once: one re-authentication per call, then the call goes through,
    // or the vendor is shown as needing attention; never silently stuck.
    assert!(
        matches!(
            state(&r, Vendor::Zoom),
            ConnectionState::Ok | ConnectionState::NeedsAuth
        ),
        "{:?}",
        r.vendor(Vendor::Zoom)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_wellhive_token_endpoint_is_degraded_and_the_others_sync() {
    let r = under_fault(
        20,
        Vendor::Wellhive,
        FaultConfig {
            fail_next: 10,
            ..FaultConfig::default()
        },
    )
    .await;
    assert_eq!(state(&r, Vendor::Wellhive), ConnectionState::Degraded);
}
