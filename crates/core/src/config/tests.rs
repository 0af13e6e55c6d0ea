//! Table of files an admin might write, good and bad, and what the desk says about each.

use super::*;
use crate::ports::SecretStore;
use std::collections::HashMap;
use std::sync::Mutex;

const FULL: &str = r#"
[practice]
name = "Riverside Family Clinic"
timezone = "America/Chicago"
reminder_offsets_minutes = [2880, 120]

[sync]
appointments_days_back = 7
appointments_days_ahead = 14

[cxone]
enabled = true
base_url = "http://127.0.0.1:9001/healthcare/v1"
token_url = "http://127.0.0.1:9001/oauth/token"
client_id = "desk-app"
plan = "professional"
rate_share = 0.25

[zoom]
account_id = "acct-1"
client_id = "zoom-client"
api = "meetings"

[nextech]
tenant_id = "contoso"
client_id = "nx-client"
resource = "api://nextech"
practice_id = "P-7"

[nexhealth]
subdomain = "riverside"
location_ids = [101, 102]
api = "v2"
per_minute = 300
rate_share = 0.5

[wellhive]
enabled = false
"#;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("/etc/frontdesk/config.toml"))
}

#[test]
fn a_full_valid_file_loads_with_defaults_filled_in() {
    let c = parse(FULL).unwrap();
    assert_eq!(c.practice.name, "Riverside Family Clinic");
    assert_eq!(c.practice.timezone, chrono_tz::America::Chicago);
    assert_eq!(c.practice.reminder_offsets_minutes, vec![2880, 120]);
    assert_eq!(c.sync.appointments_days_back, 7);
    let cx = c.cxone.as_ref().unwrap();
    assert_eq!(cx.plan, CxonePlan::Professional);
    assert!((cx.rate_share.get() - 0.25).abs() < f64::EPSILON);
    let zoom = c.zoom.as_ref().unwrap();
    assert_eq!(zoom.api, ZoomGeneration::Meetings);
    assert_eq!(zoom.base_url, "https://api.zoom.us/v2");
    assert_eq!(zoom.user_id, "me");
    assert!((zoom.rate_share.get() - 1.0).abs() < f64::EPSILON);
    let nx = c.nextech.as_ref().unwrap();
    assert_eq!(
        nx.token_url,
        "https://login.microsoftonline.com/contoso/oauth2/token"
    );
    let nh = c.nexhealth.as_ref().unwrap();
    assert_eq!(nh.api, NexhealthGeneration::V2);
    assert_eq!(nh.location_ids, vec![101, 102]);
    assert!(c.wellhive.is_none(), "disabled");
    assert_eq!(
        c.enabled_vendors(),
        vec![
            Vendor::Cxone,
            Vendor::Zoom,
            Vendor::Nextech,
            Vendor::Nexhealth
        ]
    );
}

#[test]
fn a_minimal_file_gets_the_practice_defaults() {
    let c = parse("[practice]\nname = \"Clinic\"\n").unwrap();
    assert_eq!(c.practice.reminder_offsets_minutes, vec![1440, 60]);
    assert_eq!(c.practice.timezone, chrono_tz::America::New_York);
    assert_eq!(c.sync, SyncSettings::default());
    assert!(c.enabled_vendors().is_empty());
}

#[test]
fn an_unknown_key_is_refused_with_its_line_and_name() {
    let text = FULL.replace(
        "plan = \"professional\"",
        "plan = \"professional\"\nclient_secret = \"oops\"",
    );
    let err = parse(&text).unwrap_err();
    assert_eq!(err.line(), Some(17), "{err}");
    assert_eq!(err.key(), Some("cxone.client_secret"), "{err}");
    let msg = err.to_string();
    assert!(msg.starts_with("/etc/frontdesk/config.toml:17:"), "{msg}");
    assert!(msg.contains("unknown field"), "{msg}");
    assert!(
        !msg.contains("oops"),
        "the secret value must not be echoed: {msg}"
    );
}

#[test]
fn a_wrong_type_names_the_line_and_key() {
    let text = FULL.replace("location_ids = [101, 102]", "location_ids = \"101\"");
    let err = parse(&text).unwrap_err();
    assert_eq!(err.line(), Some(32), "{err}");
    assert_eq!(err.key(), Some("nexhealth.location_ids"), "{err}");
    assert!(err.to_string().contains("invalid type"), "{err}");
}

