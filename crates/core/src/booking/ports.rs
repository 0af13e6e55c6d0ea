//! Where booking writes what it learns: each state an appointment passes through goes to the
//! cache, so the board shows "pending in EHR" at once and "confirmed" when it is.

use crate::appointment::Appointment;
use crate::error::CoreError;
use async_trait::async_trait;

#[async_trait]
pub trait AppointmentSink: Send + Sync {
    async fn record(&self, appointment: &Appointment) -> Result<(), CoreError>;
}

/// Writes to the sink without letting a cache failure undo a booking the vendor holds: the
/// next sync brings it in anyway.
pub(crate) async fn record(sink: &dyn AppointmentSink, appointment: &Appointment) {
    if let Err(e) = sink.record(appointment).await {
        tracing::warn!(vendor = %appointment.vendor, kind = ?e.kind(), "booking_cache_write_failed");
    }
}
