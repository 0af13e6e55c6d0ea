//! The `frontdesk` commands end to end: the binary against the vendor sandbox, with the cache
//! key and the vendor secrets in a real OS keychain. As in `cli.rs`, each outer test re-runs
//! itself inside its own session bus with a fresh, unlocked GNOME keyring under a throwaway
//! HOME (`with-keyring.sh`), so nobody's keychain is touched; the inner run drives the binary.

use frontdesk_core::Vendor;
use frontdesk_core::config::Config;
use frontdesk_core::ports::{AppointmentFeed, PatientDirectory, SecretStore};
use frontdesk_desk::Clients;
use frontdesk_sandbox::{FaultConfig, Sandbox, SandboxHandle, SandboxOptions};
use frontdesk_store::{KeychainKeyProvider, Store};
use frontdesk_vendors::secrets::MemorySecrets;
use rand::Rng;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::{Run, bin, done, frontdesk, frontdesk_env, inside_keyring};

fn frontdesk_stdin(args: &[&str], input: &str) -> Run {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    done(&child.wait_with_output().unwrap())
}

fn data_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("FRONTDESK_DATA_DIR").unwrap())
}

// ---------------------------------------------------------------------------------------------
// demo -> secrets -> sync -> schedule -> doctor, then the sandbox stops and the schedule still
// prints from the cache.

