//! The durable outbox: callbacks and reminders wait here while a vendor is unreachable and are
//! sent exactly once when it is back. A state change only happens from `queued`, so a second
//! "sent" for the same item is a conflict the sender sees, not a silent double.

use crate::codec::{from_json, ms, now_ms, to_json};
use crate::error::StoreError;
use crate::store::Store;
use chrono::{DateTime, Utc};
use frontdesk_core::contact::{Callback, OutboxState, Reminder};
use frontdesk_core::ids::ExternalId;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// One item waiting to be sent. The item's id doubles as the vendor idempotency key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

    fn due(&self) -> DateTime<Utc> {
        match self {
            OutboxItem::Callback(c) => c.at,
            OutboxItem::Reminder(r) => r.at,
        }
    }

    fn state(&self) -> &OutboxState {
        match self {
            OutboxItem::Callback(c) => &c.state,
            OutboxItem::Reminder(r) => &r.state,
        }
    }

    fn set_state(&mut self, state: OutboxState) {
        match self {
            OutboxItem::Callback(c) => c.state = state,
            OutboxItem::Reminder(r) => r.state = state,
        }
    }
}

fn state_key(state: &OutboxState) -> &'static str {
    match state {
        OutboxState::Queued => "queued",
        OutboxState::Sent { .. } => "sent",
        OutboxState::Failed { .. } => "failed",
    }
}

impl Store {
    /// Queues an item; queuing the same id twice is a conflict, never a second send.
    pub fn outbox_enqueue(&self, item: &OutboxItem) -> Result<(), StoreError> {
        let (kind, patient) = match item {
            OutboxItem::Callback(c) => ("callback", Some(c.patient_id.0.as_str())),
            OutboxItem::Reminder(_) => ("reminder", None),
        };
        self.in_transaction(|tx| {
            let now = now_ms();
            let inserted = tx.execute(
                "INSERT OR IGNORE INTO outbox (id, kind, patient_id, state, due_ms, attempts, body, created_ms, updated_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?7)",
                params![item.id(), kind, patient, state_key(item.state()), ms(item.due()), to_json("outbox item", item)?, now],
            )?;
            if inserted == 0 {
                return Err(StoreError::Conflict(format!("outbox item {} is already queued", item.id())));
            }
            Ok(())
        })
    }

    /// Queued items due at or before `now`, oldest first.
    pub fn outbox_due(&self, now: DateTime<Utc>) -> Result<Vec<OutboxItem>, StoreError> {
        crate::practice::bodies(
            &self.reader(),
            "SELECT body FROM outbox WHERE state = 'queued' AND due_ms <= ?1 ORDER BY due_ms, id",
            [ms(now)],
            "outbox item",
        )
    }

    /// Every item, newest first (the outbox view with its clock icons).
    pub fn outbox_all(&self) -> Result<Vec<OutboxItem>, StoreError> {
        crate::practice::all(
            &self.reader(),
            "SELECT body FROM outbox ORDER BY due_ms DESC, id",
            "outbox item",
        )
    }

    /// The vendor took the item: it is never sent again.
    pub fn outbox_mark_sent(&self, id: &str, external_id: &ExternalId) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            transition(
                tx,
                id,
                OutboxState::Sent {
                    external_id: external_id.clone(),
                },
            )
        })
    }

    /// The vendor refused the item for good (a transient failure should leave it queued and
    /// only count the attempt, see [`Store::outbox_record_attempt`]).
    pub fn outbox_mark_failed(&self, id: &str, reason: &str) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            transition(
                tx,
                id,
                OutboxState::Failed {
                    reason: reason.to_owned(),
                },
            )
        })
    }

    /// Counts a transient failure; the item stays queued.
    pub fn outbox_record_attempt(&self, id: &str) -> Result<u32, StoreError> {
        self.in_transaction(|tx| {
            tx.execute(
                "UPDATE outbox SET attempts = attempts + 1, updated_ms = ?2 WHERE id = ?1 AND state = 'queued'",
                params![id, now_ms()],
            )?;
            let attempts: Option<u32> = tx.query_row("SELECT attempts FROM outbox WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            attempts.ok_or_else(|| StoreError::NotFound { what: format!("outbox item {id}") })
        })
    }
}

fn transition(tx: &Connection, id: &str, state: OutboxState) -> Result<(), StoreError> {
    let row: Option<(String, String)> = tx
        .query_row("SELECT state, body FROM outbox WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (current, body) = row.ok_or_else(|| StoreError::NotFound {
        what: format!("outbox item {id}"),
    })?;
    if current != "queued" {
        return Err(StoreError::Conflict(format!(
            "outbox item {id} is already {current}"
        )));
    }
    let mut item: OutboxItem = from_json("outbox item", &body)?;
    item.set_state(state);
    tx.execute(
        "UPDATE outbox SET state = ?2, body = ?3, updated_ms = ?4 WHERE id = ?1 AND state = 'queued'",
        params![id, state_key(item.state()), to_json("outbox item", &item)?, now_ms()],
    )?;
    Ok(())
}
