//! The pass over all vendors: one task per vendor in a `JoinSet`, so a slow or dead vendor
//! costs its own time only, and each vendor's outcome becomes its status.

use crate::config::Config;
use crate::contact::{ConnectionState, VendorStatus};
use crate::error::{CoreError, ErrorKind};
use crate::ids::Vendor;
use crate::sync::clock::{Clock, SystemClock};
use crate::sync::ports::{SyncSink, VendorSources};
use crate::sync::progress::{Phase, Progress, SyncEvent};
use crate::sync::status::StatusBoard;
use crate::sync::streams::{Tally, VendorPass};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::task::JoinSet;

/// How far a pass reaches, and in which zone "today" is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncOptions {
    pub days_back: u32,
    pub days_ahead: u32,
    pub zone: chrono_tz::Tz,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            days_back: 30,
            days_ahead: 30,
            zone: chrono_tz::America::New_York,
        }
    }
}

impl SyncOptions {
    #[must_use]
    pub fn from_config(config: &Config) -> Self {
        Self {
            days_back: config.sync.appointments_days_back,
            days_ahead: config.sync.appointments_days_ahead,
            zone: config.practice.timezone,
        }
    }

    /// The appointment window around the practice's `today`.
    #[must_use]
    pub fn window(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        (
            today
                .checked_sub_days(Days::new(u64::from(self.days_back)))
                .unwrap_or(today),
            today
                .checked_add_days(Days::new(u64::from(self.days_ahead)))
                .unwrap_or(today),
        )
    }
}

/// What one vendor's pass did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorReport {
    pub vendor: Vendor,
    pub status: VendorStatus,
    pub practice_items: u32,
    pub patients: u32,
    pub appointments: u32,
    /// Appointments whose patient the desk could not tie to a person.
    pub unresolved_appointments: u32,
    pub pages: u32,
    pub error_kind: Option<ErrorKind>,
}

/// What a pass over every vendor did, in `Vendor` order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub vendors: Vec<VendorReport>,
}

impl SyncReport {
    #[must_use]
    pub fn vendor(&self, vendor: Vendor) -> Option<&VendorReport> {
        self.vendors.iter().find(|r| r.vendor == vendor)
    }

    /// Whether every vendor ended `Ok`.
    #[must_use]
    pub fn all_ok(&self) -> bool {
        self.vendors
            .iter()
            .all(|r| r.status.state == ConnectionState::Ok)
    }
}

pub struct SyncEngine {
    sink: Arc<dyn SyncSink>,
    vendors: Vec<VendorSources>,
    options: SyncOptions,
    clock: Arc<dyn Clock>,
    board: StatusBoard,
    // Two passes at once would interleave cursors of the same stream.
    running: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for SyncEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncEngine")
            .field("vendors", &self.vendors)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl SyncEngine {
    pub fn new(sink: Arc<dyn SyncSink>, vendors: Vec<VendorSources>, options: SyncOptions) -> Self {
        let configured: Vec<Vendor> = vendors.iter().map(|v| v.vendor).collect();
        Self {
            sink,
            vendors,
            options,
            clock: Arc::new(SystemClock),
            board: StatusBoard::new(&configured),
            running: tokio::sync::Mutex::new(()),
        }
    }

    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The live statuses (shared: the board updates as passes run).
    #[must_use]
    pub fn statuses(&self) -> StatusBoard {
        self.board.clone()
    }

    /// Loads the statuses the last run saved, so the header says "as of" before the first
    /// pass of this run completes.
    pub async fn restore_statuses(&self) -> Result<(), CoreError> {
        for v in &self.vendors {
            if let Some(mut saved) = self.sink.load_status(v.vendor).await? {
                // Whatever it was then, it is being synced again now.
                saved.state = ConnectionState::Syncing;
                self.board.put(saved);
            }
        }
        Ok(())
    }

    /// One pass over every configured vendor, concurrently. Never fails as a whole: each
    /// vendor's failure is in its report and its status.
    pub async fn run_pass(&self, progress: Progress) -> SyncReport {
        let _one_at_a_time = self.running.lock().await;
        let today = self
            .clock
            .now()
            .with_timezone(&self.options.zone)
            .date_naive();
        let window = self.options.window(today);
        let mut tasks = JoinSet::new();
        let mut vendor_of = HashMap::new();
        for sources in &self.vendors {
            let vendor = sources.vendor;
            let pass = VendorPass {
                sources: sources.clone(),
                sink: self.sink.clone(),
                clock: self.clock.clone(),
                progress: progress.clone(),
                window,
            };
            let board = self.board.clone();
            let handle = tasks.spawn(run_vendor(pass, board));
            vendor_of.insert(handle.id(), vendor);
        }
        let mut reports = Vec::new();
        while let Some(joined) = tasks.join_next_with_id().await {
            match joined {
                Ok((_, report)) => reports.push(report),
                Err(e) => {
                    let Some(vendor) = vendor_of.get(&e.id()).copied() else {
                        continue;
                    };
                    let error = CoreError::Internal {
                        message: format!("{vendor} sync task stopped unexpectedly"),
                    };
                    let status = self.board.failed(vendor, &error);
                    tracing::error!(vendor = %vendor.key(), panicked = e.is_panic(), "sync_task_failed");
                    reports.push(report_of(vendor, status, Tally::default(), Some(&error)));
                }
            }
        }
        reports.sort_by_key(|r| r.vendor);
        SyncReport { vendors: reports }
    }
}

async fn run_vendor(pass: VendorPass, board: StatusBoard) -> VendorReport {
    let vendor = pass.sources.vendor;
    board.syncing(vendor);
    (pass.progress)(&SyncEvent {
        vendor,
        phase: Phase::Started,
        items: 0,
        pages: 0,
        state: ConnectionState::Syncing,
    });
    let mut tally = Tally::default();
    let outcome = pass.run(&mut tally).await;
    let status = match &outcome {
        Ok(()) => board.ok(vendor, pass.clock.now()),
        Err(e) => {
            tracing::warn!(vendor = %vendor.key(), kind = ?e.kind(), error = %e, "sync_vendor_failed");
            board.failed(vendor, e)
        }
    };
    if let Err(e) = pass.sink.save_status(&status).await {
        // The status is still live on the board; only its survival across a restart is lost.
        tracing::warn!(vendor = %vendor.key(), error = %e, "sync_status_not_saved");
    }
    (pass.progress)(&SyncEvent {
        vendor,
        phase: Phase::Finished,
        items: tally.patients + tally.appointments + tally.practice_items,
        pages: tally.pages,
        state: status.state,
    });
    tracing::info!(vendor = %vendor.key(), state = ?status.state, pages = tally.pages, "sync_vendor_finished");
    report_of(vendor, status, tally, outcome.as_ref().err())
}

fn report_of(
    vendor: Vendor,
    status: VendorStatus,
    tally: Tally,
    error: Option<&CoreError>,
) -> VendorReport {
    VendorReport {
        vendor,
        status,
        practice_items: tally.practice_items,
        patients: tally.patients,
        appointments: tally.appointments,
        unresolved_appointments: tally.unresolved,
        pages: tally.pages,
        error_kind: error.map(CoreError::kind),
    }
}
