//! `frontdesk-sandbox`: the five vendor APIs on loopback for the demo. Prints one line of JSON
//! (base URLs and demo credentials) on stdout once every port is serving, then serves until
//! SIGINT or SIGTERM. Logs go to stderr so stdout stays machine-readable.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use frontdesk_sandbox::{CxonePlan, FaultConfig, Sandbox, SandboxOptions, Timings, Vendor};

#[derive(Debug, Parser)]
#[command(
    name = "frontdesk-sandbox",
    about = "Simulated CXone, Zoom, Nextech, NexHealth and WellHive APIs on loopback"
)]
struct Args {
    /// Seed of the practice and the demo credentials.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[arg(long, default_value_t = 5000)]
    patients: usize,
    #[arg(long, default_value_t = 12)]
    providers: usize,
    #[arg(long, default_value_t = 3)]
    locations: usize,
    #[arg(long, default_value_t = 8)]
    operatories: usize,
    /// Days of appointments around today.
    #[arg(long, default_value_t = 60)]
    days: u32,
    /// The practice's today (YYYY-MM-DD); default: the wall clock's date in New York.
    #[arg(long)]
    today: Option<chrono::NaiveDate>,
    /// Admin on this port, vendors on the next five; default: ephemeral ports.
    #[arg(long)]
    port_base: Option<u16>,
    /// Where to write the `WellHive` demo keys; default: a temporary directory.
    #[arg(long)]
    state_dir: Option<PathBuf>,
    /// `CXone` plan: basic (100/min), professional (500/min), enterprise (2000/min).
    #[arg(long, default_value = "professional")]
    plan: String,
    #[arg(long, default_value_t = 1000)]
    nexhealth_per_minute: u32,
    #[arg(long, default_value_t = 10_000)]
    wellhive_quota: u32,
    #[arg(long, default_value_t = 3000)]
    insertion_delay_ms: u64,
    #[arg(long, default_value_t = 3000)]
    submit_delay_ms: u64,
    #[arg(long, default_value_t = 2000)]
    cancel_delay_ms: u64,
    #[arg(long, default_value_t = 3600)]
    token_ttl_secs: u64,
    /// Share of `NexHealth` insertions that fail on their own.
    #[arg(long, default_value_t = 0.0)]
    insertion_failure_rate: f64,
    /// Faults from the start, as VENDOR=JSON, e.g. `cxone={"latencyMs":300,"errorRate":0.1}`.
    #[arg(long = "fault")]
    faults: Vec<String>,
}

fn parse_fault(s: &str) -> Result<(Vendor, FaultConfig), String> {
    let (v, cfg) = s.split_once('=').ok_or("expected VENDOR=JSON")?;
    let v = Vendor::parse(v).ok_or_else(|| format!("unknown vendor {v}"))?;
    let cfg = serde_json::from_str(cfg).map_err(|e| format!("bad fault JSON for {v}: {e}"))?;
    Ok((v, cfg))
}

fn options(a: Args) -> Result<SandboxOptions, String> {
    let plan = match a.plan.as_str() {
        "basic" => CxonePlan::Basic,
        "professional" => CxonePlan::Professional,
        "enterprise" => CxonePlan::Enterprise,
        other => return Err(format!("unknown plan {other}")),
    };
    let faults = a
        .faults
        .iter()
        .map(|f| parse_fault(f))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SandboxOptions {
        seed: a.seed,
        patients: a.patients,
        providers: a.providers,
        locations: a.locations,
        operatories: a.operatories,
        days: a.days,
        today: a.today,
        port_base: a.port_base,
        state_dir: a.state_dir,
        cxone_plan: plan,
        nexhealth_per_minute: a.nexhealth_per_minute,
        wellhive_quota: a.wellhive_quota,
        nexhealth_insertion_failure_rate: a.insertion_failure_rate,
        timings: Timings {
            nexhealth_insertion: Duration::from_millis(a.insertion_delay_ms),
            wellhive_submit: Duration::from_millis(a.submit_delay_ms),
            wellhive_cancel: Duration::from_millis(a.cancel_delay_ms),
            token_ttl: Duration::from_secs(a.token_ttl_secs),
        },
        faults,
        ..SandboxOptions::default()
    })
}

/// Waits for SIGINT or SIGTERM. The handlers are registered when this is called, not when it
/// is first awaited, so a signal sent right after the JSON line is printed is not missed.
#[cfg(unix)]
fn terminated() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let term = signal(SignalKind::terminate());
    let int = signal(SignalKind::interrupt());
    async move {
        match (term, int) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => {},
                    _ = int.recv() => {},
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}

#[cfg(not(unix))]
fn terminated() -> impl std::future::Future<Output = ()> {
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let opts = match options(Args::parse()) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "frontdesk-sandbox: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let stop = terminated();
    let handle = match Sandbox::start(opts).await {
        Ok(h) => h,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "frontdesk-sandbox: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", handle.json_line());
        let _ = out.flush();
    }
    stop.await;
    handle.shutdown().await;
    std::process::ExitCode::SUCCESS
}
