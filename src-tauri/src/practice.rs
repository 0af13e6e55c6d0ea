//! How the desk is connected to a practice. At start the app opens the demo practice when told to
//! (`FRONTDESK_DEMO=1`, the README's run command), else the practice in the config file, else
//! nothing: then the cache alone is open and the UI offers the demo or the vendor settings. A
//! connected desk syncs in the background and reports every step to the UI as typed events.

use crate::error::AppError;
use crate::events::{SyncProgressed, VendorStatusChanged};
use crate::launch::DemoMode;
use frontdesk_core::config::ConfigError;
use frontdesk_core::ports::SecretStore;
use frontdesk_core::sync::progress_channel;
use frontdesk_core::{CoreError, Vendor};
use frontdesk_desk::Desk;
use frontdesk_desk::demo::{DemoOptions, DemoPractice, sign_in_demo_nextech};
use frontdesk_store::{KeychainKeyProvider, KeychainSecrets, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tauri::AppHandle;
use tauri_specta::Event;

/// How often a connected desk refreshes its cache from the vendors.
const SYNC_EVERY: Duration = Duration::from_mins(5);

/// Where Settings edits this connection: its config file and the secret store its clients
/// read (the keychain with environment overrides, or the demo's memory).
#[derive(Clone)]
pub struct SettingsTarget {
    pub path: PathBuf,
    pub secrets: Arc<dyn SecretStore>,
    pub demo: bool,
}

impl std::fmt::Debug for SettingsTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SettingsTarget")
            .field("path", &self.path)
            .field("demo", &self.demo)
            .finish_non_exhaustive()
    }
}

/// The desk's connection to a practice.
pub enum Connection {
    /// No practice: the cache alone (or why it cannot be opened), and why no practice loaded
    /// when a config file exists but is wrong.
    Unconnected {
        store: Result<Arc<Store>, AppError>,
        problem: Option<AppError>,
        /// `None` when there is nowhere to keep a config file (no OS config directory).
        target: Option<SettingsTarget>,
    },
    Connected {
        desk: Arc<Desk>,
        /// Kept alive for as long as the demo practice is open.
        demo: Option<Box<DemoPractice>>,
        sync: tauri::async_runtime::JoinHandle<()>,
        /// Wakes the sync loop for a pass now ("Sync now").
        wake: Arc<tokio::sync::Notify>,
        target: SettingsTarget,
        /// The webhook receiver, where `[webhooks]` configures one (stops when dropped).
        webhooks: WebhookReceiverState,
    },
}

/// A connected desk's webhook receiver.
#[derive(Clone, Debug)]
pub enum WebhookReceiverState {
    /// No `[webhooks]` section: the desk polls each vendor.
    Off,
    Running(Arc<frontdesk_desk::webhooks::WebhookReceiver>),
    /// Configured but not listening (its address in use): why.
    Failed(String),
}

/// Starts the receiver `[webhooks]` configures, if any. Each event that changed the cache is
/// announced as the vendor's status, which makes the board and cards re-read the cache.
fn start_webhooks(
    app: &AppHandle,
    desk: &Arc<Desk>,
    secrets: &Arc<dyn SecretStore>,
) -> WebhookReceiverState {
    let Some(settings) = desk.config().webhooks.clone() else {
        return WebhookReceiverState::Off;
    };
    let forward = app.clone();
    let announced = Arc::downgrade(desk);
    let notify: frontdesk_desk::webhooks::Notify = Arc::new(move |vendor| {
        let Some(desk) = announced.upgrade() else {
            return;
        };
        if let Some(status) = desk.statuses().into_iter().find(|s| s.vendor == vendor) {
            let _ = VendorStatusChanged { status }.emit(&forward);
        }
    });
    // A reconnect rebinds the address the old receiver is still letting go of.
    let mut attempt = 0;
    loop {
        match frontdesk_desk::webhooks::WebhookReceiver::bind(
            &settings,
            desk,
            secrets.clone(),
            notify.clone(),
        ) {
            Ok((receiver, serving)) => {
                tauri::async_runtime::spawn(serving);
                return WebhookReceiverState::Running(Arc::new(receiver));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && attempt < 20 => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => {
                tracing::warn!(error = %e, listen = %settings.listen, "webhook_receiver_not_started");
                return WebhookReceiverState::Failed(format!(
                    "cannot listen on {}: {e}",
                    settings.listen
                ));
            }
        }
    }
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Connection::Unconnected { problem, .. } => f
                .debug_struct("Unconnected")
                .field("problem", problem)
                .finish_non_exhaustive(),
            Connection::Connected { desk, demo, .. } => f
                .debug_struct("Connected")
                .field("desk", desk)
                .field("demo", &demo.is_some())
                .finish_non_exhaustive(),
        }
    }
}

