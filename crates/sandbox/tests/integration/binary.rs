//! The demo binary: `frontdesk-sandbox --seed 42` starts all five vendors in under two
//! seconds, prints one line of JSON with the contract's names, serves, and stops on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

#[test]
fn should_start_in_under_two_seconds_and_print_one_json_line() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk-sandbox"))
        .args(["--seed", "42", "--state-dir"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let elapsed = started.elapsed();
    let info: Value = serde_json::from_str(&line).expect("one line of JSON");
    assert!(elapsed < Duration::from_secs(2), "started in {elapsed:?}");
    assert_eq!(info["seed"], 42);
    for (vendor, keys) in [
        (
            "cxone",
            &["baseUrl", "tokenUrl", "clientId", "clientSecret", "plan"][..],
        ),
        (
            "zoom",
            &[
                "baseUrl",
                "tokenUrl",
                "accountId",
                "clientId",
                "clientSecret",
                "userId",
            ][..],
        ),
        (
            "nextech",
            &[
                "baseUrl",
                "authorizeUrl",
                "tokenUrl",
                "clientId",
                "resource",
                "practiceId",
            ][..],
        ),
        (
            "nexhealth",
            &["baseUrl", "apiKey", "subdomain", "locationIds"][..],
        ),
        (
            "wellhive",
            &[
                "baseUrl",
                "tokenUrl",
                "audience",
                "clientId",
                "privateKeyPath",
                "algorithm",
            ][..],
        ),
    ] {
        for k in keys {
            assert!(!info[vendor][k].is_null(), "{vendor}.{k}");
        }
    }
    assert!(info["adminUrl"].as_str().unwrap().ends_with("/admin"));
    let key = info["wellhive"]["privateKeyPath"].as_str().unwrap();
    assert!(
        std::fs::read_to_string(key)
            .unwrap()
            .contains("PRIVATE KEY")
    );
    // Still serving: the admin API answers.
    let admin = info["adminUrl"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://")
        .to_string();
    let (host, _) = admin.split_once('/').unwrap();
    let mut s = std::net::TcpStream::connect(host).unwrap();
    std::io::Write::write_all(&mut s, b"GET /admin HTTP/1.0\r\n\r\n").unwrap();
    let mut resp = String::new();
    std::io::Read::read_to_string(&mut s, &mut resp).unwrap();
    assert!(
        resp.starts_with("HTTP/1.0 200") || resp.starts_with("HTTP/1.1 200"),
        "{resp}"
    );
    // SIGTERM stops it.
    Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}
