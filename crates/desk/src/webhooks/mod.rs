//! The desk's webhook receiver. Where the practice runs one (`[webhooks]` in the config, a
//! public URL the vendors can reach), CXone, Zoom and NexHealth push their changes and the
//! cache reflects them without waiting for the next sync pass; without one the desk simply
//! polls. Each delivery is verified against the vendor's signing secret (from the keychain),
//! read into the changes a sync page would make, applied through the store's sync batch, and
//! remembered so a redelivery is applied once. Admin actions on the vendors' subscriptions
//! live in [`subscriptions`].

mod apply;
mod parse;
mod server;
mod status;
pub mod subscriptions;
mod verify;

pub use apply::{Outcome, SEEN_STREAM};
pub use status::{VENDORS, VendorActivity};
pub use verify::TOLERANCE_SECONDS;

use crate::desk::Desk;
use frontdesk_core::Vendor;
use frontdesk_core::config::WebhookSettings;
use frontdesk_core::config::secrets::{
    WEBHOOK_CXONE_SECRET, WEBHOOK_NEXHEALTH_SECRET_KEY, WEBHOOK_ZOOM_SECRET_TOKEN,
};
use frontdesk_core::ports::SecretStore;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

/// Called after an event changed the cache (the app tells the UI to re-read it).
pub type Notify = Arc<dyn Fn(Vendor) + Send + Sync>;

/// The keychain name of `vendor`'s webhook signing secret (`None`: it sends no webhooks).
#[must_use]
pub fn secret_name(vendor: Vendor) -> Option<&'static str> {
    match vendor {
        Vendor::Cxone => Some(WEBHOOK_CXONE_SECRET),
        Vendor::Zoom => Some(WEBHOOK_ZOOM_SECRET_TOKEN),
        Vendor::Nexhealth => Some(WEBHOOK_NEXHEALTH_SECRET_KEY),
        Vendor::Nextech | Vendor::Wellhive => None,
    }
}

/// The path the receiver takes `vendor`'s deliveries on.
#[must_use]
pub fn path_for(vendor: Vendor) -> String {
    format!("/webhooks/{}", vendor.key())
}

/// A running receiver. Dropping it stops the listener.
pub struct WebhookReceiver {
    address: SocketAddr,
    public_url: Option<String>,
    instance: String,
    activity: Arc<status::Activity>,
    stop: Arc<tokio::sync::Notify>,
}

impl std::fmt::Debug for WebhookReceiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookReceiver")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

impl Drop for WebhookReceiver {
    fn drop(&mut self) {
        self.stop.notify_one();
    }
}

/// The future that serves deliveries; the caller spawns it on its runtime.
pub type Serving = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;

impl WebhookReceiver {
    /// Binds `settings.listen` now (so a port in use is reported at once) and returns the
    /// receiver and the future that serves it until the receiver is dropped.
    pub fn bind(
        settings: &WebhookSettings,
        desk: &Desk,
        secrets: Arc<dyn SecretStore>,
        notify: Notify,
    ) -> std::io::Result<(Self, Serving)> {
        let listener = std::net::TcpListener::bind(settings.listen)?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let instance = format!("{:016x}", rand::random::<u64>());
        let activity = Arc::new(status::Activity::default());
        let stop = Arc::new(tokio::sync::Notify::new());
        let shared = Arc::new(server::Shared {
            applier: apply::Applier::new(desk.store().clone(), desk.clients().cxone.clone()),
            secrets,
            activity: activity.clone(),
            instance: instance.clone(),
            notify,
        });
        let stopped = stop.clone();
        let serving: Serving = Box::pin(async move {
            let listener = match tokio::net::TcpListener::from_std(listener) {
                Ok(l) => l,
                Err(e) => {
                    tracing::error!(error = %e, "webhook_receiver_failed");
                    return;
                }
            };
            tracing::info!(%address, "webhook_receiver_listening");
            let shutdown = async move { stopped.notified().await };
            if let Err(e) = axum::serve(listener, server::router(shared))
                .with_graceful_shutdown(shutdown)
                .await
            {
                tracing::error!(error = %e, "webhook_receiver_failed");
            }
        });
        Ok((
            Self {
                address,
                public_url: settings.public_url.clone(),
                instance,
                activity,
                stop,
            },
            serving,
        ))
    }

    /// Stops listening (also done on drop); in-flight deliveries finish first.
    pub fn stop(&self) {
        self.stop.notify_one();
    }

    /// The address actually bound (port 0 in the config picks a free one).
    #[must_use]
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    #[must_use]
    pub fn public_url(&self) -> Option<&str> {
        self.public_url.as_deref()
    }

    /// This receiver's identity, as `GET /webhooks/health` reports it.
    #[must_use]
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// What each webhook vendor has delivered so far.
    #[must_use]
    pub fn activity(&self) -> Vec<VendorActivity> {
        self.activity.snapshot()
    }
}
