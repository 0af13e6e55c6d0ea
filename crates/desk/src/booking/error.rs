//! Why a booking did not happen, in the two shapes callers act on: the slot went to someone
//! else (here are the next times, already in the slot list's shape), or anything else as the
//! usual `CoreError` kinds (`Offline`, `Invalid { field }`, `Conflict` for an unknown outcome).

use crate::booking::types::OpenSlot;
use frontdesk_core::CoreError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BookError {
    /// Someone else booked the time first; `next` are the provider's next open times.
    #[error("the slot was just taken; {} other time(s) offered", next.len())]
    SlotTaken { next: Vec<OpenSlot> },
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl BookError {
    #[must_use]
    pub fn kind(&self) -> frontdesk_core::ErrorKind {
        match self {
            BookError::SlotTaken { .. } => frontdesk_core::ErrorKind::Conflict,
            BookError::Core(e) => e.kind(),
        }
    }
}

impl From<BookError> for CoreError {
    fn from(e: BookError) -> Self {
        match e {
            BookError::SlotTaken { .. } => CoreError::Conflict {
                message: e.to_string(),
            },
            BookError::Core(inner) => inner,
        }
    }
}
