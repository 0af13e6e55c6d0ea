//! The whole desk against the vendor sandbox: a config pointing at it, a full pass into a
//! fresh encrypted cache, then an incremental pass that changes nothing.

use chrono::{NaiveDate, Utc};
use frontdesk_core::appointment::Appointment;
use frontdesk_core::config::Config;
use frontdesk_core::contact::ConnectionState;
use frontdesk_core::ports::{AppointmentFeed, PatientDirectory, SecretStore};
use frontdesk_core::sync::{Phase, Progress, SyncEvent};
use frontdesk_core::{ExternalId, Vendor};
use frontdesk_desk::Desk;
use frontdesk_sandbox::{Sandbox, SandboxHandle, SandboxOptions};
use frontdesk_store::MemoryKeyProvider;
use frontdesk_vendors::secrets::MemorySecrets;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Every vendor but Nextech (whose sign-in needs a browser) unless `nextech` is set.
fn config_for(sandbox: &SandboxHandle, nextech: bool) -> String {
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

[wellhive]
base_url = "{wh_base}"
token_url = "{wh_token}"
audience = "{wh_audience}"
client_id = "{wh_client}"
algorithm = "{wh_alg}"
private_key_path = "{wh_key}"

[nextech]
enabled = {nextech}
base_url = "{nx_base}"
authorize_url = "{nx_authorize}"
token_url = "{nx_token}"
client_id = "{nx_client}"
resource = "{nx_resource}"
practice_id = "{nx_practice}"
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
        wh_base = i.wellhive.base_url,
        wh_token = i.wellhive.token_url,
        wh_audience = i.wellhive.audience,
        wh_client = i.wellhive.client_id,
        wh_alg = i.wellhive.algorithm,
        wh_key = i.wellhive.private_key_path.display(),
        nextech = nextech,
        nx_base = i.nextech.base_url,
        nx_authorize = i.nextech.authorize_url,
        nx_token = i.nextech.token_url,
        nx_client = i.nextech.client_id,
        nx_resource = i.nextech.resource,
        nx_practice = i.nextech.practice_id,
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

fn quiet() -> (Progress, Arc<Mutex<Vec<SyncEvent>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let into = seen.clone();
    (
        Arc::new(move |e: &SyncEvent| into.lock().unwrap().push(e.clone())),
        seen,
    )
}

/// Every NexHealth patient id, read straight from the vendor.
async fn vendor_patients(feed: &dyn PatientDirectory) -> Vec<ExternalId> {
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

async fn vendor_appointments(feed: &dyn AppointmentFeed, day: NaiveDate) -> Vec<Appointment> {
    let (mut out, mut cursor) = (Vec::new(), None);
    loop {
        let page = feed.appointments_page(day, day, cursor).await.unwrap();
        out.extend(page.items);
        match page.next {
            Some(n) => cursor = Some(n),
            None => return out,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_pass_fills_the_cache_and_an_incremental_one_converges() {
    let sandbox = Sandbox::start(SandboxOptions::small(7)).await.unwrap();
    let config = Config::parse(&config_for(&sandbox, false), Path::new("sandbox.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let desk = Desk::open(config, &secrets_for(&sandbox), dir.path(), &keys, "test").unwrap();

    let (progress, seen) = quiet();
    let first = desk.sync_all(progress).await;
    for v in [
        Vendor::Cxone,
        Vendor::Zoom,
        Vendor::Nexhealth,
        Vendor::Wellhive,
    ] {
        let r = first.vendor(v).unwrap();
        let why = &r.status.last_error;
        assert_eq!(r.status.state, ConnectionState::Ok, "{v}: {why:?}");
        assert!(r.status.as_of.is_some());
    }
    let nex = first.vendor(Vendor::Nexhealth).unwrap();
    assert!(
        nex.practice_items > 0 && nex.patients > 0 && nex.appointments > 0,
        "{nex:?}"
    );
    assert!(first.vendor(Vendor::Cxone).unwrap().patients > 0);
    let finished = |e: &SyncEvent| e.vendor == Vendor::Nexhealth && e.phase == Phase::Finished;
    assert!(
        seen.lock().unwrap().iter().any(finished),
        "progress reached the caller"
    );
    let nextech = desk
        .statuses()
        .into_iter()
        .find(|s| s.vendor == Vendor::Nextech);
    assert_eq!(nextech.unwrap().state, ConnectionState::NotConfigured);
    let board = assert_cache_holds_the_vendor(&desk).await;

    // A second pass is incremental and converges: same board, every appointment still tied.
    let (progress, _) = quiet();
    let second = desk.sync_all(progress).await;
    let nex2 = second.vendor(Vendor::Nexhealth).unwrap();
    assert_eq!(nex2.status.state, ConnectionState::Ok);
    assert!(
        nex2.patients <= nex.patients,
        "{} then {}",
        nex.patients,
        nex2.patients
    );
    assert_eq!(nex2.unresolved_appointments, 0);
    assert_eq!(assert_cache_holds_the_vendor(&desk).await, board);
}

/// Every NexHealth patient the vendor lists is a desk person, and today's NexHealth
/// appointments are on the board tied to theirs. Returns the board's appointment ids.
async fn assert_cache_holds_the_vendor(desk: &Desk) -> Vec<String> {
    let store = desk.store().clone();
    let client = desk.clients().nexhealth.clone().unwrap();
    let patients = vendor_patients(client.as_ref()).await;
    assert!(!patients.is_empty());
    for id in &patients {
        let desk_id = store.patient_id_for(Vendor::Nexhealth, id).unwrap();
        assert!(desk_id.is_some(), "patient {id}");
    }
    let zone = chrono_tz::America::New_York;
    let today = Utc::now().with_timezone(&zone).date_naive();
    let expected = vendor_appointments(client.as_ref(), today).await;
    let board = todays_board(&store, today);
    let todays: Vec<_> = expected
        .iter()
        .filter(|a| a.start.with_timezone(&zone).date_naive() == today)
        .collect();
    assert!(
        !todays.is_empty(),
        "the sandbox schedules appointments today"
    );
    for want in todays {
        let got = board.iter().find(|a| a.id == want.id);
        let got = got.unwrap_or_else(|| panic!("{} is not on the board", want.id));
        let patient = want.patient_external_id.as_ref().unwrap();
        let desk_id = store.patient_id_for(Vendor::Nexhealth, patient).unwrap();
        assert!(desk_id.is_some(), "{} has a desk patient", want.id);
        assert_eq!(got.patient_id, desk_id, "{}", want.id);
    }
    let mut ids: Vec<String> = board.into_iter().map(|a| a.id).collect();
    ids.sort();
    ids
}

fn todays_board(store: &frontdesk_store::Store, today: NaiveDate) -> Vec<Appointment> {
    let mut out = Vec::new();
    for l in store.locations().unwrap() {
        if l.vendor == Vendor::Nexhealth {
            out.extend(store.appointments_for_location_day(&l.id, today).unwrap());
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_vendor_and_a_refused_key_leave_the_others_syncing() {
    let sandbox = Sandbox::start(SandboxOptions::small(3)).await.unwrap();
    // A port nothing listens on: the Zoom "tenant" is unreachable.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let text = config_for(&sandbox, true)
        .replace(
            &sandbox.info().zoom.base_url,
            &format!("http://{closed}/v2"),
        )
        .replace(
            &sandbox.info().zoom.token_url,
            &format!("http://{closed}/oauth/token"),
        );
    let config = Config::parse(&text, Path::new("sandbox.toml")).unwrap();
    let secrets = secrets_for(&sandbox);
    secrets.set("nexhealth.api_key", "revoked").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let desk = Desk::open(config, &secrets, dir.path(), &keys, "test").unwrap();

    let (progress, mut events) = frontdesk_core::sync::progress_channel();
    let report = desk.sync_all(progress).await;
    let state = |v| report.vendor(v).unwrap().status.state;
    assert_eq!(state(Vendor::Zoom), ConnectionState::Offline);
    assert_eq!(state(Vendor::Nexhealth), ConnectionState::NeedsAuth);
    assert_eq!(state(Vendor::Cxone), ConnectionState::Ok);
    assert_eq!(state(Vendor::Wellhive), ConnectionState::Ok);
    // No refresh token in the keychain: a person must sign in to Nextech first.
    assert_eq!(state(Vendor::Nextech), ConnectionState::NeedsAuth);
    let words = report
        .vendor(Vendor::Nexhealth)
        .unwrap()
        .status
        .last_error
        .clone();
    assert!(
        words.unwrap().contains("NexHealth"),
        "the error names the vendor"
    );
    assert!(report.vendor(Vendor::Cxone).unwrap().patients > 0);
    let mut finished = 0;
    while let Ok(e) = events.try_recv() {
        finished += usize::from(e.phase == Phase::Finished);
    }
    assert_eq!(finished, 5, "one final event per vendor");
    assert_eq!(
        desk.status_board().ensure_reachable(Vendor::Zoom),
        Err(frontdesk_core::CoreError::Offline {
            vendor: Some(Vendor::Zoom)
        })
    );
}