fn core(error: impl Into<CoreError>) -> AppError {
    AppError::from(error.into())
}

/// The connection the app starts with.
pub fn initial(
    app: &AppHandle,
    data_dir: &Path,
    actor: &str,
    demo: Option<DemoMode>,
    config: Option<&Path>,
) -> Connection {
    let target = practice_target(config);
    if let Some(mode) = demo {
        return match tauri::async_runtime::block_on(open_demo(app, data_dir, actor, mode)) {
            Ok(connection) => connection,
            Err(error) => unconnected(data_dir, actor, Some(error), target),
        };
    }
    match frontdesk_desk::load_config(config) {
        Ok(config) => open_practice(app, data_dir, actor, config, target),
        Err(ConfigError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            unconnected(data_dir, actor, None, target)
        }
        Err(ConfigError::NoLocation) => unconnected(data_dir, actor, None, target),
        Err(error) => {
            tracing::warn!(error = %error, "config_invalid");
            unconnected(data_dir, actor, Some(core(error)), target)
        }
    }
}

/// The practice's own config file (by the CLI's rules) and the keychain, environment first.
fn practice_target(config: Option<&Path>) -> Option<SettingsTarget> {
    let (path, _) = frontdesk_desk::config_path(config).ok()?;
    let keychain: Arc<dyn SecretStore> = Arc::new(KeychainSecrets);
    Some(SettingsTarget {
        path,
        secrets: frontdesk_desk::secrets_with_env(keychain),
        demo: false,
    })
}

fn open_practice(
    app: &AppHandle,
    data_dir: &Path,
    actor: &str,
    config: frontdesk_core::config::Config,
    target: Option<SettingsTarget>,
) -> Connection {
    let Some(target) = target else {
        return unconnected(data_dir, actor, None, None);
    };
    match Desk::open(
        config,
        &target.secrets,
        data_dir,
        &KeychainKeyProvider,
        actor,
    ) {
        Ok(desk) => connected(app, Arc::new(desk), None, target),
        Err(error) => unconnected(data_dir, actor, Some(core(error)), Some(target)),
    }
}

/// The connection after Settings saved: the same practice (or the same running demo) read
/// again from its file, so the desk's clients use the new settings. `old` stops first.
pub fn reconnect(app: &AppHandle, data_dir: &Path, actor: &str, old: Connection) -> Connection {
    old.stop();
    let (target, demo) = match old {
        Connection::Connected { target, demo, .. } => (Some(target), demo),
        Connection::Unconnected { target, .. } => (target, None),
    };
    let Some(target) = target else {
        return unconnected(data_dir, actor, None, None);
    };
    let config = match frontdesk_core::config::Config::load(&target.path) {
        Ok(config) => config,
        Err(error) => {
            tracing::warn!(error = %error, "config_invalid_after_save");
            return unconnected(data_dir, actor, Some(core(error)), Some(target));
        }
    };
    match Desk::open(
        config,
        &target.secrets,
        data_dir,
        &KeychainKeyProvider,
        actor,
    ) {
        Ok(desk) => {
            tracing::info!(demo = demo.is_some(), "practice_reconnected");
            connected(app, Arc::new(desk), demo, target)
        }
        Err(error) => unconnected(data_dir, actor, Some(core(error)), Some(target)),
    }
}