#[test]
fn demo_then_sync_schedule_and_doctor_and_the_schedule_survives_an_outage() {
    if !inside_keyring(
        module_path!(),
        "demo_then_sync_schedule_and_doctor_and_the_schedule_survives_an_outage",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("demo.toml");
    let config = config.to_str().unwrap();
    let mut demo = bin()
        .args([
            "demo",
            "--seed",
            "3",
            "--patients",
            "30",
            "--write-config",
            config,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(demo.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let ready: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(ready["event"], "ready");
    assert_eq!(ready["config"], config);
    assert_eq!(ready["secrets"], "keychain");
    for v in ["cxone", "zoom", "nextech", "nexhealth", "wellhive"] {
        assert!(
            ready["baseUrls"][v]
                .as_str()
                .unwrap()
                .starts_with("http://127.0.0.1:"),
            "{v}"
        );
    }
    assert!(!first.contains("secret\":"), "no secret values on stdout");

    check_secrets();

    let sync = frontdesk(&["--config", config, "sync", "--json"]);
    assert_eq!(sync.code, 0, "{}\n{}", sync.stdout, sync.stderr);
    let report = sync.json();
    let vendors = report["vendors"].as_array().unwrap();
    assert_eq!(vendors.len(), 5);
    for r in vendors {
        assert_eq!(r["status"]["state"], "ok", "{r}");
    }
    // One vendor only, by name; a vendor the file does not have is bad input.
    let only = frontdesk(&["--config", config, "sync", "--vendor", "cxone", "--json"]);
    assert_eq!(only.code, 0, "{}", only.stderr);
    assert_eq!(only.json()["vendors"].as_array().unwrap().len(), 1);

    let sheet = check_schedule(config);

    let doctor = frontdesk(&["--config", config, "doctor", "--json"]);
    assert_eq!(doctor.code, 0, "{}\n{}", doctor.stdout, doctor.stderr);
    let doctor = doctor.json();
    assert_eq!(doctor["vendors"].as_array().unwrap().len(), 5);
    assert_eq!(doctor["cache"]["ok"], true);
    assert_eq!(doctor["keychain"]["ok"], true);
    assert_eq!(doctor["outbox"]["queued"], 0);

    // SIGTERM ends the demo cleanly; the vendors are gone.
    Command::new("kill")
        .args(["-TERM", &demo.id().to_string()])
        .status()
        .unwrap();
    assert!(demo.wait().unwrap().success());

    // Offline start: a new process, every vendor unreachable, the day still there with its age.
    let offline = frontdesk(&["--config", config, "schedule", "--json"]);
    assert_eq!(offline.code, 0, "{}", offline.stderr);
    let offline = offline.json();
    assert_eq!(offline["asOf"], sheet["asOf"]);
    assert_eq!(offline["appointments"], sheet["appointments"]);
    let text = frontdesk(&["--config", config, "schedule"]);
    assert!(text.stdout.starts_with("as of "), "{}", text.stdout);

    let down = frontdesk(&["--config", config, "sync", "--json"]);
    assert_eq!(down.code, 3, "{}", down.stderr);
    for r in down.json()["vendors"].as_array().unwrap() {
        assert_eq!(r["status"]["state"], "offline", "{r}");
    }
    assert_eq!(frontdesk(&["--config", config, "doctor"]).code, 3);

    check_config_errors(dir.path());

    // A keychain holding another desk's credentials is not overwritten by a demo.
    assert_eq!(
        frontdesk_stdin(&["secrets", "set", "cxone.client_secret"], "the-real-one").code,
        0
    );
    let refused = frontdesk(&["demo", "--seed", "3", "--patients", "5"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("--replace-secrets"),
        "{}",
        refused.stderr
    );
}

fn check_secrets() {
    // The demo left its credentials in the keychain; list says where each one is, never what.
    let list = frontdesk(&["secrets", "list", "--json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let present: Vec<(String, bool)> = list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["inKeychain"].as_bool().unwrap(),
            )
        })
        .collect();
    for name in [
        "cxone.client_secret",
        "zoom.client_secret",
        "nexhealth.api_key",
        "nextech.refresh_token",
    ] {
        assert!(
            present.contains(&(name.to_owned(), true)),
            "{name}: {present:?}"
        );
    }
    // set (from stdin) / delete round trip on a secret the demo does not use.
    let set = frontdesk_stdin(
        &["secrets", "set", "wellhive.private_key"],
        "-----BEGIN KEY-----\nabc\n-----END KEY-----\n",
    );
    assert_eq!(set.code, 0, "{}", set.stderr);
    assert!(!set.stdout.contains("abc"));
    let listed = frontdesk(&["secrets", "list"]).stdout;
    assert!(listed.contains("wellhive.private_key") && !listed.contains("abc"));
    assert_eq!(
        frontdesk(&["secrets", "delete", "wellhive.private_key"]).code,
        0
    );
    assert_eq!(
        frontdesk_stdin(&["secrets", "set", "cxone.nope"], "x").code,
        2
    );
    assert_eq!(
        frontdesk_stdin(&["secrets", "set", "zoom.client_secret"], "").code,
        2
    );
}

fn check_schedule(config: &str) -> Value {
    let sheet = frontdesk(&["--config", config, "schedule", "--json"]);
    assert_eq!(sheet.code, 0, "{}", sheet.stderr);
    let sheet = sheet.json();
    assert!(sheet["asOf"].is_string());
    let rows = sheet["appointments"].as_array().unwrap();
    assert!(!rows.is_empty(), "the demo schedules appointments today");
    for r in rows {
        for key in [
            "id",
            "vendor",
            "externalId",
            "providerId",
            "start",
            "end",
            "status",
            "mode",
        ] {
            assert!(!r[key].is_null(), "{key} missing in {r}");
        }
        assert!(r.get("patientId").is_some() && r.get("locationId").is_some());
        let start = chrono::DateTime::parse_from_rfc3339(r["start"].as_str().unwrap()).unwrap();
        assert_ne!(
            start.offset().local_minus_utc(),
            0,
            "local offset, not UTC: {r}"
        );
        assert!(["inPerson", "telehealth", "referral"].contains(&r["mode"].as_str().unwrap()));
    }
    let location = rows
        .iter()
        .find_map(|r| r["locationId"].as_str())
        .unwrap()
        .to_owned();
    let one = frontdesk(&[
        "--config",
        config,
        "schedule",
        "--location",
        &location,
        "--json",
    ])
    .json();
    assert!(
        one["appointments"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["locationId"] == location.as_str())
    );
    assert_eq!(frontdesk(&["schedule", "--date", "21/11/2026"]).code, 2);
    assert_eq!(frontdesk(&["schedule", "--location", "nowhere:1"]).code, 2);

    sheet
}

fn check_config_errors(dir: &Path) {
    // A config error names the file, the line and the key.
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "[practice]\nname = \"x\"\n\n[cxone]\nplan = \"gold\"\n",
    )
    .unwrap();
    let wrong = frontdesk(&["--config", bad.to_str().unwrap(), "sync"]);
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    assert!(wrong.stderr.contains("bad.toml:5"), "{}", wrong.stderr);
    assert!(wrong.stderr.contains("cxone.plan"), "{}", wrong.stderr);
}

// ---------------------------------------------------------------------------------------------
// A sandbox in this process, secrets from FRONTDESK_* variables, the cache key in the keychain.

fn config_text(s: &SandboxHandle, cxone_base: Option<&str>) -> String {
    let i = s.info();
    let locations: Vec<String> = i
        .nexhealth
        .location_ids
        .iter()
        .map(ToString::to_string)
        .collect();
    format!(
        "[practice]\nname = \"CLI Clinic\"\n\n[sync]\nappointments_days_back = 3\nappointments_days_ahead = 3\n\n\
         [cxone]\nbase_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\nplan = \"{}\"\n\n\
         [zoom]\nbase_url = \"{}\"\ntoken_url = \"{}\"\naccount_id = \"{}\"\nclient_id = \"{}\"\nuser_id = \"{}\"\n\n\
         [nexhealth]\nbase_url = \"{}\"\nsubdomain = \"{}\"\nlocation_ids = [{}]\n",
        cxone_base.unwrap_or(&i.cxone.base_url),
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

fn env_secrets(s: &SandboxHandle) -> Vec<(String, String)> {
    let i = s.info();
    vec![
        (
            "FRONTDESK_CXONE_CLIENT_SECRET".into(),
            i.cxone.client_secret.clone(),
        ),
        (
            "FRONTDESK_ZOOM_CLIENT_SECRET".into(),
            i.zoom.client_secret.clone(),
        ),
        (
            "FRONTDESK_NEXHEALTH_API_KEY".into(),
            i.nexhealth.api_key.clone(),
        ),
    ]
}

fn clients(s: &SandboxHandle, config: &Path) -> Clients {
    let i = s.info();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::with(&[
        ("cxone.client_secret", i.cxone.client_secret.as_str()),
        ("zoom.client_secret", i.zoom.client_secret.as_str()),
        ("nexhealth.api_key", i.nexhealth.api_key.as_str()),
    ]));
    Clients::build(&Config::load(config).unwrap(), &secrets).unwrap()
}

async fn all_patients(feed: &dyn PatientDirectory) -> Vec<frontdesk_core::ExternalId> {
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

async fn todays_appointments(
    feed: &dyn AppointmentFeed,
) -> Vec<frontdesk_core::appointment::Appointment> {
    let today = chrono::Utc::now().date_naive();
    let (mut out, mut cursor) = (Vec::new(), None);
    loop {
        let page = feed.appointments_page(today, today, cursor).await.unwrap();
        out.extend(page.items);
        match page.next {
            Some(n) => cursor = Some(n),
            None => return out,
        }
    }
}

/// The cache holds what the sandbox holds within the retention window (today's NexHealth and
/// Zoom appointments with their times and states, each NexHealth one tied to the desk person of
/// its patient), and SQLite finds nothing wrong. Directory patients with no visit in the window
/// are purged after a pass that ended well, so they are not expected.
async fn assert_converged(store: &Store, clients: &Clients) {
    assert_eq!(store.integrity_problems().unwrap(), Vec::<String>::new());
    let nexhealth = clients.nexhealth.clone().unwrap();
    let zoom = clients.zoom.clone().unwrap();
    for want in todays_appointments(nexhealth.as_ref()).await {
        let patient = want.patient_external_id.as_ref().unwrap();
        let person = store.patient_id_for(Vendor::Nexhealth, patient).unwrap();
        assert!(person.is_some(), "the patient of {} is kept", want.id);
        assert_eq!(store.appointment(&want.id).unwrap().patient_id, person);
    }
    let mut expected = todays_appointments(nexhealth.as_ref()).await;
    expected.extend(todays_appointments(zoom.as_ref()).await);
    assert!(!expected.is_empty());
    for want in expected {
        let got = store.appointment(&want.id).unwrap();
        assert_eq!(
            (got.start, &got.status),
            (want.start, &want.status),
            "{}",
            want.id
        );
    }
}

fn small_sandbox(rt: &tokio::runtime::Runtime, seed: u64) -> SandboxHandle {
    rt.block_on(Sandbox::start(SandboxOptions {
        patients: 60,
        days: 8,
        ..SandboxOptions::small(seed)
    }))
    .unwrap()
}

#[test]
fn kill_9_mid_sync_twenty_times_leaves_a_sound_cache_that_a_clean_pass_completes() {
    if !inside_keyring(
        module_path!(),
        "kill_9_mid_sync_twenty_times_leaves_a_sound_cache_that_a_clean_pass_completes",
    ) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sandbox = small_sandbox(&rt, 21);
    // A little latency spreads a pass over enough time for the kills to land inside it.
    for vendor in [
        frontdesk_sandbox::Vendor::Nexhealth,
        frontdesk_sandbox::Vendor::Cxone,
    ] {
        sandbox.faults().set(
            vendor,
            FaultConfig {
                latency_ms: 8,
                ..FaultConfig::default()
            },
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, config_text(&sandbox, None)).unwrap();
    let cfg = config.to_str().unwrap();
    let env = env_secrets(&sandbox);

    let mut rng = rand::rng();
    let (mut killed, mut finished) = (0, 0);
    // Kill points are drawn below the shortest pass seen so far: later passes are incremental
    // and quicker than the first, and a kill after the process has exited tests nothing.
    let mut upper_ms: u64 = 1_500;
    for _ in 0..20 {
        let mut cmd = bin();
        cmd.args(["--config", cfg, "sync", "--json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let mut child = cmd.spawn().unwrap();
        let deadline = started + Duration::from_millis(rng.random_range(20..upper_ms.max(40)));
        while Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if child.try_wait().unwrap().is_some() {
            finished += 1;
            let took = u64::try_from(started.elapsed().as_millis()).unwrap();
            upper_ms = upper_ms.min(took * 9 / 10);
        } else {
            child.kill().unwrap(); // SIGKILL: no destructor, no rollback handler, nothing runs.
            child.wait().unwrap();
            killed += 1;
        }
    }
    assert!(
        killed >= 10,
        "only {killed} of 20 runs were killed mid-sync ({finished} finished)"
    );

    sandbox.faults().clear_all();
    let clean = frontdesk_env(&["--config", cfg, "sync", "--json"], &env);
    assert_eq!(clean.code, 0, "{}\n{}", clean.stdout, clean.stderr);
    let store = Store::open(&data_dir(), &KeychainKeyProvider, "test").unwrap();
    rt.block_on(assert_converged(&store, &clients(&sandbox, &config)));
    eprintln!("report: kill -9: {killed} killed mid-sync, {finished} finished first");
}

#[test]
fn a_callback_made_during_an_outage_reaches_cxone_once_after_restarts() {
    if !inside_keyring(
        module_path!(),
        "a_callback_made_during_an_outage_reaches_cxone_once_after_restarts",
    ) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sandbox = small_sandbox(&rt, 22);
    let dir = tempfile::tempdir().unwrap();
    let up = dir.path().join("up.toml");
    std::fs::write(&up, config_text(&sandbox, None)).unwrap();
    // The same practice with CXone's network down: a port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let down = dir.path().join("down.toml");
    std::fs::write(
        &down,
        config_text(&sandbox, Some(&format!("http://{closed}/healthcare/v1"))),
    )
    .unwrap();
    let (up, down) = (up.to_str().unwrap(), down.to_str().unwrap());
    let env = env_secrets(&sandbox);

    assert_eq!(frontdesk_env(&["--config", up, "sync"], &env).code, 0);
    let patient = {
        let store = Store::open(&data_dir(), &KeychainKeyProvider, "test").unwrap();
        let cx = clients(&sandbox, Path::new(up)).cxone.unwrap();
        let ids = rt.block_on(all_patients(cx.as_ref()));
        store
            .patient_id_for(Vendor::Cxone, &ids[0])
            .unwrap()
            .unwrap()
    };

    let made = frontdesk_env(
        &[
            "--config",
            down,
            "callback",
            "--patient",
            &patient.0,
            "--at",
            "2026-12-01T15:00:00-05:00",
            "--reason",
            "billing question",
            "--json",
        ],
        &env,
    );
    assert_eq!(made.code, 0, "{}\n{}", made.stdout, made.stderr);
    let made = made.json();
    assert_eq!(made["state"], "queued");
    let id = made["id"].as_str().unwrap().to_owned();

    // Still down: the sync says so (exit 3) and the callback keeps waiting.
    let outage = frontdesk_env(&["--config", down, "sync"], &env);
    assert_eq!(outage.code, 3, "{}", outage.stderr);
    assert_eq!(
        frontdesk_env(&["--config", down, "doctor", "--json"], &env).json()["outbox"]["queued"],
        1
    );
    // Back: the next sync (a new process: a restart) sends it; later ones do not send it again.
    for _ in 0..2 {
        assert_eq!(frontdesk_env(&["--config", up, "sync"], &env).code, 0);
    }
    let store = Store::open(&data_dir(), &KeychainKeyProvider, "test").unwrap();
    let items = store.outbox_all().unwrap();
    assert_eq!(items.len(), 1);
    let frontdesk_store::OutboxItem::Callback(cb) = &items[0] else {
        panic!("{items:?}")
    };
    assert_eq!(cb.id, id);
    let frontdesk_core::contact::OutboxState::Sent { external_id, .. } = &cb.state else {
        panic!("{:?}", cb.state)
    };
    let at_cxone = sandbox
        .entity(frontdesk_sandbox::Vendor::Cxone, "callback", &external_id.0)
        .unwrap();
    assert_eq!(
        at_cxone["attributes"]["frontdeskIdempotencyKey"],
        id.as_str()
    );
    let doctor = frontdesk_env(&["--config", up, "doctor", "--json"], &env).json();
    assert_eq!(doctor["outbox"]["sent"], 1);
    assert_eq!(doctor["outbox"]["queued"], 0);
}
