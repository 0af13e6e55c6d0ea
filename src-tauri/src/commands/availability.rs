//! Providers' hours: weekly telehealth hours at Zoom (read and replaced) and in-person
//! availabilities at NexHealth (listed, added, switched off). The slot finder asks the
//! vendors live, so its next search shows a change. A clinician may keep her own Zoom hours
//! (the provider her staff account names) and nobody else's; the admin keeps everyone's.

use super::access::store_error;
use super::ivr::{practice_desk, setup_error};
use crate::access::guard::deny;
use crate::access::session::Caller;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::access::Role;
use frontdesk_core::setup::{
    NexAvailability, NexAvailabilityForm, ZoomAvailability, ZoomAvailabilityForm,
};
use frontdesk_desk::setup;
use tauri::State;

/// Whether the caller may read or set `provider_id`'s Zoom hours: an admin anyone's, a
/// clinician only the provider her account names. A refusal is audited like the guard's.
pub(crate) fn may_keep_hours(
    state: &AppState,
    command: &str,
    provider_id: &str,
) -> Result<(), AppError> {
    let Caller::Active(user) = state.session().caller() else {
        return Err(AppError::Locked);
    };
    match user.role {
        Role::Admin => Ok(()),
        Role::Clinician => {
            let own = state
                .store()?
                .staff_member(&user.staff_id)
                .map_err(store_error)?
                .provider_id;
            if own.as_deref() == Some(provider_id) {
                Ok(())
            } else {
                Err(deny(state, command, "clinician, another provider"))
            }
        }
        Role::Receptionist => Err(deny(state, command, user.role.key())),
    }
}

/// A provider's weekly telehealth hours at Zoom; `provider_id` is the desk's.
#[tauri::command]
#[specta::specta]
pub async fn zoom_availability(
    state: State<'_, AppState>,
    provider_id: String,
) -> Result<ZoomAvailability, AppError> {
    may_keep_hours(&state, "zoom_availability", &provider_id)?;
    let desk = practice_desk(&state)?;
    setup::zoom_availability(&desk, &provider_id)
        .await
        .map_err(setup_error)
}

/// Replaces a provider's weekly telehealth hours and days off at Zoom.
#[tauri::command]
#[specta::specta]
pub async fn set_zoom_availability(
    state: State<'_, AppState>,
    provider_id: String,
    form: ZoomAvailabilityForm,
) -> Result<ZoomAvailability, AppError> {
    may_keep_hours(&state, "set_zoom_availability", &provider_id)?;
    let desk = practice_desk(&state)?;
    setup::set_zoom_availability(&desk, &provider_id, &form)
        .await
        .map_err(setup_error)
}

/// Every NexHealth availability at one location (the desk's id), switched on or off.
#[tauri::command]
#[specta::specta]
pub async fn nexhealth_availabilities(
    state: State<'_, AppState>,
    location_id: String,
) -> Result<Vec<NexAvailability>, AppError> {
    let desk = practice_desk(&state)?;
    setup::nexhealth_availabilities(&desk, &location_id)
        .await
        .map_err(setup_error)
}

/// Adds in-person hours; hours overlapping the provider's own come back `invalid`.
#[tauri::command]
#[specta::specta]
pub async fn create_nexhealth_availability(
    state: State<'_, AppState>,
    form: NexAvailabilityForm,
) -> Result<NexAvailability, AppError> {
    let desk = practice_desk(&state)?;
    setup::create_nexhealth_availability(&desk, &form)
        .await
        .map_err(setup_error)
}

/// Switches an availability off (it stays listed as inactive).
#[tauri::command]
#[specta::specta]
pub async fn deactivate_nexhealth_availability(
    state: State<'_, AppState>,
    availability_id: String,
) -> Result<NexAvailability, AppError> {
    let desk = practice_desk(&state)?;
    setup::deactivate_nexhealth_availability(&desk, &availability_id)
        .await
        .map_err(setup_error)
}

#[cfg(test)]
#[path = "availability_tests.rs"]
mod tests;
