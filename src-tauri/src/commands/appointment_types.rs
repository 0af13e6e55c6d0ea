//! NexHealth appointment types, for the practice admin: listed live, and created with a
//! length and a location. A new type reaches the slot finder's type filter through the cache,
//! so creating one asks for a sync pass straight away.

use super::ivr::{practice_desk, setup_error};
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::setup::{AppointmentTypeForm, NexAppointmentType};
use frontdesk_desk::setup;
use tauri::State;

/// NexHealth's appointment types, one location's (the desk's id) when given.
#[tauri::command]
#[specta::specta]
pub async fn nexhealth_appointment_types(
    state: State<'_, AppState>,
    location_id: Option<String>,
) -> Result<Vec<NexAppointmentType>, AppError> {
    let desk = practice_desk(&state)?;
    setup::nexhealth_appointment_types(&desk, location_id.as_deref())
        .await
        .map_err(setup_error)
}

#[tauri::command]
#[specta::specta]
pub async fn create_appointment_type(
    state: State<'_, AppState>,
    form: AppointmentTypeForm,
) -> Result<NexAppointmentType, AppError> {
    let desk = practice_desk(&state)?;
    let made = setup::create_appointment_type(&desk, &form)
        .await
        .map_err(setup_error)?;
    // The type filter reads the cache: a pass now rather than at the next interval.
    state.sync_now();
    Ok(made)
}
