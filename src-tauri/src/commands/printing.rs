//! The day sheet on paper. The board's print view goes through the system's print dialog, where
//! the person chooses the printer or the file; what the desk owes HIPAA's audit controls is the
//! record that this person printed this location's day with this many patients on it (no names:
//! the day and location find them again).

use super::access::store_error;
use super::blocking;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_store::{AuditEvent, AuditOutcome, Store};
use tauri::State;

/// Writes the `schedule.print` audit row for a day sheet about to print.
pub fn day_sheet_printed(
    store: &Store,
    actor: &str,
    location_id: &str,
    day: &str,
    appointments: u32,
) -> Result<(), AppError> {
    if chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err() {
        return Err(AppError::Invalid {
            field: "day".into(),
            message: "use a date like 2026-11-21".into(),
        });
    }
    let event = AuditEvent::new(actor, "schedule.print", AuditOutcome::Ok).detail(
        serde_json::json!({ "locationId": location_id, "day": day, "appointments": appointments }),
    );
    store.audit_append(&event).map(|_| ()).map_err(store_error)
}

/// Records that the board's day sheet is being printed (called just before the print dialog).
#[tauri::command]
#[specta::specta]
pub async fn record_day_sheet_print(
    state: State<'_, AppState>,
    location_id: String,
    day: String,
    appointments: u32,
) -> Result<(), AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || day_sheet_printed(&store, &actor, &location_id, &day, appointments)).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::day_sheet_printed;
    use crate::error::AppError;
    use frontdesk_store::{MemoryKeyProvider, Store};

    #[test]
    fn a_printed_day_sheet_is_audited_with_who_which_day_and_how_many() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), &MemoryKeyProvider::new(), "os:test").unwrap();
        day_sheet_printed(&store, "staff:dana", "nexhealth:12", "2026-11-22", 41).unwrap();
        let row = store.audit_entries(None).unwrap().pop().unwrap();
        assert_eq!(
            (row.actor.as_str(), row.action.as_str()),
            ("staff:dana", "schedule.print")
        );
        let detail = serde_json::to_string(&row.detail).unwrap();
        assert!(detail.contains("\"day\":\"2026-11-22\""), "{detail}");
        assert!(detail.contains("\"appointments\":41"), "{detail}");
        assert!(detail.contains("nexhealth:12"), "{detail}");
    }

    #[test]
    fn a_day_that_is_no_date_is_refused_and_not_audited() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), &MemoryKeyProvider::new(), "os:test").unwrap();
        let before = store.audit_entries(None).unwrap().len();
        let refused = day_sheet_printed(&store, "staff:dana", "nexhealth:12", "tomorrow", 3);
        assert!(matches!(refused, Err(AppError::Invalid { .. })));
        assert_eq!(store.audit_entries(None).unwrap().len(), before);
    }
}
