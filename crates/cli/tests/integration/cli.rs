//! The `frontdesk` binary end to end against a real OS keychain: each test run gets its own
//! session bus and a fresh, unlocked GNOME keyring under a throwaway HOME (see
//! `with-keyring.sh`), so nobody's own keychain is touched. The outer test re-runs itself inside
//! that session; the inner run seeds the cache through the store library and drives the binary.

use frontdesk_core::ids::{ExternalId, Vendor};
use frontdesk_core::patient::{Phone, PhoneKind, VendorPatient};
use frontdesk_store::{KeychainKeyProvider, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const INNER: &str = "FRONTDESK_CLI_TEST_INNER";

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/with-keyring.sh")
}

fn in_keyring_session(
    home: &Path,
    data: &Path,
    program: &Path,
    args: &[&str],
    inner: bool,
) -> Output {
    let mut cmd = Command::new("dbus-run-session");
    cmd.arg("--").arg(script()).arg(program).args(args);
    cmd.env("HOME", home)
        .env("FRONTDESK_DATA_DIR", data)
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
    if inner {
        cmd.env(INNER, "1");
    }
    cmd.output()
        .expect("dbus-run-session and gnome-keyring must be installed (see TOOLCHAIN.md)")
}

fn frontdesk(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn record(
    vendor: Vendor,
    id: &str,
    given: &str,
    family: &str,
    dob: (i32, u32, u32),
    phone: &str,
    mrn: Option<&str>,
) -> VendorPatient {
    VendorPatient {
        vendor,
        external_id: ExternalId(id.to_owned()),
        given_name: given.to_owned(),
        family_name: family.to_owned(),
        middle_name: None,
        birth_date: chrono::NaiveDate::from_ymd_opt(dob.0, dob.1, dob.2),
        mrn: mrn.map(str::to_owned),
        phones: vec![Phone {
            number: phone.to_owned(),
            kind: PhoneKind::Mobile,
        }],
        email: None,
        preferred_language: None,
        communication: None,
        updated_at: None,
    }
}

#[test]
fn cli_searches_shows_and_audits_with_the_key_in_the_os_keychain() {
    if std::env::var_os(INNER).is_some() {
        inner();
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let me = std::env::current_exe().unwrap();
    let out = in_keyring_session(
        home.path(),
        data.path(),
        &me,
        &[
            "--exact",
            &crate::common::test_path(
                module_path!(),
                "cli_searches_shows_and_audits_with_the_key_in_the_os_keychain",
            ),
            "--nocapture",
        ],
        true,
    );
    assert!(
        out.status.success(),
        "inner run failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"));

    // Another keychain (another HOME) does not hold this cache's key: locked, exit 4, with a way out.
    let other_home = tempfile::tempdir().unwrap();
    let out = in_keyring_session(
        other_home.path(),
        data.path(),
        Path::new(env!("CARGO_BIN_EXE_frontdesk")),
        &["patients", "search", "nguyen"],
        false,
    );
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("aside"));
}

fn inner() {
    let data = PathBuf::from(std::env::var_os("FRONTDESK_DATA_DIR").unwrap());
    {
        let store = Store::open(&data, &KeychainKeyProvider, "test:seed").unwrap();
        store
            .upsert_vendor_patients(&[
                record(
                    Vendor::Nextech,
                    "501",
                    "Minh",
                    "Nguyen",
                    (1964, 5, 3),
                    "2025550101",
                    Some("0042"),
                ),
                record(
                    Vendor::Cxone,
                    "pt-12345",
                    "Minh",
                    "Nguyen",
                    (1964, 5, 3),
                    "2025550101",
                    Some("0042"),
                ),
                record(
                    Vendor::Nexhealth,
                    "9002",
                    "Thi",
                    "Nguyen",
                    (1970, 1, 2),
                    "2025550199",
                    None,
                ),
            ])
            .unwrap();
    }

    let (code, stdout, stderr) = frontdesk(&["patients", "search", "nguy 5/3/64", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let found: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = &found[0];
    assert_eq!(first["givenName"], "Minh");
    assert_eq!(first["familyName"], "Nguyen");
    assert_eq!(first["birthDate"], "1964-05-03");
    assert_eq!(first["phones"][0]["number"], "2025550101");
    let links = first["links"].as_array().unwrap();
    assert_eq!(links.len(), 2);
    assert!(
        links
            .iter()
            .any(|l| l["vendor"] == "cxone" && l["externalId"] == "pt-12345")
    );
    let id = first["id"].as_str().unwrap().to_owned();

    let (code, stdout, _) = frontdesk(&["patients", "search", "nguyen", "--limit", "5"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");

    let (code, stdout, _) = frontdesk(&["patients", "show", &id, "--json"]);
    assert_eq!(code, 0);
    let card: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(card["id"], id.as_str());
    assert_eq!(card["birthDate"], "1964-05-03");

    assert_eq!(frontdesk(&["patients", "show", "no-such-id"]).0, 2);
    assert_eq!(
        frontdesk(&["patients", "search", &"a".repeat(10 * 1024)]).0,
        2
    );
    assert_eq!(frontdesk(&["patients", "search", "x", "--limit", "0"]).0, 2);
    assert_eq!(frontdesk(&["patients", "frobnicate"]).0, 2);
    assert_eq!(
        frontdesk(&["patients", "search", "NEAR(\"x\" *) OR 1=1; --"]).0,
        0
    );

    let (code, stdout, _) = frontdesk(&["audit", "verify"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("intact"));
    let (code, stdout, _) = frontdesk(&["audit", "export", "--json"]);
    assert_eq!(code, 0);
    let entries: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let entries = entries.as_array().unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "patient.read" && e["patientId"] == id.as_str())
    );
    assert!(
        !stdout.to_lowercase().contains("nguy"),
        "no query text or names in the audit log"
    );
}
