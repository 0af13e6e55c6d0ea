//! Cancel for each kind of booking, with the vendor's cancel reasons where it has them
//! (WellHive, polled until cancelled), and one appointment's status read again, from the cache
//! or, on an explicit refresh, from its vendor (WellHive's `retrieveLatestDetails` costs quota
//! and is asked for only then).

use crate::booking::BookingState;
use crate::booking::sink::BookingSink;
use crate::booking::types::CancelReason;
use crate::sink::blocking;
use crate::{Clients, Desk};
use frontdesk_core::appointment::{Appointment, AppointmentStatus};
use frontdesk_core::booking::{AppointmentSink, QuotaAction, ReferralBooking, ReferralOutcome};
use frontdesk_core::ports::{Booker, ReferralNetwork, Telehealth};
use frontdesk_core::{CoreError, Vendor};
use frontdesk_store::{AuditOutcome, Store};
use std::sync::Arc;

fn not_here(vendor: Vendor) -> CoreError {
    CoreError::invalid(
        "appointmentId",
        format!(
            "{} appointments cannot be changed from the desk",
            vendor.key()
        ),
    )
}

fn unconfigured(vendor: &str) -> CoreError {
    CoreError::invalid("appointmentId", format!("{vendor} is not configured"))
}

/// Cancels `appointment` at its vendor and writes the result to the cache.
pub(crate) async fn cancel_on_vendor(
    clients: &Clients,
    store: &Arc<Store>,
    state: &Arc<BookingState>,
    appointment: &Appointment,
    reason: Option<&str>,
) -> Result<Appointment, CoreError> {
    let sink = BookingSink {
        store: store.clone(),
        patient: appointment.patient_id.clone(),
    };
    let id = &appointment.external_id;
    let cancelled = match appointment.vendor {
        Vendor::Nexhealth => {
            let nh = clients
                .nexhealth
                .clone()
                .ok_or_else(|| unconfigured("NexHealth"))?;
            Booker::cancel(nh.as_ref(), id, None).await?
        }
        Vendor::Zoom => {
            let zoom = clients.zoom.clone().ok_or_else(|| unconfigured("Zoom"))?;
            Telehealth::cancel_visit(zoom.as_ref(), id).await?;
            Telehealth::visit(zoom.as_ref(), id)
                .await
                .unwrap_or_else(|_| {
                    let mut a = appointment.clone();
                    a.status = AppointmentStatus::Cancelled;
                    a
                })
        }
        Vendor::Wellhive => {
            let wh = clients
                .wellhive
                .clone()
                .ok_or_else(|| unconfigured("WellHive"))?;
            let booking = ReferralBooking::new(
                wh.clone(),
                wh.clone(),
                Arc::new(sink.clone()),
                state.quota.clone(),
            )
            .with_settle_policy(state.policy());
            let reason = match reason {
                Some(r) => r.to_owned(),
                None => booking
                    .cancel_reasons(id)
                    .await?
                    .into_iter()
                    .next()
                    .map(|r| r.id)
                    .ok_or_else(|| {
                        CoreError::invalid("reason", "WellHive offers no cancel reason")
                    })?,
            };
            match booking.cancel(id, &reason).await.map_err(CoreError::from)? {
                ReferralOutcome::Done(n) => n.appointment.unwrap_or_else(|| {
                    let mut a = appointment.clone();
                    a.status = AppointmentStatus::Cancelled;
                    a
                }),
                ReferralOutcome::Errored { reason, .. } => {
                    return Err(CoreError::Conflict {
                        message: format!("WellHive did not cancel: {reason}"),
                    });
                }
                ReferralOutcome::StillWaiting(n) => {
                    n.appointment.unwrap_or_else(|| appointment.clone())
                }
            }
        }
        other => return Err(not_here(other)),
    };
    sink.record(&cancelled).await?;
    tracing::info!(vendor = %appointment.vendor, status = ?cancelled.status, "appointment_cancelled");
    Ok(cancelled)
}

