//! The durable outbox: callbacks and reminders made while the contact center is unreachable
//! wait in the cache and are sent when it is back, exactly once. Each item's id is its
//! idempotency key; an attempt is recorded before the vendor is called, so after a timeout or
//! a crash the next drain knows an earlier attempt may have landed and asks the vendor first
//! (where the port can), or re-sends under the same key (where it cannot).

mod drain;
mod item;
mod ports;

#[cfg(test)]
mod tests;

pub use drain::{DrainReport, Outbox};
pub use item::{IdempotencyKey, OutboxItem};
pub use ports::{Lookup, OutboxStore, OutboxTransport};
