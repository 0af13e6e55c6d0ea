//! One vendor's pass, stream by stream: the practice lists whole, then patients and
//! appointments page by page, each page written with the cursor that follows it. Any error
//! ends this vendor's pass (the next stream would most likely fail the same way); what was
//! written stays, and the next pass resumes from the stored cursor.
//!
//! An appointment whose patient the cache does not hold has that patient fetched by id (when
//! the vendor can) and written through the patients path before the page is: the retention
//! purge removes people with no visit in the window, and the directory's incremental pass does
//! not bring back someone whose record did not change, so without this a purged person's new
//! visit would sit on the board without a name. Appointments that ended before the cache's
//! retention window are not written at all (the purge would only remove them again), so a
//! window shorter than the sync's reach costs no look-ups.

use crate::contact::ConnectionState;
use crate::error::CoreError;
use crate::ids::{ExternalId, Vendor};
use crate::ports::Page;
use crate::sync::clock::Clock;
use crate::sync::cursor::StreamCursor;
use crate::sync::ports::{Batch, PracticeSnapshot, Records, Stream, SyncSink, VendorSources};
use crate::sync::progress::{Phase, Progress, SyncEvent, count};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What one vendor's pass wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub practice_items: u32,
    pub patients: u32,
    pub appointments: u32,
    /// Appointments whose patient the desk does not know (yet).
    pub unresolved: u32,
    pub pages: u32,
}

/// A guard against a vendor that hands back the cursor it was given: without it a pass would
/// loop forever against the rate limit.
const MAX_PAGES: u32 = 100_000;

/// Patient look-ups in flight at once (the client's rate budget paces them further).
const CONCURRENT_LOOKUPS: usize = 4;

pub(crate) struct VendorPass {
    pub sources: VendorSources,
    pub sink: Arc<dyn SyncSink>,
    pub clock: Arc<dyn Clock>,
    pub progress: Progress,
    pub window: (NaiveDate, NaiveDate),
}

impl VendorPass {
    fn vendor(&self) -> Vendor {
        self.sources.vendor
    }

    fn emit(&self, phase: Phase, items: u32, pages: u32) {
        (self.progress)(&SyncEvent {
            vendor: self.vendor(),
            phase,
            items,
            pages,
            state: ConnectionState::Syncing,
        });
    }

    pub async fn run(&self, tally: &mut Tally) -> Result<(), CoreError> {
        if let Some(probe) = &self.sources.probe {
            probe.probe().await?;
        }
        if self.sources.practice.is_some() {
            self.practice(tally).await?;
        }
        if self.sources.patients.is_some() {
            self.patients(tally).await?;
        }
        if self.sources.appointments.is_some() {
            self.appointments(tally).await?;
        }
        Ok(())
    }

    async fn practice(&self, tally: &mut Tally) -> Result<(), CoreError> {
        let Some(source) = self.sources.practice.as_ref() else {
            return Ok(());
        };
        self.emit(Phase::Practice, 0, 0);
        let snapshot = PracticeSnapshot {
            providers: source.providers().await?,
            locations: source.locations().await?,
            operatories: source.operatories().await?,
            appointment_types: source.appointment_types().await?,
        };
        let items = count(snapshot.len());
        let cursor = StreamCursor {
            completed_at: Some(self.clock.now()),
            ..StreamCursor::default()
        };
        self.write(Stream::Practice, Records::Practice(snapshot), &cursor)
            .await?;
        tally.practice_items += items;
        tally.pages += 1;
        self.emit(Phase::Practice, items, 1);
        Ok(())
    }

    async fn patients(&self, tally: &mut Tally) -> Result<(), CoreError> {
        let Some(source) = self.sources.patients.clone() else {
            return Ok(());
        };
        let stored = self.sink.cursor(self.vendor(), Stream::Patients).await?;
        let state = StreamCursor::parse(stored.as_deref());
        let (start_page, since, started) = if state.in_progress() {
            (
                state.page.clone(),
                state.since,
                state.pass_started.unwrap_or_else(|| self.clock.now()),
            )
        } else {
            (None, state.completed_since(), self.clock.now())
        };
        tracing::info!(vendor = %self.vendor().key(), resumed = state.in_progress(), incremental = since.is_some(), "sync_patients_started");
        self.emit(Phase::Patients, 0, 0);
        let (mut items, mut pages) = (0u32, 0u32);
        let mut page = start_page;
        loop {
            let Page {
                items: records,
                next,
            } = source.patients_page(page.clone(), since).await?;
            check_advances(self.vendor(), page.as_ref(), next.as_ref(), pages)?;
            let after = match &next {
                Some(n) => StreamCursor {
                    page: Some(n.clone()),
                    since,
                    pass_started: Some(started),
                    ..StreamCursor::default()
                },
                None => StreamCursor {
                    since: Some(started),
                    completed_at: Some(self.clock.now()),
                    ..StreamCursor::default()
                },
            };
            let n = count(records.len());
            self.write(Stream::Patients, Records::Patients(records), &after)
                .await?;
            items += n;
            pages += 1;
            tally.patients += n;
            tally.pages += 1;
            self.emit(Phase::Patients, items, pages);
            match next {
                Some(n) => page = Some(n),
                None => break,
            }
        }
        Ok(())
    }

