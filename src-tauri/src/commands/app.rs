//! Facts about the running app itself: its version, where its data lives, which practice it
//! serves and how each vendor connection stands.

use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::contact::VendorStatus;
use serde::Serialize;
use specta::Type;
use tauri::State;

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    /// Absolute path of the directory holding the encrypted cache.
    pub data_dir: String,
    /// `None` until a practice (demo or real) is connected.
    pub practice_name: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    let data_dir = state
        .data_dir()
        .to_str()
        .ok_or_else(|| AppError::Storage {
            message: "the data directory's path is not valid Unicode".into(),
            way_out: "Set FRONTDESK_DATA_DIR to a plain path and restart Frontdesk.".into(),
        })?
        .to_owned();
    Ok(AppInfo {
        name: "Frontdesk".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        data_dir,
        practice_name: state.practice_name(),
    })
}

#[tauri::command]
#[specta::specta]
pub fn vendor_statuses(state: State<'_, AppState>) -> Result<Vec<VendorStatus>, AppError> {
    Ok(state.vendor_statuses())
}
