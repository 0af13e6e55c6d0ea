//! `frontdesk doctor`: what an IT admin checks first when the desk misbehaves. Each vendor gets
//! the cheapest call that needs both the network and the credentials (a small list, or for
//! WellHive only a token, since every WellHive API call counts against the daily quota); the
//! keychain is read; the cache runs SQLite's integrity check; the outbox is counted by state.
//! Every check runs even when an earlier one failed, so one run shows everything wrong.

use crate::cli::{Cli, DoctorArgs};
use crate::commands::secrets::KNOWN;
use crate::context;
use crate::exit::{ExitCode, Failure};
use crate::output;
use frontdesk_core::config::{Config, ZoomGeneration};
use frontdesk_core::contact::{ConnectionState, OutboxState};
use frontdesk_core::ports::SecretStore;
use frontdesk_core::sync::state_for;
use frontdesk_core::{CoreError, ErrorKind, Vendor};
use frontdesk_desk::Clients;
use frontdesk_store::{KeychainSecrets, OutboxItem, Store};
use frontdesk_vendors::http::TokenFetcher;
use serde::Serialize;
use std::time::Duration;

/// Long enough for a slow tenant's token and first answer, short enough for a person waiting.
const PROBE_DEADLINE: Duration = Duration::from_secs(15);

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct VendorCheck {
    vendor: Vendor,
    state: ConnectionState,
    latency_ms: u64,
    error: Option<String>,
    #[serde(skip)]
    kind: Option<ErrorKind>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct OutboxCounts {
    queued: usize,
    sent: usize,
    failed: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Check {
    ok: bool,
    detail: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    config: String,
    vendors: Vec<VendorCheck>,
    keychain: Check,
    cache: Check,
    outbox: Option<OutboxCounts>,
}

pub fn run(cli: &Cli, args: &DoctorArgs) -> Result<(), Failure> {
    let config = context::config(cli)?;
    let secrets = context::secrets();
    let vendors = context::runtime()?.block_on(probe_all(&config, &secrets))?;
    let keychain = keychain_check();
    let (cache, outbox, cache_failure) = match context::open_store(cli) {
        Ok(store) => {
            let (cache, broken) = integrity(&store);
            (
                cache,
                outbox_counts(&store).ok(),
                broken.then_some(ExitCode::Other),
            )
        }
        Err(f) => (
            Check {
                ok: false,
                detail: f.message.clone(),
            },
            None,
            Some(f.code),
        ),
    };
    let report = Report {
        config: config.path.display().to_string(),
        vendors,
        keychain,
        cache,
        outbox,
    };
    if args.json {
        output::json(&report)?;
    } else {
        print_text(&report)?;
    }
    verdict(&report, cache_failure)
}

async fn probe_all(
    config: &Config,
    secrets: &std::sync::Arc<dyn SecretStore>,
) -> Result<Vec<VendorCheck>, Failure> {
    let clients = Clients::build(config, secrets)?;
    let zoom_meetings = config
        .zoom
        .as_ref()
        .is_some_and(|z| z.api == ZoomGeneration::Meetings);
    let mut tasks = tokio::task::JoinSet::new();
    if let Some(c) = clients.cxone.clone() {
        tasks.spawn(timed(Vendor::Cxone, async move {
            c.ivr_templates().await.map(drop).map_err(CoreError::from)
        }));
    }
    if let Some(c) = clients.zoom.clone() {
        tasks.spawn(timed(Vendor::Zoom, async move {
            if zoom_meetings {
                c.list_meetings(None)
                    .await
                    .map(drop)
                    .map_err(CoreError::from)
            } else {
                c.waiting_room().await.map(drop).map_err(CoreError::from)
            }
        }));
    }
    if let Some(c) = clients.nextech.clone() {
        tasks.spawn(timed(Vendor::Nextech, async move {
            c.encounter_categories()
                .await
                .map(drop)
                .map_err(CoreError::from)
        }));
    }
    if let Some(c) = clients.nexhealth.clone() {
        tasks.spawn(timed(Vendor::Nexhealth, async move {
            c.locations().await.map(drop).map_err(CoreError::from)
        }));
    }
    if let Some(c) = clients.wellhive.clone() {
        tasks.spawn(timed(Vendor::Wellhive, async move {
            c.assertion_signer()
                .fetch()
                .await
                .map(drop)
                .map_err(|e| e.into_core(Vendor::Wellhive))
        }));
    }
    let mut out = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        if let Ok(check) = joined {
            out.push(check);
        }
    }
    out.sort_by_key(|c| c.vendor);
    Ok(out)
}

async fn timed(vendor: Vendor, probe: impl Future<Output = Result<(), CoreError>>) -> VendorCheck {
    let started = std::time::Instant::now();
    let outcome = tokio::time::timeout(PROBE_DEADLINE, probe)
        .await
        .unwrap_or(Err(CoreError::Offline {
            vendor: Some(vendor),
        }));
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    match outcome {
        Ok(()) => VendorCheck {
            vendor,
            state: ConnectionState::Ok,
            latency_ms,
            error: None,
            kind: None,
        },
        Err(e) => VendorCheck {
            vendor,
            state: state_for(&e),
            latency_ms,
            error: Some(e.to_string()),
            kind: Some(e.kind()),
        },
    }
}

fn keychain_check() -> Check {
    let mut present = Vec::new();
    for name in KNOWN {
        match KeychainSecrets.get(name) {
            Ok(Some(_)) => present.push(name),
            Ok(None) => {}
            Err(e) => {
                return Check {
                    ok: false,
                    detail: e.to_string(),
                };
            }
        }
    }
    Check {
        ok: true,
        detail: format!(
            "readable; holds {} of {} vendor secrets",
            present.len(),
            KNOWN.len()
        ),
    }
}

fn integrity(store: &Store) -> (Check, bool) {
    match store.integrity_problems() {
        Ok(problems) if problems.is_empty() => (
            Check {
                ok: true,
                detail: format!("integrity_check ok ({})", store.path().display()),
            },
            false,
        ),
        Ok(problems) => (
            Check {
                ok: false,
                detail: problems.join("; "),
            },
            true,
        ),
        Err(e) => (
            Check {
                ok: false,
                detail: e.to_string(),
            },
            true,
        ),
    }
}

fn outbox_counts(store: &Store) -> Result<OutboxCounts, Failure> {
    let mut counts = OutboxCounts::default();
    for item in store.outbox_all()? {
        let state = match &item {
            OutboxItem::Callback(c) => &c.state,
            OutboxItem::Reminder(r) => &r.state,
        };
        match state {
            OutboxState::Queued => counts.queued += 1,
            OutboxState::Sent { .. } => counts.sent += 1,
            OutboxState::Failed { .. } => counts.failed += 1,
        }
    }
    Ok(counts)
}

fn print_text(r: &Report) -> Result<(), Failure> {
    let mark = |ok: bool| if ok { "ok  " } else { "FAIL" };
    output::line(&format!("config    ok   {}", r.config))?;
    for v in &r.vendors {
        output::line(&format!(
            "{:<9} {} {} ({} ms){}",
            v.vendor.key(),
            mark(v.state == ConnectionState::Ok),
            crate::commands::sync::state_word(v.state),
            v.latency_ms,
            v.error
                .as_ref()
                .map(|e| format!(": {e}"))
                .unwrap_or_default()
        ))?;
    }
    output::line(&format!(
        "keychain  {} {}",
        mark(r.keychain.ok),
        r.keychain.detail
    ))?;
    output::line(&format!(
        "cache     {} {}",
        mark(r.cache.ok),
        r.cache.detail
    ))?;
    if let Some(o) = &r.outbox {
        output::line(&format!(
            "outbox    {} queued {}, sent {}, failed {}",
            mark(o.failed == 0),
            o.queued,
            o.sent,
            o.failed
        ))?;
    }
    Ok(())
}

/// 4 if the keychain or a vendor's credentials are the problem, else 3 if a vendor is
/// unreachable, else the cache's own failure (1), else 0.
fn verdict(r: &Report, cache: Option<ExitCode>) -> Result<(), Failure> {
    let auth = !r.keychain.ok
        || cache == Some(ExitCode::LockedOrAuth)
        || r.vendors
            .iter()
            .any(|v| matches!(v.kind, Some(ErrorKind::Unauthorized | ErrorKind::Forbidden)));
    if auth {
        return Err(Failure::new(
            ExitCode::LockedOrAuth,
            "doctor: credentials or keychain need attention",
        ));
    }
    if r.vendors.iter().any(|v| v.state != ConnectionState::Ok) {
        return Err(Failure::new(
            ExitCode::Unreachable,
            "doctor: a vendor is not reachable",
        ));
    }
    if let Some(code) = cache {
        return Err(Failure::new(
            code,
            "doctor: the local cache needs attention",
        ));
    }
    Ok(())
}
