//! The durable outbox for callbacks and reminders (see `queue.rs`).
