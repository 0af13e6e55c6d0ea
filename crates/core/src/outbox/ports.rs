//! What the outbox needs: a durable queue (the cache) and a way to the vendor (the contact
//! center). Both are ports so the exactly-once rules are tested without either.

use crate::error::CoreError;
use crate::ids::{ExternalId, Vendor};
use crate::outbox::item::{IdempotencyKey, OutboxItem};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Queues an item; the same id twice is a `Conflict`, never a second item.
    async fn enqueue(&self, item: &OutboxItem) -> Result<(), CoreError>;
    /// Queued items due at or before `now`, oldest first.
    async fn due(&self, now: DateTime<Utc>) -> Result<Vec<OutboxItem>, CoreError>;
    /// Every item with its state, for the outbox view.
    async fn all(&self) -> Result<Vec<OutboxItem>, CoreError>;
    /// Durably counts an attempt about to be made and returns the count, this one included.
    /// Written before the vendor is called: a count above one means an earlier attempt may
    /// have reached the vendor.
    async fn begin_attempt(&self, id: &str) -> Result<u32, CoreError>;
    /// The vendor took it; only from queued (a second call is a `Conflict`).
    async fn mark_sent(&self, id: &str, external_id: &ExternalId) -> Result<(), CoreError>;
    /// The vendor refused it for good; only from queued.
    async fn mark_failed(&self, id: &str, reason: &str) -> Result<(), CoreError>;
}

/// What the vendor says about an item an earlier attempt may have created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(ExternalId),
    NotFound,
    /// The vendor has no way to ask; the idempotency key must do.
    CannotCheck,
}

#[async_trait]
pub trait OutboxTransport: Send + Sync {
    fn vendor(&self) -> Vendor;
    /// Sends the item under `key`; returns the vendor's id for it. An unknown outcome (the
    /// request may have landed) is a `Conflict`.
    async fn send(&self, item: &OutboxItem, key: &IdempotencyKey) -> Result<ExternalId, CoreError>;
    /// Looks for what an earlier attempt with `key` may have created.
    async fn find(&self, item: &OutboxItem, key: &IdempotencyKey) -> Result<Lookup, CoreError> {
        let _ = (item, key);
        Ok(Lookup::CannotCheck)
    }
}
