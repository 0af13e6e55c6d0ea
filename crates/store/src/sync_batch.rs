//! One page of a vendor's sync written as one unit: its records and the cursor that follows
//! them commit together or not at all. A crash or a `kill -9` between two pages leaves the
//! cache at the end of the last whole page, and the next pass resumes from its cursor; a crash
//! inside a page loses only that page, which the old cursor fetches again. Also the cache's
//! own health check, for `frontdesk doctor` and the crash tests.

use crate::codec::now_ms;
use crate::error::StoreError;
use crate::patients::{UpsertReport, write_vendor_patients};
use crate::practice::{
    write_appointment_types, write_locations, write_operatories, write_providers,
};
use crate::schedule::write_appointments;
use crate::store::Store;
use frontdesk_core::ids::Vendor;
use frontdesk_core::sync::Records;
use rusqlite::{Connection, params};

impl Store {
    /// Writes one sync page (`records`) and its stream's `cursor` in a single transaction.
    /// Returns what the patient linking did (all zero for practice and appointment pages).
    pub fn apply_sync_batch(
        &self,
        vendor: Vendor,
        stream: &str,
        records: &Records,
        cursor: &str,
    ) -> Result<UpsertReport, StoreError> {
        self.in_transaction(|tx| {
            let report = match records {
                Records::Practice(p) => {
                    write_providers(tx, &p.providers)?;
                    write_locations(tx, &p.locations)?;
                    write_operatories(tx, &p.operatories)?;
                    write_appointment_types(tx, &p.appointment_types)?;
                    UpsertReport::default()
                }
                Records::Patients(list) => write_vendor_patients(tx, list)?,
                Records::Appointments(list) => {
                    write_appointments(tx, list)?;
                    UpsertReport::default()
                }
            };
            write_cursor(tx, vendor, stream, cursor)?;
            Ok(report)
        })
    }

    /// SQLite's own `PRAGMA integrity_check` over the whole file (b-trees, indexes, free
    /// list). `Ok(vec![])` means healthy; otherwise SQLite's findings, which name pages and
    /// indexes, never row contents.
    pub fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut problems = Vec::new();
        for row in rows {
            let line = row?;
            if line != "ok" {
                problems.push(line);
            }
        }
        Ok(problems)
    }
}

/// Upserts one stream's cursor inside the caller's transaction.
pub(crate) fn write_cursor(
    tx: &Connection,
    vendor: Vendor,
    stream: &str,
    cursor: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO sync_cursors (vendor, stream, cursor, updated_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (vendor, stream) DO UPDATE SET cursor = excluded.cursor, updated_ms = excluded.updated_ms",
        params![vendor.key(), stream, cursor, now_ms()],
    )?;
    Ok(())
}