    async fn appointments(&self, tally: &mut Tally) -> Result<(), CoreError> {
        let Some(source) = self.sources.appointments.clone() else {
            return Ok(());
        };
        let stored = self
            .sink
            .cursor(self.vendor(), Stream::Appointments)
            .await?;
        let state = StreamCursor::parse(stored.as_deref());
        let (mut page, window) = match (state.in_progress(), state.window) {
            (true, Some(w)) => (state.page.clone(), w),
            _ => (None, self.window),
        };
        let keep_from = self.sink.keep_from().await?;
        self.emit(Phase::Appointments, 0, 0);
        let (mut items, mut pages) = (0u32, 0u32);
        loop {
            let Page {
                items: mut records,
                next,
            } = source
                .appointments_page(window.0, window.1, page.clone())
                .await?;
            check_advances(self.vendor(), page.as_ref(), next.as_ref(), pages)?;
            if let Some(from) = keep_from {
                records.retain(|a| a.end >= from);
            }
            self.resolve(&mut records, tally).await?;
            let after = StreamCursor {
                page: next.clone(),
                window: next.is_some().then_some(window),
                completed_at: next.is_none().then(|| self.clock.now()),
                ..StreamCursor::default()
            };
            let n = count(records.len());
            self.write(Stream::Appointments, Records::Appointments(records), &after)
                .await?;
            items += n;
            pages += 1;
            tally.appointments += n;
            tally.pages += 1;
            self.emit(Phase::Appointments, items, pages);
            match next {
                Some(n) => page = Some(n),
                None => break,
            }
        }
        Ok(())
    }

    /// Ties each appointment to the desk's person through the vendor's patient id; returns how
    /// many stay unresolved (their patient could not be found, or the vendor has no directory)
    /// in the tally, with the patients fetched on the way.
    async fn resolve(
        &self,
        records: &mut [crate::appointment::Appointment],
        tally: &mut Tally,
    ) -> Result<(), CoreError> {
        let wanted: Vec<ExternalId> = records
            .iter()
            .filter(|a| a.patient_id.is_none())
            .filter_map(|a| a.patient_external_id.clone())
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let mut found = self
            .sink
            .resolve_patients(self.vendor(), wanted.clone())
            .await?;
        let missing: Vec<ExternalId> = wanted
            .into_iter()
            .filter(|id| !found.contains_key(id))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !missing.is_empty() {
            let fetched = self.fetch_missing(missing.clone()).await?;
            if fetched > 0 {
                tally.patients += fetched;
                found.extend(self.sink.resolve_patients(self.vendor(), missing).await?);
            }
        }
        let mut unresolved = 0;
        for a in records.iter_mut().filter(|a| a.patient_id.is_none()) {
            a.patient_id = a
                .patient_external_id
                .as_ref()
                .and_then(|id| found.get(id).cloned());
            if a.patient_id.is_none() {
                unresolved += 1;
            }
        }
        tally.unresolved += unresolved;
        Ok(())
    }

    /// Fetches the named patients from the vendor (at most one page's worth, since the ids come
    /// from one page) and writes them the way the patients stream does, so identity linking
    /// runs. A look-up that fails or finds nobody leaves its appointments unresolved; only a
    /// failed write ends the pass. Returns how many were written.
    async fn fetch_missing(&self, ids: Vec<ExternalId>) -> Result<u32, CoreError> {
        let Some(lookup) = self.sources.lookup.clone() else {
            return Ok(0);
        };
        let mut patients = Vec::new();
        let mut failed = 0u32;
        for chunk in ids.chunks(CONCURRENT_LOOKUPS) {
            let mut set = tokio::task::JoinSet::new();
            for id in chunk {
                let (lookup, id) = (lookup.clone(), id.clone());
                set.spawn(async move { lookup.patient_by_id(&id).await });
            }
            while let Some(joined) = set.join_next().await {
                match joined {
                    Ok(Ok(Some(p))) => patients.push(p),
                    Ok(Ok(None)) => {}
                    Ok(Err(e)) => {
                        failed += 1;
                        tracing::debug!(vendor = %self.vendor().key(), kind = ?e.kind(), "sync_patient_lookup_failed");
                    }
                    Err(_) => failed += 1,
                }
            }
        }
        if failed > 0 {
            tracing::warn!(vendor = %self.vendor().key(), failed, "sync_patient_lookups_failed");
        }
        if patients.is_empty() {
            return Ok(0);
        }
        let n = count(patients.len());
        // The patients stream's own cursor goes back as it was: these records are not a page of
        // it, and the stream is done (or not started) for this pass either way.
        let cursor = self
            .sink
            .cursor(self.vendor(), Stream::Patients)
            .await?
            .map_or_else(|| StreamCursor::default().encode(), Ok)?;
        self.sink
            .write(Batch {
                vendor: self.vendor(),
                stream: Stream::Patients,
                records: Records::Patients(patients),
                cursor,
            })
            .await?;
        tracing::info!(vendor = %self.vendor().key(), fetched = n, "sync_patients_fetched_by_id");
        Ok(n)
    }

    async fn write(
        &self,
        stream: Stream,
        records: Records,
        cursor: &StreamCursor,
    ) -> Result<(), CoreError> {
        self.sink
            .write(Batch {
                vendor: self.vendor(),
                stream,
                records,
                cursor: cursor.encode()?,
            })
            .await
    }
}

fn check_advances(
    vendor: Vendor,
    asked: Option<&String>,
    next: Option<&String>,
    pages: u32,
) -> Result<(), CoreError> {
    if next.is_some() && (next == asked || pages >= MAX_PAGES) {
        return Err(CoreError::Unavailable {
            vendor,
            detail: format!("{vendor} paging did not advance"),
            trace_id: None,
        });
    }
    Ok(())
}

impl StreamCursor {
    /// The watermark a new pass asks "changed since" from: the start of the last complete
    /// pass, or `None` (a full pass) when none completed.
    fn completed_since(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.completed_at.and(self.since)
    }
}
