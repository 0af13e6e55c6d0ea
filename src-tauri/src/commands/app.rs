//! Facts about the running app and its connection: version, where its data lives, which practice
//! it serves (or why none loaded), each vendor connection, and the two actions on the connection
//! itself: opening the demo practice and asking for a sync now.

use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::contact::VendorStatus;
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, State};

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    /// Absolute path of the directory holding the encrypted cache.
    pub data_dir: String,
    /// `None` until a practice (demo or real) is connected.
    pub practice_name: Option<String>,
    /// Whether the connected practice is the demo (the sandbox on loopback).
    pub demo: bool,
    /// Why no practice is connected although one is configured (a config error, a cache that
    /// cannot be opened): shown so an admin can fix it.
    pub problem: Option<AppError>,
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
        demo: state.is_demo(),
        problem: state.problem().or_else(|| state.store().err()),
    })
}

#[tauri::command]
#[specta::specta]
pub fn vendor_statuses(state: State<'_, AppState>) -> Result<Vec<VendorStatus>, AppError> {
    Ok(state.vendor_statuses())
}

/// Opens the demo practice (the vendor sandbox on loopback, seeded) and starts syncing it.
/// Refused when a practice is already connected: the demo never replaces a real practice.
#[tauri::command]
#[specta::specta]
pub async fn open_demo_practice(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<(), AppError> {
    if state.desk().is_some() {
        return Err(AppError::Conflict {
            message: "a practice is already connected".into(),
            next_slots: None,
        });
    }
    let connection = crate::practice::open_demo(
        &app,
        state.data_dir(),
        state.actor(),
        crate::launch::DemoMode::Online,
    )
    .await?;
    state.replace(connection);
    Ok(())
}

/// Starts a sync pass now instead of at the next interval.
#[tauri::command]
#[specta::specta]
pub fn sync_now(state: State<'_, AppState>) -> Result<(), AppError> {
    if state.sync_now() {
        Ok(())
    } else {
        Err(AppError::NotConfigured {
            what: "a practice".into(),
        })
    }
}
