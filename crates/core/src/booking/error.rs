//! Why a booking did not happen, in the cases a receptionist acts on differently: take
//! another time, ask the patient for more, pick a referral, or check before trying again.
//! Mapped once into `CoreError` for callers that only need the kind.

use crate::error::CoreError;
use crate::slot::Slot;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BookingError {
    /// Someone else booked the time first; `next` are the provider's next open times that day.
    #[error("the slot was just taken; {} other time(s) offered", next.len())]
    SlotTaken { next: Vec<Slot> },
    /// The provider service needs these patient fields (the network's names) before it books.
    #[error("the provider service needs patient attributes [{}]", missing.join(", "))]
    NeedsAttributes { missing: Vec<String> },
    #[error("network {network} books only under a referral")]
    ReferralRequired { network: String },
    /// A first attempt may have landed and the vendor cannot say: look before booking again.
    #[error("booking {key} may have been made; check the vendor's schedule before booking again")]
    OutcomeUnknown { key: String },
    /// The vendor refused for good; its own words.
    #[error("the vendor could not book: {reason}")]
    Refused { reason: String },
    #[error(transparent)]
    Vendor(#[from] CoreError),
}

impl From<BookingError> for CoreError {
    fn from(e: BookingError) -> Self {
        let message = e.to_string();
        match e {
            BookingError::SlotTaken { .. } | BookingError::OutcomeUnknown { .. } => {
                CoreError::Conflict { message }
            }
            BookingError::NeedsAttributes { .. } => {
                CoreError::invalid("patientAttributes", message)
            }
            BookingError::ReferralRequired { .. } => CoreError::invalid("referral", message),
            BookingError::Refused { .. } => CoreError::invalid("booking", message),
            BookingError::Vendor(inner) => inner,
        }
    }
}
