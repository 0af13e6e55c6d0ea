//! The session's typed event: the window must drop what it shows the moment the desk locks,
//! whichever side noticed (the idle watcher, a slept laptop, another window's Ctrl+L).

use super::session::LockReason;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri_specta::Event;

#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct SessionLocked {
    pub reason: LockReason,
}
