//! What the running app holds for its whole life: where its data lives, the encrypted cache
//! (or why it could not be opened), and who is at the desk. Kept small and explicit so each
//! command takes only what it needs.

use crate::error::AppError;
use frontdesk_core::Vendor;
use frontdesk_core::contact::{ConnectionState, VendorStatus};
use frontdesk_store::{KeychainKeyProvider, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The app's managed state.
#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
    /// The cache, or the typed reason it is unusable: the app still starts and the UI shows
    /// the way out instead of a crash.
    store: Result<Arc<Store>, AppError>,
    actor: String,
}

impl AppState {
    /// Opens the cache in `data_dir` with its key from the OS keychain (created on first run).
    #[must_use]
    pub fn open(data_dir: PathBuf) -> Self {
        let actor = desk_actor();
        let store = Store::open(&data_dir, &KeychainKeyProvider, &actor)
            .map(Arc::new)
            .map_err(|error| {
                tracing::error!(kind = ?error.kind(), "cache_open_failed");
                AppError::from(frontdesk_core::CoreError::from(error))
            });
        Self {
            data_dir,
            store,
            actor,
        }
    }

    #[must_use]
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The cache, or the error that explains why it cannot be used.
    pub fn store(&self) -> Result<Arc<Store>, AppError> {
        self.store.clone()
    }

    /// Who the audit log names for what this desk does.
    #[must_use]
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The Zoom base URL the practice configured, whose origin visit links may also use.
    #[must_use]
    pub fn zoom_base(&self) -> Option<url::Url> {
        None
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

/// Until staff sign-in exists, the audit log names the operating-system account at the desk,
/// so every row still says which login did what.
fn desk_actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into());
    format!("os:{user}")
}

/// Where the app keeps its cache and settings: `FRONTDESK_DATA_DIR` when set (tests and
/// several practices on one machine), otherwise the platform's per-user data directory.
pub fn resolve_data_dir(platform_default: Option<PathBuf>) -> Option<PathBuf> {
    std::env::var_os("FRONTDESK_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or(platform_default)
}
