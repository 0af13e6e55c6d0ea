//! "Search the vendors": the cache keeps only the patients the desk needs (those seen lately or
//! booked ahead), so a receptionist looking for someone not seen in a while asks the vendors
//! that offer a patient search (Nextech, CXone, NexHealth) all at once under one deadline.
//! Their records go into the cache through the store's vendor-patient write path, the one sync
//! uses, so identity linking and the search index run as for any synced record; the answer is
//! then the cache's own search for the query, so the rows look and rank like any other search.
//! One vendor failing is a line in the outcomes, never the search's error. The app and the CLI
//! both search through here.

mod query;
mod types;

pub use types::{LookupOutcome, LookupState, VendorSearchResults};

use crate::Desk;
use crate::sink::blocking;
use chrono::{SecondsFormat, Utc};
use frontdesk_core::patient::VendorPatient;
use frontdesk_core::{CoreError, ErrorKind, PatientId, Vendor};
use frontdesk_store::{AuditEvent, AuditOutcome};
use frontdesk_vendors::lookup::{LookupAnswer, PatientLookupSource};
use query::Reading;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the desk waits for a vendor's answer before saying it did not answer.
pub const LOOKUP_DEADLINE: Duration = Duration::from_secs(8);
/// The most records one vendor's answer may add to the cache for one search.
const MAX_RECORDS_PER_VENDOR: usize = 50;

fn millis(since: Instant) -> u32 {
    u32::try_from(since.elapsed().as_millis()).unwrap_or(u32::MAX)
}

fn failed(vendor: Vendor, error: &CoreError, elapsed_ms: u32) -> LookupOutcome {
    let (kind, message) = (error.kind(), error.to_string());
    let state = match kind {
        ErrorKind::Offline | ErrorKind::Unavailable => LookupState::Unreachable { kind, message },
        _ => LookupState::Failed { kind, message },
    };
    LookupOutcome {
        vendor,
        state,
        elapsed_ms,
    }
}

/// Asks one vendor every question of `reading` (one per date reading) under `deadline`, and
/// keeps the records that match what was typed.
async fn ask(
    source: Arc<dyn PatientLookupSource>,
    reading: Reading,
    deadline: Duration,
) -> (LookupOutcome, Vec<VendorPatient>) {
    let vendor = source.vendor();
    let started = Instant::now();
    let questions = async {
        let mut found = Vec::new();
        let mut asked = false;
        for lookup in reading.lookups() {
            if let LookupAnswer::Found(list) = source.lookup(&lookup).await? {
                asked = true;
                found.extend(list);
            }
        }
        Ok::<_, CoreError>(asked.then_some(found))
    };
    match tokio::time::timeout(deadline, questions).await {
        Err(_) => {
            let error = CoreError::Unavailable {
                vendor,
                detail: format!("no answer within {} s", deadline.as_secs()),
                trace_id: None,
            };
            (failed(vendor, &error, millis(started)), Vec::new())
        }
        Ok(Err(error)) => (failed(vendor, &error, millis(started)), Vec::new()),
        Ok(Ok(None)) => (
            LookupOutcome {
                vendor,
                state: LookupState::CannotSearch,
                elapsed_ms: millis(started),
            },
            Vec::new(),
        ),
        Ok(Ok(Some(list))) => {
            let mut seen = HashSet::new();
            let kept: Vec<VendorPatient> = list
                .into_iter()
                .filter(|p| p.vendor == vendor && reading.matches(p))
                .filter(|p| seen.insert(p.external_id.clone()))
                .take(MAX_RECORDS_PER_VENDOR)
                .collect();
            let found = u32::try_from(kept.len()).unwrap_or(u32::MAX);
            (
                LookupOutcome {
                    vendor,
                    state: LookupState::Ok { found },
                    elapsed_ms: millis(started),
                },
                kept,
            )
        }
    }
}

impl Desk {
    /// The configured vendors that offer a patient search, in a fixed order.
    fn lookup_sources(&self) -> Vec<Arc<dyn PatientLookupSource>> {
        let clients = self.clients();
        let mut sources: Vec<Arc<dyn PatientLookupSource>> = Vec::new();
        if let Some(c) = &clients.nextech {
            sources.push(c.clone());
        }
        if let Some(c) = &clients.cxone {
            sources.push(c.clone());
        }
        if let Some(c) = &clients.nexhealth {
            sources.push(c.clone());
        }
        sources
    }

