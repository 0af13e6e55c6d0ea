//! Keeping only what the desk needs. A purge removes, for good, appointments that ended before
//! the retention window, and every patient with no appointment left (in the window or upcoming)
//! and nothing waiting in the outbox, with their vendor records, search entries, contacts,
//! encounters and referrals. `secure_delete` overwrites the freed pages and `VACUUM` rebuilds the
//! file without them, so a removed row is not left behind in free space either. The purge is
//! audited with counts only.
//!
//! The desk purges after every sync pass, so the common case is a purge that finds nothing:
//! then there is no `VACUUM` (which rewrites the whole file) and, for the housekeeping purge, no
//! audit row either, so a quiet pass costs a few indexed queries and leaves the file as it was.

use crate::audit::{AuditEvent, AuditOutcome, append};
use crate::codec::now_ms;
use crate::error::StoreError;
use crate::store::Store;
use chrono::{DateTime, Utc};
use frontdesk_core::ids::PatientId;

/// What one purge removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurgeReport {
    pub appointments: u64,
    pub patients: u64,
    pub contacts: u64,
    pub encounters: u64,
    pub referrals: u64,
    /// Whether the file was rebuilt (only when something was removed).
    pub vacuumed: bool,
}

impl PurgeReport {
    /// Whether nothing was removed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.appointments + self.patients + self.contacts + self.encounters + self.referrals == 0
    }
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl Store {
    /// Keeps `people` through the purges until `until`, though they have no visit: the desk
    /// fetched them because someone at it asked, and is about to need them. A later hold
    /// extends an earlier one; an earlier never shortens it.
    pub fn hold_for_retention(
        &self,
        people: &[PatientId],
        until: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let until_ms = until.timestamp_millis();
        self.in_transaction(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO retention_holds (patient_id, until_ms) VALUES (?1, ?2)
                 ON CONFLICT (patient_id) DO UPDATE SET until_ms = MAX(until_ms, excluded.until_ms)",
            )?;
            for person in people {
                stmt.execute(rusqlite::params![person.0, until_ms])?;
            }
            Ok(())
        })
    }

    /// A person's purge: removes what falls outside a window starting at `keep_from`, vacuums
    /// the file when anything went, and is audited even when nothing did.
    pub fn purge_expired(
        &self,
        actor: &str,
        keep_from: DateTime<Utc>,
    ) -> Result<PurgeReport, StoreError> {
        self.purge(actor, keep_from, true)
    }

    /// The desk's own purge (after each sync pass, and daily): the same, but a purge that
    /// removed nothing leaves no audit row, so the log is not one line per pass.
    pub fn purge_expired_quietly(
        &self,
        actor: &str,
        keep_from: DateTime<Utc>,
    ) -> Result<PurgeReport, StoreError> {
        self.purge(actor, keep_from, false)
    }

    fn purge(
        &self,
        actor: &str,
        keep_from: DateTime<Utc>,
        audit_empty: bool,
    ) -> Result<PurgeReport, StoreError> {
        let cutoff = keep_from.timestamp_millis();
        let report = {
            let mut conn = self.writer();
            conn.pragma_update(None, "secure_delete", "ON")?;
            let tx = conn.transaction()?;
            tx.execute_batch(
                "DROP TABLE IF EXISTS temp.doomed;
                 CREATE TEMP TABLE doomed (pid INTEGER PRIMARY KEY, id TEXT NOT NULL);",
            )?;
            let appointments =
                tx.execute("DELETE FROM appointments WHERE end_ms < ?1", [cutoff])?;
            tx.execute(
                "INSERT INTO temp.doomed (pid, id)
                 SELECT p.pid, p.id FROM patients p
                 WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id)
                   AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.patient_id = p.id
                                   AND o.state = 'queued')
                   AND NOT EXISTS (SELECT 1 FROM retention_holds h WHERE h.patient_id = p.id
                                   AND h.until_ms > ?1)",
                [now_ms()],
            )?;
            // A run-out hold keeps nobody; it goes with the purge that outlived it.
            tx.execute(
                "DELETE FROM retention_holds WHERE until_ms <= ?1",
                [now_ms()],
            )?;
            let gone = "SELECT id FROM temp.doomed";
            let contacts = tx.execute(
                &format!("DELETE FROM contacts WHERE patient_id IN ({gone}) OR (patient_id IS NULL AND start_ms < ?1)"),
                [cutoff],
            )?;
            let encounters = tx.execute(
                &format!("DELETE FROM encounters WHERE patient_id IN ({gone}) OR (patient_id IS NULL AND date_ms < ?1)"),
                [cutoff],
            )?;
            let referrals = tx.execute(
                &format!("DELETE FROM referrals WHERE patient_id IN ({gone})"),
                [],
            )?;
            tx.execute(
                &format!("DELETE FROM outbox WHERE patient_id IN ({gone})"),
                [],
            )?;
            let pids = "SELECT pid FROM temp.doomed";
            for table in [
                "link_suggestions",
                "patient_records",
                "search_terms",
                "search_docs",
            ] {
                tx.execute(&format!("DELETE FROM {table} WHERE pid IN ({pids})"), [])?;
            }
            tx.execute(
                &format!("DELETE FROM link_rejections WHERE patient_id IN ({gone})"),
                [],
            )?;
            let patients =
                tx.execute(&format!("DELETE FROM patients WHERE pid IN ({pids})"), [])?;
            tx.execute_batch("DROP TABLE temp.doomed;")?;
            let mut report = PurgeReport {
                appointments: count(appointments),
                patients: count(patients),
                contacts: count(contacts),
                encounters: count(encounters),
                referrals: count(referrals),
                vacuumed: false,
            };
            if report.is_empty() && !audit_empty {
                // Nothing went and nobody asked: roll back (the temp table only) and stop.
                drop(tx);
                return Ok(report);
            }
            append(
                &tx,
                &AuditEvent::new(actor, "retention.purge", AuditOutcome::Ok).detail(
                    serde_json::json!({
                        "keepFrom": keep_from.to_rfc3339(),
                        "appointments": report.appointments,
                        "patients": report.patients,
                        "contacts": report.contacts,
                        "encounters": report.encounters,
                        "referrals": report.referrals,
                    }),
                ),
            )?;
            tx.commit()?;
            if !report.is_empty() {
                // Outside any transaction, as VACUUM requires; the WAL is folded in after it.
                conn.execute_batch("VACUUM;")?;
                report.vacuumed = true;
            }
            report
        };
        if report.vacuumed {
            self.checkpoint()?;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::MemoryKeyProvider;
    use rusqlite::OptionalExtension;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), &MemoryKeyProvider::new(), "os:test").unwrap();
        (dir, store)
    }

    fn insert(store: &Store, sql: &str) {
        store.writer().execute_batch(sql).unwrap();
    }

    #[test]
    fn should_purge_old_appointments_and_people_with_nothing_left_and_keep_the_rest() {
        let (_dir, store) = store();
        let day = 86_400_000_i64;
        let now = Utc::now().timestamp_millis();
        insert(
            &store,
            &format!(
                "INSERT INTO patients (pid, id, body, as_of) VALUES (1, 'old', '{{}}', 0), (2, 'kept', '{{}}', 0), (3, 'queued', '{{}}', 0);
                 INSERT INTO patient_records (vendor, external_id, pid, confidence, body) VALUES ('nexhealth', '1', 1, 'exact', '{{}}'), ('nexhealth', '2', 2, 'exact', '{{}}');
                 INSERT INTO search_terms (term, pid, kind) VALUES ('n:old', 1, 0), ('n:kept', 2, 0);
                 INSERT INTO search_docs (pid, doc) VALUES (1, 'old'), (2, 'kept');
                 INSERT INTO appointments (id, vendor, patient_id, start_ms, end_ms, status, body, as_of) VALUES
                   ('a-old', 'nexhealth', 'old', {o}, {o2}, 'completed', '{{}}', 0),
                   ('a-kept', 'nexhealth', 'kept', {k}, {k2}, 'booked', '{{}}', 0);
                 INSERT INTO contacts (external_id, patient_id, start_ms, body) VALUES ('c-old', 'old', {o}, '{{}}'), ('c-kept', 'kept', {o}, '{{}}');
                 INSERT INTO encounters (external_id, patient_id, date_ms, body) VALUES ('e-old', 'old', {o}, '{{}}');
                 INSERT INTO outbox (id, kind, patient_id, state, due_ms, body, created_ms, updated_ms) VALUES ('cb', 'callback', 'queued', 'queued', {k}, '{{}}', 0, 0);",
                o = now - 60 * day,
                o2 = now - 60 * day + 1_800_000,
                k = now + day,
                k2 = now + day + 1_800_000,
            ),
        );
        let report = store
            .purge_expired("staff:dana", Utc::now() - chrono::Days::new(30))
            .unwrap();
        assert_eq!(
            report,
            PurgeReport {
                appointments: 1,
                patients: 1,
                contacts: 1,
                encounters: 1,
                referrals: 0,
                vacuumed: true,
            }
        );
        let conn = store.reader();
        let ids: Vec<String> = conn
            .prepare("SELECT id FROM patients ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            ids,
            ["kept", "queued"],
            "a queued callback keeps its patient"
        );
        for (table, column) in [
            ("search_terms", "pid"),
            ("search_docs", "pid"),
            ("patient_records", "pid"),
        ] {
            let left: Option<i64> = conn
                .query_row(
                    &format!("SELECT {column} FROM {table} WHERE pid = 1"),
                    [],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            assert_eq!(left, None, "{table} keeps nothing of the purged patient");
        }
        let contact: String = conn
            .query_row("SELECT external_id FROM contacts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(contact, "c-kept", "a kept patient keeps their history");
        drop(conn);
        let last = store.audit_entries(None).unwrap().pop().unwrap();
        assert_eq!(
            (last.actor.as_str(), last.action.as_str()),
            ("staff:dana", "retention.purge")
        );
        assert_eq!(last.detail["patients"], 1);
        assert!(store.audit_verify().unwrap().intact);
    }

    fn file_bytes(store: &Store) -> u64 {
        let main = std::fs::metadata(store.path()).unwrap().len();
        let mut wal = store.path().as_os_str().to_owned();
        wal.push("-wal");
        main + std::fs::metadata(wal).map_or(0, |m| m.len())
    }

    #[test]
    fn should_not_vacuum_or_audit_a_housekeeping_purge_that_removed_nothing() {
        let (_dir, store) = store();
        let later = Utc::now().timestamp_millis() + 86_400_000;
        insert(
            &store,
            &format!(
                "INSERT INTO patients (pid, id, body, as_of) VALUES (1, 'kept', '{{}}', 0);
                 INSERT INTO appointments (id, vendor, patient_id, start_ms, end_ms, status, body, as_of) VALUES
                   ('a', 'nexhealth', 'kept', {later}, {later}, 'booked', '{{}}', 0);"
            ),
        );
        store.checkpoint().unwrap();
        let audit_rows = store.audit_entries(None).unwrap().len();
        let bytes = file_bytes(&store);
        let keep_from = Utc::now() - chrono::Days::new(30);

        let quiet = store
            .purge_expired_quietly("system:retention", keep_from)
            .unwrap();
        assert!(quiet.is_empty());
        assert!(!quiet.vacuumed, "nothing went, so the file is not rebuilt");
        assert_eq!(store.audit_entries(None).unwrap().len(), audit_rows);
        assert_eq!(file_bytes(&store), bytes, "a quiet purge writes nothing");

        let asked = store.purge_expired("staff:dana", keep_from).unwrap();
        assert!(!asked.vacuumed);
        assert_eq!(
            store.audit_entries(None).unwrap().len(),
            audit_rows + 1,
            "a person's purge is audited even when it removed nothing"
        );
        assert_eq!(
            store
                .reader()
                .query_row("SELECT count(*) FROM patients", [], |r| r.get::<_, i64>(0))
                .unwrap(),
            1
        );
    }

    #[test]
    fn should_audit_and_vacuum_a_housekeeping_purge_that_removed_something() {
        let (_dir, store) = store();
        insert(
            &store,
            "INSERT INTO patients (pid, id, body, as_of) VALUES (1, 'gone', '{}', 0);",
        );
        let report = store
            .purge_expired_quietly("system:retention", Utc::now() - chrono::Days::new(30))
            .unwrap();
        assert_eq!((report.patients, report.vacuumed), (1, true));
        let last = store.audit_entries(None).unwrap().pop().unwrap();
        assert_eq!(
            (last.actor.as_str(), last.action.as_str()),
            ("system:retention", "retention.purge")
        );
    }

    #[test]
    fn should_keep_a_held_person_without_visits_until_the_hold_runs_out() {
        let (_dir, store) = store();
        insert(
            &store,
            "INSERT INTO patients (pid, id, body, as_of) VALUES (1, 'found', '{}', 0), (2, 'lapsed', '{}', 0), (3, 'was-held', '{}', 0);",
        );
        let day = chrono::Days::new(1);
        store
            .hold_for_retention(&[PatientId("found".into())], Utc::now() + day)
            .unwrap();
        store
            .hold_for_retention(&[PatientId("was-held".into())], Utc::now() - day)
            .unwrap();
        // An earlier hold never shortens a later one.
        store
            .hold_for_retention(&[PatientId("found".into())], Utc::now() - day)
            .unwrap();

        let report = store
            .purge_expired_quietly("system:retention", Utc::now() - chrono::Days::new(30))
            .unwrap();

        assert_eq!(report.patients, 2, "the lapsed and the run-out hold go");
        let conn = store.reader();
        let left: Vec<String> = conn
            .prepare("SELECT id FROM patients")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(left, ["found"]);
        let holds: Vec<String> = conn
            .prepare("SELECT patient_id FROM retention_holds")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(holds, ["found"], "the run-out hold is gone with its person");
    }
}
