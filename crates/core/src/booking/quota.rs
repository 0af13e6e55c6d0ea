//! WellHive charges several actions against per-action quotas: the desk counts its own uses so
//! the admin screen can show them beside the agreed quota.

use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::atomic::{AtomicU64, Ordering};

/// The doc's quota-counted actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum QuotaAction {
    ProviderServiceSearch,
    DriveTimeCalculation,
    SlotSearch,
    AppointmentBook,
    AppointmentShowLatest,
    AppointmentCancel,
}

impl QuotaAction {
    pub const ALL: [QuotaAction; 6] = [
        QuotaAction::ProviderServiceSearch,
        QuotaAction::DriveTimeCalculation,
        QuotaAction::SlotSearch,
        QuotaAction::AppointmentBook,
        QuotaAction::AppointmentShowLatest,
        QuotaAction::AppointmentCancel,
    ];

    const fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Default)]
pub struct QuotaCounter {
    counts: [AtomicU64; 6],
}

impl QuotaCounter {
    pub fn count(&self, action: QuotaAction) {
        self.counts[action.index()].fetch_add(1, Ordering::Relaxed);
    }

    #[must_use]
    pub fn get(&self, action: QuotaAction) -> u64 {
        self.counts[action.index()].load(Ordering::Relaxed)
    }

    /// Every action with its count, for the admin screen.
    #[must_use]
    pub fn snapshot(&self) -> Vec<(QuotaAction, u64)> {
        QuotaAction::ALL
            .iter()
            .map(|a| (*a, self.get(*a)))
            .collect()
    }
}