    /// Asks every configured vendor with a patient search for `query`, keeps what matches in
    /// the cache (audited `patient.vendor_search`: vendors asked, counts and the desk's ids of
    /// the people kept, never what was typed) and returns the cache's search for `query`
    /// (audited `patient.search` by the store). No vendor with a search configured is an
    /// empty `outcomes`; a query with nothing to search by is `Invalid`.
    pub async fn search_vendor_patients(
        &self,
        actor: &str,
        query: &str,
        limit: usize,
    ) -> Result<VendorSearchResults, CoreError> {
        self.search_vendor_patients_within(actor, query, limit, LOOKUP_DEADLINE)
            .await
    }

    /// [`Desk::search_vendor_patients`] with the vendors' deadline given (tests shorten it).
    pub async fn search_vendor_patients_within(
        &self,
        actor: &str,
        query: &str,
        limit: usize,
        deadline: Duration,
    ) -> Result<VendorSearchResults, CoreError> {
        if query.chars().count() > frontdesk_store::MAX_QUERY_CHARS {
            return Err(CoreError::invalid("query", "that search is too long"));
        }
        let reading = query::read(query, Utc::now().date_naive());
        if reading.is_empty() {
            return Err(CoreError::invalid(
                "query",
                "type a name, date of birth, phone or MRN to search for",
            ));
        }
        let as_of = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
        let mut tasks = tokio::task::JoinSet::new();
        let sources = self.lookup_sources();
        let order: Vec<Vendor> = sources.iter().map(|s| s.vendor()).collect();
        for source in sources {
            tasks.spawn(ask(source, reading.clone(), deadline));
        }
        let mut outcomes = Vec::new();
        let mut records = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok((outcome, found)) => {
                    outcomes.push(outcome);
                    records.extend(found);
                }
                Err(e) => {
                    return Err(CoreError::Internal {
                        message: format!("a vendor search stopped: {e}"),
                    });
                }
            }
        }
        outcomes.sort_by_key(|o| order.iter().position(|v| *v == o.vendor));
        let from_vendors = self.keep(actor, &outcomes, records).await?;
        let (who, q) = (actor.to_owned(), query.to_owned());
        let patients = blocking(self.store(), move |s| s.search(&who, &q, limit)).await?;
        tracing::info!(
            vendors = outcomes.len(),
            failed = outcomes.iter().filter(|o| !o.is_ok()).count(),
            kept = from_vendors.len(),
            results = patients.len(),
            "vendor_patient_search_done"
        );
        Ok(VendorSearchResults {
            patients,
            from_vendors,
            outcomes,
            as_of,
        })
    }

    /// Writes the vendors' records through the sync's path and audits what was asked and
    /// kept. Returns the desk's people the records belong to.
    async fn keep(
        &self,
        actor: &str,
        outcomes: &[LookupOutcome],
        records: Vec<VendorPatient>,
    ) -> Result<Vec<PatientId>, CoreError> {
        let asked: Vec<&str> = outcomes.iter().map(|o| o.vendor.key()).collect();
        let answered = outcomes.iter().filter(|o| o.is_ok()).count();
        let count = records.len();
        let (report, people) = blocking(self.store(), move |s| {
            let report = s.upsert_vendor_patients(&records)?;
            let mut people: Vec<PatientId> = Vec::new();
            for r in &records {
                if let Some(id) = s.patient_id_for(r.vendor, &r.external_id)?
                    && !people.contains(&id)
                {
                    people.push(id);
                }
            }
            // Found because someone asked, most likely to be booked now: kept through the
            // purges for a window's length though they have no visit yet.
            let until =
                chrono::Utc::now() + chrono::Days::new(u64::from(crate::retention::window_days(s)));
            s.hold_for_retention(&people, until)?;
            Ok((report, people))
        })
        .await?;
        let outcome = if answered > 0 || outcomes.is_empty() {
            AuditOutcome::Ok
        } else {
            AuditOutcome::Failed
        };
        let event =
            AuditEvent::new(actor, "patient.vendor_search", outcome).detail(serde_json::json!({
                "vendors": asked,
                "answered": answered,
                "records": count,
                "created": report.created,
                "linked": report.linked,
                "updated": report.updated,
                "suggested": report.suggested,
                "patients": people.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            }));
        blocking(self.store(), move |s| s.audit_append(&event).map(|_| ())).await?;
        Ok(people)
    }
}
