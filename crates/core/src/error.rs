//! The ways the desk's work can fail, in the few kinds a person can act on. Vendor clients and
//! the store keep their own rich errors and map them here once; the app maps these once more
//! into the UI's `AppError`. Messages here must never carry patient data: they reach logs and
//! the screen, so they name fields, vendors and ids, never names, phones or dates of birth.

use crate::ids::Vendor;
use serde::{Deserialize, Serialize};
use specta::Type;

/// The coarse kind, for retry decisions, exit codes and UI wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    Unauthorized,
    Forbidden,
    NotFound,
    RateLimited,
    Unavailable,
    Offline,
    Invalid,
    Conflict,
    Storage,
    Locked,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoreError {
    #[error("{vendor} refused the desk's credentials: {detail}")]
    Unauthorized { vendor: Vendor, detail: String },
    #[error("not allowed: {action}")]
    Forbidden { action: String },
    #[error("{what} was not found")]
    NotFound { what: String },
    #[error("{vendor} asked the desk to slow down")]
    RateLimited {
        vendor: Vendor,
        retry_after_secs: Option<u64>,
    },
    #[error("{vendor} is not answering properly: {detail}")]
    Unavailable {
        vendor: Vendor,
        detail: String,
        trace_id: Option<String>,
    },
    #[error("{} cannot be reached", vendor.map_or("the vendor", Vendor::display_name))]
    Offline { vendor: Option<Vendor> },
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("conflict: {message}")]
    Conflict { message: String },
    #[error("local cache: {message}")]
    Storage { message: String, way_out: String },
    #[error("the desk is locked")]
    Locked,
    #[error("internal error: {message}")]
    Internal { message: String },
}

impl CoreError {
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            CoreError::Unauthorized { .. } => ErrorKind::Unauthorized,
            CoreError::Forbidden { .. } => ErrorKind::Forbidden,
            CoreError::NotFound { .. } => ErrorKind::NotFound,
            CoreError::RateLimited { .. } => ErrorKind::RateLimited,
            CoreError::Unavailable { .. } => ErrorKind::Unavailable,
            CoreError::Offline { .. } => ErrorKind::Offline,
            CoreError::Invalid { .. } => ErrorKind::Invalid,
            CoreError::Conflict { .. } => ErrorKind::Conflict,
            CoreError::Storage { .. } => ErrorKind::Storage,
            CoreError::Locked => ErrorKind::Locked,
            CoreError::Internal { .. } => ErrorKind::Internal,
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        CoreError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        CoreError::NotFound { what: what.into() }
    }

    /// Whether trying the same idempotent call again later could succeed.
    #[must_use]
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::RateLimited | ErrorKind::Unavailable | ErrorKind::Offline
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_kinds_are_the_ones_worth_retrying() {
        let offline = CoreError::Offline {
            vendor: Some(Vendor::Zoom),
        };
        assert!(offline.is_transient());
        assert_eq!(offline.to_string(), "Zoom cannot be reached");
        assert!(!CoreError::invalid("date", "not a date").is_transient());
        assert!(
            !CoreError::Conflict {
                message: "slot taken".into()
            }
            .is_transient()
        );
    }
}
