//! How each vendor's part of a search went, for the line beside the results ("Zoom did not
//! answer in time"). Words only from the error's display, which never carries patient data.

use crate::appointment::VisitMode;
use crate::error::{CoreError, ErrorKind};
use crate::ids::Vendor;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum OutcomeState {
    Ok {
        slots: u32,
    },
    #[serde(rename_all = "camelCase")]
    TimedOut {
        after_ms: u32,
    },
    Failed {
        kind: ErrorKind,
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorOutcome {
    pub vendor: Vendor,
    pub mode: VisitMode,
    pub state: OutcomeState,
    pub elapsed_ms: u32,
}

impl VendorOutcome {
    #[must_use]
    pub fn failed(vendor: Vendor, mode: VisitMode, error: &CoreError, elapsed_ms: u32) -> Self {
        Self {
            vendor,
            mode,
            state: OutcomeState::Failed {
                kind: error.kind(),
                message: error.to_string(),
            },
            elapsed_ms,
        }
    }

    #[must_use]
    pub fn is_ok(&self) -> bool {
        matches!(self.state, OutcomeState::Ok { .. })
    }
}
