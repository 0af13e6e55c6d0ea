//! `frontdesk sync [--vendor V]... [--json]`: one pass from the vendors into the cache, then
//! the outbox, exactly as the app's background sync does it (the same `Desk`). A vendor that
//! cannot be reached is a status in the summary and exit 3, not an abort: the others' data
//! still lands. A pass that ended well is followed by the retention purge, as in the app.

use crate::cli::{Cli, SyncArgs};
use crate::commands::progress;
use crate::context::{self, actor};
use crate::exit::{ExitCode, Failure};
use crate::output;
use frontdesk_core::Vendor;
use frontdesk_core::config::Config;
use frontdesk_core::contact::ConnectionState;
use frontdesk_core::sync::{SyncReport, progress_channel};
use frontdesk_desk::{Desk, retention};
use frontdesk_store::KeychainKeyProvider;

pub fn run(cli: &Cli, args: &SyncArgs) -> Result<(), Failure> {
    let mut config = context::config(cli)?;
    let wanted: Vec<Vendor> = args.vendors.iter().copied().map(Vendor::from).collect();
    if !wanted.is_empty() {
        only(&mut config, &wanted)?;
    }
    let data_dir = context::data_dir(cli)?;
    let secrets = context::secrets();
    let report = context::runtime()?.block_on(async move {
        let desk = Desk::open(config, &secrets, &data_dir, &KeychainKeyProvider, &actor())?;
        let (progress, events) = progress_channel();
        let printer = tokio::spawn(progress::show(events));
        let report = desk.sync_all(progress).await;
        // Every sender is gone once the pass is over, so the printer ends by itself.
        let _ = printer.await;
        // The retention window (30 days unless the admin chose otherwise), as the app's sync
        // loop applies it: what this pass brought and the desk does not need goes now.
        retention::after_pass(&desk, &report).await?;
        Ok::<_, Failure>(report)
    })?;
    if args.json {
        output::json(&report)?;
    } else {
        summary(&report)?;
    }
    verdict(&report)
}

/// Keeps only the named vendors; naming one the file does not configure is a mistake.
fn only(config: &mut Config, wanted: &[Vendor]) -> Result<(), Failure> {
    let enabled = config.enabled_vendors();
    if let Some(missing) = wanted.iter().find(|v| !enabled.contains(v)) {
        return Err(Failure::new(
            ExitCode::BadInput,
            format!(
                "{} is not configured in {}",
                missing.key(),
                config.path.display()
            ),
        ));
    }
    let keep = |v: Vendor| wanted.contains(&v);
    if !keep(Vendor::Cxone) {
        config.cxone = None;
    }
    if !keep(Vendor::Zoom) {
        config.zoom = None;
    }
    if !keep(Vendor::Nextech) {
        config.nextech = None;
    }
    if !keep(Vendor::Nexhealth) {
        config.nexhealth = None;
    }
    if !keep(Vendor::Wellhive) {
        config.wellhive = None;
    }
    Ok(())
}

pub fn state_word(state: ConnectionState) -> &'static str {
    match state {
        ConnectionState::NotConfigured => "not configured",
        ConnectionState::Ok => "ok",
        ConnectionState::Syncing => "syncing",
        ConnectionState::Degraded => "degraded",
        ConnectionState::Offline => "offline",
        ConnectionState::NeedsAuth => "needs sign-in",
    }
}

fn summary(report: &SyncReport) -> Result<(), Failure> {
    for r in &report.vendors {
        let as_of = r
            .status
            .as_of
            .map_or_else(|| "never".to_owned(), |t| t.to_rfc3339());
        output::line(&format!(
            "{:<10} {:<14} practice {:>4}  patients {:>6}  appointments {:>6}  pages {:>4}  as of {as_of}",
            r.vendor.key(),
            state_word(r.status.state),
            r.practice_items,
            r.patients,
            r.appointments,
            r.pages,
        ))?;
        if let Some(why) = &r.status.last_error {
            output::line(&format!("{:<10} {why}", ""))?;
        }
    }
    Ok(())
}

/// Exit 3 when a vendor could not be reached or answered with failures, 4 when one refused
/// the desk's credentials (and none was unreachable), 0 when all are ok.
fn verdict(report: &SyncReport) -> Result<(), Failure> {
    let with = |state: ConnectionState| -> Vec<&'static str> {
        report
            .vendors
            .iter()
            .filter(|r| r.status.state == state)
            .map(|r| r.vendor.key())
            .collect()
    };
    let unreachable: Vec<&str> = [ConnectionState::Offline, ConnectionState::Degraded]
        .into_iter()
        .flat_map(with)
        .collect();
    if !unreachable.is_empty() {
        let mut f = Failure::new(
            ExitCode::Unreachable,
            format!(
                "not synced: {} (the cache keeps their last copy)",
                unreachable.join(", ")
            ),
        );
        f.way_out = Some(
            "Run `frontdesk doctor` to see why; the next sync resumes where this one stopped."
                .to_owned(),
        );
        return Err(f);
    }
    let refused = with(ConnectionState::NeedsAuth);
    if !refused.is_empty() {
        let mut f = Failure::new(
            ExitCode::LockedOrAuth,
            format!("credentials refused: {}", refused.join(", ")),
        );
        f.way_out = Some(
            "Store the right credentials with `frontdesk secrets set VENDOR.NAME`.".to_owned(),
        );
        return Err(f);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_core::contact::VendorStatus;
    use frontdesk_core::sync::VendorReport;

    fn report(states: &[(Vendor, ConnectionState)]) -> SyncReport {
        SyncReport {
            vendors: states
                .iter()
                .map(|&(vendor, state)| VendorReport {
                    vendor,
                    status: VendorStatus {
                        vendor,
                        state,
                        as_of: None,
                        last_error: None,
                    },
                    practice_items: 0,
                    patients: 0,
                    appointments: 0,
                    unresolved_appointments: 0,
                    pages: 0,
                    error_kind: None,
                })
                .collect(),
        }
    }

    fn code(states: &[(Vendor, ConnectionState)]) -> i32 {
        verdict(&report(states)).map_or_else(|f| f.code as i32, |()| 0)
    }

    #[test]
    fn exit_code_follows_the_worst_vendor() {
        use ConnectionState::{Degraded, NeedsAuth, Offline, Ok};
        assert_eq!(code(&[(Vendor::Cxone, Ok), (Vendor::Zoom, Ok)]), 0);
        assert_eq!(code(&[(Vendor::Cxone, Ok), (Vendor::Zoom, Offline)]), 3);
        assert_eq!(code(&[(Vendor::Cxone, Degraded)]), 3);
        assert_eq!(code(&[(Vendor::Cxone, NeedsAuth)]), 4);
        // Unreachable wins: the admin fixes the network before the credentials can be judged.
        assert_eq!(
            code(&[(Vendor::Cxone, NeedsAuth), (Vendor::Zoom, Offline)]),
            3
        );
    }
}
