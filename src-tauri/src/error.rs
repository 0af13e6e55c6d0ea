//! `AppError`: the one error type the UI ever sees. Every command maps its failure into it once,
//! so the web side can switch on `kind` exhaustively and say in a sentence what happened and
//! what to do. It carries no patient data: ids, vendors, field names and the vendor's trace id
//! only, because these strings end up on screen, in logs and in bug reports.

use frontdesk_core::{CoreError, Vendor};
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum AppError {
    /// A vendor (or every vendor, when `vendor` is empty) cannot be reached right now.
    #[error("offline")]
    Offline {
        vendor: Option<Vendor>,
        /// RFC 3339 time of the newest cached data the desk can still show.
        as_of: Option<String>,
    },
    /// The vendor refused the practice's credentials; an admin must reconnect it.
    #[error("unauthorized")]
    Unauthorized { vendor: Option<Vendor> },
    /// The signed-in user's role may not do this.
    #[error("forbidden")]
    Forbidden { action: String },
    /// The desk is locked; sign in again.
    #[error("locked")]
    Locked,
    #[error("not found")]
    NotFound { what: String },
    /// The input was wrong; `field` names which one.
    #[error("invalid input")]
    Invalid { field: String, message: String },
    /// Someone else got there first (a slot taken, a record changed). A slot taken between
    /// search and book carries the provider's next open times in `next_slots`.
    #[error("conflict")]
    Conflict {
        message: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        next_slots: Option<Vec<frontdesk_desk::booking::OpenSlot>>,
    },
    #[error("rate limited")]
    RateLimited {
        vendor: Vendor,
        retry_after_secs: Option<u32>,
    },
    /// The vendor answered, but not properly (5xx, garbage).
    #[error("vendor unavailable")]
    Unavailable {
        vendor: Vendor,
        message: String,
        trace_id: Option<String>,
    },
    /// No practice (or not this vendor) has been set up yet.
    #[error("not configured")]
    NotConfigured { what: String },
    /// The local cache cannot be used; `way_out` says how to recover.
    #[error("local cache problem")]
    Storage { message: String, way_out: String },
    #[error("internal error")]
    Internal { message: String },
}

impl From<CoreError> for AppError {
    fn from(error: CoreError) -> Self {
        match error {
            CoreError::Unauthorized { vendor, .. } => AppError::Unauthorized {
                vendor: Some(vendor),
            },
            CoreError::Forbidden { action } => AppError::Forbidden { action },
            CoreError::NotFound { what } => AppError::NotFound { what },
            CoreError::RateLimited {
                vendor,
                retry_after_secs,
            } => AppError::RateLimited {
                vendor,
                retry_after_secs: retry_after_secs.map(|s| u32::try_from(s).unwrap_or(u32::MAX)),
            },
            CoreError::Unavailable {
                vendor,
                detail,
                trace_id,
            } => AppError::Unavailable {
                vendor,
                message: detail,
                trace_id,
            },
            CoreError::Offline { vendor } => AppError::Offline {
                vendor,
                as_of: None,
            },
            CoreError::Invalid { field, message } => AppError::Invalid { field, message },
            CoreError::Conflict { message } => AppError::Conflict {
                message,
                next_slots: None,
            },
            CoreError::Storage { message, way_out } => AppError::Storage { message, way_out },
            CoreError::Locked => AppError::Locked,
            CoreError::Internal { message } => AppError::Internal { message },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_a_kind_tagged_union_in_camel_case() {
        let error = AppError::RateLimited {
            vendor: Vendor::Cxone,
            retry_after_secs: Some(30),
        };
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "rateLimited", "vendor": "cxone", "retryAfterSecs": 30})
        );
        assert_eq!(
            serde_json::to_value(AppError::Locked).unwrap(),
            serde_json::json!({"kind": "locked"})
        );
    }

    #[test]
    fn core_errors_keep_their_kind_and_detail() {
        let mapped = AppError::from(CoreError::Unavailable {
            vendor: Vendor::Wellhive,
            detail: "HTTP 503".into(),
            trace_id: Some("trace-1".into()),
        });
        assert_eq!(
            mapped,
            AppError::Unavailable {
                vendor: Vendor::Wellhive,
                message: "HTTP 503".into(),
                trace_id: Some("trace-1".into()),
            }
        );
        let huge = AppError::from(CoreError::RateLimited {
            vendor: Vendor::Zoom,
            retry_after_secs: Some(u64::MAX),
        });
        assert!(matches!(
            huge,
            AppError::RateLimited {
                retry_after_secs: Some(u32::MAX),
                ..
            }
        ));
    }
}
