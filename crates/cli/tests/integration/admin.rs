//! `frontdesk admin …` end to end against the vendor sandbox: one subcommand group per vendor
//! reaches the sandbox and changes what it holds, and bad input (dates, hours, webhook URLs)
//! is refused with exit 2 before anything is sent. The keyring-session harness is `common/mod.rs`, so nobody's keychain
//! is touched.
// End-to-end scenarios read top to bottom; splitting them would hide the sequence.
#![allow(clippy::too_many_lines)]

use frontdesk_core::config::Config;
use frontdesk_core::ports::SecretStore;
use frontdesk_desk::Clients;
use frontdesk_sandbox::{Sandbox, SandboxHandle, SandboxOptions};
use frontdesk_vendors::secrets::MemorySecrets;
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;

use crate::common::{Run, bin, done, frontdesk, frontdesk_env, inside_keyring};

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

fn started(rt: &tokio::runtime::Runtime) -> (SandboxHandle, tempfile::TempDir, String) {
    let sandbox = rt
        .block_on(Sandbox::start(SandboxOptions {
            patients: 20,
            days: 3,
            ..SandboxOptions::small(7)
        }))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("admin.toml");
    std::fs::write(&config, config_text(&sandbox, None)).unwrap();
    let config = config.to_str().unwrap().to_owned();
    (sandbox, dir, config)
}

fn ok(run: &Run) -> Value {
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    run.json()
}

