//! The retention window as the desk applies it: appointments from the last `days` days onward,
//! and the people with one of them (or an upcoming one, or a queued callback). On by default
//! (30 days) because the sync brings the vendors' whole patient directories, and a front desk
//! needs the people it sees, not the practice's history.
//!
//! The purge runs after every completed sync pass (so what a pass brought and the window does
//! not need is gone minutes later, not a day later) and once a day besides, never while a pass
//! is under way (it would remove people whose visits have not arrived yet). A purge that finds
//! nothing costs a few indexed queries: no `VACUUM`, no audit row. A purged person who gets a
//! new visit comes back with it: the sync fetches an appointment's unknown patient by id.

use crate::Desk;
use crate::sink::blocking;
use chrono::{DateTime, Days, Utc};
use frontdesk_core::CoreError;
use frontdesk_core::contact::ConnectionState;
use frontdesk_core::sync::SyncReport;
use frontdesk_store::{PurgeReport, Store};
use std::sync::Arc;

/// The settings key holding the admin's window, in days.
pub const SETTING: &str = "retention.keepDays";
/// The window when the admin chose none.
pub const DEFAULT_DAYS: u32 = 30;
/// The shortest and longest window an admin may choose.
pub const MIN_DAYS: u32 = 7;
pub const MAX_DAYS: u32 = 3650;
/// Who the audit log names for the desk's own purges.
pub const ACTOR: &str = "system:retention";

/// The window the admin chose, if any (an unreadable value counts as none).
#[must_use]
pub fn chosen_days(store: &Store) -> Option<u32> {
    store
        .setting(SETTING)
        .ok()
        .flatten()?
        .parse()
        .ok()
        .filter(|d| (MIN_DAYS..=MAX_DAYS).contains(d))
}

/// The window in force: the admin's, or the default.
#[must_use]
pub fn window_days(store: &Store) -> u32 {
    chosen_days(store).unwrap_or(DEFAULT_DAYS)
}

/// Where a window of `days` starts, counted back from `now`.
#[must_use]
pub fn keep_from(days: u32, now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(now)
}

/// The desk's own purge with the window in force, off the async threads.
pub async fn purge_quietly(store: &Arc<Store>) -> Result<PurgeReport, CoreError> {
    blocking(store, |s| {
        let from = keep_from(window_days(s), Utc::now());
        s.purge_expired_quietly(ACTOR, from)
    })
    .await
}

/// Whether a sync pass is under way (some vendor reads "syncing"): a purge then could remove
/// people whose visits the pass has not brought yet.
#[must_use]
pub fn pass_under_way(desk: &Desk) -> bool {
    desk.statuses()
        .iter()
        .any(|s| s.state == ConnectionState::Syncing)
}

/// Purges after a sync pass, unless a vendor failed in it: a pass cut short may not have
/// brought the visits that keep someone, and the daily purge comes round anyway. Returns what
/// went, or `None` when the purge waited.
pub async fn after_pass(
    desk: &Desk,
    report: &SyncReport,
) -> Result<Option<PurgeReport>, CoreError> {
    if !report.all_ok() {
        tracing::debug!("retention_purge_deferred");
        return Ok(None);
    }
    let purged = purge_quietly(desk.store()).await?;
    if !purged.is_empty() {
        tracing::info!(
            appointments = purged.appointments,
            patients = purged.patients,
            contacts = purged.contacts,
            encounters = purged.encounters,
            referrals = purged.referrals,
            "retention_purged"
        );
    }
    Ok(Some(purged))
}
