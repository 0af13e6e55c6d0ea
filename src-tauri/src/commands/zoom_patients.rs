//! A telehealth visit's patient at Zoom: their record made or updated from the desk's, the
//! invitation sent again, and the clinician's waiting room (who is waiting, admit, a word to
//! them). The desk's ids go in and out (`zoom:…` appointments, desk patients); every action
//! on patient data is audited in `frontdesk_desk::setup`.

use super::ivr::{practice_desk, setup_error};
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::PatientId;
use frontdesk_core::setup::{InvitationSent, WaitingVisit, ZoomPatientRecord};
use frontdesk_desk::setup;
use tauri::State;

/// Creates the patient's Zoom record, or brings the linked one up to date.
#[tauri::command]
#[specta::specta]
pub async fn ensure_zoom_patient(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> Result<ZoomPatientRecord, AppError> {
    let desk = practice_desk(&state)?;
    let actor = state.actor().to_owned();
    setup::ensure_zoom_patient(&desk, &actor, &patient_id, None)
        .await
        .map_err(setup_error)
}

/// Sends a video visit's invitation again, by the channels the patient allows.
#[tauri::command]
#[specta::specta]
pub async fn resend_invitation(
    state: State<'_, AppState>,
    appointment_id: String,
) -> Result<InvitationSent, AppError> {
    let desk = practice_desk(&state)?;
    let actor = state.actor().to_owned();
    setup::resend_invitation(&desk, &actor, &appointment_id)
        .await
        .map_err(setup_error)
}

/// The video visits whose patient is in Zoom's waiting room now.
#[tauri::command]
#[specta::specta]
pub async fn waiting_room(state: State<'_, AppState>) -> Result<Vec<WaitingVisit>, AppError> {
    let desk = practice_desk(&state)?;
    setup::waiting_room(&desk).await.map_err(setup_error)
}

/// Lets the visit's patient in from the waiting room.
#[tauri::command]
#[specta::specta]
pub async fn admit_waiting_patient(
    state: State<'_, AppState>,
    appointment_id: String,
) -> Result<(), AppError> {
    let desk = practice_desk(&state)?;
    let actor = state.actor().to_owned();
    setup::admit_waiting_patient(&desk, &actor, &appointment_id)
        .await
        .map_err(setup_error)
}

/// Sends the waiting patient a short message.
#[tauri::command]
#[specta::specta]
pub async fn notify_waiting_patient(
    state: State<'_, AppState>,
    appointment_id: String,
    message: String,
) -> Result<(), AppError> {
    let desk = practice_desk(&state)?;
    let actor = state.actor().to_owned();
    setup::notify_waiting_patient(&desk, &actor, &appointment_id, &message)
        .await
        .map_err(setup_error)
}
