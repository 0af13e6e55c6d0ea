//! Typed events the backend pushes to the UI. Past-tense structs rather than string names, so
//! a renamed field breaks the build instead of a screen.

use frontdesk_core::contact::VendorStatus;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri_specta::Event;

/// A vendor connection changed state (synced, went offline, needs sign-in).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct VendorStatusChanged {
    pub status: VendorStatus,
}

/// One step of a sync pass (vendor, phase, counts), for the progress bar.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgressed {
    pub event: frontdesk_core::sync::SyncEvent,
}
