//! What the running app holds for its whole life: where its data lives, who is at the desk, and
//! its connection to a practice (which can change at run time, when the demo is opened).

use crate::error::AppError;
use crate::practice::Connection;
use frontdesk_core::contact::VendorStatus;
use frontdesk_desk::Desk;
use frontdesk_store::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

/// The app's managed state.
#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
    actor: String,
    connection: RwLock<Connection>,
}

impl AppState {
    #[must_use]
    pub fn new(data_dir: PathBuf, actor: String, connection: Connection) -> Self {
        Self {
            data_dir,
            actor,
            connection: RwLock::new(connection),
        }
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
        // A panic elsewhere while holding the lock leaves the connection itself intact.
        f(&self
            .connection
            .read()
            .unwrap_or_else(PoisonError::into_inner))
    }

    /// Replaces the connection (opening the demo), stopping the old one's sync first.
    pub fn replace(&self, next: Connection) {
        let mut slot = self
            .connection
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        slot.stop();
        *slot = next;
    }

    #[must_use]
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Who the audit log names for what this desk does.
    #[must_use]
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The cache, or the error that explains why it cannot be used.
    pub fn store(&self) -> Result<Arc<Store>, AppError> {
        self.read(Connection::store)
    }

    /// The connected desk, if a practice is connected.
    pub fn desk(&self) -> Option<Arc<Desk>> {
        self.read(Connection::desk)
    }

    pub fn is_demo(&self) -> bool {
        self.read(Connection::is_demo)
    }

    /// Why no practice is connected although one was configured.
    pub fn problem(&self) -> Option<AppError> {
        self.read(Connection::problem)
    }

    pub fn sync_now(&self) -> bool {
        self.read(Connection::sync_now)
    }

    /// The practice's display name once one is connected.
    #[must_use]
    pub fn practice_name(&self) -> Option<String> {
        self.desk().map(|d| d.config().practice.name.clone())
    }

    /// The Zoom base URL the practice configured, whose origin visit links may also use.
    #[must_use]
    pub fn zoom_base(&self) -> Option<url::Url> {
        let desk = self.desk()?;
        let zoom = desk.config().zoom.as_ref()?;
        url::Url::parse(&zoom.base_url).ok()
    }

    /// Each vendor's connection as far as the desk knows it.
    #[must_use]
    pub fn vendor_statuses(&self) -> Vec<VendorStatus> {
        self.desk()
            .map_or_else(crate::practice::not_configured, |d| d.statuses())
    }
}

/// Until staff sign-in exists, the audit log names the operating-system account at the desk,
/// so every row still says which login did what.
#[must_use]
pub fn desk_actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into());
    format!("os:{user}")
}
