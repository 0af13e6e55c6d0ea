//! A booking key answered once stays answered. The vendor-level guard (`book_once`) covers a
//! lost answer inside one attempt; this covers the attempt after it: the receptionist pressing
//! Book again on the same request after an error on screen, or `frontdesk book --key K` run
//! twice. The first success is kept in the encrypted cache under its key, and a repeat returns
//! it (with the appointment as the cache holds it now) instead of asking the vendor again.

use crate::Desk;
use crate::booking::types::BookingResult;
use crate::sink::blocking;
use frontdesk_core::CoreError;
use frontdesk_core::booking::BookingKey;
use serde::{Deserialize, Serialize};

/// What is kept per key: the request's slot, so a key reused for another slot is refused
/// rather than answered with the wrong booking.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answered {
    slot_id: String,
    result: BookingResult,
}

fn setting_key(key: &BookingKey) -> String {
    format!("booking.answered.{}", key.0)
}

impl Desk {
    /// The first answer to `key`, if this desk already booked it.
    pub(crate) async fn answered_booking(
        &self,
        key: &BookingKey,
        slot_id: &str,
    ) -> Result<Option<BookingResult>, CoreError> {
        let k = setting_key(key);
        let Some(kept) = blocking(self.store(), move |s| s.setting(&k)).await? else {
            return Ok(None);
        };
        let Ok(answered) = serde_json::from_str::<Answered>(&kept) else {
            // Unreadable (an older shape): not a reason to book twice or to fail; ask the
            // vendor path, whose own checks still apply.
            tracing::warn!("booking_answer_unreadable");
            return Ok(None);
        };
        if answered.slot_id != slot_id {
            return Err(CoreError::invalid(
                "key",
                "this booking key was already used for another time; book with a new key",
            ));
        }
        let mut result = answered.result;
        if let Ok(now) = self.cached_appointment(&result.appointment.id).await {
            result.appointment = now;
        }
        result.settling = false;
        Ok(Some(result))
    }

    /// Keeps the answer to `key` for any repeat of the same request.
    pub(crate) async fn remember_booking(
        &self,
        actor: &str,
        key: &BookingKey,
        slot_id: &str,
        result: &BookingResult,
    ) -> Result<(), CoreError> {
        let kept = serde_json::to_string(&Answered {
            slot_id: slot_id.to_owned(),
            result: result.clone(),
        })
        .map_err(|e| CoreError::Internal {
            message: format!("booking answer not kept: {e}"),
        })?;
        let (k, who) = (setting_key(key), actor.to_owned());
        blocking(self.store(), move |s| s.set_setting(&who, &k, &kept)).await
    }
}
