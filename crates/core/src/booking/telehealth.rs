//! Telehealth booking (Zoom + CXone): the visit made with waiting room and encryption on and
//! recording off unless consent is on file; the patient invited only by channels they allow;
//! reminders queued in the durable outbox at the practice's offsets, so an outage delays them
//! rather than losing them.

use crate::appointment::{Appointment, Visit};
use crate::booking::error::BookingError;
use crate::booking::key::BookingKey;
use crate::booking::never_twice::is_outcome_unknown;
use crate::booking::ports::{AppointmentSink, record};
use crate::contact::{OutboxState, Reminder};
use crate::error::CoreError;
use crate::ids::ExternalId;
use crate::outbox::{OutboxItem, OutboxStore};
use crate::patient::CommunicationPreferences;
use crate::ports::{BookingLookup, InviteChannel, Telehealth, TelehealthRequest};
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub struct TelehealthBookingRequest {
    /// The patient's id in the telehealth vendor.
    pub patient: ExternalId,
    pub provider: ExternalId,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    pub visit_type: Option<String>,
    /// Staff-facing only.
    pub reason: Option<String>,
    pub communication: CommunicationPreferences,
    /// Whether the patient's consent to recording is on file.
    pub recording_consent: bool,
    pub key: BookingKey,
}

/// How the invitation went; a failed one does not undo the visit (staff can resend).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InviteOutcome {
    Sent(Vec<InviteChannel>),
    /// The patient allows neither email nor SMS.
    NoChannelAllowed,
    Failed {
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TelehealthBooked {
    pub appointment: Appointment,
    pub patient_join_url: String,
    /// Staff only.
    pub provider_join_url: String,
    pub invite: InviteOutcome,
    /// Queued in the outbox; the drain sends them.
    pub reminders: Vec<Reminder>,
}

#[derive(Clone)]
pub struct TelehealthBooking {
    telehealth: Arc<dyn Telehealth>,
    outbox: Arc<dyn OutboxStore>,
    sink: Arc<dyn AppointmentSink>,
    reminder_offsets_minutes: Vec<u32>,
}

impl std::fmt::Debug for TelehealthBooking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelehealthBooking")
            .field("vendor", &self.telehealth.vendor())
            .field("reminder_offsets_minutes", &self.reminder_offsets_minutes)
            .finish_non_exhaustive()
    }
}

/// The channels the patient allows for invitations, SMS first (read soonest).
#[must_use]
pub fn invite_channels(prefs: CommunicationPreferences) -> Vec<InviteChannel> {
    let mut out = Vec::new();
    if prefs.allow_sms {
        out.push(InviteChannel::Sms);
    }
    if prefs.allow_email {
        out.push(InviteChannel::Email);
    }
    out
}

/// The one channel a reminder goes by, or `None` when the patient allows none.
#[must_use]
pub fn reminder_channel(prefs: CommunicationPreferences) -> Option<&'static str> {
    if prefs.allow_sms {
        Some("sms")
    } else if prefs.allow_email {
        Some("email")
    } else if prefs.allow_voice {
        Some("voice")
    } else {
        None
    }
}

/// Reminders at each offset before `appointment` that is still in the future. Ids come from
/// the booking key and offset, so the same booking never queues a reminder twice.
#[must_use]
pub fn reminders_for(
    appointment: &Appointment,
    key: &BookingKey,
    offsets_minutes: &[u32],
    prefs: CommunicationPreferences,
    now: DateTime<Utc>,
) -> Vec<Reminder> {
    let Some(channel) = reminder_channel(prefs) else {
        return Vec::new();
    };
    offsets_minutes
        .iter()
        .map(|m| (m, appointment.start - Duration::minutes(i64::from(*m))))
        .filter(|(_, at)| *at > now)
        .map(|(m, at)| Reminder {
            id: format!("reminder:{key}:{m}"),
            appointment_id: appointment.id.clone(),
            channel: channel.to_owned(),
            at,
            state: OutboxState::Queued,
        })
        .collect()
}

fn links(a: &Appointment) -> Option<(String, String)> {
    match &a.visit {
        Visit::Telehealth {
            patient_join_url: Some(p),
            provider_join_url: Some(s),
        } => Some((p.clone(), s.clone())),
        _ => None,
    }
}

impl TelehealthBooking {
    #[must_use]
    pub fn new(
        telehealth: Arc<dyn Telehealth>,
        outbox: Arc<dyn OutboxStore>,
        sink: Arc<dyn AppointmentSink>,
        reminder_offsets_minutes: Vec<u32>,
    ) -> Self {
        Self {
            telehealth,
            outbox,
            sink,
            reminder_offsets_minutes,
        }
    }

