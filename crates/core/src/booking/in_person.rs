//! In-person booking (NexHealth): who (found or created), what and where (the slot), when
//! (re-checked just before booking), then "pending in EHR" until the insertion settles.

use crate::appointment::Appointment;
use crate::booking::error::BookingError;
use crate::booking::key::BookingKey;
use crate::booking::never_twice::{book_once, is_outcome_unknown};
use crate::booking::patient::{PatientChoice, resolve};
use crate::booking::ports::{AppointmentSink, record};
use crate::booking::recheck::{still_open, taken};
use crate::booking::settle::{SettlePolicy, Settled, settle};
use crate::error::CoreError;
use crate::ids::ExternalId;
use crate::ports::{Booker, BookingRequest, PatientRegistry, PatientSearch, SlotSource};
use crate::slot::Slot;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub struct InPersonRequest {
    pub slot: Slot,
    pub patient: PatientChoice,
    /// Staff-facing note on the appointment.
    pub note: Option<String>,
    pub key: BookingKey,
}

/// A booking the vendor accepted (usually `Pending`: call `settle`).
#[derive(Debug, Clone, PartialEq)]
pub struct Booked {
    pub appointment: Appointment,
    pub patient: ExternalId,
    pub patient_created: bool,
    pub key: BookingKey,
}

/// What a reschedule did: the new booking's end state and, once it held, the old one cancelled.
#[derive(Debug, Clone, PartialEq)]
pub struct Rescheduled {
    pub new: Settled,
    /// `None` when the new booking did not settle as confirmed: the old one is kept.
    pub old_cancelled: Option<Appointment>,
}

#[derive(Clone)]
pub struct InPersonBooking {
    booker: Arc<dyn Booker>,
    slots: Arc<dyn SlotSource>,
    sink: Arc<dyn AppointmentSink>,
    search: Option<Arc<dyn PatientSearch>>,
    registry: Option<Arc<dyn PatientRegistry>>,
    policy: SettlePolicy,
}

impl std::fmt::Debug for InPersonBooking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InPersonBooking")
            .field("vendor", &self.booker.vendor())
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl InPersonBooking {
    #[must_use]
    pub fn new(
        booker: Arc<dyn Booker>,
        slots: Arc<dyn SlotSource>,
        sink: Arc<dyn AppointmentSink>,
    ) -> Self {
        Self {
            booker,
            slots,
            sink,
            search: None,
            registry: None,
            policy: SettlePolicy::default(),
        }
    }

    /// Where new patients are looked for and created.
    #[must_use]
    pub fn with_patients(
        mut self,
        search: Arc<dyn PatientSearch>,
        registry: Option<Arc<dyn PatientRegistry>>,
    ) -> Self {
        self.search = Some(search);
        self.registry = registry;
        self
    }

    #[must_use]
    pub fn with_settle_policy(mut self, policy: SettlePolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Books the slot. A slot gone by the re-check or lost in a race is `SlotTaken` with the
    /// provider's next times; an unreachable vendor is `Vendor(Offline)`.
    pub async fn book(&self, request: &InPersonRequest) -> Result<Booked, BookingError> {
        let patient = resolve(
            self.search.as_deref(),
            self.registry.as_deref(),
            &request.patient,
        )
        .await?;
        if !still_open(self.slots.as_ref(), &request.slot).await? {
            tracing::info!(key = %request.key, "booking_slot_gone_before_booking");
            return Err(taken(self.slots.as_ref(), &request.slot).await);
        }
        let vendor_request = BookingRequest {
            slot: request.slot.clone(),
            patient: patient.id.clone(),
            note: request.note.clone(),
            referral: None,
        };
        let appointment = match book_once(self.booker.as_ref(), &vendor_request, &request.key).await
        {
            Ok(a) => a,
            Err(BookingError::Vendor(e)) if lost_race(&e) => {
                // The vendor refused the time: if it is no longer offered, someone else has it.
                return Err(match still_open(self.slots.as_ref(), &request.slot).await {
                    Ok(false) => taken(self.slots.as_ref(), &request.slot).await,
                    _ => BookingError::Vendor(e),
                });
            }
            Err(e) => return Err(e),
        };
        tracing::info!(vendor = %appointment.vendor, key = %request.key, status = ?appointment.status, "booking_accepted");
        record(self.sink.as_ref(), &appointment).await;
        Ok(Booked {
            appointment,
            patient: patient.id,
            patient_created: patient.created,
            key: request.key.clone(),
        })
    }

    /// Waits for the EHR to confirm or refuse the booking, writing each state to the cache.
    pub async fn settle(&self, booked: &Booked) -> Settled {
        settle(
            self.booker.as_ref(),
            self.sink.as_ref(),
            booked.appointment.clone(),
            self.policy,
        )
        .await
    }

    pub async fn cancel(&self, appointment: &ExternalId) -> Result<Appointment, BookingError> {
        let cancelled = self.booker.cancel(appointment, None).await?;
        record(self.sink.as_ref(), &cancelled).await;
        Ok(cancelled)
    }

    /// Books the new time, waits for it to be confirmed, and only then cancels `old`.
    pub async fn reschedule(
        &self,
        old: &ExternalId,
        request: &InPersonRequest,
    ) -> Result<Rescheduled, BookingError> {
        let booked = self.book(request).await?;
        let new = self.settle(&booked).await;
        let old_cancelled = match &new {
            Settled::Confirmed(_) => Some(self.cancel(old).await?),
            Settled::Failed { .. } | Settled::StillPending(_) => None,
        };
        Ok(Rescheduled { new, old_cancelled })
    }
}

/// A refusal that may mean the time went to someone else (409, or NexHealth's 400 "not
/// available"), as opposed to an unknown outcome or an unreachable vendor.
fn lost_race(e: &CoreError) -> bool {
    matches!(e, CoreError::Conflict { .. } | CoreError::Invalid { .. }) && !is_outcome_unknown(e)
}
