//! What crosses the command boundary for slots and booking, shaped for the screen and the
//! CLI's `--json`: slot times with the location's offset, a per-vendor line beside the
//! results, and a booking's state as the receptionist must read it ("pending in EHR" is not
//! "booked"). The app and the CLI share these types so they cannot disagree.

use frontdesk_core::PatientId;
use frontdesk_core::appointment::{Appointment, VisitMode};
use frontdesk_core::booking::QuotaAction;
use frontdesk_core::ids::Vendor;
use frontdesk_core::ports::{GeoPoint, InviteChannel};
use frontdesk_core::slots::VendorOutcome;
use serde::{Deserialize, Serialize};
use specta::Type;

/// The slot finder's question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SlotQuery {
    /// First local day searched, `YYYY-MM-DD`, inclusive.
    pub from: String,
    /// Last local day searched, `YYYY-MM-DD`, inclusive.
    pub to: String,
    /// Empty means every mode (in person, telehealth, referral).
    #[serde(default)]
    pub modes: Vec<VisitMode>,
    /// Desk provider ids (`nexhealth:12`, `zoom:prov_1`, `wellhive:<service>`); empty = all.
    #[serde(default)]
    pub provider_ids: Vec<String>,
    /// Desk location ids (`nexhealth:1`); empty = all.
    #[serde(default)]
    pub location_ids: Vec<String>,
    /// A vendor's appointment type as a desk id (`nexhealth:7`).
    #[serde(default)]
    pub appointment_type: Option<String>,
    /// The patient the search is for. Referral searches need one: the network's services
    /// and slots are searched under the patient's referral (a draft kept for the session),
    /// the nearest three provider services over the first seven days of the range (each call
    /// counts against WellHive's quota).
    #[serde(default)]
    pub patient_id: Option<PatientId>,
    /// The referral (its WellHive id or referral number) a referral search is made under;
    /// the patient's approved referral when omitted.
    #[serde(default)]
    pub referral_id: Option<String>,
    /// Where "near" is for a referral search; drive times are computed from here (and paid
    /// for once per search session).
    #[serde(default)]
    pub near: Option<GeoPoint>,
    /// Only provider services within this many miles of `near` (20 when omitted).
    #[serde(default)]
    pub max_miles: Option<u32>,
}

/// One open time, as the slot list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OpenSlot {
    /// Opaque; pass it back to `book_slot` / `frontdesk book --slot`. It carries the whole
    /// slot, so it stays bookable across restarts (it is re-checked before booking).
    pub id: String,
    pub vendor: Vendor,
    pub mode: VisitMode,
    /// Desk provider id (`nexhealth:12`, `zoom:prov_1`, `wellhive:<service>`).
    pub provider_id: Option<String>,
    /// Desk location id (`nexhealth:1`); none for telehealth and referral slots.
    pub location_id: Option<String>,
    pub operatory_id: Option<String>,
    /// The vendor's appointment type id.
    pub appointment_type: Option<String>,
    /// RFC 3339 with the location's offset, e.g. `2026-11-23T09:00:00-05:00`.
    pub start: String,
    /// RFC 3339 with the location's offset.
    pub end: String,
    /// IANA zone the times are shown in (the location's, else the practice's).
    pub zone: String,
    /// Minutes by car from the search's `near` point, where the network computed it.
    pub drive_time_minutes: Option<u32>,
}

/// Every slot of one local day, earliest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OpenSlotDay {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    pub slots: Vec<OpenSlot>,
}

/// The answer to a slot search: what the answering vendors offer, grouped by local day, and
/// one line per vendor asked (answered, failed, or timed out), so one vendor's trouble is shown
/// beside the others' results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SlotResults {
    pub days: Vec<OpenSlotDay>,
    /// One per vendor asked, in vendor order.
    pub outcomes: Vec<VendorOutcome>,
    /// RFC 3339 (UTC) time of the search.
    pub as_of: String,
}

impl SlotResults {
    /// Every slot across days, earliest first.
    pub fn slots(&self) -> impl Iterator<Item = &OpenSlot> {
        self.days.iter().flat_map(|d| d.slots.iter())
    }
}

/// Who is being booked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum BookingPatient {
    /// A person the desk knows (as `search_patients` returns them).
    Existing { patient_id: PatientId },
    /// Someone the desk found nowhere: looked for again in the vendor (duplicate check by
    /// name, birth date and phone) and created there only if still not found; for a video
    /// visit their Zoom record is made, once per booking key.
    New {
        given_name: String,
        family_name: String,
        /// `YYYY-MM-DD`.
        birth_date: String,
        /// E.164 where possible.
        phone: String,
        /// NexHealth registers no patient without one.
        email: Option<String>,
    },
}

