//! Slots and booking from the desk: the slot finder, "Book" for each kind of visit, the
//! referral flow's look-ups, cancel and reschedule, callbacks, WellHive's quota counts. Each
//! command is a shim over `Desk`'s booking facade (shared with the CLI), which audits every
//! read and write of a patient. A booking the vendor confirms later returns at once as
//! pending and an `AppointmentSettled` event follows.

use crate::error::AppError;
use crate::events::AppointmentSettled;
use crate::state::AppState;
use frontdesk_core::PatientId;
use frontdesk_core::appointment::Appointment;
use frontdesk_core::contact::{Callback, Referral};
use frontdesk_desk::Desk;
use frontdesk_desk::booking::{
    BookError, BookRequest, BookingResult, CancelReason, PendingSettle, QuotaCount, SlotQuery,
    SlotResults,
};
use std::sync::Arc;
use tauri::{AppHandle, State};
use tauri_specta::Event;

fn desk(state: &AppState) -> Result<Arc<Desk>, AppError> {
    state.desk().ok_or_else(|| {
        state.problem().unwrap_or(AppError::NotConfigured {
            what: "a practice".into(),
        })
    })
}

pub(crate) fn book_error(error: BookError) -> AppError {
    match error {
        BookError::SlotTaken { next } => AppError::Conflict {
            message: "the slot was just taken by someone else".into(),
            next_slots: Some(next),
        },
        BookError::Core(e) => e.into(),
    }
}

/// Waits for the vendor's confirmation off the command, then tells the UI.
fn settle_in_background(app: AppHandle, pending: Option<PendingSettle>) {
    let Some(pending) = pending else { return };
    tauri::async_runtime::spawn(async move {
        let settled = pending.wait().await;
        if let Err(error) = (AppointmentSettled { settled }).emit(&app) {
            tracing::warn!(%error, "settled_event_not_sent");
        }
    });
}

/// Open slots across every configured vendor at once (NexHealth in person, Zoom telehealth,
/// WellHive referral), grouped by the location's local day. One vendor failing or slow is a
/// line in `outcomes` beside the others' slots, never the command's error.
#[tauri::command]
#[specta::specta]
pub async fn search_slots(
    state: State<'_, AppState>,
    query: SlotQuery,
) -> Result<SlotResults, AppError> {
    let desk = desk(&state)?;
    Ok(desk.search_slots(state.actor(), &query).await?)
}

/// Books one slot from `search_slots`. In-person and referral bookings return `pending`
/// ("pending in EHR" / "submitting") with `settling: true`, and an `AppointmentSettled` event
/// follows with the vendor's outcome; telehealth visits are scheduled at once. A slot taken
/// meanwhile is `conflict` with `nextSlots`; an unreachable vendor is `offline`.
#[tauri::command]
#[specta::specta]
pub async fn book_slot(
    app: AppHandle,
    state: State<'_, AppState>,
    request: BookRequest,
) -> Result<BookingResult, AppError> {
    let desk = desk(&state)?;
    let (result, pending) = desk
        .book(state.actor(), &request)
        .await
        .map_err(book_error)?;
    settle_in_background(app, pending);
    Ok(result)
}

/// Books `request`'s slot for the appointment's patient and cancels `appointment_id` once the
/// new booking is confirmed (at once for telehealth). The old one stays if the new one fails.
#[tauri::command]
#[specta::specta]
pub async fn reschedule_appointment(
    app: AppHandle,
    state: State<'_, AppState>,
    appointment_id: String,
    request: BookRequest,
) -> Result<BookingResult, AppError> {
    let desk = desk(&state)?;
    let (result, pending) = desk
        .reschedule(state.actor(), &appointment_id, &request)
        .await
        .map_err(book_error)?;
    settle_in_background(app, pending);
    Ok(result)
}

/// Patient fields (WellHive's names) the referral slot's provider service requires that the
/// desk does not know; ask for them and pass them in `request.referral.attributes`. Empty for
/// other slots.
#[tauri::command]
#[specta::specta]
pub async fn missing_booking_attributes(
    state: State<'_, AppState>,
    slot_id: String,
    patient_id: PatientId,
) -> Result<Vec<String>, AppError> {
    let desk = desk(&state)?;
    Ok(desk
        .missing_booking_attributes(state.actor(), &slot_id, &patient_id)
        .await?)
}