#[test]
fn a_missing_required_id_for_an_enabled_vendor_points_at_its_section() {
    let text = FULL.replace("account_id = \"acct-1\"\n", "");
    let err = parse(&text).unwrap_err();
    assert_eq!(err.key(), Some("zoom.account_id"), "{err}");
    assert_eq!(err.line(), Some(19), "the [zoom] header: {err}");
    // The same section disabled needs no ids.
    let ok = parse("[practice]\nname = \"C\"\n[zoom]\nenabled = false\n").unwrap();
    assert!(ok.zoom.is_none());
}

#[test]
fn a_budget_out_of_range_is_refused_at_its_value() {
    for bad in ["0.0", "1.5", "-0.1"] {
        let text = FULL.replace("rate_share = 0.25", &format!("rate_share = {bad}"));
        let err = parse(&text).unwrap_err();
        assert_eq!(err.line(), Some(17), "{bad}: {err}");
        assert_eq!(err.key(), Some("cxone.rate_share"), "{bad}: {err}");
        assert!(err.to_string().contains("out of range"), "{err}");
    }
}

#[test]
fn an_unknown_time_zone_or_plan_is_refused() {
    let err = parse(&FULL.replace("America/Chicago", "Mars/Olympus")).unwrap_err();
    assert_eq!(err.key(), Some("practice.timezone"));
    let err = parse(&FULL.replace("\"professional\"", "\"gold\"")).unwrap_err();
    assert_eq!(err.key(), Some("cxone.plan"));
}

#[test]
fn a_file_without_a_practice_section_says_so() {
    let err = parse("[cxone]\nenabled = false\n").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("/etc/frontdesk/config.toml"), "{msg}");
    assert!(msg.contains("missing field `practice`"), "{msg}");
}

#[test]
fn a_missing_file_names_the_path() {
    let err = Config::load(Path::new("/nonexistent/frontdesk.toml")).unwrap_err();
    assert!(
        err.to_string().contains("/nonexistent/frontdesk.toml"),
        "{err}"
    );
}

#[test]
fn the_file_is_found_explicit_then_env_then_os_dir() {
    let os = Path::new("/home/rosa/.config");
    let (p, s) = config_path(
        Some(Path::new("/tmp/a.toml")),
        Some("/tmp/b.toml"),
        Some(os),
    )
    .unwrap();
    assert_eq!(
        (p.to_str().unwrap(), s),
        ("/tmp/a.toml", LocationSource::Explicit)
    );
    let (p, s) = config_path(None, Some("/tmp/b.toml"), Some(os)).unwrap();
    assert_eq!(
        (p.to_str().unwrap(), s),
        ("/tmp/b.toml", LocationSource::Environment)
    );
    let (p, s) = config_path(None, Some(""), Some(os)).unwrap();
    assert_eq!(
        (p.to_str().unwrap(), s),
        (
            "/home/rosa/.config/frontdesk/config.toml",
            LocationSource::OsConfigDir
        )
    );
    assert!(matches!(
        config_path(None, None, None),
        Err(ConfigError::NoLocation)
    ));
}

#[derive(Default)]
struct Keychain(Mutex<HashMap<String, String>>);

impl SecretStore for Keychain {
    fn get(&self, name: &str) -> Result<Option<String>, crate::CoreError> {
        Ok(self.0.lock().unwrap().get(name).cloned())
    }
    fn set(&self, name: &str, value: &str) -> Result<(), crate::CoreError> {
        self.0.lock().unwrap().insert(name.into(), value.into());
        Ok(())
    }
    fn delete(&self, name: &str) -> Result<(), crate::CoreError> {
        self.0.lock().unwrap().remove(name);
        Ok(())
    }
}

#[test]
fn environment_secrets_stand_in_for_the_keychain() {
    assert_eq!(
        secrets::env_var_name(secrets::CXONE_CLIENT_SECRET),
        "FRONTDESK_CXONE_CLIENT_SECRET"
    );
    let keychain = std::sync::Arc::new(Keychain::default());
    keychain.set("zoom.client_secret", "from-keychain").unwrap();
    let env = |name: &str| (name == "FRONTDESK_CXONE_CLIENT_SECRET").then(|| "from-env".to_owned());
    let store = secrets::EnvOverKeychain::new(Box::new(env), keychain);
    assert_eq!(
        store.get("cxone.client_secret").unwrap().as_deref(),
        Some("from-env")
    );
    assert_eq!(
        store.get("zoom.client_secret").unwrap().as_deref(),
        Some("from-keychain")
    );
    assert_eq!(store.get("nexhealth.api_key").unwrap(), None);
}
