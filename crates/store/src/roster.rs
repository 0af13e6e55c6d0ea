//! The people a screen lists without opening anyone's card: the day board needs each
//! appointment's patient name, and loading whole cards for that would both cost more and
//! record a card read per patient in the audit log. The caller audits the view it builds.

use crate::error::StoreError;
use crate::patients::{load_summary, pid_of};
use crate::store::Store;
use frontdesk_core::PatientId;
use frontdesk_core::patient::PatientSummary;
use std::collections::BTreeSet;

impl Store {
    /// Summaries of the given patients, each once, in id order; ids the cache does not know
    /// (a vendor record not yet synced) are skipped rather than failing the whole list.
    pub fn patient_summaries(&self, ids: &[PatientId]) -> Result<Vec<PatientSummary>, StoreError> {
        let conn = self.reader();
        let unique: BTreeSet<&PatientId> = ids.iter().collect();
        let mut out = Vec::with_capacity(unique.len());
        for id in unique {
            match pid_of(&conn, id) {
                Ok(pid) => out.push(load_summary(&conn, pid)?),
                Err(StoreError::NotFound { .. }) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(out)
    }
}
