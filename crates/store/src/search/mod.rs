//! Patient search for type-ahead: one keystroke, one answer, in a few milliseconds on a million
//! patients. The index (see `terms`) is a B-tree of namespaced, normalised terms; a query word
//! is a range scan that stops as soon as enough people are found, the most selective word of a
//! multi-word query drives the scan and the others are checked against each candidate's short
//! document, and only that short candidate list is ranked. No ranking of thousands of matches,
//! no FTS query syntax for a user to break.

mod exec;
pub(crate) mod query;
pub(crate) mod terms;

use crate::audit::{AuditEvent, AuditOutcome};
use crate::error::StoreError;
use crate::store::Store;
use frontdesk_core::patient::PatientSummary;

/// Longer queries are refused: nobody types a name, phone or date that long, and a cap keeps
/// pasted garbage from costing anything.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most results one search returns.
pub const MAX_LIMIT: usize = 100;

impl Store {
    /// Finds patients for a type-ahead query, best first, one row per person with their vendor
    /// links. Records in the audit log that `actor` searched and how many results came back —
    /// never what was typed.
    pub fn search(
        &self,
        actor: &str,
        query: &str,
        limit: usize,
    ) -> Result<Vec<PatientSummary>, StoreError> {
        let result = {
            let conn = self.reader();
            exec::search(&conn, query, limit, chrono::Utc::now().date_naive())
        };
        let event = match &result {
            Ok(found) => AuditEvent::new(actor, "patient.search", AuditOutcome::Ok)
                .detail(serde_json::json!({ "results": found.len() })),
            Err(StoreError::Invalid { .. }) => {
                AuditEvent::new(actor, "patient.search", AuditOutcome::Refused)
            }
            Err(_) => AuditEvent::new(actor, "patient.search", AuditOutcome::Failed),
        };
        self.audit_append(&event)?;
        result
    }
}
