//! What the running app holds for its whole life: where its data lives and which practice it
//! serves. Kept small and explicit so each command takes only what it needs.

use frontdesk_core::Vendor;
use frontdesk_core::contact::{ConnectionState, VendorStatus};
use std::path::PathBuf;

/// The app's managed state.
#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
}

impl AppState {
    #[must_use]
    pub fn new(data_dir: PathBuf) -> Self {
        Self { data_dir }
    }

    #[must_use]
    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    /// The practice's display name once one is connected; none yet, and the UI says so.
    #[must_use]
    pub fn practice_name(&self) -> Option<String> {
        None
    }

    /// Each vendor's connection as far as the desk knows it.
    #[must_use]
    pub fn vendor_statuses(&self) -> Vec<VendorStatus> {
        Vendor::ALL
            .into_iter()
            .map(|vendor| VendorStatus {
                vendor,
                state: ConnectionState::NotConfigured,
                as_of: None,
                last_error: None,
            })
            .collect()
    }
}

/// Where the app keeps its cache and settings: `FRONTDESK_DATA_DIR` when set (tests and
/// several practices on one machine), otherwise the platform's per-user data directory.
pub fn resolve_data_dir(platform_default: Option<PathBuf>) -> Option<PathBuf> {
    std::env::var_os("FRONTDESK_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or(platform_default)
}
