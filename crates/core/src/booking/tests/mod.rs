//! Booking services against fake ports: one in-memory vendor that can lose races, time out
//! after committing, refuse an insertion, or be unreachable.

mod fakes;
mod in_person;
mod referral;
mod telehealth;
mod telehealth_once;
