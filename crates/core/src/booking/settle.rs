//! Waiting for an asynchronous booking to settle: NexHealth's EHR insertion, WellHive's network
//! submission. Polled with a growing pause, each state written to the cache as it is seen,
//! given up after a bound with the appointment left "pending" for the sync to finish.

use crate::appointment::{Appointment, AppointmentStatus};
use crate::booking::ports::{AppointmentSink, record};
use crate::ports::Booker;
use std::time::Duration;
use tokio::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettlePolicy {
    pub first_pause: Duration,
    pub max_pause: Duration,
    /// Beyond this the booking is left pending.
    pub give_up_after: Duration,
}

impl Default for SettlePolicy {
    fn default() -> Self {
        Self {
            first_pause: Duration::from_millis(250),
            max_pause: Duration::from_secs(3),
            give_up_after: Duration::from_secs(30),
        }
    }
}

/// Where a booking ended up.
#[derive(Debug, Clone, PartialEq)]
pub enum Settled {
    Confirmed(Appointment),
    /// The vendor gave up; `reason` is its own words. Offer the slot list again.
    Failed {
        appointment: Appointment,
        reason: String,
    },
    /// Still pending after the bound.
    StillPending(Appointment),
}

impl Settled {
    #[must_use]
    pub fn appointment(&self) -> &Appointment {
        match self {
            Settled::Confirmed(a) | Settled::StillPending(a) => a,
            Settled::Failed { appointment, .. } => appointment,
        }
    }
}

fn classify(a: Appointment) -> Option<Settled> {
    match &a.status {
        AppointmentStatus::Pending => None,
        AppointmentStatus::Failed { reason } => Some(Settled::Failed {
            reason: reason.clone(),
            appointment: a,
        }),
        _ => Some(Settled::Confirmed(a)),
    }
}

/// Polls `booker.appointment` until the booking leaves `Pending` or `policy` gives up.
/// Transient poll errors are waited out; others end the wait with the booking pending.
pub async fn settle(
    booker: &dyn Booker,
    sink: &dyn AppointmentSink,
    accepted: Appointment,
    policy: SettlePolicy,
) -> Settled {
    let started = Instant::now();
    let mut pause = policy.first_pause;
    let mut last = accepted;
    loop {
        if let Some(done) = classify(last.clone()) {
            return done;
        }
        if started.elapsed() + pause > policy.give_up_after {
            return Settled::StillPending(last);
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(policy.max_pause);
        match booker.appointment(&last.external_id).await {
            Ok(seen) => {
                if seen.status != last.status {
                    record(sink, &seen).await;
                }
                last = seen;
            }
            Err(e) if e.is_transient() => {
                tracing::debug!(vendor = %last.vendor, kind = ?e.kind(), "settle_poll_retrying");
            }
            Err(e) => {
                tracing::warn!(vendor = %last.vendor, kind = ?e.kind(), "settle_poll_failed");
                return Settled::StillPending(last);
            }
        }
    }
}
