//! Small durable state: where each vendor's sync stopped (its opaque cursor per stream) and the
//! desk's settings. Settings changes are audited; cursors are machinery and are not.

use crate::audit::{AuditEvent, AuditOutcome, append};
use crate::codec::now_ms;
use crate::error::StoreError;
use crate::store::Store;
use frontdesk_core::ids::Vendor;
use rusqlite::{OptionalExtension, params};

impl Store {
    pub fn sync_cursor(&self, vendor: Vendor, stream: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .reader()
            .query_row(
                "SELECT cursor FROM sync_cursors WHERE vendor = ?1 AND stream = ?2",
                params![vendor.key(), stream],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn set_sync_cursor(
        &self,
        vendor: Vendor,
        stream: &str,
        cursor: &str,
    ) -> Result<(), StoreError> {
        self.in_transaction(|tx| crate::sync_batch::write_cursor(tx, vendor, stream, cursor))
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .reader()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Changes a setting and records who changed which key (not the value, which may be a
    /// phone number or a name).
    pub fn set_setting(&self, actor: &str, key: &str, value: &str) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value, updated_ms) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms",
                params![key, value, now_ms()],
            )?;
            append(
                tx,
                &AuditEvent::new(actor, "settings.change", AuditOutcome::Ok).detail(serde_json::json!({ "key": key })),
            )?;
            Ok(())
        })
    }
}
