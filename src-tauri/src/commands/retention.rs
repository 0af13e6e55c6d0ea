//! The admin's retention window: how many days of past appointments the desk keeps (with the
//! people they concern), and a purge now. Once a window is set, the desk also purges by itself
//! once a day (access/watch.rs); with none set, nothing is purged.

use super::access::store_error;
use super::blocking;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_store::Store;
use serde::Serialize;
use specta::Type;
use tauri::State;

/// The settings key holding the window, in days.
pub const RETENTION_SETTING: &str = "retention.keepDays";

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

fn small(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The window in days, if the admin set one.
pub fn retention_days(state: &AppState) -> Option<u32> {
    state
        .store()
        .ok()?
        .setting(RETENTION_SETTING)
        .ok()
        .flatten()?
        .parse()
        .ok()
}

/// Purges what falls outside a window of `days`, as `actor` (seconds on a large cache: the
/// whole file is vacuumed, so call it off the IPC thread).
pub fn purge_with(store: &Store, actor: &str, days: u32) -> Result<PurgeSummary, AppError> {
    let keep_from = chrono::Utc::now() - chrono::Days::new(u64::from(days));
    let report = store.purge_expired(actor, keep_from).map_err(store_error)?;
    Ok(PurgeSummary {
        appointments: small(report.appointments),
        patients: small(report.patients),
        contacts: small(report.contacts),
        encounters: small(report.encounters),
        referrals: small(report.referrals),
    })
}

#[tauri::command]
#[specta::specta]
pub fn retention_window(state: State<'_, AppState>) -> Result<Option<u32>, AppError> {
    Ok(retention_days(&state))
}

/// Sets the window (7 to 3650 days); the daily purge starts with it.
#[tauri::command]
#[specta::specta]
pub fn set_retention_window(state: State<'_, AppState>, days: u32) -> Result<(), AppError> {
    if !(7..=3650).contains(&days) {
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

/// Purges now with the window set (refused when none is).
#[tauri::command]
#[specta::specta]
pub async fn purge_now(state: State<'_, AppState>) -> Result<PurgeSummary, AppError> {
    let days = retention_days(&state).ok_or_else(|| AppError::NotConfigured {
        what: "a retention window".into(),
    })?;
    let actor = state.actor().to_owned();
    let store = state.store()?;
    blocking::run(move || purge_with(&store, &actor, days)).await
}
