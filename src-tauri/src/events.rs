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

/// A booking the vendor confirms later (NexHealth's EHR insertion, WellHive's submission) has
/// settled: confirmed, failed with the vendor's reason (offer the slots again), or still
/// pending when the desk stopped waiting (the sync brings the outcome).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentSettled {
    pub settled: frontdesk_desk::booking::SettledBooking,
}