    pub async fn book(
        &self,
        request: &TelehealthBookingRequest,
    ) -> Result<TelehealthBooked, BookingError> {
        let vendor_request = TelehealthRequest {
            patient: request.patient.clone(),
            provider: request.provider.clone(),
            start: request.start,
            minutes: request.minutes,
            visit_type: request.visit_type.clone(),
            reason: request.reason.clone(),
        };
        let appointment = self.visit_once(&vendor_request, request).await?;
        record(self.sink.as_ref(), &appointment).await;
        let (patient_join_url, provider_join_url) =
            links(&appointment).ok_or_else(|| CoreError::Unavailable {
                vendor: appointment.vendor,
                detail: "the visit came back without both join links".to_owned(),
                trace_id: None,
            })?;
        let channels = invite_channels(request.communication);
        let invite = if channels.is_empty() {
            InviteOutcome::NoChannelAllowed
        } else {
            match self
                .telehealth
                .invite_patient(&request.patient, &appointment.external_id, &channels)
                .await
            {
                Ok(()) => InviteOutcome::Sent(channels),
                Err(e) => {
                    tracing::warn!(key = %request.key, kind = ?e.kind(), "telehealth_invite_failed");
                    InviteOutcome::Failed {
                        message: e.to_string(),
                    }
                }
            }
        };
        let reminders = self
            .queue_reminders(&appointment, &request.key, request.communication)
            .await?;
        Ok(TelehealthBooked {
            appointment,
            patient_join_url,
            provider_join_url,
            invite,
            reminders,
        })
    }

    /// NEVER TWICE for video visits. A video vendor holds no slot, so nothing on its side
    /// refuses a second visit at the same time: a repeat of this request (Book pressed again
    /// after an error on screen, or a lost answer) would make one. So the vendor is asked
    /// first; after a lost answer it is asked again; and the request is sent at most twice, the
    /// second time only after a clear "not there".
    async fn visit_once(
        &self,
        vendor_request: &TelehealthRequest,
        request: &TelehealthBookingRequest,
    ) -> Result<Appointment, BookingError> {
        if let BookingLookup::Found(made) = self.telehealth.find_visit(vendor_request).await? {
            tracing::info!(key = %request.key, "telehealth_visit_already_made");
            return Ok(*made);
        }
        for attempt in 1..=2u8 {
            let sent = if request.recording_consent {
                self.telehealth
                    .schedule_recorded_visit(vendor_request)
                    .await
            } else {
                self.telehealth.schedule_visit(vendor_request).await
            };
            match sent {
                Ok(a) => return Ok(a),
                Err(e) if is_outcome_unknown(&e) => {
                    tracing::warn!(key = %request.key, attempt, "telehealth_outcome_unknown");
                    match self.telehealth.find_visit(vendor_request).await {
                        Ok(BookingLookup::Found(made)) => return Ok(*made),
                        Ok(BookingLookup::NotFound) => {}
                        Ok(BookingLookup::CannotCheck) | Err(_) => break,
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(BookingError::OutcomeUnknown {
            key: request.key.0.clone(),
        })
    }

    async fn queue_reminders(
        &self,
        appointment: &Appointment,
        key: &BookingKey,
        prefs: CommunicationPreferences,
    ) -> Result<Vec<Reminder>, CoreError> {
        let reminders = reminders_for(
            appointment,
            key,
            &self.reminder_offsets_minutes,
            prefs,
            Utc::now(),
        );
        for r in &reminders {
            match self.outbox.enqueue(&OutboxItem::Reminder(r.clone())).await {
                // Already queued by an earlier run of this same booking.
                Ok(()) | Err(CoreError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(reminders)
    }

    pub async fn cancel(&self, visit: &ExternalId) -> Result<(), BookingError> {
        self.telehealth.cancel_visit(visit).await?;
        if let Ok(a) = self.telehealth.visit(visit).await {
            record(self.sink.as_ref(), &a).await;
        }
        Ok(())
    }

    /// Makes the new visit (immediately scheduled at Zoom), then cancels the old one.
    pub async fn reschedule(
        &self,
        old: &ExternalId,
        request: &TelehealthBookingRequest,
    ) -> Result<TelehealthBooked, BookingError> {
        let booked = self.book(request).await?;
        // Moved to the time it already had: the visit found is the old one, and it stays.
        if booked.appointment.external_id != *old {
            self.cancel(old).await?;
        }
        Ok(booked)
    }
}
