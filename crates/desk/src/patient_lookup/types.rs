//! What "search the vendors" answers: the cache's results for the query after the vendors'
//! records were kept, and one line per vendor asked. These cross the command boundary as
//! they are, so the outcome words come only from error displays, which carry no patient data.

use frontdesk_core::error::ErrorKind;
use frontdesk_core::patient::PatientSummary;
use frontdesk_core::{PatientId, Vendor};
use serde::{Deserialize, Serialize};
use specta::Type;

/// How one vendor's part of the search went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum LookupState {
    /// Answered; `found` records matched what was typed (and were kept in the cache).
    Ok { found: u32 },
    /// The vendor's API cannot search by anything typed (Nextech has no birth-date or phone
    /// search): not asked.
    CannotSearch,
    /// Not reachable or not answering (offline, timed out, 5xx, a garbled answer).
    Unreachable { kind: ErrorKind, message: String },
    /// Answered with a refusal (credentials, a bad request, rate limits).
    Failed { kind: ErrorKind, message: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LookupOutcome {
    pub vendor: Vendor,
    pub state: LookupState,
    pub elapsed_ms: u32,
}

impl LookupOutcome {
    #[must_use]
    pub fn is_ok(&self) -> bool {
        matches!(self.state, LookupState::Ok { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorSearchResults {
    /// The cache's search for the query, after what the vendors returned was kept: best
    /// first, one row per person, with their vendor links.
    pub patients: Vec<PatientSummary>,
    /// The people the vendors' answers added to or refreshed in the cache.
    pub from_vendors: Vec<PatientId>,
    /// One per vendor that can search patients and is configured; empty when none is.
    pub outcomes: Vec<LookupOutcome>,
    /// RFC 3339, when the vendors were asked.
    pub as_of: String,
}
