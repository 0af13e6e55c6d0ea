//! Settings' vendor connections against real files and the sandbox on loopback: what is read
//! (never a secret's value), what a save writes (only the vendor's keys, comments kept, the
//! file replaced whole and private), what a bad field writes (nothing), and "Test connection"
//! and Nextech's browser sign-in against each vendor's real auth.

use frontdesk_core::config::Config;
use frontdesk_core::ports::SecretStore;
use frontdesk_core::{CoreError, Vendor};
use frontdesk_desk::connections::{
    self, ConnectionCheck, FailureReason, PracticeForm, VendorUpdate,
};
use frontdesk_sandbox::{Sandbox, SandboxInfo, SandboxOptions};
use frontdesk_vendors::secrets::MemorySecrets;
use std::collections::BTreeMap;
use std::sync::Arc;

const FILE: &str = r#"# Riverside's desk. Keep this comment.
[practice]
name = "Riverside"   # as the staff say it
timezone = "America/Chicago"

[sync]
appointments_days_back = 7   # a week is enough here

[cxone]
client_id = "desk"           # issued by NICE
plan = "basic"
rate_share = 0.25            # three desks share the tenant
"#;

fn update(vendor: Vendor, pairs: &[(&str, &str)], secret: Option<&str>) -> VendorUpdate {
    VendorUpdate {
        vendor,
        enabled: true,
        values: pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
        secret: secret.map(str::to_owned),
    }
}

fn memory(pairs: &[(&str, &str)]) -> Arc<dyn SecretStore> {
    Arc::new(MemorySecrets::with(pairs))
}

fn invalid_field(result: Result<impl std::fmt::Debug, CoreError>) -> String {
    match result {
        Err(CoreError::Invalid { field, .. }) => field,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn settings_say_whether_each_secret_is_set_and_never_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, FILE).unwrap();
    let secrets = memory(&[("cxone.client_secret", "s3cr3t-value-xyz")]);
    let settings = connections::read_settings(&path, secrets.as_ref()).unwrap();
    assert!(settings.file_exists);
    assert_eq!(settings.practice.name, "Riverside");
    let cxone = &settings.vendors[0];
    assert_eq!(cxone.vendor, Vendor::Cxone);
    assert!(cxone.present && cxone.enabled && cxone.secret.set);
    assert_eq!(cxone.values["rate_share"], "0.25");
    assert_eq!(cxone.values["token_url"], "", "not in the file");
    assert_eq!(
        cxone.defaults["token_url"],
        "https://auth.cxone.com/oauth/token"
    );
    let zoom = &settings.vendors[1];
    assert!(!zoom.present && !zoom.secret.set);
    let json = serde_json::to_string(&settings).unwrap();
    assert!(
        !json.contains("s3cr3t"),
        "the secret's value never leaves: {json}"
    );
}

#[test]
fn saving_a_vendor_changes_its_keys_keeps_the_rest_and_replaces_the_file_privately() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, FILE).unwrap();
    let secrets = memory(&[]);
    connections::save_vendor(
        &path,
        secrets.as_ref(),
        &update(
            Vendor::Cxone,
            &[
                ("client_id", "desk-2"),
                ("plan", "enterprise"),
                ("rate_share", "0.5"),
            ],
            Some("new-secret"),
        ),
    )
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for kept in [
        "# Riverside's desk. Keep this comment.",
        "name = \"Riverside\"   # as the staff say it",
        "appointments_days_back = 7   # a week is enough here",
        "# issued by NICE",
        "# three desks share the tenant",
    ] {
        assert!(text.contains(kept), "{kept:?} kept in:\n{text}");
    }
    assert!(text.contains("client_id = \"desk-2\""), "{text}");
    assert!(text.contains("rate_share = 0.5"), "{text}");
    let config = Config::load(&path).unwrap();
    let cxone = config.cxone.unwrap();
    assert_eq!(cxone.client_id, "desk-2");
    assert!((cxone.rate_share.get() - 0.5).abs() < f64::EPSILON);
    assert_eq!(config.sync.appointments_days_back, 7);
    assert_eq!(
        secrets.get("cxone.client_secret").unwrap().as_deref(),
        Some("new-secret")
    );
    assert!(!text.contains("new-secret"), "secrets never reach the file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("config.toml")],
        "no temp file left"
    );
}

#[test]
fn a_wrong_field_writes_nothing_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, FILE).unwrap();
    let secrets = memory(&[]);
    let bad = update(
        Vendor::Cxone,
        &[
            ("client_id", "desk"),
            ("plan", "basic"),
            ("rate_share", "2"),
        ],
        Some("would-be-secret"),
    );
    assert_eq!(
        invalid_field(connections::save_vendor(&path, secrets.as_ref(), &bad)),
        "rate_share"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        FILE,
        "file untouched"
    );
    assert_eq!(
        secrets.get("cxone.client_secret").unwrap(),
        None,
        "secret untouched"
    );
}

