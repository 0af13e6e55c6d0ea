//! Sending what waits: `submit` queues durably and tries at once; `drain` (called after every
//! sync pass) sends what is due. One drain at a time per desk, one item at a time, oldest
//! first; the rules that keep it exactly-once are in `send_one`.

use crate::contact::OutboxState;
use crate::error::{CoreError, ErrorKind};
use crate::ids::ExternalId;
use crate::outbox::item::OutboxItem;
use crate::outbox::ports::{Lookup, OutboxStore, OutboxTransport};
use crate::sync::{Clock, SystemClock};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::Arc;

/// What one drain did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DrainReport {
    pub sent: u32,
    /// Found at the vendor from an earlier attempt whose answer was lost: marked sent, not
    /// sent again.
    pub recovered: u32,
    pub failed: u32,
    /// Still queued (vendor unreachable, or outcome unknown and checked next time).
    pub waiting: u32,
}

/// How one item ended this time.
enum Outcome {
    Sent,
    Recovered,
    Failed,
    /// Left queued; `stop` when the vendor is unreachable so the rest are not tried in vain.
    Waiting {
        stop: bool,
    },
}

pub struct Outbox {
    store: Arc<dyn OutboxStore>,
    transport: Option<Arc<dyn OutboxTransport>>,
    clock: Arc<dyn Clock>,
    max_attempts: u32,
    // Two drains at once could both see an item queued and both send it.
    draining: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox")
            .field("transport", &self.transport.as_ref().map(|t| t.vendor()))
            .field("max_attempts", &self.max_attempts)
            .finish_non_exhaustive()
    }
}

impl Outbox {
    /// `transport` is `None` when the contact center is not configured: items wait.
    pub fn new(store: Arc<dyn OutboxStore>, transport: Option<Arc<dyn OutboxTransport>>) -> Self {
        Self {
            store,
            transport,
            clock: Arc::new(SystemClock),
            max_attempts: 50,
            draining: tokio::sync::Mutex::new(()),
        }
    }

    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// After this many attempts that reached the vendor but neither landed nor were refused,
    /// an item is failed with its last reason, for a person to look at. Attempts while the
    /// vendor is unreachable do not count towards giving up.
    #[must_use]
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Every item with its state (queued, sent, failed with reason).
    pub async fn items(&self) -> Result<Vec<OutboxItem>, CoreError> {
        self.store.all().await
    }

    /// Queues `item` durably, then sends whatever is due (this item included) if the vendor
    /// answers. Returns the item's state after that: `Queued` while the vendor is down.
    pub async fn submit(&self, item: OutboxItem) -> Result<OutboxState, CoreError> {
        self.store.enqueue(&item).await?;
        self.drain().await?;
        let id = item.id().to_owned();
        Ok(self
            .store
            .all()
            .await?
            .into_iter()
            .find(|i| i.id() == id)
            .map_or(OutboxState::Queued, |i| i.state().clone()))
    }

    /// Sends every queued item (callbacks are scheduled by the vendor, so "due" is "now").
    pub async fn drain(&self) -> Result<DrainReport, CoreError> {
        let _one_at_a_time = self.draining.lock().await;
        // Items are handed to the contact center as soon as it answers; their `at` is when
        // the vendor acts, so the whole queue is due.
        let items = self
            .store
            .due(chrono::DateTime::<chrono::Utc>::MAX_UTC)
            .await?;
        let mut report = DrainReport::default();
        let Some(transport) = self.transport.clone() else {
            report.waiting = crate::sync::count(items.len());
            return Ok(report);
        };
        let mut remaining = items.len();
        for item in &items {
            remaining -= 1;
            match self.send_one(transport.as_ref(), item).await? {
                Outcome::Sent => report.sent += 1,
                Outcome::Recovered => report.recovered += 1,
                Outcome::Failed => report.failed += 1,
                Outcome::Waiting { stop } => {
                    report.waiting += 1;
                    if stop {
                        report.waiting += crate::sync::count(remaining);
                        break;
                    }
                }
            }
        }
        tracing::info!(
            sent = report.sent,
            recovered = report.recovered,
            failed = report.failed,
            waiting = report.waiting,
            "outbox_drained"
        );
        Ok(report)
    }

    async fn send_one(
        &self,
        transport: &dyn OutboxTransport,
        item: &OutboxItem,
    ) -> Result<Outcome, CoreError> {
        let id = item.id();
        let key = item.key();
        let attempt = self.store.begin_attempt(id).await?;
        if attempt > 1 {
            // An earlier attempt may have landed (timeout, lost answer, crash before it was
            // marked): ask before sending again.
            match transport.find(item, &key).await {
                Ok(Lookup::Found(external)) => {
                    self.mark_sent(id, &external).await?;
                    return Ok(Outcome::Recovered);
                }
                Ok(Lookup::NotFound | Lookup::CannotCheck) => {}
                Err(e) => return self.not_sent(id, attempt, &e).await,
            }
        }
        match transport.send(item, &key).await {
            Ok(external) => {
                self.mark_sent(id, &external).await?;
                Ok(Outcome::Sent)
            }
            Err(e) => self.not_sent(id, attempt, &e).await,
        }
    }

    async fn mark_sent(&self, id: &str, external: &ExternalId) -> Result<(), CoreError> {
        match self.store.mark_sent(id, external).await {
            // Already sent by an earlier drain: the state is what we wanted.
            Err(CoreError::Conflict { .. }) | Ok(()) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn not_sent(
        &self,
        id: &str,
        attempt: u32,
        error: &CoreError,
    ) -> Result<Outcome, CoreError> {
        let kind = error.kind();
        tracing::warn!(item = %id, attempt, kind = ?kind, "outbox_not_sent");
        let permanent = matches!(
            kind,
            ErrorKind::Invalid | ErrorKind::NotFound | ErrorKind::Forbidden
        );
        // An unreachable vendor or refused credentials say nothing about the item: it waits
        // out an outage of any length. Only a vendor that answers and keeps failing gives up.
        let waits_for_vendor = matches!(kind, ErrorKind::Offline | ErrorKind::Unauthorized);
        if permanent || (attempt >= self.max_attempts && !waits_for_vendor) {
            let reason = if permanent {
                error.to_string()
            } else {
                format!("gave up after {attempt} attempts: {error}")
            };
            self.store.mark_failed(id, &reason).await?;
            return Ok(Outcome::Failed);
        }
        // Unreachable or refusing our credentials: the rest would fail the same way.
        let stop = matches!(
            kind,
            ErrorKind::Offline | ErrorKind::Unauthorized | ErrorKind::RateLimited
        );
        Ok(Outcome::Waiting { stop })
    }
}
