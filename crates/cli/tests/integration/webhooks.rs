//! `frontdesk webhooks serve`: refused without a `[webhooks]` section (exit 2); with one, it
//! listens, says where in one JSON line, answers the health check, applies a CXone delivery
//! signed with the keychain's (here: the environment's) secret and refuses a forged one.

use crate::common::{bin, frontdesk, inside_keyring};
use frontdesk_sandbox::{Sandbox, SandboxOptions};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

#[test]
fn serve_without_a_webhooks_section_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("desk.toml");
    std::fs::write(&config, "[practice]\nname = \"Clinic\"\n").unwrap();
    let run = frontdesk(&["--config", config.to_str().unwrap(), "webhooks", "serve"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("[webhooks]"), "{}", run.stderr);
}

fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[test]
fn serve_listens_and_applies_only_signed_deliveries() {
    if !inside_keyring(
        module_path!(),
        "serve_listens_and_applies_only_signed_deliveries",
    ) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sandbox = rt
        .block_on(Sandbox::start(SandboxOptions::small(71)))
        .unwrap();
    let i = sandbox.info();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("desk.toml");
    std::fs::write(
        &config,
        format!(
            "[practice]\nname = \"Clinic\"\n\n[cxone]\nbase_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\nplan = \"{}\"\n\n\
             [webhooks]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n",
            i.cxone.base_url, i.cxone.token_url, i.cxone.client_id, i.cxone.plan
        ),
    )
    .unwrap();
    let mut child = bin()
        .args([
            "--config",
            config.to_str().unwrap(),
            "webhooks",
            "serve",
            "--sync-every",
            "0",
        ])
        .env("FRONTDESK_CXONE_CLIENT_SECRET", &i.cxone.client_secret)
        .env("FRONTDESK_WEBHOOKS_CXONE_SECRET", "s3cret")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let ready: Value = serde_json::from_str(&first).unwrap_or_else(|e| panic!("{e}: {first}"));
    assert_eq!(ready["listening"], format!("127.0.0.1:{port}"));

    let base = format!("http://127.0.0.1:{port}/webhooks");
    let outcome = rt.block_on(async {
        let http = reqwest::Client::new();
        let health: Value = http
            .get(format!("{base}/health"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let body = serde_json::to_vec(
            &json!({"eventId": "evt-cli-1", "eventType": "contact.completed",
            "timestamp": chrono::Utc::now().to_rfc3339(), "data": {}}),
        )
        .unwrap();
        let deliver = |signature: String| {
            http.post(format!("{base}/cxone"))
                .header("x-cxone-signature", signature)
                .body(body.clone())
                .send()
        };
        let forged = deliver(sign("not-it", &body))
            .await
            .unwrap()
            .status()
            .as_u16();
        let signed = deliver(sign("s3cret", &body)).await.unwrap();
        let signed = (
            signed.status().as_u16(),
            signed.json::<Value>().await.unwrap(),
        );
        (health, forged, signed)
    });
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(outcome.0["receiver"], "frontdesk");
    assert_eq!(outcome.1, 401);
    assert_eq!(outcome.2.0, 200);
    assert_eq!(outcome.2.1["status"], "ignored");
}
