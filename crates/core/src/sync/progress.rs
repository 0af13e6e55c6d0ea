//! Progress of a pass as small events, for the UI's sync indicator and the CLI's output. They
//! carry counts, never records.

use crate::contact::ConnectionState;
use crate::ids::Vendor;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    Started,
    Practice,
    Patients,
    Appointments,
    Finished,
}

/// One step of one vendor's pass. `items` and `pages` count the current phase so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncEvent {
    pub vendor: Vendor,
    pub phase: Phase,
    pub items: u32,
    pub pages: u32,
    /// `Syncing` until `Finished`, then where the vendor ended up.
    pub state: ConnectionState,
}

/// Receives events as they happen; must return quickly (forward to a channel or an emitter).
pub type Progress = Arc<dyn Fn(&SyncEvent) + Send + Sync>;

/// A `Progress` that forwards every event to a channel (the app's event emitter or the CLI's
/// printer reads the other end). Events sent after the receiver is dropped are discarded.
#[must_use]
pub fn progress_channel() -> (Progress, tokio::sync::mpsc::UnboundedReceiver<SyncEvent>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let progress: Progress = Arc::new(move |e: &SyncEvent| {
        let _ = tx.send(e.clone());
    });
    (progress, rx)
}

/// Saturating count for event and report fields (u32 reaches TypeScript as a plain number).
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
