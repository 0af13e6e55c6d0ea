//! What the running app holds for its whole life: where its data lives, who is at the desk, and
//! its connection to a practice (which can change at run time, when the demo is opened).

use crate::access::session::Session;
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
    connection: RwLock<Connection>,
    /// Who is at the desk; the audit actor is theirs.
    session: Session,
}

impl AppState {
    #[must_use]
    pub fn new(data_dir: PathBuf, actor: &str, connection: Connection) -> Self {
        Self {
            data_dir,
            connection: RwLock::new(connection),
            session: Session::new(actor, None),
        }
    }

    /// The same state with a launch option's shorter idle limit.
    #[must_use]
    pub fn with_idle_cap(mut self, cap: Option<std::time::Duration>) -> Self {
        let fallback = self.session.actor().to_owned();
        self.session = Session::new(&fallback, cap);
        self
    }

    /// Who is at the desk.
    #[must_use]
    pub fn session(&self) -> &Session {
        &self.session
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
        drop(slot);
        // The demo comes with its staff; a newly opened cache may hold another idle limit.
        crate::access::demo::seed_demo_staff(self);
        crate::access::load_idle_limit(self);
    }

    /// Reads the practice again from its (just saved) config file, keeping a running demo.
    pub fn reconnect(&self, app: &tauri::AppHandle) {
        let mut slot = self
            .connection
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let old = std::mem::replace(
            &mut *slot,
            Connection::Unconnected {
                store: Err(AppError::Internal {
                    message: "the practice is reconnecting".into(),
                }),
                problem: None,
                target: None,
            },
        );
        *slot = crate::practice::reconnect(app, &self.data_dir, self.actor(), old);
    }

    /// Where Settings edits the vendor connections, if anywhere.
    pub fn settings_target(&self) -> Option<crate::practice::SettingsTarget> {
        self.read(Connection::settings_target)
    }

    #[must_use]
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Who the audit log names for what this desk does: the signed-in staff member, or the
    /// machine's account before anyone signs in.
    #[must_use]
    pub fn actor(&self) -> &str {
        self.session.actor()
    }

    /// The cache, or the error that explains why it cannot be used.
    pub fn store(&self) -> Result<Arc<Store>, AppError> {
        self.read(Connection::store)
    }

    /// The connected desk, if a practice is connected.
    pub fn desk(&self) -> Option<Arc<Desk>> {
        self.read(Connection::desk)
    }

    /// The connected desk's webhook receiver.
    pub fn webhook_receiver(&self) -> crate::practice::WebhookReceiverState {
        self.read(Connection::webhook_receiver)
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

/// The operating-system account at the desk: the audit log's actor for what happens before
/// anyone signs in (opening the cache, the background sync).
#[must_use]
pub fn desk_actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into());
    format!("os:{user}")
}
