//! The idempotency key of one booking: made when the receptionist presses "Book", kept through
//! every attempt, check and retry of it, and named in logs and the audit in place of the
//! patient.

use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct BookingKey(pub String);

impl BookingKey {
    #[must_use]
    pub fn new() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }
}

impl Default for BookingKey {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for BookingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
