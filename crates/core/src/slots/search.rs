//! The fan-out: every source asked at once on its own task, each under the same deadline, so a
//! hung vendor costs the search its deadline and nothing more, and a failing one becomes a
//! line in the outcomes rather than the search's error.

use crate::ids::Vendor;
use crate::ports::SlotSource;
use crate::slot::Slot;
use crate::slots::merge::{SlotDay, group_by_day, merge};
use crate::slots::outcome::{OutcomeState, VendorOutcome};
use crate::slots::query::{UnifiedSlotQuery, mode_of};
use crate::slots::zones::Zones;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// Long enough for a slow vendor's first page, short enough for a caller on the phone.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(8);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SlotSearchResult {
    /// Local days, earliest first.
    pub days: Vec<SlotDay>,
    /// One per vendor asked, in vendor order.
    pub outcomes: Vec<VendorOutcome>,
    pub as_of: DateTime<Utc>,
}

impl SlotSearchResult {
    /// Every slot in instant order, across days.
    pub fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.days
            .iter()
            .flat_map(|d| d.slots.iter().map(|s| &s.slot))
    }
}

#[derive(Clone)]
pub struct SlotSearch {
    sources: Vec<Arc<dyn SlotSource>>,
    zones: Zones,
    deadline: Duration,
}

impl std::fmt::Debug for SlotSearch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let vendors: Vec<Vendor> = self.sources.iter().map(|s| s.vendor()).collect();
        f.debug_struct("SlotSearch")
            .field("vendors", &vendors)
            .field("deadline", &self.deadline)
            .finish_non_exhaustive()
    }
}

fn millis(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

impl SlotSearch {
    #[must_use]
    pub fn new(sources: Vec<Arc<dyn SlotSource>>, zones: Zones) -> Self {
        Self {
            sources,
            zones,
            deadline: DEFAULT_DEADLINE,
        }
    }

    #[must_use]
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    #[must_use]
    pub fn zones(&self) -> &Zones {
        &self.zones
    }

    /// The source for `vendor`, for a booking's re-check of one slot.
    #[must_use]
    pub fn source(&self, vendor: Vendor) -> Option<Arc<dyn SlotSource>> {
        self.sources.iter().find(|s| s.vendor() == vendor).cloned()
    }

    /// Asks every source that the query concerns, concurrently; never fails as a whole.
    pub async fn search(&self, query: &UnifiedSlotQuery) -> SlotSearchResult {
        let mut tasks = JoinSet::new();
        for source in &self.sources {
            let vendor = source.vendor();
            let (Some(mode), Some(port_query)) = (mode_of(vendor), query.for_vendor(vendor)) else {
                continue;
            };
            let source = source.clone();
            let deadline = self.deadline;
            tasks.spawn(async move {
                let started = Instant::now();
                let answer = tokio::time::timeout(deadline, source.slots(&port_query)).await;
                let elapsed = millis(started.elapsed());
                match answer {
                    Ok(Ok(slots)) => {
                        let state = OutcomeState::Ok {
                            slots: u32::try_from(slots.len()).unwrap_or(u32::MAX),
                        };
                        (VendorOutcome { vendor, mode, state, elapsed_ms: elapsed }, slots)
                    }
                    Ok(Err(e)) => {
                        tracing::warn!(vendor = %vendor, kind = ?e.kind(), "slot_search_vendor_failed");
                        (VendorOutcome::failed(vendor, mode, &e, elapsed), Vec::new())
                    }
                    Err(_) => {
                        tracing::warn!(vendor = %vendor, after_ms = elapsed, "slot_search_vendor_timed_out");
                        let state = OutcomeState::TimedOut {
                            after_ms: millis(deadline),
                        };
                        (VendorOutcome { vendor, mode, state, elapsed_ms: elapsed }, Vec::new())
                    }
                }
            });
        }
        let mut outcomes = Vec::new();
        let mut batches = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok((outcome, slots)) => {
                    outcomes.push(outcome);
                    batches.push(slots);
                }
                // A panicking source is a bug in it; the others' results still stand.
                Err(e) => tracing::error!(panicked = e.is_panic(), "slot_search_task_lost"),
            }
        }
        outcomes.sort_by_key(|o| o.vendor);
        let merged = merge(batches);
        SlotSearchResult {
            days: group_by_day(&merged, &self.zones, query.from, query.to),
            outcomes,
            as_of: Utc::now(),
        }
    }
}
