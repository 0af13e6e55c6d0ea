//! Who is at the desk, enforced in the backend: the session (signed out, active, locked), the
//! policy table of which role may run which command, the guard that checks it before every
//! invoke, and the watcher that locks an idle or slept desk. Locking and unlocking are audited
//! here, in one place, whatever triggered them.

pub mod demo;
pub mod events;
pub mod guard;
pub mod instance;
#[cfg(target_os = "linux")]
pub mod os_lock;
pub mod policy;
pub mod second_factor;
pub mod session;
pub mod watch;

use crate::state::AppState;
use events::SessionLocked;
use frontdesk_store::{AuditEvent, AuditOutcome};
use session::LockReason;
use std::time::{Duration, Instant};
use tauri::AppHandle;
use tauri_specta::Event;

/// The settings key holding the admin's idle limit, in seconds.
pub const IDLE_SETTING: &str = "access.idleLockSecs";

/// Locks the active session (if any), audits it and tells the window to drop what it shows.
pub fn lock(app: Option<&AppHandle>, state: &AppState, reason: LockReason) {
    let Some(user) = state.session().lock() else {
        return;
    };
    audit_lock(state, &user.username, reason);
    if let Some(app) = app {
        let _ = SessionLocked { reason }.emit(app);
    }
}

/// Locks the session when it has been idle past the limit at `now`.
pub fn expire_if_idle(app: Option<&AppHandle>, state: &AppState, now: Instant) {
    if let Some(user) = state.session().expire_if_idle(now) {
        audit_lock(state, &user.username, LockReason::Idle);
        if let Some(app) = app {
            let _ = SessionLocked {
                reason: LockReason::Idle,
            }
            .emit(app);
        }
    }
}

fn audit_lock(state: &AppState, username: &str, reason: LockReason) {
    tracing::info!(reason = reason.key(), "session_locked");
    let event = AuditEvent::new(
        &frontdesk_store::staff_actor(username),
        "session.lock",
        AuditOutcome::Ok,
    )
    .detail(serde_json::json!({ "reason": reason.key() }));
    if let Err(error) = state.store().map(|store| store.audit_append(&event)) {
        tracing::error!(kind = ?error, "session_lock_not_audited");
    }
}

/// Reads the admin's idle limit from the cache into the session.
pub fn load_idle_limit(state: &AppState) {
    let Ok(store) = state.store() else { return };
    if let Ok(Some(value)) = store.setting(IDLE_SETTING)
        && let Ok(secs) = value.parse::<u64>()
    {
        state.session().set_idle_limit(Duration::from_secs(secs));
    }
}

/// `--idle-lock-secs N` (or `=N`): a shorter idle limit for this run (the end-to-end tests, a
/// kiosk); the admin's setting can shorten it further but never lengthen it.
#[must_use]
pub fn idle_cap_from_args(args: &[String]) -> Option<Duration> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = if arg == "--idle-lock-secs" {
            iter.next().map(String::as_str)
        } else {
            arg.strip_prefix("--idle-lock-secs=")
        };
        if let Some(secs) = value.and_then(|v| v.parse::<u64>().ok()) {
            return Some(Duration::from_secs(secs.max(1)));
        }
    }
    None
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod second_factor_tests;

/// Ends the session without the command's audit (the second factor's tests start over).
#[cfg(test)]
pub(crate) fn sign_out_for_tests(state: &AppState) {
    state.session().sign_out();
    state.session().set_pending(None);
}
