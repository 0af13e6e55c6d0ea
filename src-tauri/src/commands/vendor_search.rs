//! "Search the vendors": the cache keeps only the patients seen lately, so when the cache has
//! no match the receptionist may ask the vendors that offer a patient search. A shim over the
//! desk's look-up (shared with the CLI), which keeps what the vendors return in the cache
//! through the sync's write path and audits the search; one vendor failing is a line in
//! `outcomes`, never this command's error.

use crate::error::AppError;
use crate::state::AppState;
use frontdesk_desk::patient_lookup::VendorSearchResults;
use tauri::State;

/// The most rows the list shows, as for the cache's search.
const MAX_RESULTS: u32 = 50;

/// Asks Nextech, CXone and NexHealth (those configured) for patients matching `query` (read
/// like the cache's search: name words, a date of birth, phone digits, an MRN or chart
/// number), keeps their records in the cache with vendor links, and returns the cache's
/// results for `query` with one outcome per vendor asked.
#[tauri::command]
#[specta::specta]
pub async fn search_vendor_patients(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<VendorSearchResults, AppError> {
    let desk = state.desk().ok_or_else(|| {
        state.problem().unwrap_or(AppError::NotConfigured {
            what: "a practice".into(),
        })
    })?;
    let limit = usize::try_from(limit.clamp(1, MAX_RESULTS)).unwrap_or(20);
    Ok(desk
        .search_vendor_patients(state.actor(), &query, limit)
        .await?)
}
