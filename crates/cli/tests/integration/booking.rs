//! `frontdesk slots`, `book` and `cancel` end to end: the binary against the demo practice's
//! sandbox, the cache key in a real OS keychain (each outer test re-runs itself inside its own
//! keyring session, see `common`). Every kind of visit is searched, booked, confirmed and
//! cancelled; a slot booked twice exits 5 with the next slots; bad input exits 2.

use chrono::{Days, Utc};
use frontdesk_core::Vendor;
use frontdesk_core::ports::{AppointmentFeed, CareNavigation, PatientDirectory};
use frontdesk_desk::demo::{DemoOptions, DemoPractice};
use frontdesk_store::{KeychainKeyProvider, Store};
use serde_json::Value;
use std::path::{Path, PathBuf};

use crate::common::{Run, frontdesk_env, inside_keyring};

fn data_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("FRONTDESK_DATA_DIR").unwrap())
}

/// The demo's config without Nextech (it wants a browser sign-in the CLI test has no use for).
fn config_without_nextech(demo: &DemoPractice, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(&demo.config.path).unwrap();
    let kept: Vec<&str> = text
        .split("\n[")
        .filter(|section| !section.starts_with("nextech]"))
        .collect();
    let path = dir.join("booking.toml");
    std::fs::write(&path, kept.join("\n[")).unwrap();
    path
}

fn env(demo: &DemoPractice) -> Vec<(String, String)> {
    let i = demo.info();
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

struct Cli {
    config: String,
    env: Vec<(String, String)>,
}

impl Cli {
    fn run(&self, args: &[&str]) -> Run {
        let mut all = vec!["--config", self.config.as_str()];
        all.extend_from_slice(args);
        frontdesk_env(&all, &self.env)
    }

    fn ok(&self, args: &[&str]) -> Value {
        let run = self.run(args);
        assert_eq!(run.code, 0, "{args:?}\n{}\n{}", run.stdout, run.stderr);
        run.json()
    }

    fn slots(&self, mode: &str, extra: &[&str]) -> Vec<Value> {
        let today = Utc::now().date_naive();
        let (from, to) = (
            (today + Days::new(1)).to_string(),
            (today + Days::new(6)).to_string(),
        );
        let mut args = vec![
            "slots", "--from", &from, "--to", &to, "--mode", mode, "--json",
        ];
        args.extend_from_slice(extra);
        let out = self.ok(&args);
        for o in out["outcomes"].as_array().unwrap() {
            assert_eq!(o["state"]["state"], "ok", "{o}");
        }
        out["slots"].as_array().unwrap().clone()
    }
}

fn desk_patient(vendor: Vendor, ids: &[frontdesk_core::ExternalId]) -> String {
    let store = Store::open(&data_dir(), &KeychainKeyProvider, "test").unwrap();
    ids.iter()
        .find_map(|id| store.patient_id_for(vendor, id).unwrap())
        .unwrap_or_else(|| panic!("no {vendor} patient linked"))
        .0
}

fn book(cli: &Cli, slot: &Value, patient: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "book",
        "--slot",
        slot["id"].as_str().unwrap(),
        "--patient",
        patient,
        "--json",
    ];
    args.extend_from_slice(extra);
    cli.ok(&args)
}

fn cancel(cli: &Cli, appointment: &str, extra: &[&str]) {
    let mut args = vec!["cancel", appointment, "--json"];
    args.extend_from_slice(extra);
    let out = cli.ok(&args);
    assert_eq!(out["status"]["state"], "cancelled", "{out}");
}

#[test]
fn every_kind_of_visit_books_confirms_and_cancels_and_a_double_booking_exits_5() {
    if !inside_keyring(
        module_path!(),
        "every_kind_of_visit_books_confirms_and_cancels_and_a_double_booking_exits_5",
    ) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let demo = rt
        .block_on(DemoPractice::start(&DemoOptions {
            seed: 808,
            patients: 40,
            dir: dir.path().join("demo"),
        }))
        .unwrap();
    let config = config_without_nextech(&demo, dir.path());
    let cli = Cli {
        config: config.to_str().unwrap().to_owned(),
        env: env(&demo),
    };
    assert_eq!(cli.run(&["sync"]).code, 0);
    let clients = frontdesk_desk::Clients::build(&demo.config, &demo.secrets).unwrap();

    in_person(&cli, &rt, &clients);
    telehealth(&cli, &rt, &clients);
    referral(&cli, &rt, &clients);
}

