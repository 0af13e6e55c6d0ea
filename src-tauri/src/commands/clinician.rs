//! "My day": one clinician's appointments on one local day, wherever they are (every location
//! and telehealth), from the cache. A location's board cannot show this: a clinician works at
//! more than one place, and video visits have no place at all.

use super::blocking;
use super::schedule::name_appointment_types;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use frontdesk_core::CoreError;
use frontdesk_core::appointment::Appointment;
use frontdesk_core::patient::PatientSummary;
use frontdesk_core::practice::{Location, Provider};
use frontdesk_store::{AuditEvent, AuditOutcome};
use serde::Serialize;
use specta::Type;
use tauri::State;

fn store_error(error: frontdesk_store::StoreError) -> AppError {
    AppError::from(CoreError::from(error))
}

/// One clinician's day.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProviderDay {
    pub provider: Provider,
    /// The local date, `YYYY-MM-DD`, in `time_zone`.
    pub day: String,
    pub time_zone: String,
    /// Every appointment of the provider overlapping that day, by start time.
    pub appointments: Vec<Appointment>,
    /// The people on it, once each.
    pub patients: Vec<PatientSummary>,
}

/// `[local midnight of day, local midnight of the next day)` in `zone`, as UTC. Where midnight
/// does not exist (a zone that springs forward at 00:00) the day starts at the first instant
/// that does.
fn local_day_bounds(
    zone: &str,
    day: NaiveDate,
) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
    // Core's `Location` is what reads an IANA zone name for the desk; the app has no zone
    // table of its own.
    let tz = Location {
        id: String::new(),
        vendor: frontdesk_core::Vendor::Nexhealth,
        external_id: frontdesk_core::ExternalId(String::new()),
        name: String::new(),
        time_zone: zone.to_owned(),
        address: None,
        phone: None,
    }
    .tz()
    .map_err(|_| AppError::Invalid {
        field: "timeZone".into(),
        message: "use an IANA time zone like America/Chicago".into(),
    })?;
    let start_of = |d: NaiveDate| -> DateTime<Utc> {
        let midnight = d.and_time(NaiveTime::MIN);
        for minutes in (0..=180).step_by(15) {
            let local = midnight + chrono::Duration::minutes(minutes);
            if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
                tz.from_local_datetime(&local)
            {
                return t.with_timezone(&Utc);
            }
        }
        Utc.from_utc_datetime(&midnight)
    };
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    Ok((start_of(day), start_of(next)))
}

/// `provider_id`'s appointments on `day` (`YYYY-MM-DD`, local to `time_zone`), at every
/// location and by video.
#[tauri::command]
#[specta::specta]
pub async fn provider_day(
    state: State<'_, AppState>,
    provider_id: String,
    day: String,
    time_zone: String,
) -> Result<ProviderDay, AppError> {
    let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| AppError::Invalid {
        field: "day".into(),
        message: "use a date like 2026-11-21".into(),
    })?;
    let (from, to) = local_day_bounds(&time_zone, day)?;
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || {
        let provider = store
            .providers()
            .map_err(store_error)?
            .into_iter()
            .find(|p| p.id == provider_id)
            .ok_or_else(|| AppError::NotFound {
                what: "that provider".into(),
            })?;
        let mut appointments = store
            .appointments_for_provider(&provider.id, from, to)
            .map_err(store_error)?;
        name_appointment_types(
            &mut appointments,
            &store.appointment_types().map_err(store_error)?,
        );
        let patient_ids: Vec<_> = appointments
            .iter()
            .filter_map(|a| a.patient_id.clone())
            .collect();
        let patients = store.patient_summaries(&patient_ids).map_err(store_error)?;
        // Names on a list are patient data on screen: one audit row per day shown, as the board.
        store
            .audit_append(
                &AuditEvent::new(&actor, "schedule.view", AuditOutcome::Ok).detail(
                    serde_json::json!({
                        "provider": provider.id,
                        "day": day.to_string(),
                        "patients": patients.len(),
                    }),
                ),
            )
            .map_err(store_error)?;
        Ok(ProviderDay {
            provider,
            day: day.format("%Y-%m-%d").to_string(),
            time_zone,
            appointments,
            patients,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::local_day_bounds;
    use chrono::NaiveDate;

    #[test]
    fn a_day_is_local_midnight_to_midnight_daylight_saving_included() {
        let (a, b) = local_day_bounds(
            "America/Chicago",
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        )
        .unwrap();
        assert_eq!(a.to_rfc3339(), "2026-11-01T05:00:00+00:00");
        assert_eq!((b - a).num_hours(), 25);
        assert!(
            local_day_bounds(
                "Mars/Olympus",
                NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
            )
            .is_err()
        );
    }
}