impl Desk {
    pub(crate) async fn cached_appointment(&self, id: &str) -> Result<Appointment, CoreError> {
        let id = id.to_owned();
        blocking(self.store(), move |s| s.appointment(&id)).await
    }

    /// The reasons the vendor accepts for cancelling `appointment_id` (WellHive); other
    /// vendors take none, so the list is empty.
    pub async fn cancel_reasons(
        &self,
        appointment_id: &str,
    ) -> Result<Vec<CancelReason>, CoreError> {
        let a = self.cached_appointment(appointment_id).await?;
        if a.vendor != Vendor::Wellhive {
            return Ok(Vec::new());
        }
        let wh = self
            .clients()
            .wellhive
            .clone()
            .ok_or_else(|| unconfigured("WellHive"))?;
        Ok(ReferralNetwork::cancel_reasons(wh.as_ref(), &a.external_id)
            .await?
            .into_iter()
            .map(|r| CancelReason {
                id: r.id,
                name: r.name,
            })
            .collect())
    }

    /// Cancels at the vendor (with `reason`, one of `cancel_reasons`, where it takes one) and
    /// returns the appointment as the cache now holds it. Audited.
    pub async fn cancel_appointment(
        &self,
        actor: &str,
        appointment_id: &str,
        reason: Option<&str>,
    ) -> Result<Appointment, CoreError> {
        let a = self.cached_appointment(appointment_id).await?;
        let result = cancel_on_vendor(
            self.clients(),
            self.store(),
            &self.booking_state_arc(),
            &a,
            reason,
        )
        .await;
        let outcome = if result.is_ok() {
            AuditOutcome::Ok
        } else {
            AuditOutcome::Failed
        };
        self.audit_booking(
            actor,
            "appointment.cancel",
            outcome,
            a.patient_id.as_ref(),
            serde_json::json!({ "appointment": a.id, "vendor": a.vendor.key() }),
        )
        .await?;
        result
    }

    /// One appointment as the cache holds it, or (`refresh`) as its vendor says now, written
    /// back to the cache.
    pub async fn appointment_status(
        &self,
        actor: &str,
        appointment_id: &str,
        refresh: bool,
    ) -> Result<Appointment, CoreError> {
        let cached = self.cached_appointment(appointment_id).await?;
        let current = if refresh {
            let c = self.clients();
            let fresh = match cached.vendor {
                Vendor::Nexhealth => {
                    let nh = c
                        .nexhealth
                        .clone()
                        .ok_or_else(|| unconfigured("NexHealth"))?;
                    Booker::appointment(nh.as_ref(), &cached.external_id).await?
                }
                Vendor::Zoom => {
                    let zoom = c.zoom.clone().ok_or_else(|| unconfigured("Zoom"))?;
                    Telehealth::visit(zoom.as_ref(), &cached.external_id).await?
                }
                Vendor::Wellhive => {
                    let wh = c.wellhive.clone().ok_or_else(|| unconfigured("WellHive"))?;
                    self.booking_state()
                        .quota
                        .count(QuotaAction::AppointmentShowLatest);
                    let seen = wh
                        .appointment(
                            &frontdesk_vendors::wellhive::wire::AppointmentId(
                                cached.external_id.0.clone(),
                            ),
                            true,
                        )
                        .await
                        .map_err(CoreError::from)?;
                    frontdesk_vendors::wellhive::map::appointment(&seen)
                        .unwrap_or_else(|| cached.clone())
                }
                other => return Err(not_here(other)),
            };
            let sink = BookingSink {
                store: self.store().clone(),
                patient: cached.patient_id.clone(),
            };
            sink.record(&fresh).await?;
            self.cached_appointment(appointment_id).await?
        } else {
            cached
        };
        if current.patient_id.is_some() {
            self.audit_booking(
                actor,
                "appointment.read",
                AuditOutcome::Ok,
                current.patient_id.as_ref(),
                serde_json::json!({ "appointment": current.id, "refresh": refresh }),
            )
            .await?;
        }
        Ok(current)
    }
}