#[test]
fn a_new_desk_saves_its_practice_first_then_its_vendors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk").join("config.toml");
    let secrets = memory(&[]);
    let settings = connections::read_settings(&path, secrets.as_ref()).unwrap();
    assert!(!settings.file_exists);
    assert!(settings.vendors.iter().all(|v| !v.present && !v.enabled));
    let nexhealth = update(
        Vendor::Nexhealth,
        &[("subdomain", "riverside"), ("location_ids", "101, 102")],
        Some("key"),
    );
    assert_eq!(
        invalid_field(connections::save_vendor(
            &path,
            secrets.as_ref(),
            &nexhealth
        )),
        "practice"
    );
    let practice = |zone: &str| PracticeForm {
        name: "Riverside".into(),
        timezone: zone.into(),
    };
    assert_eq!(
        invalid_field(connections::save_practice(&path, &practice("Nowhere/Else"))),
        "timezone"
    );
    connections::save_practice(&path, &practice("America/Denver")).unwrap();
    connections::save_vendor(&path, secrets.as_ref(), &nexhealth).unwrap();
    let config = Config::load(&path).unwrap();
    assert_eq!(config.practice.name, "Riverside");
    assert_eq!(config.practice.timezone, chrono_tz::America::Denver);
    assert_eq!(config.nexhealth.unwrap().location_ids, vec![101, 102]);
    assert!(config.cxone.is_none());
}

// ---- test connection and sign-in, against the sandbox on loopback ----

fn cxone_form(info: &SandboxInfo, secret: Option<&str>) -> VendorUpdate {
    update(
        Vendor::Cxone,
        &[
            ("base_url", &info.cxone.base_url),
            ("token_url", &info.cxone.token_url),
            ("client_id", &info.cxone.client_id),
            ("plan", &info.cxone.plan),
        ],
        secret,
    )
}

fn nextech_form(info: &SandboxInfo) -> VendorUpdate {
    update(
        Vendor::Nextech,
        &[
            ("base_url", &info.nextech.base_url),
            ("authorize_url", &info.nextech.authorize_url),
            ("token_url", &info.nextech.token_url),
            ("client_id", &info.nextech.client_id),
            ("resource", &info.nextech.resource),
            ("practice_id", &info.nextech.practice_id),
        ],
        None,
    )
}

