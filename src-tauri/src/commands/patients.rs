//! Finding a patient and opening their card, both served from the encrypted cache so they work
//! offline and answer within a keystroke. The store audits every search and every card opened.

use super::blocking;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::patient::PatientSummary;
use frontdesk_core::{CoreError, PatientId};
use frontdesk_store::PatientCard;
use tauri::State;

/// The most rows a type-ahead list shows; more is noise at a front desk.
const MAX_RESULTS: u32 = 50;

/// Patients matching what the receptionist typed (name parts in any order, date of birth in
/// common formats, phone digits, MRN, email), best first, one row per person.
#[tauri::command]
#[specta::specta]
pub async fn search_patients(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<Vec<PatientSummary>, AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    let limit = usize::try_from(limit.clamp(1, MAX_RESULTS)).unwrap_or(20);
    blocking::run(move || {
        store
            .search(&actor, &query, limit)
            .map_err(|e| AppError::from(CoreError::from(e)))
    })
    .await
}

/// Everything the desk knows about one person: identity and vendor links (with suggestions to
/// confirm), contact details, appointments, contacts, encounters, referrals, callbacks.
#[tauri::command]
#[specta::specta]
pub async fn patient_card(
    state: State<'_, AppState>,
    id: PatientId,
) -> Result<PatientCard, AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || {
        let mut card = store
            .patient_card(&actor, &id)
            .map_err(|e| AppError::from(CoreError::from(e)))?;
        prepare_card(&store, &mut card)?;
        Ok(card)
    })
    .await
}

/// What every card goes through before it leaves the backend: CCDs sanitised, appointment
/// types named.
pub(crate) fn prepare_card(
    store: &frontdesk_store::Store,
    card: &mut PatientCard,
) -> Result<(), AppError> {
    crate::ccd::sanitize_card(card);
    let types = store
        .appointment_types()
        .map_err(|e| AppError::from(CoreError::from(e)))?;
    super::schedule::name_appointment_types(&mut card.appointments, &types);
    Ok(())
}
