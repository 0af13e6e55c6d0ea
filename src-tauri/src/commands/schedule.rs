//! The day as the board shows it: one location's local day, its providers and their
//! appointments from every vendor, from the cache, so it reads the same online and offline.

use super::blocking;
use crate::error::AppError;
use crate::state::AppState;
use chrono::NaiveDate;
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

/// Vendors such as NexHealth send an appointment's type as an id; a receptionist reads
/// "Follow-up", not "301". Types the cache knows replace their ids; anything else (CXone sends
/// names already) is left as the vendor sent it.
pub(crate) fn name_appointment_types(
    appointments: &mut [Appointment],
    types: &[frontdesk_core::practice::AppointmentType],
) {
    for appointment in appointments {
        if let Some(kind) = appointment.appointment_type.as_deref()
            && let Some(known) = types
                .iter()
                .find(|t| t.vendor == appointment.vendor && t.external_id.0 == kind)
        {
            appointment.appointment_type = Some(known.name.clone());
        }
    }
}

#[tauri::command]
#[specta::specta]
pub async fn locations(state: State<'_, AppState>) -> Result<Vec<Location>, AppError> {
    let store = state.store()?;
    blocking::run(move || store.locations().map_err(store_error)).await
}

#[tauri::command]
#[specta::specta]
pub async fn providers(state: State<'_, AppState>) -> Result<Vec<Provider>, AppError> {
    let store = state.store()?;
    blocking::run(move || store.providers().map_err(store_error)).await
}

/// One location's day on the board.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DayBoard {
    pub location: Location,
    /// The location's local date, `YYYY-MM-DD`.
    pub day: String,
    /// Providers with at least one appointment that day, in name order.
    pub providers: Vec<Provider>,
    pub appointments: Vec<Appointment>,
    /// The people on the board, once each, so the board can name them without opening cards.
    pub patients: Vec<PatientSummary>,
}

/// The board for `location_id` on `day` (`YYYY-MM-DD`, the location's local date).
#[tauri::command]
#[specta::specta]
pub async fn day_board(
    state: State<'_, AppState>,
    location_id: String,
    day: String,
) -> Result<DayBoard, AppError> {
    let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| AppError::Invalid {
        field: "day".into(),
        message: "use a date like 2026-11-21".into(),
    })?;
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || {
        let location = store
            .locations()
            .map_err(store_error)?
            .into_iter()
            .find(|l| l.id == location_id)
            .ok_or_else(|| AppError::NotFound {
                what: "that location".into(),
            })?;
        let mut appointments = store
            .appointments_for_location_day(&location.id, day)
            .map_err(store_error)?;
        name_appointment_types(
            &mut appointments,
            &store.appointment_types().map_err(store_error)?,
        );
        let mut providers: Vec<Provider> = store
            .providers()
            .map_err(store_error)?
            .into_iter()
            .filter(|p| {
                appointments
                    .iter()
                    .any(|a| a.provider_id.as_deref() == Some(p.id.as_str()))
            })
            .collect();
        providers.sort_by(|a, b| a.display_name.cmp(&b.display_name));
        let patient_ids: Vec<_> = appointments
            .iter()
            .filter_map(|a| a.patient_id.clone())
            .collect();
        let patients = store.patient_summaries(&patient_ids).map_err(store_error)?;
        // Names on a board are patient data on screen: one audit row per board shown.
        store
            .audit_append(
                &AuditEvent::new(&actor, "schedule.view", AuditOutcome::Ok).detail(
                    serde_json::json!({
                        "location": location.id,
                        "day": day.to_string(),
                        "patients": patients.len(),
                    }),
                ),
            )
            .map_err(store_error)?;
        Ok(DayBoard {
            location,
            day: day.format("%Y-%m-%d").to_string(),
            providers,
            appointments,
            patients,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::name_appointment_types;
    use chrono::{TimeZone, Utc};
    use frontdesk_core::appointment::{Appointment, AppointmentStatus, Visit};
    use frontdesk_core::practice::AppointmentType;
    use frontdesk_core::{ExternalId, Vendor};

    fn appointment(vendor: Vendor, kind: &str) -> Appointment {
        let start = Utc.with_ymd_and_hms(2026, 11, 21, 15, 0, 0).unwrap();
        Appointment {
            id: format!("{}:1", vendor.key()),
            vendor,
            external_id: ExternalId::from("1"),
            patient_id: None,
            patient_external_id: None,
            provider_id: None,
            location_id: None,
            appointment_type: Some(kind.into()),
            start,
            end: start,
            status: AppointmentStatus::Scheduled,
            visit: Visit::InPerson {
                location_id: None,
                operatory_id: None,
            },
            as_of: start,
        }
    }

    #[test]
    fn type_ids_become_names_only_for_the_vendor_that_owns_them() {
        let types = [AppointmentType {
            id: "nexhealth:301".into(),
            vendor: Vendor::Nexhealth,
            external_id: ExternalId::from("301"),
            name: "Follow-up".into(),
            minutes: 30,
            location_id: None,
        }];
        let mut appointments = [
            appointment(Vendor::Nexhealth, "301"),
            appointment(Vendor::Cxone, "301"),
            appointment(Vendor::Nexhealth, "999"),
        ];
        name_appointment_types(&mut appointments, &types);
        let kinds: Vec<_> = appointments
            .iter()
            .map(|a| a.appointment_type.as_deref().unwrap())
            .collect();
        assert_eq!(kinds, ["Follow-up", "301", "999"]);
    }
}