/// Opens the demo practice: the sandbox on loopback, its config, a desk over it, and a sync.
/// `DemoMode::Offline` stops the sandbox first, so the desk works from its cache alone.
pub async fn open_demo(
    app: &AppHandle,
    data_dir: &Path,
    actor: &str,
    mode: DemoMode,
) -> Result<Connection, AppError> {
    let options = DemoOptions {
        seed: 42,
        patients: 5000,
        dir: data_dir.join("demo"),
    };
    let mut demo = DemoPractice::start(&options).await.map_err(core)?;
    let desk = Desk::open(
        demo.config.clone(),
        &demo.secrets,
        data_dir,
        &KeychainKeyProvider,
        actor,
    )
    .map_err(core)?;
    if mode == DemoMode::Offline {
        // A real practice that loses its network still holds Nextech's sign-in; so does the
        // offline demo, which signs in first and only then loses its vendors.
        sign_in_demo(&desk).await;
        demo.make_unreachable().await;
    }
    tracing::info!(reachable = demo.reachable(), "demo_practice_opened");
    let target = SettingsTarget {
        path: demo.config.path.clone(),
        secrets: demo.secrets.clone(),
        demo: true,
    };
    Ok(connected(app, Arc::new(desk), Some(Box::new(demo)), target))
}

/// The demo's Nextech sign-in (a browser's job for a real practice); a failure leaves Nextech
/// showing "needs sign-in" and the rest of the demo working.
async fn sign_in_demo(desk: &Desk) {
    if let Some(nextech) = desk.clients().nextech.clone()
        && let Err(error) = sign_in_demo_nextech(&nextech).await
    {
        tracing::warn!(error = %error, "demo_nextech_sign_in_failed");
    }
}

/// Off the async threads: a few reads, and one write the first time.
async fn link_demo_clinician(desk: &Desk) {
    let store = desk.store().clone();
    let linked = tauri::async_runtime::spawn_blocking(move || {
        frontdesk_desk::demo::link_demo_clinician(&store)
    })
    .await;
    match linked {
        Ok(Ok(_)) => {}
        Ok(Err(error)) => tracing::warn!(kind = ?error.kind(), "demo_clinician_link_failed"),
        Err(_) => tracing::warn!("demo_clinician_link_panicked"),
    }
}

fn unconnected(
    data_dir: &Path,
    actor: &str,
    problem: Option<AppError>,
    target: Option<SettingsTarget>,
) -> Connection {
    let store = Store::open(data_dir, &KeychainKeyProvider, actor)
        .map(Arc::new)
        .map_err(|error| {
            tracing::error!(kind = ?error.kind(), "cache_open_failed");
            core(error)
        });
    Connection::Unconnected {
        store,
        problem,
        target,
    }
}

fn connected(
    app: &AppHandle,
    desk: Arc<Desk>,
    demo: Option<Box<DemoPractice>>,
    target: SettingsTarget,
) -> Connection {
    let wake = Arc::new(tokio::sync::Notify::new());
    let demo_role = match &demo {
        Some(d) if d.reachable() => DemoRole::Reachable,
        Some(_) => DemoRole::Unreachable,
        None => DemoRole::None,
    };
    let sync = spawn_sync(app.clone(), desk.clone(), demo_role, wake.clone());
    let webhooks = start_webhooks(app, &desk, &target.secrets);
    Connection::Connected {
        desk,
        demo,
        sync,
        wake,
        target,
        webhooks,
    }
}

/// Whether the desk runs the demo practice, and whether its vendors can be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DemoRole {
    None,
    Reachable,
    Unreachable,
}

