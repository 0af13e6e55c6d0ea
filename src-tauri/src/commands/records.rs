//! Refreshing a card from the vendors: the card opens instantly from the cache, then asks for
//! the person's contact history (CXone), encounters (Nextech) and referrals (WellHive) behind
//! it. A vendor that cannot be reached leaves its cached records on the card.

use super::blocking;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::{CoreError, PatientId};
use frontdesk_store::PatientCard;
use tauri::State;

/// Fetches the patient's per-vendor records into the cache, then returns the card as the
/// cache now holds it (CCDs sanitised, appointment types named).
#[tauri::command]
#[specta::specta]
pub async fn refresh_patient_card(
    state: State<'_, AppState>,
    id: PatientId,
) -> Result<PatientCard, AppError> {
    let actor = state.actor().to_owned();
    if let Some(desk) = state.desk() {
        match desk.refresh_records(&id).await {
            Ok(outcomes) => {
                for outcome in outcomes.iter().filter(|o| o.error.is_some()) {
                    tracing::info!(vendor = %outcome.vendor, "card_records_unavailable");
                }
            }
            Err(error) => tracing::warn!(kind = ?error.kind(), "card_refresh_failed"),
        }
    }
    let store = state.store()?;
    blocking::run(move || {
        let mut card = store
            .patient_card(&actor, &id)
            .map_err(|e| AppError::from(CoreError::from(e)))?;
        super::patients::prepare_card(&store, &mut card)?;
        Ok(card)
    })
    .await
}