#[test]
fn admin_commands_reach_each_vendor() {
    if !inside_keyring(module_path!(), "admin_commands_reach_each_vendor") {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (sandbox, _dir, config) = started(&rt);
    let env = env_secrets(&sandbox);
    let c = config.as_str();
    let run = |args: &[&str]| frontdesk_env(&[&["--config", c, "admin"], args].concat(), &env);

    // CXone: templates, a flow built from one, a webhook with its secret from stdin.
    let templates = ok(&run(&["cxone", "ivr-templates", "--json"]));
    let template = templates[0]["id"].as_str().unwrap().to_owned();
    let flow = ok(&run(&[
        "cxone",
        "ivr-flow",
        "create",
        "--name",
        "After hours",
        "--template",
        &template,
        "--department",
        "Front desk",
        "--working-hours",
        "08:00-17:00",
        "--working-days",
        "monday,Tuesday,Wednesday",
        "--holiday",
        "2026-12-25",
        "--greeting",
        "Thank you for calling",
        "--auth-required",
        "--callback",
        "--max-callback-days",
        "3",
        "--collect-insurance",
        "--json",
    ]));
    assert!(flow["id"].as_str().is_some_and(|s| !s.is_empty()), "{flow}");
    let mut args = vec!["--config", c, "admin", "cxone", "webhooks", "register"];
    args.extend([
        "--url",
        "https://hooks.example.com/cxone",
        "--event",
        "appointment.created",
        "--json",
    ]);
    let hook = frontdesk_stdin_env(&args, "s3cret-signing-key\n", &env);
    let hook = ok(&hook);
    assert_eq!(hook["url"], "https://hooks.example.com/cxone");
    assert!(
        !hook.to_string().contains("s3cret"),
        "the secret is never printed"
    );

    // Zoom: a patient created, shown, updated; a provider's hours set and read back.
    let patient = ok(&run(&[
        "zoom",
        "patient",
        "create",
        "--first-name",
        "Ada",
        "--last-name",
        "Admin",
        "--json",
    ]));
    let pid = patient["id"].as_str().unwrap().to_owned();
    let shown = ok(&run(&["zoom", "patient", "show", &pid, "--json"]));
    assert_eq!(shown["lastName"], "Admin");
    let updated = ok(&run(&[
        "zoom",
        "patient",
        "update",
        &pid,
        "--email",
        "ada@example.com",
        "--json",
    ]));
    assert_eq!(updated["email"], "ada@example.com");
    let clients = clients(&sandbox, Path::new(c));
    let zoom = clients.zoom.clone().unwrap();
    let provider = rt.block_on(zoom.list_providers(None)).unwrap().providers[0]
        .id
        .to_string();
    let set = ok(&run(&[
        "zoom",
        "availability",
        "set",
        "--provider",
        &provider,
        "--hours",
        "monday=09:00-12:00",
        "--hours",
        "monday=13:00-17:00",
        "--json",
    ]));
    assert_eq!(set["weeklyHours"].as_array().unwrap().len(), 2, "{set}");
    let got = ok(&run(&[
        "zoom",
        "availability",
        "get",
        "--provider",
        &provider,
        "--json",
    ]));
    assert_eq!(got["weeklyHours"], set["weeklyHours"]);
    assert!(ok(&run(&["zoom", "waiting-room", "list", "--json"])).is_array());
    // Nobody of that id is waiting: the vendor's not-found is the admin's input (exit 2).
    let nobody = run(&[
        "zoom",
        "waiting-room",
        "notify",
        "--patient",
        &pid,
        "--message",
        "Running late",
    ]);
    assert_eq!(nobody.code, 2, "{}", nobody.stderr);

    // NexHealth: an appointment type and an availability created and listed.
    let location = sandbox.info().nexhealth.location_ids[0].to_string();
    let nexhealth = clients.nexhealth.clone().unwrap();
    let nh_provider = rt.block_on(nexhealth.providers(None, None)).unwrap().items[0]
        .id
        .to_string();
    let made = ok(&run(&[
        "nexhealth",
        "appointment-types",
        "create",
        "--location",
        &location,
        "--name",
        "Admin check",
        "--minutes",
        "30",
        "--bookable-online",
        "--json",
    ]));
    let type_id = made["id"].clone();
    let types = ok(&run(&[
        "nexhealth",
        "appointment-types",
        "list",
        "--location",
        &location,
        "--json",
    ]));
    assert!(
        types.as_array().unwrap().iter().any(|t| t["id"] == type_id),
        "{types}"
    );
    let hour = ok(&run(&[
        "nexhealth",
        "availability",
        "create",
        "--location",
        &location,
        "--provider",
        &nh_provider,
        "--hours",
        "09:00-17:00",
        "--days",
        "Monday,Tuesday",
        "--appointment-type",
        &type_id.to_string(),
        "--json",
    ]));
    let hour_id = hour["id"].clone();
    let hours = ok(&run(&[
        "nexhealth",
        "availability",
        "list",
        "--location",
        &location,
        "--json",
    ]));
    assert!(
        hours.as_array().unwrap().iter().any(|h| h["id"] == hour_id),
        "{hours}"
    );

    // WellHive is not in this practice's file: said plainly, exit 2.
    let missing = run(&["wellhive", "networks"]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("wellhive is not configured"),
        "{}",
        missing.stderr
    );
}

fn frontdesk_stdin_env(args: &[&str], input: &str, env: &[(String, String)]) -> Run {
    let mut cmd = bin();
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    done(&child.wait_with_output().unwrap())
}

/// Bad input never reaches a vendor: these fail before the config file is even read.
#[test]
fn bad_admin_input_is_refused_with_exit_2() {
    let none = "/nonexistent/frontdesk.toml";
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "cxone",
                "ivr-flow",
                "create",
                "--name",
                "x",
                "--template",
                "t",
                "--holiday",
                "2026-02-30",
            ],
            "calendar date",
        ),
        (
            &[
                "cxone",
                "ivr-flow",
                "create",
                "--name",
                "x",
                "--template",
                "t",
                "--holiday",
                "12/25/2026",
            ],
            "YYYY-MM-DD",
        ),
        (
            &[
                "cxone",
                "ivr-flow",
                "create",
                "--name",
                "x",
                "--template",
                "t",
                "--working-hours",
                "17:00-08:00",
            ],
            "before the end",
        ),
        (
            &[
                "cxone",
                "ivr-flow",
                "create",
                "--name",
                "x",
                "--template",
                "t",
                "--working-hours",
                "8am-5pm",
            ],
            "24-hour",
        ),
        (
            &[
                "cxone",
                "ivr-flow",
                "create",
                "--name",
                "x",
                "--template",
                "t",
                "--working-hours",
                "08:00-24:00",
            ],
            "24-hour",
        ),
        (
            &[
                "cxone",
                "ivr-flow",
                "create",
                "--name",
                "x",
                "--template",
                "t",
                "--working-days",
                "Monday,Funday",
            ],
            "day name",
        ),
        (
            &[
                "cxone",
                "ivr-flow",
                "create",
                "--name",
                "x",
                "--template",
                "t",
                "--max-callback-days",
                "3",
            ],
            "--callback",
        ),
        (
            &[
                "zoom",
                "availability",
                "set",
                "--provider",
                "p",
                "--hours",
                "monday=09:00-12:00",
                "--hours",
                "Monday=11:30-14:00",
            ],
            "overlaps",
        ),
        (
            &[
                "zoom",
                "availability",
                "set",
                "--provider",
                "p",
                "--hours",
                "monday=9-12",
            ],
            "24-hour",
        ),
        (
            &[
                "nexhealth",
                "availability",
                "create",
                "--location",
                "1",
                "--provider",
                "2",
                "--hours",
                "09:00-17:00",
            ],
            "--days",
        ),
        (
            &[
                "cxone",
                "webhooks",
                "register",
                "--url",
                "https://127.0.0.1:8443/hook",
                "--event",
                "appointment.created",
            ],
            "cannot reach",
        ),
        (
            &[
                "cxone",
                "webhooks",
                "register",
                "--url",
                "https://localhost/hook",
                "--event",
                "appointment.created",
            ],
            "cannot reach",
        ),
        (
            &[
                "cxone",
                "webhooks",
                "register",
                "--url",
                "https://10.1.2.3/hook",
                "--event",
                "appointment.created",
            ],
            "cannot reach",
        ),
        (
            &[
                "cxone",
                "webhooks",
                "register",
                "--url",
                "http://hooks.example.com/x",
                "--event",
                "appointment.created",
            ],
            "https",
        ),
    ];
    for (args, says) in cases {
        let run = frontdesk(&[&["--config", none, "admin"], *args].concat());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    // A webhook with no secret on stdin is refused too (stdin is empty here).
    let run = frontdesk(&[
        "--config",
        none,
        "admin",
        "cxone",
        "webhooks",
        "register",
        "--url",
        "https://hooks.example.com/x",
        "--event",
        "appointment.created",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("stdin"), "{}", run.stderr);
}
