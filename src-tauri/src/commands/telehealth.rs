//! Telehealth from the desk: a clinician's Join opens the visit's provider link in the system
//! browser or Zoom client, never inside the app's webview. The link is read from the cache by
//! appointment id and checked against the join-link policy; the webview itself has no
//! permission to open URLs.

use super::blocking;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::CoreError;
use frontdesk_core::appointment::Visit;
use frontdesk_store::{AuditEvent, AuditOutcome};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

/// Opens the provider's join link of telehealth appointment `appointment_id`.
#[tauri::command]
#[specta::specta]
pub async fn join_visit(
    app: AppHandle,
    state: State<'_, AppState>,
    appointment_id: String,
) -> Result<(), AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    let zoom = state.zoom_base();
    let url = blocking::run(move || {
        let appointment = store
            .appointment(&appointment_id)
            .map_err(|e| AppError::from(CoreError::from(e)))?;
        let Visit::Telehealth {
            provider_join_url: Some(link),
            ..
        } = &appointment.visit
        else {
            return Err(AppError::Invalid {
                field: "appointmentId".into(),
                message: "this appointment has no video visit link".into(),
            });
        };
        let url = crate::join_link::allowed(link, zoom.as_ref())?;
        let mut event = AuditEvent::new(&actor, "telehealth.join", AuditOutcome::Ok)
            .detail(serde_json::json!({ "appointment": appointment.id }));
        if let Some(patient) = &appointment.patient_id {
            event = event.patient(patient);
        }
        store
            .audit_append(&event)
            .map_err(|e| AppError::from(CoreError::from(e)))?;
        Ok(url)
    })
    .await?;
    app.opener()
        .open_url(url.as_str(), None::<&str>)
        .map_err(|error| {
            tracing::warn!(%error, "join_open_failed");
            AppError::Internal {
                message: "the system could not open the visit link".into(),
            }
        })
}