/// The patient's referrals out (WellHive), fetched now and kept on the card.
#[tauri::command]
#[specta::specta]
pub async fn patient_referrals(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> Result<Vec<Referral>, AppError> {
    let desk = desk(&state)?;
    Ok(desk.patient_referrals(state.actor(), &patient_id).await?)
}

/// The reasons the vendor accepts for cancelling this appointment (WellHive); empty when the
/// vendor takes none.
#[tauri::command]
#[specta::specta]
pub async fn cancel_reasons(
    state: State<'_, AppState>,
    appointment_id: String,
) -> Result<Vec<CancelReason>, AppError> {
    let desk = desk(&state)?;
    Ok(desk.cancel_reasons(&appointment_id).await?)
}

/// Cancels at the vendor (`reason_id` from `cancel_reasons` where it has them) and returns the
/// appointment as the cache now holds it.
#[tauri::command]
#[specta::specta]
pub async fn cancel_appointment(
    state: State<'_, AppState>,
    appointment_id: String,
    reason_id: Option<String>,
) -> Result<Appointment, AppError> {
    let desk = desk(&state)?;
    Ok(desk
        .cancel_appointment(state.actor(), &appointment_id, reason_id.as_deref())
        .await?)
}

/// One appointment's status from the cache, or from its vendor when `refresh` (WellHive's
/// "latest details" costs quota, so only on an explicit refresh).
#[tauri::command]
#[specta::specta]
pub async fn appointment_status(
    state: State<'_, AppState>,
    appointment_id: String,
    refresh: bool,
) -> Result<Appointment, AppError> {
    let desk = desk(&state)?;
    Ok(desk
        .appointment_status(state.actor(), &appointment_id, refresh)
        .await?)
}

/// Asks CXone to call the patient back at `at` (RFC 3339). It goes through the durable outbox:
/// while CXone is unreachable the callback waits (`state: queued`) and is sent once, later.
#[tauri::command]
#[specta::specta]
pub async fn schedule_callback(
    state: State<'_, AppState>,
    patient_id: PatientId,
    at: String,
    reason: String,
) -> Result<Callback, AppError> {
    let at = chrono::DateTime::parse_from_rfc3339(at.trim())
        .map_err(|_| AppError::Invalid {
            field: "at".into(),
            message: "use a time like 2026-11-23T14:30:00-05:00".into(),
        })?
        .with_timezone(&chrono::Utc);
    let desk = desk(&state)?;
    Ok(desk
        .schedule_callback(state.actor(), &patient_id, at, &reason)
        .await?)
}

/// WellHive's quota-counted actions and how often this desk used each since it started (admins).
#[tauri::command]
#[specta::specta]
pub async fn quota_counts(state: State<'_, AppState>) -> Result<Vec<QuotaCount>, AppError> {
    Ok(desk(&state)?.quota_counts())
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_core::appointment::VisitMode;
    use frontdesk_core::{CoreError, Vendor};
    use frontdesk_desk::booking::OpenSlot;

    fn slot(id: &str) -> OpenSlot {
        OpenSlot {
            id: id.into(),
            vendor: Vendor::Nexhealth,
            mode: VisitMode::InPerson,
            provider_id: Some("nexhealth:2".into()),
            location_id: Some("nexhealth:1".into()),
            operatory_id: None,
            appointment_type: None,
            start: "2026-11-23T09:30:00-05:00".into(),
            end: "2026-11-23T10:00:00-05:00".into(),
            zone: "America/New_York".into(),
            drive_time_minutes: None,
        }
    }

    #[test]
    fn a_taken_slot_is_a_conflict_carrying_the_next_slots() {
        let error = book_error(BookError::SlotTaken {
            next: vec![slot("s1.a"), slot("s1.b")],
        });
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["kind"], "conflict");
        let ids: Vec<&str> = json["nextSlots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["s1.a", "s1.b"]);
    }

    #[test]
    fn other_failures_keep_their_kind_and_a_plain_conflict_has_no_slots() {
        let offline = book_error(BookError::Core(CoreError::Offline {
            vendor: Some(Vendor::Nexhealth),
        }));
        assert!(matches!(
            offline,
            AppError::Offline {
                vendor: Some(Vendor::Nexhealth),
                ..
            }
        ));
        let unknown = book_error(BookError::Core(CoreError::Conflict {
            message: "booking k may have been made".into(),
        }));
        let json = serde_json::to_value(&unknown).unwrap();
        assert_eq!(json["kind"], "conflict");
        assert!(json.get("nextSlots").is_none(), "{json}");
    }
}
