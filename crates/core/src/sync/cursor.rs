//! A stream's durable state, stored with every page: where a pass in progress stopped, and the
//! watermark the next incremental pass asks "changed since" from. Kept as JSON so the store
//! treats it as an opaque string.

use crate::error::CoreError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamCursor {
    /// The vendor's cursor for the next page of a pass in progress; `None` between passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// What the pass in progress asks for: changes since this instant (`None`: everything).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateTime<Utc>>,
    /// When the pass in progress began; becomes the next pass's `since` once it completes, so
    /// changes made during the pass are fetched again rather than missed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_started: Option<DateTime<Utc>>,
    /// The date window of an appointments pass in progress, kept so a resumed pass pages
    /// through the same listing it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// When the last complete pass ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<DateTime<Utc>>,
}

impl StreamCursor {
    /// Reads a stored cursor; a cursor the desk cannot read starts a full pass again rather
    /// than stopping the sync (the data it guards is refetched, never lost).
    #[must_use]
    pub fn parse(stored: Option<&str>) -> Self {
        stored
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    }

    /// Whether a pass was interrupted and should resume from `page`.
    #[must_use]
    pub fn in_progress(&self) -> bool {
        self.page.is_some()
    }

    pub fn encode(&self) -> Result<String, CoreError> {
        serde_json::to_string(self).map_err(|e| CoreError::Internal {
            message: format!("sync cursor could not be written: {e}"),
        })
    }
}
