//! When the vendor cannot be reached, a booking fails plainly (`Offline`: nothing is queued
//! that could land twice later) and the desk offers a call back instead, which waits in the
//! durable outbox and is sent once the contact center is back.

use crate::booking::error::BookingError;
use crate::contact::{Callback, OutboxState};
use crate::error::CoreError;
use crate::ids::PatientId;
use crate::outbox::{OutboxItem, OutboxStore};
use chrono::{DateTime, Utc};

/// Whether the booking failed only because its vendor is unreachable.
#[must_use]
pub fn is_offline(e: &BookingError) -> bool {
    matches!(e, BookingError::Vendor(CoreError::Offline { .. }))
}

/// Queues a call back for `patient` at `at`; `reason` is staff wording, never clinical detail.
pub async fn callback_instead(
    outbox: &dyn OutboxStore,
    patient: &PatientId,
    at: DateTime<Utc>,
    reason: &str,
) -> Result<Callback, CoreError> {
    let callback = Callback {
        id: format!("callback:{}", uuid::Uuid::new_v4()),
        patient_id: patient.clone(),
        at,
        reason: reason.to_owned(),
        state: OutboxState::Queued,
    };
    outbox
        .enqueue(&OutboxItem::Callback(callback.clone()))
        .await?;
    Ok(callback)
}
