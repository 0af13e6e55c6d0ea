//! The store as core's `SyncSink`. The store is synchronous (rusqlite), so every call runs on
//! the blocking pool. Each page's records and its cursor go to the store as one batch, written
//! in one transaction, so a crash or a `kill -9` mid-sync leaves the cache at a page boundary
//! and the next pass resumes from the cursor that matches what is stored. The sink also tells
//! the sync where the retention window starts (`retention.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_core::contact::VendorStatus;
use frontdesk_core::sync::{Batch, Records, Stream, SyncSink};
use frontdesk_core::{CoreError, ExternalId, PatientId, Vendor};
use frontdesk_store::{Store, StoreError};
use std::collections::HashMap;
use std::sync::Arc;

/// Where the vendor's last status is kept, beside its stream cursors.
const STATUS_STREAM: &str = "status";

#[derive(Debug, Clone)]
pub struct StoreSink(pub Arc<Store>);

/// Runs store work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    store: &Arc<Store>,
    work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, CoreError> {
    let store = store.clone();
    match tokio::task::spawn_blocking(move || work(&store)).await {
        Ok(result) => result.map_err(CoreError::from),
        Err(e) => Err(CoreError::Internal {
            message: format!("cache task stopped: {e}"),
        }),
    }
}

/// Reads a stored status back. Called from `Desk::open`, before any async runtime work.
pub(crate) fn stored_status(store: &Store, vendor: Vendor) -> Option<VendorStatus> {
    store
        .sync_cursor(vendor, STATUS_STREAM)
        .ok()
        .flatten()
        .and_then(|s| serde_json::from_str(&s).ok())
}

#[async_trait]
impl SyncSink for StoreSink {
    async fn cursor(&self, vendor: Vendor, stream: Stream) -> Result<Option<String>, CoreError> {
        blocking(&self.0, move |s| s.sync_cursor(vendor, stream.key())).await
    }

    async fn write(&self, batch: Batch) -> Result<(), CoreError> {
        blocking(&self.0, move |s| {
            let mut batch = batch;
            // Zoom visits name a `zoom:prov_…`; the desk provider it is linked to is stored
            // instead (see `telehealth_links`).
            if let Records::Appointments(list) = &mut batch.records {
                crate::telehealth_links::resolve_visits(s, list)?;
            }
            let report =
                s.apply_sync_batch(batch.vendor, batch.stream.key(), &batch.records, &batch.cursor)?;
            if let Records::Patients(_) = &batch.records {
                tracing::debug!(vendor = %batch.vendor.key(), created = report.created, linked = report.linked, suggested = report.suggested, "sync_patients_written");
            }
            Ok(())
        })
        .await
    }

    async fn resolve_patients(
        &self,
        vendor: Vendor,
        ids: Vec<ExternalId>,
    ) -> Result<HashMap<ExternalId, PatientId>, CoreError> {
        blocking(&self.0, move |s| {
            let mut found = HashMap::new();
            for id in ids {
                if let Some(p) = s.patient_id_for(vendor, &id)? {
                    found.insert(id, p);
                }
            }
            Ok(found)
        })
        .await
    }

    /// The retention window in force (the admin's, or 30 days), so the sync does not write
    /// what the purge after the pass would remove.
    async fn keep_from(&self) -> Result<Option<DateTime<Utc>>, CoreError> {
        blocking(&self.0, |s| {
            Ok(Some(crate::retention::keep_from(
                crate::retention::window_days(s),
                Utc::now(),
            )))
        })
        .await
    }

    async fn save_status(&self, status: &VendorStatus) -> Result<(), CoreError> {
        let vendor = status.vendor;
        let text = serde_json::to_string(status).map_err(|e| CoreError::Internal {
            message: format!("status could not be encoded: {e}"),
        })?;
        blocking(&self.0, move |s| {
            s.set_sync_cursor(vendor, STATUS_STREAM, &text)
        })
        .await
    }

    async fn load_status(&self, vendor: Vendor) -> Result<Option<VendorStatus>, CoreError> {
        blocking(&self.0, move |s| Ok(stored_status(s, vendor))).await
    }
}