fn in_person(cli: &Cli, rt: &tokio::runtime::Runtime, clients: &frontdesk_desk::Clients) {
    // In person: the slot list's shape, a booking waited for, a second booking of the same
    // slot refused with the next times (exit 5), a cancel.
    let nh = clients.nexhealth.clone().unwrap();
    let nh_ids: Vec<_> = rt
        .block_on(nh.patients_page(None, None))
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.external_id)
        .collect();
    let patient = desk_patient(Vendor::Nexhealth, &nh_ids);
    let other = desk_patient(Vendor::Nexhealth, &nh_ids[1..]);
    let slots = cli.slots("in-person", &[]);
    let slot = slots.first().expect("an in-person slot").clone();
    for key in [
        "id",
        "vendor",
        "mode",
        "providerId",
        "locationId",
        "start",
        "end",
    ] {
        assert!(!slot[key].is_null(), "{key} missing: {slot}");
    }
    assert_eq!(slot["mode"], "inPerson");
    let booked = book(cli, &slot, &patient, &[]);
    assert_eq!(booked["settled"]["outcome"], "confirmed", "{booked}");
    let appointment = booked["booking"]["appointment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let again = cli.run(&[
        "book",
        "--slot",
        slot["id"].as_str().unwrap(),
        "--patient",
        &other,
        "--json",
    ]);
    assert_eq!(again.code, 5, "{}\n{}", again.stdout, again.stderr);
    let again = again.json();
    assert_eq!(again["error"], "conflict");
    assert!(
        !again["nextSlots"].as_array().unwrap().is_empty(),
        "{again}"
    );
    cancel(cli, &appointment, &[]);
    bad_input(cli, &patient);
    // Without waiting: pending at the vendor, nothing settled yet.
    let quick = book(cli, &slots[1], &patient, &["--no-wait"]);
    assert_eq!(quick["booking"]["settling"], true, "{quick}");
    assert!(quick["settled"].is_null());
    assert_eq!(
        quick["booking"]["appointment"]["status"]["state"],
        "pending"
    );
}

fn telehealth(cli: &Cli, rt: &tokio::runtime::Runtime, clients: &frontdesk_desk::Clients) {
    // Telehealth: a Zoom patient, a 20-minute follow-up.
    let zoom = clients.zoom.clone().unwrap();
    let today = Utc::now().date_naive();
    let zoom_ids: Vec<_> = rt
        .block_on(zoom.appointments_page(today - Days::new(14), today + Days::new(14), None))
        .unwrap()
        .items
        .into_iter()
        .filter_map(|a| a.patient_external_id)
        .collect();
    let video_patient = desk_patient(Vendor::Zoom, &zoom_ids);
    let video = cli.slots("telehealth", &[]);
    let visit = book(
        cli,
        video.first().expect("a telehealth slot"),
        &video_patient,
        &["--visit-type", "follow_up", "--minutes", "20"],
    );
    assert_eq!(
        visit["booking"]["appointment"]["visit"]["mode"],
        "telehealth"
    );
    assert!(visit["booking"]["telehealth"]["patientJoinUrl"].is_string());
    cancel(
        cli,
        visit["booking"]["appointment"]["id"].as_str().unwrap(),
        &[],
    );
}

fn referral(cli: &Cli, rt: &tokio::runtime::Runtime, clients: &frontdesk_desk::Clients) {
    // Referral out: a patient with an approved referral, slots under it, submitted, cancelled.
    let wh = clients.wellhive.clone().unwrap();
    let cx = clients.cxone.clone().unwrap();
    let people = rt.block_on(cx.patients_page(None, None)).unwrap().items;
    let referred = people
        .iter()
        .find(|p| {
            p.mrn.as_ref().is_some_and(|mrn| {
                rt.block_on(CareNavigation::referrals(
                    wh.as_ref(),
                    &frontdesk_core::ExternalId(mrn.clone()),
                ))
                .is_ok_and(|list| list.iter().any(|r| r.status.as_deref() == Some("approved")))
            })
        })
        .expect("a patient with an approved referral");
    let referred = desk_patient(Vendor::Cxone, std::slice::from_ref(&referred.external_id));
    let referral_slots = cli.slots("referral", &["--patient", &referred]);
    let submitted = book(
        cli,
        referral_slots.first().expect("a referral slot"),
        &referred,
        &[
            "--attribute",
            "gender=unknown",
            "--attribute",
            "address=1 Main St",
        ],
    );
    assert_eq!(submitted["booking"]["appointment"]["vendor"], "wellhive");
    assert_ne!(submitted["settled"]["outcome"], "failed", "{submitted}");
    cancel(
        cli,
        submitted["booking"]["appointment"]["id"].as_str().unwrap(),
        &[],
    );
}

fn bad_input(cli: &Cli, patient: &str) {
    // Bad input is exit 2.
    assert_eq!(
        cli.run(&["slots", "--from", "2026-13-01", "--to", "2026-12-02"])
            .code,
        2
    );
    assert_eq!(
        cli.run(&["book", "--slot", "nexhealth|1|2", "--patient", patient])
            .code,
        2
    );
    assert_eq!(
        cli.run(&["cancel", "nexhealth:no-such-appointment"]).code,
        2
    );
}