/// A patient field a referral's provider service needs, by the network's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PatientAttribute {
    /// The network's name: `address`, `gender`, `birthDate`, `phone`, `email`, `name`.
    pub name: String,
    pub value: String,
}

/// Telehealth choices (Zoom slots).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TelehealthOptions {
    /// Zoom visit type: `initial_consultation`, `follow_up`, `urgent_care`, `mental_health`,
    /// `group_therapy`, `specialist_consult`.
    #[serde(default)]
    pub visit_type: Option<String>,
    /// Length of the visit; 30 when omitted (a Zoom slot is a whole availability window).
    #[serde(default)]
    pub minutes: Option<u32>,
    /// The patient's consent to recording is on file: only then is the visit recorded.
    #[serde(default)]
    pub recording_consent: bool,
}

/// Referral-out choices (WellHive slots).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReferralOptions {
    /// The referral (WellHive id or referral number); the patient's approved referral for
    /// the slot's network when omitted.
    #[serde(default)]
    pub referral_id: Option<String>,
    /// Patient fields the provider service requires that the desk does not know (see
    /// `missing_booking_attributes`).
    #[serde(default)]
    pub attributes: Vec<PatientAttribute>,
}

/// "Book" pressed on one slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BookRequest {
    /// An `OpenSlot.id`.
    pub slot_id: String,
    pub patient: BookingPatient,
    /// Made once per "Book" press and kept through retries: a retry with the same key after
    /// a timeout checks whether the first attempt landed instead of booking again. A fresh
    /// one is made when omitted.
    #[serde(default)]
    pub key: Option<String>,
    /// Staff-facing note (never sent to patient channels).
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub telehealth: Option<TelehealthOptions>,
    #[serde(default)]
    pub referral: Option<ReferralOptions>,
}

/// How the video-visit invitation went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum InviteState {
    Sent {
        channels: Vec<InviteChannel>,
    },
    /// The patient allows neither SMS nor email.
    NoChannelAllowed,
    /// The visit stands; staff can resend.
    Failed {
        message: String,
    },
}

/// Telehealth extras of a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TelehealthBookedInfo {
    /// The link the patient was invited with.
    pub patient_join_url: String,
    /// Staff only (also on the appointment's visit).
    pub provider_join_url: String,
    pub invite: InviteState,
    /// Reminders queued in the outbox at the practice's offsets (RFC 3339 UTC times).
    pub reminders_at: Vec<String>,
}

/// What a booking did right away. `settling` says whether the vendor still has to confirm:
/// an `AppointmentSettled` event (or `frontdesk book` without `--no-wait`) follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BookingResult {
    /// The booking's idempotency key.
    pub key: String,
    /// As the cache now holds it: usually `pending` for in-person and referral bookings
    /// ("pending in EHR" / "submitting"), `scheduled` for telehealth.
    pub appointment: Appointment,
    /// The desk's person, where known (a new patient becomes known once the vendor has them).
    pub patient_id: Option<PatientId>,
    /// This booking created the vendor's patient record.
    pub patient_created: bool,
    pub settling: bool,
    /// The appointment this booking replaces (reschedule): cancelled once the new one is
    /// confirmed.
    pub replaces: Option<String>,
    pub telehealth: Option<TelehealthBookedInfo>,
}

/// Where a booking ended up after the vendor's asynchronous step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum SettleOutcome {
    Confirmed,
    /// The vendor refused; `reason` says why. Offer the slot list again.
    Failed,
    /// Still pending after the desk stopped waiting; the sync will bring the outcome.
    StillPending,
}

/// The end of a booking's wait.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SettledBooking {
    pub key: String,
    pub outcome: SettleOutcome,
    /// The vendor's own words when it refused.
    pub reason: Option<String>,
    pub appointment: Appointment,
    /// The replaced appointment's id, once it was cancelled (reschedule).
    pub replaced_cancelled: Option<String>,
}

/// A reason the vendor accepts for cancelling one appointment (WellHive's list; other
/// vendors take no reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CancelReason {
    pub id: String,
    pub name: Option<String>,
}

/// One quota-counted WellHive action and how often this desk has used it since it started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct QuotaCount {
    pub action: QuotaAction,
    pub count: u32,
}
