//! The audit log: who looked at or changed what, about which patient, when, and how it went.
//! Append-only and hash-chained (SHA-256 over the previous hash and the canonical row), so an
//! edited, inserted or deleted row breaks the chain and `verify` names the first bad row.
//! Entries never hold PHI: a search records that it happened and how many results it gave,
//! not what was typed.

use crate::codec::{from_json, to_json};
use crate::error::StoreError;
use crate::store::Store;
use chrono::{DateTime, SecondsFormat, Utc};
use frontdesk_core::PatientId;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AuditOutcome {
    Ok,
    /// The input was refused before anything was read.
    Refused,
    /// Not allowed for this person.
    Denied,
    Failed,
}

impl AuditOutcome {
    fn key(self) -> &'static str {
        match self {
            AuditOutcome::Ok => "ok",
            AuditOutcome::Refused => "refused",
            AuditOutcome::Denied => "denied",
            AuditOutcome::Failed => "failed",
        }
    }

    fn from_key(key: &str) -> Self {
        match key {
            "ok" => AuditOutcome::Ok,
            "refused" => AuditOutcome::Refused,
            "denied" => AuditOutcome::Denied,
            _ => AuditOutcome::Failed,
        }
    }
}

/// What happened, before it is written. `detail` is free-form JSON that must hold no PHI
/// (counts, ids, vendor names, setting keys).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub actor: String,
    pub action: String,
    pub patient_id: Option<PatientId>,
    pub detail: serde_json::Value,
    pub outcome: AuditOutcome,
}

impl AuditEvent {
    #[must_use]
    pub fn new(actor: &str, action: &str, outcome: AuditOutcome) -> Self {
        Self {
            actor: actor.to_owned(),
            action: action.to_owned(),
            patient_id: None,
            detail: serde_json::Value::Object(serde_json::Map::new()),
            outcome,
        }
    }

    #[must_use]
    pub fn patient(mut self, id: &PatientId) -> Self {
        self.patient_id = Some(id.clone());
        self
    }

    #[must_use]
    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// One written row of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub patient_id: Option<PatientId>,
    pub detail: serde_json::Value,
    pub outcome: AuditOutcome,
    pub prev_hash: String,
    pub hash: String,
}

/// The verdict of `audit_verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerification {
    pub rows: u64,
    pub intact: bool,
    /// The first row that does not fit the chain, when one does not.
    pub first_bad_seq: Option<i64>,
    pub problem: Option<String>,
}

struct RawRow {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    patient_id: Option<String>,
    detail: String,
    outcome: String,
    prev_hash: String,
    hash: String,
}

impl RawRow {
    fn canonical(&self) -> String {
        // A JSON array is unambiguous (every field quoted and escaped) and stable across versions.
        serde_json::json!([
            self.seq,
            self.at,
            self.actor,
            self.action,
            self.patient_id,
            self.detail,
            self.outcome
        ])
        .to_string()
    }

    fn expected_hash(&self) -> String {
        chain_hash(&self.prev_hash, &self.canonical())
    }

    fn into_entry(self) -> Result<AuditEntry, StoreError> {
        let at = DateTime::parse_from_rfc3339(&self.at)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| StoreError::Decode {
                what: "audit time",
                detail: format!("row {}", self.seq),
            })?;
        Ok(AuditEntry {
            seq: self.seq,
            at,
            actor: self.actor,
            action: self.action,
            patient_id: self.patient_id.map(PatientId),
            detail: from_json("audit detail", &self.detail)?,
            outcome: AuditOutcome::from_key(&self.outcome),
            prev_hash: self.prev_hash,
            hash: self.hash,
        })
    }
}

fn chain_hash(prev_hash: &str, canonical: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.as_bytes());
    hex::encode(hasher.finalize())
}

