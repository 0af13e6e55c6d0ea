//! The admin's retention window: how many days of past appointments the desk keeps (with the
//! people they concern), and a purge now. The window is on by default (30 days; the rules are
//! in `frontdesk_desk::retention`): the desk purges after every sync pass that ended well and
//! once a day (access/watch.rs), so what the vendors' directories bring and the desk does not
//! need is gone within minutes.

use super::access::store_error;
use super::blocking;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_desk::retention::{self as window, DEFAULT_DAYS, MAX_DAYS, MIN_DAYS};
use frontdesk_store::{PurgeReport, Store};
use serde::Serialize;
use specta::Type;
use tauri::State;

/// The settings key holding the window, in days.
pub const RETENTION_SETTING: &str = window::SETTING;

/// What a purge removed, for the confirmation.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PurgeSummary {
    pub appointments: u32,
    pub patients: u32,
    pub contacts: u32,
    pub encounters: u32,
    pub referrals: u32,
}

/// The window in force, and whether the admin chose it (otherwise it is the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RetentionWindow {
    pub days: u32,
    pub chosen: bool,
    pub default_days: u32,
}

fn small(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<PurgeReport> for PurgeSummary {
    fn from(report: PurgeReport) -> Self {
        Self {
            appointments: small(report.appointments),
            patients: small(report.patients),
            contacts: small(report.contacts),
            encounters: small(report.encounters),
            referrals: small(report.referrals),
        }
    }
}

/// The window in force for a store: the admin's, or the default.
#[must_use]
pub fn window_of(store: &Store) -> RetentionWindow {
    let chosen = window::chosen_days(store);
    RetentionWindow {
        days: chosen.unwrap_or(DEFAULT_DAYS),
        chosen: chosen.is_some(),
        default_days: DEFAULT_DAYS,
    }
}

/// Purges what falls outside a window of `days`, as the person `actor` (always audited;
/// seconds on a large cache when much goes, as the file is vacuumed: call it off the IPC thread).
pub fn purge_with(store: &Store, actor: &str, days: u32) -> Result<PurgeSummary, AppError> {
    let keep_from = window::keep_from(days, chrono::Utc::now());
    let report = store.purge_expired(actor, keep_from).map_err(store_error)?;
    Ok(report.into())
}

#[tauri::command]
#[specta::specta]
pub fn retention_window(state: State<'_, AppState>) -> Result<RetentionWindow, AppError> {
    let store = state.store()?;
    Ok(window_of(&store))
}

/// Sets the window (7 to 3650 days); the next purge uses it.
#[tauri::command]
#[specta::specta]
pub fn set_retention_window(state: State<'_, AppState>, days: u32) -> Result<(), AppError> {
    if !(MIN_DAYS..=MAX_DAYS).contains(&days) {
        return Err(AppError::Invalid {
            field: "days".into(),
            message: "choose between 7 and 3650 days".into(),
        });
    }
    state
        .store()?
        .set_setting(state.actor(), RETENTION_SETTING, &days.to_string())
        .map_err(store_error)
}

/// Purges now with the window in force (audited as the admin who asked).
#[tauri::command]
#[specta::specta]
pub async fn purge_now(state: State<'_, AppState>) -> Result<PurgeSummary, AppError> {
    let actor = state.actor().to_owned();
    let store = state.store()?;
    blocking::run(move || {
        let days = window_of(&store).days;
        purge_with(&store, &actor, days)
    })
    .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::{RETENTION_SETTING, RetentionWindow, window_of};
    use frontdesk_store::{MemoryKeyProvider, Store};

    #[test]
    fn the_window_is_thirty_days_until_the_admin_chooses_another() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), &MemoryKeyProvider::new(), "os:test").unwrap();
        let default = RetentionWindow {
            days: 30,
            chosen: false,
            default_days: 30,
        };
        assert_eq!(window_of(&store), default, "on by default");
        store
            .set_setting("staff:dana", RETENTION_SETTING, "90")
            .unwrap();
        assert_eq!(
            window_of(&store),
            RetentionWindow {
                days: 90,
                chosen: true,
                default_days: 30,
            }
        );
        // A value no admin could have saved (the command takes 7 to 3650) is no choice: the
        // default applies rather than "keep everything" or "keep nothing".
        for odd in ["0", "3", "forever", "99999"] {
            store
                .set_setting("staff:dana", RETENTION_SETTING, odd)
                .unwrap();
            assert_eq!(window_of(&store), default, "{odd}");
        }
    }
}
