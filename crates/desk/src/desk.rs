//! `Desk`: the one handle the app and the CLI hold. Opening it builds the clients and opens
//! the cache; `sync_all` runs one pass over every vendor and then drains the outbox, which is
//! the order a reconnect needs (fresh data, then what waited for the vendor).

use crate::clients::Clients;
use crate::error::DeskError;
use crate::outbox::{CxoneOutbox, StoreOutbox};
use crate::sink::{StoreSink, stored_status};
use frontdesk_core::config::Config;
use frontdesk_core::contact::{ConnectionState, VendorStatus};
use frontdesk_core::outbox::{DrainReport, Outbox, OutboxTransport};
use frontdesk_core::ports::SecretStore;
use frontdesk_core::sync::{Progress, StatusBoard, SyncEngine, SyncOptions, SyncReport};
use frontdesk_core::{CoreError, Vendor};
use frontdesk_store::{KeyProvider, Store};
use std::path::Path;
use std::sync::Arc;

pub struct Desk {
    config: Config,
    store: Arc<Store>,
    clients: Clients,
    engine: SyncEngine,
    outbox: Outbox,
    booking: Arc<crate::booking::BookingState>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("vendors", &self.config.enabled_vendors())
            .field("store", &self.store.path())
            .finish_non_exhaustive()
    }
}

impl Desk {
    /// Builds every enabled vendor's client and opens (or creates) the cache in `data_dir`
    /// with its key from `keys`; `actor` is who the audit log names for the unlock. Statuses
    /// saved by the last run are shown (as "syncing") until the first pass ends.
    pub fn open(
        config: Config,
        secrets: &Arc<dyn SecretStore>,
        data_dir: &Path,
        keys: &dyn KeyProvider,
        actor: &str,
    ) -> Result<Self, DeskError> {
        let clients = Clients::build(&config, secrets)?;
        let store = Arc::new(Store::open(data_dir, keys, actor)?);
        let engine = SyncEngine::new(
            Arc::new(StoreSink(store.clone())),
            clients.sync_sources(),
            SyncOptions::from_config(&config),
        );
        let board = engine.statuses();
        for vendor in config.enabled_vendors() {
            if let Some(mut saved) = stored_status(&store, vendor) {
                saved.state = ConnectionState::Syncing;
                board.put(saved);
            }
        }
        let transport = clients.cxone.as_ref().map(|client| {
            Arc::new(CxoneOutbox {
                client: client.clone(),
                store: store.clone(),
            }) as Arc<dyn OutboxTransport>
        });
        let outbox = Outbox::new(Arc::new(StoreOutbox(store.clone())), transport);
        Ok(Self {
            config,
            store,
            clients,
            engine,
            outbox,
            booking: Arc::default(),
        })
    }

    /// One pass over every vendor (concurrently), then the outbox. Progress events arrive on
    /// `progress` as they happen.
    pub async fn sync_all(&self, progress: Progress) -> SyncReport {
        let report = self.engine.run_pass(progress).await;
        // Zoom's visits name Zoom's clinicians and patients: tie them to the desk's so they
        // reach "My day" (see `telehealth_links`). A failure leaves them for the next pass.
        match crate::telehealth_links::link_after_pass(
            &self.clients,
            &self.store,
            self.config.sync.appointments_days_back,
            self.config.sync.appointments_days_ahead,
        )
        .await
        {
            Ok(r) => tracing::debug!(
                providers_linked = r.providers_linked,
                providers_unmatched = r.providers_unmatched,
                patients_fetched = r.patients_fetched,
                patients_failed = r.patients_failed,
                visits_updated = r.visits_updated,
                "telehealth_links"
            ),
            Err(e) => tracing::warn!(kind = ?e.kind(), "telehealth_links_failed"),
        }
        if self.contact_center_reachable()
            && let Err(e) = self.drain_outbox().await
        {
            tracing::warn!(kind = ?e.kind(), error = %e, "outbox_drain_failed");
        }
        report
    }

    /// Fetches the patient's contact history (CXone), encounters (Nextech, whose chart is found
    /// by MRN the first time) and referrals (WellHive) for the card, concurrently, into the
    /// cache. One vendor failing is reported beside the others' results.
    pub async fn refresh_records(
        &self,
        patient: &frontdesk_core::PatientId,
    ) -> Result<Vec<crate::records::RecordsOutcome>, CoreError> {
        crate::records::refresh(&self.clients, &self.store, patient).await
    }

    /// Sends what waits in the outbox (callbacks, reminders), each exactly once.
    pub async fn drain_outbox(&self) -> Result<DrainReport, CoreError> {
        self.outbox.drain().await
    }

    fn contact_center_reachable(&self) -> bool {
        self.engine
            .statuses()
            .get(Vendor::Cxone)
            .is_some_and(|s| s.state != ConnectionState::Offline)
    }

    /// Every vendor's status, in `Vendor` order (not-configured ones included).
    #[must_use]
    pub fn statuses(&self) -> Vec<VendorStatus> {
        self.engine.statuses().snapshot()
    }

    /// The live status board (for `ensure_reachable` before a write that cannot wait).
    #[must_use]
    pub fn status_board(&self) -> StatusBoard {
        self.engine.statuses()
    }

    #[must_use]
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    #[must_use]
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    #[must_use]
    pub fn clients(&self) -> &Clients {
        &self.clients
    }

    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub(crate) fn booking_state(&self) -> &crate::booking::BookingState {
        &self.booking
    }

    pub(crate) fn booking_state_arc(&self) -> Arc<crate::booking::BookingState> {
        self.booking.clone()
    }

    /// How long bookings wait for a vendor to confirm (tests and the CLI shorten it).
    pub fn set_settle_policy(&self, policy: frontdesk_core::booking::SettlePolicy) {
        self.booking.set_policy(policy);
    }

    /// How long a slot search waits for each vendor.
    pub fn set_slot_deadline(&self, deadline: std::time::Duration) {
        self.booking.set_deadline(deadline);
    }
}
