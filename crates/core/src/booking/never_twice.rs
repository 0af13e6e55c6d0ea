//! NEVER TWICE. A booking whose outcome is unknown (the request went out, no answer came) is
//! not sent again blind: the vendor is asked whether the first attempt landed, and only a
//! clear "not found" allows one more attempt under the same key.

use crate::appointment::Appointment;
use crate::booking::error::BookingError;
use crate::booking::key::BookingKey;
use crate::error::CoreError;
use crate::ports::{Booker, BookingLookup, BookingRequest};

/// The vendors' clients report a write that may have landed as a `Conflict` with these words
/// (`HttpError::OutcomeUnknown`); a real conflict (slot taken) never says them.
const OUTCOME_UNKNOWN_MARK: &str = "may or may not have taken effect";

#[must_use]
pub fn is_outcome_unknown(e: &CoreError) -> bool {
    matches!(e, CoreError::Conflict { message } if message.contains(OUTCOME_UNKNOWN_MARK))
}

/// Books `request` at most once in effect: at most two sends, the second only after the
/// vendor said the first did not land.
pub async fn book_once(
    booker: &dyn Booker,
    request: &BookingRequest,
    key: &BookingKey,
) -> Result<Appointment, BookingError> {
    for attempt in 1..=2u8 {
        match booker.book(request).await {
            Ok(a) => return Ok(a),
            Err(e) if is_outcome_unknown(&e) => {
                tracing::warn!(vendor = %booker.vendor(), key = %key, attempt, "booking_outcome_unknown");
                match booker.find_booking(request).await {
                    Ok(BookingLookup::Found(a)) => {
                        tracing::info!(vendor = %booker.vendor(), key = %key, "booking_found_after_unknown_outcome");
                        return Ok(*a);
                    }
                    Ok(BookingLookup::NotFound) => {}
                    Ok(BookingLookup::CannotCheck) | Err(_) => {
                        return Err(BookingError::OutcomeUnknown { key: key.0.clone() });
                    }
                }
            }
            Err(e) => return Err(BookingError::Vendor(e)),
        }
    }
    Err(BookingError::OutcomeUnknown { key: key.0.clone() })
}
