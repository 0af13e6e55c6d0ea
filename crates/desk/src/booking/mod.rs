//! Slots and booking for the app and the CLI: the unified slot search over the configured
//! vendors, the three kinds of booking (in person at NexHealth, telehealth at Zoom with CXone
//! reminders, referral out at WellHive), cancel and reschedule, callbacks through the outbox
//! and WellHive's quota counts, each wired to the cache so the board shows a booking at once
//! ("pending in EHR") and its outcome when the vendor settles it. Core holds the rules (never
//! twice, re-check before booking, settle); this module only adapts them to the desk, which is
//! why it is the one place both front ends book through.

mod book;
mod callbacks;
mod cancel;
mod error;
mod new_zoom;
mod people;
mod referral_source;
mod replay;
mod search;
mod settle;
mod sink;
pub mod token;
mod types;

pub use callbacks::MAX_REASON_CHARS;
pub use error::BookError;
pub use settle::PendingSettle;
pub use types::{
    BookRequest, BookingPatient, BookingResult, CancelReason, InviteState, OpenSlot, OpenSlotDay,
    PatientAttribute, QuotaCount, ReferralOptions, SettleOutcome, SettledBooking, SlotQuery,
    SlotResults, TelehealthBookedInfo, TelehealthOptions,
};

use frontdesk_core::booking::{QuotaCounter, ReferralSession, SettlePolicy};
use frontdesk_core::ports::ProviderServiceInfo;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// A referral search session: one draft and its paid-for drive times, per patient and referral.
pub(crate) type SessionKey = (String, Option<String>);

/// What booking keeps for the desk's whole life: quota counts, the receptionist's referral
/// search sessions (so drive times are paid for once), the services seen (for their required
/// attributes), and how long to wait on vendors.
#[derive(Debug)]
pub(crate) struct BookingState {
    pub(crate) quota: Arc<QuotaCounter>,
    sessions: tokio::sync::Mutex<HashMap<SessionKey, Arc<ReferralSession>>>,
    services: Mutex<HashMap<String, ProviderServiceInfo>>,
    policy: Mutex<SettlePolicy>,
    deadline: Mutex<Duration>,
}

impl Default for BookingState {
    fn default() -> Self {
        Self {
            quota: Arc::new(QuotaCounter::default()),
            sessions: tokio::sync::Mutex::new(HashMap::new()),
            services: Mutex::new(HashMap::new()),
            policy: Mutex::new(SettlePolicy::default()),
            deadline: Mutex::new(frontdesk_core::slots::DEFAULT_DEADLINE),
        }
    }
}

impl BookingState {
    pub(crate) fn policy(&self) -> SettlePolicy {
        *self.policy.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn set_policy(&self, policy: SettlePolicy) {
        *self.policy.lock().unwrap_or_else(PoisonError::into_inner) = policy;
    }

    pub(crate) fn deadline(&self) -> Duration {
        *self.deadline.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn set_deadline(&self, deadline: Duration) {
        *self.deadline.lock().unwrap_or_else(PoisonError::into_inner) = deadline;
    }

    pub(crate) fn remember_services(&self, found: &[ProviderServiceInfo]) {
        let mut known = self.services.lock().unwrap_or_else(PoisonError::into_inner);
        for s in found {
            known.insert(s.id.clone(), s.clone());
        }
    }

    pub(crate) fn service(&self, id: &str) -> Option<ProviderServiceInfo> {
        self.services
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(id)
            .cloned()
    }

    /// The session for `key`, made by `start` the first time.
    pub(crate) async fn session<F, Fut>(
        &self,
        key: SessionKey,
        start: F,
    ) -> Result<Arc<ReferralSession>, frontdesk_core::CoreError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<ReferralSession, frontdesk_core::CoreError>>,
    {
        let mut sessions = self.sessions.lock().await;
        if let Some(s) = sessions.get(&key) {
            return Ok(s.clone());
        }
        let made = Arc::new(start().await?);
        sessions.insert(key, made.clone());
        Ok(made)
    }

    /// A submitted draft is spent: the next search for this patient starts a new session.
    pub(crate) async fn end_session(&self, key: &SessionKey) {
        self.sessions.lock().await.remove(key);
    }
}
