//! The admin's staff screen: list, add, change role or standing, reset a credential, and the
//! idle limit after which the desk locks. Every change is audited by the store.

use super::access::store_error;
use super::blocking;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::access::{NewStaff, Role, StaffMember};
use frontdesk_store::StaffChange;
use serde::Deserialize;
use specta::Type;
use std::time::Duration;
use tauri::State;

/// A change to an account; absent fields stay as they are.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffUpdate {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub second_factor: Option<bool>,
    /// The desk provider a clinician is: absent leaves it, `null` unlinks it.
    #[serde(default, deserialize_with = "present")]
    #[specta(type = Option<String>)]
    pub provider_id: Option<Option<String>>,
}

/// Tells a `null` (unlink) from an absent field (leave as it is): the three cases are the
/// point, as in `StaffChange`.
#[allow(clippy::option_option)]
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[tauri::command]
#[specta::specta]
pub async fn list_staff(state: State<'_, AppState>) -> Result<Vec<StaffMember>, AppError> {
    let store = state.store()?;
    blocking::run(move || store.staff_list().map_err(store_error)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_staff(
    state: State<'_, AppState>,
    staff: NewStaff,
) -> Result<StaffMember, AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || store.create_staff(&actor, &staff).map_err(store_error)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_staff(
    state: State<'_, AppState>,
    id: String,
    update: StaffUpdate,
) -> Result<StaffMember, AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    let change = StaffChange {
        display_name: update.display_name,
        role: update.role,
        active: update.active,
        second_factor: update.second_factor,
        provider_id: update.provider_id,
    };
    blocking::run(move || {
        store
            .update_staff(&actor, &id, &change)
            .map_err(store_error)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn reset_staff_credential(
    state: State<'_, AppState>,
    id: String,
    credential: String,
) -> Result<(), AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || {
        store
            .set_staff_credential(&actor, &id, &credential)
            .map_err(store_error)
    })
    .await
}

/// Sets how long an untouched desk stays unlocked (1 to 60 minutes; HIPAA's seeds say 15).
#[tauri::command]
#[specta::specta]
pub fn set_idle_lock_minutes(state: State<'_, AppState>, minutes: u32) -> Result<(), AppError> {
    if !(1..=60).contains(&minutes) {
        return Err(AppError::Invalid {
            field: "minutes".into(),
            message: "choose between 1 and 60 minutes".into(),
        });
    }
    let secs = u64::from(minutes) * 60;
    state
        .store()?
        .set_setting(
            state.actor(),
            crate::access::IDLE_SETTING,
            &secs.to_string(),
        )
        .map_err(store_error)?;
    state.session().set_idle_limit(Duration::from_secs(secs));
    Ok(())
}
