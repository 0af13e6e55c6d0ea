//! What the CLI's end-to-end tests share: re-running a test inside its own D-Bus session with a
//! fresh, unlocked GNOME keyring under a throwaway HOME (`with-keyring.sh`), so nobody's keychain
//! is touched, and running the `frontdesk` binary with its exit code and output captured.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub const INNER: &str = "FRONTDESK_CLI_TEST_INNER";

/// The name libtest knows a test by: its module's path inside the test binary, then its own
/// name (`module_path!()` starts with the binary's crate name, which libtest leaves out).
pub fn test_path(module: &str, test: &str) -> String {
    match module.split_once("::") {
        Some((_, inside)) => format!("{inside}::{test}"),
        None => test.to_owned(),
    }
}

/// Runs the test named `test`, of the module at `module` (`module_path!()`), again inside a
/// keyring session; returns true when this is that inner run.
pub fn inside_keyring(module: &str, test: &str) -> bool {
    if std::env::var_os(INNER).is_some() {
        return true;
    }
    let home = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = Command::new("dbus-run-session")
        .arg("--")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/with-keyring.sh"))
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", &test_path(module, test), "--nocapture"])
        .env("HOME", home.path())
        .env("FRONTDESK_DATA_DIR", data.path())
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("FRONTDESK_CONFIG")
        .env(INNER, "1")
        .output()
        .expect("dbus-run-session and gnome-keyring must be installed (see TOOLCHAIN.md)");
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "inner run failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The inner run's own figures (how many kills landed mid-sync), for `--no-capture`.
    for line in String::from_utf8_lossy(&out.stderr).lines() {
        if line.starts_with("report:") {
            eprintln!("{line}");
        }
    }
    false
}

pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.stdin(Stdio::null());
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }
}

pub fn done(out: &Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn frontdesk(args: &[&str]) -> Run {
    done(&bin().args(args).output().unwrap())
}

pub fn frontdesk_env(args: &[&str], env: &[(String, String)]) -> Run {
    let mut cmd = bin();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    done(&cmd.output().unwrap())
}
