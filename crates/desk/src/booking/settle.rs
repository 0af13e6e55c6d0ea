//! The wait after a booking the vendor confirms later (NexHealth's EHR insertion, WellHive's
//! submission): a value the caller awaits where it likes, in the background for the app (which
//! then tells the UI), in the foreground for `frontdesk book`. Each state is written to the
//! cache as it is seen; a reschedule's old appointment is cancelled only once the new one holds.

use crate::Clients;
use crate::booking::BookingState;
use crate::booking::cancel::cancel_on_vendor;
use crate::booking::sink::BookingSink;
use crate::booking::types::{SettleOutcome, SettledBooking};
use frontdesk_core::appointment::{Appointment, AppointmentStatus};
use frontdesk_core::booking::{
    AppointmentSink, ReferralBooking, ReferralOutcome, SettlePolicy, Settled, settle,
};
use frontdesk_core::ports::{Booker, NetworkAppointment};
use std::sync::Arc;

pub(crate) enum Work {
    Booker {
        booker: Arc<dyn Booker>,
        accepted: Box<Appointment>,
        policy: SettlePolicy,
    },
    Referral {
        booking: ReferralBooking,
        last: Box<NetworkAppointment>,
        pending: Box<Appointment>,
    },
}

/// A booking the vendor has accepted but not yet confirmed; `wait` for its end.
pub struct PendingSettle {
    pub(crate) work: Work,
    pub(crate) key: String,
    pub(crate) sink: BookingSink,
    pub(crate) clients: Clients,
    pub(crate) state: Arc<BookingState>,
    /// The appointment a reschedule replaces, cancelled once the new one is confirmed.
    pub(crate) replaces: Option<Appointment>,
}

impl std::fmt::Debug for PendingSettle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingSettle")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

fn with_status(mut a: Appointment, status: AppointmentStatus) -> Appointment {
    a.status = status;
    a.as_of = chrono::Utc::now();
    a
}

impl PendingSettle {
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Waits until the vendor confirms or refuses the booking, or the desk's bound passes.
    pub async fn wait(self) -> SettledBooking {
        let (outcome, reason, appointment) = match self.work {
            Work::Booker {
                booker,
                accepted,
                policy,
            } => match settle(booker.as_ref(), &self.sink, *accepted, policy).await {
                Settled::Confirmed(a) => (SettleOutcome::Confirmed, None, a),
                Settled::Failed {
                    appointment,
                    reason,
                } => (SettleOutcome::Failed, Some(reason), appointment),
                Settled::StillPending(a) => (SettleOutcome::StillPending, None, a),
            },
            Work::Referral {
                booking,
                last,
                pending,
            } => {
                let (outcome, reason, seen) = match booking.follow_submit(*last).await {
                    ReferralOutcome::Done(n) => (SettleOutcome::Confirmed, None, n),
                    ReferralOutcome::Errored {
                        appointment,
                        reason,
                    } => (SettleOutcome::Failed, Some(reason), appointment),
                    ReferralOutcome::StillWaiting(n) => (SettleOutcome::StillPending, None, n),
                };
                let shown = match (seen.appointment, &reason) {
                    (Some(a), _) => a,
                    (None, Some(r)) => {
                        with_status(*pending, AppointmentStatus::Failed { reason: r.clone() })
                    }
                    (None, None) if outcome == SettleOutcome::Confirmed => {
                        with_status(*pending, AppointmentStatus::Scheduled)
                    }
                    (None, None) => *pending,
                };
                if let Err(e) = self.sink.record(&shown).await {
                    tracing::warn!(kind = ?e.kind(), "booking_cache_write_failed");
                }
                (outcome, reason, shown)
            }
        };
        tracing::info!(key = %self.key, vendor = %appointment.vendor, outcome = ?outcome, "booking_settled");
        let mut replaced_cancelled = None;
        if let (SettleOutcome::Confirmed, Some(old)) = (outcome, &self.replaces) {
            match cancel_on_vendor(&self.clients, &self.sink.store, &self.state, old, None).await {
                Ok(_) => replaced_cancelled = Some(old.id.clone()),
                Err(e) => {
                    tracing::warn!(key = %self.key, kind = ?e.kind(), "reschedule_old_cancel_failed");
                }
            }
        }
        SettledBooking {
            key: self.key,
            outcome,
            reason,
            appointment,
            replaced_cancelled,
        }
    }
}
