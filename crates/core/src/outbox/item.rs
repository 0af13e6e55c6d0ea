//! One outbox item and its idempotency key. The shape is the store's (`kind`-tagged JSON), so
//! the cache can keep the body as is.

use crate::contact::{Callback, OutboxState, Reminder};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum OutboxItem {
    Callback(Callback),
    Reminder(Reminder),
}

impl OutboxItem {
    #[must_use]
    pub fn id(&self) -> &str {
        match self {
            OutboxItem::Callback(c) => &c.id,
            OutboxItem::Reminder(r) => &r.id,
        }
    }

    /// When the vendor should act on it (sent as soon as possible, not held until then: the
    /// contact center schedules it).
    #[must_use]
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            OutboxItem::Callback(c) => c.at,
            OutboxItem::Reminder(r) => r.at,
        }
    }

    #[must_use]
    pub fn state(&self) -> &OutboxState {
        match self {
            OutboxItem::Callback(c) => &c.state,
            OutboxItem::Reminder(r) => &r.state,
        }
    }

    #[must_use]
    pub fn key(&self) -> IdempotencyKey {
        IdempotencyKey(self.id().to_owned())
    }
}

/// Sent with every attempt of one item, the same each time, so a vendor that honours it
/// keeps one copy however many attempts reach it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(pub String);

impl IdempotencyKey {
    /// A new key for a new item.
    #[must_use]
    pub fn new() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