/// Appends `event` on `conn`, inside the caller's transaction when there is one, so a change
/// and its audit row commit together.
pub(crate) fn append(conn: &Connection, event: &AuditEvent) -> Result<AuditEntry, StoreError> {
    let head: Option<(i64, String)> = conn
        .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (prev_seq, prev_hash) = head.unwrap_or((0, GENESIS.to_owned()));
    let mut row = RawRow {
        seq: prev_seq + 1,
        at: Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
        actor: event.actor.clone(),
        action: event.action.clone(),
        patient_id: event.patient_id.as_ref().map(|p| p.0.clone()),
        detail: to_json("audit detail", &event.detail)?,
        outcome: event.outcome.key().to_owned(),
        prev_hash,
        hash: String::new(),
    };
    row.hash = row.expected_hash();
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, patient_id, detail, outcome, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![row.seq, row.at, row.actor, row.action, row.patient_id, row.detail, row.outcome, row.prev_hash, row.hash],
    )?;
    conn.execute(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        params![row.seq, row.hash],
    )?;
    row.into_entry()
}

fn read_rows(
    conn: &Connection,
    mut each: impl FnMut(RawRow) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, patient_id, detail, outcome, prev_hash, hash FROM audit_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let row = RawRow {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            patient_id: r.get(4)?,
            detail: r.get(5)?,
            outcome: r.get(6)?,
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
        };
        if !each(row)? {
            break;
        }
    }
    Ok(())
}

impl Store {
    /// Appends one event to the log.
    pub fn audit_append(&self, event: &AuditEvent) -> Result<AuditEntry, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let entry = append(&tx, event)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Walks the whole chain and reports the first row that does not fit.
    pub fn audit_verify(&self) -> Result<AuditVerification, StoreError> {
        let conn = self.reader();
        let mut verdict = AuditVerification {
            rows: 0,
            intact: true,
            first_bad_seq: None,
            problem: None,
        };
        let mut expected_seq = 1;
        let mut running = GENESIS.to_owned();
        read_rows(&conn, |row| {
            verdict.rows += 1;
            let problem = if row.seq != expected_seq {
                Some(format!("row {expected_seq} is missing"))
            } else if row.prev_hash != running {
                Some(format!("row {} does not follow the row before it", row.seq))
            } else if row.hash != row.expected_hash() {
                Some(format!("row {} was changed after it was written", row.seq))
            } else {
                None
            };
            if let Some(problem) = problem {
                verdict.intact = false;
                verdict.first_bad_seq = Some(expected_seq.min(row.seq));
                verdict.problem = Some(problem);
                return Ok(false);
            }
            running.clone_from(&row.hash);
            expected_seq += 1;
            Ok(true)
        })?;
        if verdict.intact {
            let head: Option<(i64, String)> = conn
                .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let last_seq = expected_seq - 1;
            let fits = match &head {
                Some((seq, hash)) => *seq == last_seq && *hash == running,
                None => last_seq == 0,
            };
            if !fits {
                verdict.intact = false;
                verdict.first_bad_seq = Some(last_seq + 1);
                verdict.problem = Some(format!("the newest rows after row {last_seq} are missing"));
            }
        }
        Ok(verdict)
    }

    /// Every entry, oldest first, for the compliance officer; the export itself is recorded.
    pub fn audit_export(&self, actor: &str) -> Result<Vec<AuditEntry>, StoreError> {
        let entries = self.audit_entries(None)?;
        self.audit_append(
            &AuditEvent::new(actor, "audit.export", AuditOutcome::Ok)
                .detail(serde_json::json!({ "rows": entries.len() })),
        )?;
        Ok(entries)
    }

    /// Entries about one patient (or all), oldest first: "who opened this card today".
    pub fn audit_entries(
        &self,
        patient: Option<&PatientId>,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let conn = self.reader();
        let mut out = Vec::new();
        read_rows(&conn, |row| {
            if patient.is_none_or(|p| row.patient_id.as_deref() == Some(p.0.as_str())) {
                out.push(row.into_entry()?);
            }
            Ok(true)
        })?;
        Ok(out)
    }
}
