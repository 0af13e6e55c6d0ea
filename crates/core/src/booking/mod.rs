//! Booking services over the vendor ports: in person (NexHealth: found-or-created patient,
//! slot re-checked, "pending in EHR" until settled), telehealth (Zoom visit, invitation by the
//! patient's allowed channels, CXone reminders through the outbox), referral out (WellHive's
//! draft-search-submit-poll sequence), cancel and reschedule for each, and never booking twice
//! after a timeout.

mod error;
mod in_person;
mod key;
mod never_twice;
mod offline;
mod patient;
mod ports;
mod quota;
mod recheck;
mod referral;
mod settle;
mod telehealth;

#[cfg(test)]
mod tests;

pub use error::BookingError;
pub use in_person::{Booked, InPersonBooking, InPersonRequest, Rescheduled};
pub use key::BookingKey;
pub use never_twice::{book_once, is_outcome_unknown};
pub use offline::{callback_instead, is_offline};
pub use patient::{PatientChoice, ResolvedPatient, resolve as resolve_patient};
pub use ports::AppointmentSink;
pub use quota::{QuotaAction, QuotaCounter};
pub use recheck::{NEXT_SLOTS, next_slots, still_open};
pub use referral::{
    FoundService, ReferralBooking, ReferralChoice, ReferralOutcome, ReferralSession,
    missing_attributes,
};
pub use settle::{SettlePolicy, Settled, settle};
pub use telehealth::{
    InviteOutcome, TelehealthBooked, TelehealthBooking, TelehealthBookingRequest, invite_channels,
    reminder_channel, reminders_for,
};