fn refused(check: ConnectionCheck) -> frontdesk_desk::connections::VendorFailure {
    match check {
        ConnectionCheck::Refused { failure, .. } => failure,
        ConnectionCheck::Ok { .. } => panic!("expected the vendor to refuse"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_connection_signs_in_and_reads_or_says_what_the_vendor_said() {
    let sandbox = Sandbox::start(SandboxOptions::small(3)).await.unwrap();
    let info = sandbox.info().clone();
    let stored = memory(&[
        ("cxone.client_secret", info.cxone.client_secret.as_str()),
        ("zoom.client_secret", info.zoom.client_secret.as_str()),
        ("nexhealth.api_key", info.nexhealth.api_key.as_str()),
    ]);

    let ok = connections::test_connection(&stored, &cxone_form(&info, None))
        .await
        .unwrap();
    assert!(
        matches!(
            ok,
            ConnectionCheck::Ok {
                vendor: Vendor::Cxone,
                ..
            }
        ),
        "{ok:?}"
    );

    // A secret typed into the form is tried instead of the stored one, and not kept.
    let wrong = refused(
        connections::test_connection(&stored, &cxone_form(&info, Some("wrong")))
            .await
            .unwrap(),
    );
    assert_eq!(wrong.reason, FailureReason::Rejected);
    assert_eq!(wrong.step, "sign-in");
    assert_eq!(wrong.status, Some(401));
    assert!(wrong.code.is_some(), "the vendor's own code: {wrong:?}");
    assert!(wrong.message.is_some(), "the vendor's own words: {wrong:?}");
    assert_eq!(
        stored.get("cxone.client_secret").unwrap().as_deref(),
        Some(info.cxone.client_secret.as_str())
    );

    let nexhealth = update(
        Vendor::Nexhealth,
        &[
            ("base_url", &info.nexhealth.base_url),
            ("subdomain", &info.nexhealth.subdomain),
            ("location_ids", &info.nexhealth.location_ids[0].to_string()),
        ],
        None,
    );
    let ok = connections::test_connection(&stored, &nexhealth)
        .await
        .unwrap();
    assert!(matches!(ok, ConnectionCheck::Ok { .. }), "{ok:?}");
    let wrong_key = VendorUpdate {
        secret: Some("not-the-key".into()),
        ..nexhealth
    };
    let failure = refused(
        connections::test_connection(&stored, &wrong_key)
            .await
            .unwrap(),
    );
    assert_eq!(failure.reason, FailureReason::Rejected, "{failure:?}");
    assert_eq!(failure.status, Some(401));

    let missing = refused(
        connections::test_connection(&memory(&[]), &cxone_form(&info, None))
            .await
            .unwrap(),
    );
    assert_eq!(missing.reason, FailureReason::MissingSecret);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_connection_signs_in_to_zoom_and_to_wellhive_with_a_private_key_jwt() {
    let sandbox = Sandbox::start(SandboxOptions::small(5)).await.unwrap();
    let info = sandbox.info().clone();
    let stored = memory(&[("zoom.client_secret", info.zoom.client_secret.as_str())]);

    let zoom = update(
        Vendor::Zoom,
        &[
            ("base_url", &info.zoom.base_url),
            ("token_url", &info.zoom.token_url),
            ("account_id", &info.zoom.account_id),
            ("client_id", &info.zoom.client_id),
        ],
        None,
    );
    let ok = connections::test_connection(&stored, &zoom).await.unwrap();
    assert!(matches!(ok, ConnectionCheck::Ok { .. }), "{ok:?}");

    let wellhive = update(
        Vendor::Wellhive,
        &[
            ("base_url", &info.wellhive.base_url),
            ("token_url", &info.wellhive.token_url),
            ("audience", &info.wellhive.audience),
            ("client_id", &info.wellhive.client_id),
            ("algorithm", &info.wellhive.algorithm),
            (
                "private_key_path",
                &info.wellhive.private_key_path.display().to_string(),
            ),
        ],
        None,
    );
    let ok = connections::test_connection(&stored, &wellhive)
        .await
        .unwrap();
    assert!(matches!(ok, ConnectionCheck::Ok { .. }), "{ok:?}");
    let mut stranger = wellhive.clone();
    stranger
        .values
        .insert("client_id".into(), "someone-else".into());
    let failure = refused(
        connections::test_connection(&stored, &stranger)
            .await
            .unwrap(),
    );
    assert_eq!(failure.reason, FailureReason::Rejected, "{failure:?}");
    assert_eq!(failure.code.as_deref(), Some("invalid_client"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_vendor_is_offline_and_a_bad_form_is_invalid() {
    // A port nothing listens on: bind one, note it, let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nowhere = format!("http://127.0.0.1:{port}");
    let form = update(
        Vendor::Cxone,
        &[
            ("base_url", &format!("{nowhere}/healthcare/v1")),
            ("token_url", &format!("{nowhere}/oauth/token")),
            ("client_id", "desk"),
            ("plan", "basic"),
        ],
        Some("secret"),
    );
    let error = connections::test_connection(&memory(&[]), &form)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        CoreError::Offline {
            vendor: Some(Vendor::Cxone)
        }
    );
    let bad = update(Vendor::Cxone, &[("client_id", "desk")], None);
    assert_eq!(
        invalid_field(connections::test_connection(&memory(&[]), &bad).await),
        "plan"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nextech_signs_in_through_the_browser_with_pkce_and_keeps_the_refresh_token() {
    let sandbox = Sandbox::start(SandboxOptions::small(4)).await.unwrap();
    let info = sandbox.info().clone();
    let secrets = memory(&[]);
    let form = nextech_form(&info);

    let before = refused(connections::test_connection(&secrets, &form).await.unwrap());
    assert_eq!(before.reason, FailureReason::NeedsSignIn);

    // The "browser": fetch the authorize URL the desk opened; the sandbox consents and
    // redirects to the desk's loopback listener, which receives the code.
    let opened = Arc::new(std::sync::Mutex::new(Vec::<url::Url>::new()));
    let seen = opened.clone();
    let browser = move |url: &url::Url| -> Result<(), String> {
        seen.lock().unwrap().push(url.clone());
        let url = url.clone();
        tokio::spawn(async move {
            let _ = reqwest::get(url).await;
        });
        Ok(())
    };
    connections::sign_in_nextech(&secrets, &form, &browser)
        .await
        .unwrap();
    let url = opened.lock().unwrap()[0].clone();
    let query: BTreeMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(query["code_challenge_method"], "S256");
    assert!(query["redirect_uri"].starts_with("http://127.0.0.1:"));
    assert!(secrets.get("nextech.refresh_token").unwrap().is_some());

    let after = connections::test_connection(&secrets, &form).await.unwrap();
    assert!(
        matches!(
            after,
            ConnectionCheck::Ok {
                vendor: Vendor::Nextech,
                ..
            }
        ),
        "{after:?}"
    );

    // A refused consent comes back as the vendor's error, and stores nothing new.
    let mut wrong = form.clone();
    wrong
        .values
        .insert("resource".into(), "api://not-nextech".into());
    let error = connections::sign_in_nextech(&memory(&[]), &wrong, &|url: &url::Url| {
        let url = url.clone();
        tokio::spawn(async move {
            let _ = reqwest::get(url).await;
        });
        Ok(())
    })
    .await
    .unwrap_err();
    assert!(
        matches!(
            error,
            CoreError::Unauthorized {
                vendor: Vendor::Nextech,
                ..
            }
        ),
        "{error:?}"
    );
}