/// Runs a pass now and then every few minutes, forwarding progress and status changes to the
/// UI. In the demo, Nextech's sign-in (which needs a browser for a real practice) runs first,
/// and a pass that brought the providers links the demo's clinician to hers.
fn spawn_sync(
    app: AppHandle,
    desk: Arc<Desk>,
    demo: DemoRole,
    wake: Arc<tokio::sync::Notify>,
) -> tauri::async_runtime::JoinHandle<()> {
    tauri::async_runtime::spawn(async move {
        if demo == DemoRole::Reachable {
            sign_in_demo(&desk).await;
        }
        let (progress, mut events) = progress_channel();
        let forward = app.clone();
        let status_desk = desk.clone();
        let statuses = Arc::new(StatusAnnouncer::default());
        let progress_statuses = statuses.clone();
        tauri::async_runtime::spawn(async move {
            while let Some(event) = events.recv().await {
                let _ = SyncProgressed {
                    event: event.clone(),
                }
                .emit(&forward);
                progress_statuses.announce(&forward, &status_desk.statuses());
            }
        });
        loop {
            let report = desk.sync_all(progress.clone()).await;
            // The window in force (30 days unless the admin chose otherwise) applied to what
            // the pass brought; off the async threads, and nearly free when nothing expired.
            if let Err(e) = frontdesk_desk::retention::after_pass(&desk, &report).await {
                tracing::error!(kind = ?e.kind(), "retention_purge_failed");
            }
            if demo != DemoRole::None {
                link_demo_clinician(&desk).await;
            }
            // Logged once the purge is over too: a pass ends with its housekeeping.
            tracing::info!(all_ok = report.all_ok(), "sync_pass_finished");
            statuses.announce(&app, &desk.statuses());
            tokio::select! {
                () = tokio::time::sleep(SYNC_EVERY) => {}
                () = wake.notified() => {}
            }
        }
    })
}

/// Sends `VendorStatusChanged` only when a vendor's status really changed: screens re-read the
/// cache on each one, and an open card re-read per sync page would also be an audit row per page.
#[derive(Default)]
struct StatusAnnouncer {
    last: std::sync::Mutex<Vec<frontdesk_core::contact::VendorStatus>>,
}

impl StatusAnnouncer {
    fn announce(&self, app: &AppHandle, now: &[frontdesk_core::contact::VendorStatus]) {
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for status in now {
            if !last.contains(status) {
                let _ = VendorStatusChanged {
                    status: status.clone(),
                }
                .emit(app);
            }
        }
        *last = now.to_vec();
    }
}

impl Connection {
    pub fn store(&self) -> Result<Arc<Store>, AppError> {
        match self {
            Connection::Unconnected { store, .. } => store.clone(),
            Connection::Connected { desk, .. } => Ok(desk.store().clone()),
        }
    }

    pub fn desk(&self) -> Option<Arc<Desk>> {
        match self {
            Connection::Connected { desk, .. } => Some(desk.clone()),
            Connection::Unconnected { .. } => None,
        }
    }

    pub fn problem(&self) -> Option<AppError> {
        match self {
            Connection::Unconnected { problem, .. } => problem.clone(),
            Connection::Connected { .. } => None,
        }
    }

    /// Where Settings reads and saves this connection's vendor settings.
    pub fn settings_target(&self) -> Option<SettingsTarget> {
        match self {
            Connection::Unconnected { target, .. } => target.clone(),
            Connection::Connected { target, .. } => Some(target.clone()),
        }
    }

    /// The connected desk's webhook receiver (`Off` when not connected or not configured).
    pub fn webhook_receiver(&self) -> WebhookReceiverState {
        match self {
            Connection::Connected { webhooks, .. } => webhooks.clone(),
            Connection::Unconnected { .. } => WebhookReceiverState::Off,
        }
    }

    /// Whether this is the demo practice.
    pub fn is_demo(&self) -> bool {
        matches!(self, Connection::Connected { demo: Some(_), .. })
    }

    /// Asks the background sync for a pass now; false when no practice is connected.
    pub fn sync_now(&self) -> bool {
        match self {
            Connection::Connected { wake, .. } => {
                wake.notify_one();
                true
            }
            Connection::Unconnected { .. } => false,
        }
    }

    /// Stops the background sync before the connection is replaced or the app exits.
    pub fn stop(&self) {
        if let Connection::Connected { sync, .. } = self {
            sync.abort();
        }
        // Frees the receiver's address for the connection that replaces this one.
        if let Connection::Connected {
            webhooks: WebhookReceiverState::Running(receiver),
            ..
        } = self
        {
            receiver.stop();
        }
    }
}

/// Every vendor's status for a desk that is not connected: nothing set up.
#[must_use]
pub fn not_configured() -> Vec<frontdesk_core::contact::VendorStatus> {
    Vendor::ALL
        .into_iter()
        .map(|vendor| frontdesk_core::contact::VendorStatus {
            vendor,
            state: frontdesk_core::contact::ConnectionState::NotConfigured,
            as_of: None,
            last_error: None,
        })
        .collect()
}
