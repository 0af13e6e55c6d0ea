//! Locks the desk nobody is using: every few seconds, a session idle past the admin's limit is
//! locked, and so is any session when the computer has slept. Tauri reports neither the OS
//! screen lock nor sleep on desktop, but a sleep shows itself: the wall clock moves on while the
//! monotonic clock (which stops in suspend) does not. The lock event reaches the window even
//! when it is hidden, so what it showed is dropped before anyone opens the lid. The daily
//! retention purge runs from here too: it is the same kind of housekeeping on a timer (the
//! sync loop also purges after each pass, practice.rs).

use crate::state::AppState;
use std::time::{Duration, Instant, SystemTime};
use tauri::{AppHandle, Manager};

const TICK: Duration = Duration::from_secs(2);
/// More wall-clock time than monotonic time between two ticks than this means a sleep.
const SLEEP_GAP: Duration = Duration::from_secs(20);

/// Whether the clocks drifted apart by more than a sleep's worth between two ticks.
#[must_use]
pub fn slept(monotonic: Duration, wall: Option<Duration>) -> bool {
    wall.is_some_and(|wall| wall.saturating_sub(monotonic) > SLEEP_GAP)
}

/// How often the retention purge runs besides after each sync pass (which a desk that cannot
/// reach a vendor does not complete).
const PURGE_EVERY: Duration = Duration::from_hours(24);
/// How soon a daily purge that found a pass under way tries again.
const PURGE_RETRY: Duration = Duration::from_hours(1);

/// Purges a day after start and daily after that, with the window in force (the admin's, or
/// the 30-day default); a purge that finds nothing writes nothing. Never while a pass is under
/// way: the patients it wrote would be purged before the visits that keep them arrive (the
/// passes purge themselves when they end).
fn spawn_purge(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(PURGE_EVERY).await;
        loop {
            let state = app.state::<AppState>();
            if state
                .desk()
                .is_some_and(|desk| frontdesk_desk::retention::pass_under_way(&desk))
            {
                tokio::time::sleep(PURGE_RETRY).await;
                continue;
            }
            if let Ok(store) = state.store()
                && frontdesk_desk::retention::purge_quietly(&store)
                    .await
                    .is_err()
            {
                tracing::error!("retention_purge_failed");
            }
            tokio::time::sleep(PURGE_EVERY).await;
        }
    });
}

/// Starts the watcher (and the daily purge) for the app's life.
pub fn spawn(app: AppHandle) {
    spawn_purge(app.clone());
    #[cfg(target_os = "linux")]
    super::os_lock::spawn(app.clone());
    tauri::async_runtime::spawn(async move {
        let mut last = (Instant::now(), SystemTime::now());
        loop {
            tokio::time::sleep(TICK).await;
            let now = (Instant::now(), SystemTime::now());
            let monotonic = now.0.saturating_duration_since(last.0);
            let wall = now.1.duration_since(last.1).ok();
            last = now;
            let state = app.state::<AppState>();
            if slept(monotonic, wall) {
                super::lock(Some(&app), &state, super::session::LockReason::Sleep);
            } else {
                super::expire_if_idle(Some(&app), &state, now.0);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::slept;
    use std::time::Duration;

    #[test]
    fn a_wall_clock_leap_past_the_monotonic_one_is_a_sleep() {
        let s = Duration::from_secs;
        assert!(!slept(s(2), Some(s(2))));
        assert!(!slept(s(2), Some(s(15))), "a small NTP step is not a sleep");
        assert!(slept(s(2), Some(s(600))));
        assert!(!slept(s(2), None), "a clock set backwards is not a sleep");
    }
}
