//! Settings' vendor connections, for the practice admin: read each vendor's settings (secrets
//! only as set or not), save the practice or one vendor (then the desk reconnects with them),
//! test a vendor's settings before saving, and sign in to Nextech in the system browser. The
//! work is `frontdesk_desk::connections`'; these are the shims and the audit rows.

use super::blocking;
use crate::error::AppError;
use crate::practice::SettingsTarget;
use crate::state::AppState;
use frontdesk_desk::connections::{
    self, ConnectionCheck, ConnectionSettings, PracticeForm, VendorUpdate,
};
use frontdesk_store::{AuditEvent, AuditOutcome};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_opener::OpenerExt;

fn target(state: &AppState) -> Result<SettingsTarget, AppError> {
    state
        .settings_target()
        .ok_or_else(|| AppError::NotConfigured {
            what: "a place for the configuration file (pass --config or set FRONTDESK_CONFIG)"
                .into(),
        })
}

/// Records a settings change in the audit log when the cache is open; a desk with no cache yet
/// still saves (the file itself is the record then).
fn audit(state: &AppState, action: &str, detail: serde_json::Value) {
    if let Ok(store) = state.store() {
        let event = AuditEvent::new(state.actor(), action, AuditOutcome::Ok).detail(detail);
        if let Err(error) = store.audit_append(&event) {
            tracing::warn!(kind = ?error.kind(), action, "settings_audit_failed");
        }
    }
}

/// Every vendor's connection settings as the config file holds them; secrets only as set or
/// not set.
#[tauri::command]
#[specta::specta]
pub async fn connection_settings(
    state: State<'_, AppState>,
) -> Result<ConnectionSettings, AppError> {
    let target = target(&state)?;
    blocking::run(move || {
        connections::read_settings(&target.path, target.secrets.as_ref()).map_err(AppError::from)
    })
    .await
}

/// Saves the practice's name and time zone (creating the config file on a new desk) and
/// reconnects the desk with it.
#[tauri::command]
#[specta::specta]
pub async fn save_practice_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    practice: PracticeForm,
) -> Result<(), AppError> {
    let target = target(&state)?;
    blocking::run(move || {
        connections::save_practice(&target.path, &practice)?;
        let state = app.state::<AppState>();
        audit(&state, "settings.practice_saved", serde_json::json!({}));
        state.reconnect(&app);
        Ok(())
    })
    .await
}

/// Saves one vendor's settings (and its secret, when one was typed) and reconnects the desk,
/// so the next sync uses them.
#[tauri::command]
#[specta::specta]
pub async fn save_vendor_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    update: VendorUpdate,
) -> Result<(), AppError> {
    let target = target(&state)?;
    blocking::run(move || {
        connections::save_vendor(&target.path, target.secrets.as_ref(), &update)?;
        let state = app.state::<AppState>();
        audit(
            &state,
            "settings.vendor_saved",
            serde_json::json!({
                "vendor": update.vendor.key(),
                "enabled": update.enabled,
                "secretChanged": update.secret.as_deref().is_some_and(|s| !s.trim().is_empty()),
            }),
        );
        state.reconnect(&app);
        Ok(())
    })
    .await
}

/// Signs in to the vendor with the settings as the form holds them and reads one small thing.
/// A vendor that answers with an error comes back as `refused` with its status, code, message
/// and trace id; one that cannot be reached is `Offline`.
#[tauri::command]
#[specta::specta]
pub async fn test_vendor_connection(
    state: State<'_, AppState>,
    update: VendorUpdate,
) -> Result<ConnectionCheck, AppError> {
    let target = target(&state)?;
    connections::test_connection(&target.secrets, &update)
        .await
        .map_err(AppError::from)
}

/// Nextech's sign-in: opens Nextech's (Azure AD) sign-in page in the system browser, waits for
/// it to come back to the desk on 127.0.0.1, and keeps the refresh token in the keychain.
/// Then asks for a sync, so Nextech's status turns from "needs sign-in" at once.
#[tauri::command]
#[specta::specta]
pub async fn sign_in_nextech(
    app: AppHandle,
    state: State<'_, AppState>,
    update: VendorUpdate,
) -> Result<(), AppError> {
    let target = target(&state)?;
    let opener = app.clone();
    let browser = move |url: &url::Url| -> Result<(), String> {
        opener
            .opener()
            .open_url(url.as_str(), None::<&str>)
            .map_err(|error| {
                tracing::warn!(%error, "nextech_sign_in_browser_failed");
                "the system browser could not be opened".to_owned()
            })
    };
    connections::sign_in_nextech(&target.secrets, &update, &browser)
        .await
        .map_err(AppError::from)?;
    audit(&state, "settings.nextech_signed_in", serde_json::json!({}));
    state.sync_now();
    Ok(())
}
