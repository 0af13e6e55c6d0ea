//! The phone menu (CXone IVR), for the practice admin: the templates, and a custom flow built
//! from one, answered with its status and deployment status. Thin shims over
//! `frontdesk_desk::setup`, which checks the form with core's rules first.

use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::setup::{IvrFlowForm, IvrFlowStatus, IvrTemplate};
use frontdesk_desk::Desk;
use frontdesk_desk::setup::{self, SetupError};
use std::sync::Arc;
use tauri::State;

/// The connected practice, or why there is none. Shared by the setup commands.
pub(super) fn practice_desk(state: &AppState) -> Result<Arc<Desk>, AppError> {
    state.desk().ok_or_else(|| {
        state.problem().unwrap_or(AppError::NotConfigured {
            what: "a practice".into(),
        })
    })
}

/// A setup action's failure as the UI reads it; an unconfigured vendor names itself.
pub(super) fn setup_error(error: SetupError) -> AppError {
    match error {
        SetupError::NotConfigured(vendor) => AppError::NotConfigured {
            what: vendor.key().to_owned(),
        },
        SetupError::Core(core) => core.into(),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn ivr_templates(state: State<'_, AppState>) -> Result<Vec<IvrTemplate>, AppError> {
    let desk = practice_desk(&state)?;
    setup::ivr_templates(&desk).await.map_err(setup_error)
}

/// Builds a custom IVR flow from a template; a wrong field comes back as `invalid` naming it.
#[tauri::command]
#[specta::specta]
pub async fn create_ivr_flow(
    state: State<'_, AppState>,
    form: IvrFlowForm,
) -> Result<IvrFlowStatus, AppError> {
    let desk = practice_desk(&state)?;
    setup::create_ivr_flow(&desk, &form)
        .await
        .map_err(setup_error)
}

#[cfg(test)]
mod tests {
    use super::setup_error;
    use crate::error::AppError;
    use frontdesk_core::{CoreError, Vendor};
    use frontdesk_desk::setup::SetupError;

    #[test]
    fn an_unconfigured_vendor_names_itself_and_a_bad_field_keeps_its_name() {
        assert_eq!(
            setup_error(SetupError::NotConfigured(Vendor::Cxone)),
            AppError::NotConfigured {
                what: "cxone".into()
            }
        );
        assert_eq!(
            setup_error(SetupError::Core(CoreError::invalid(
                "holidayDates",
                "`2026-02-30` is not a calendar date written YYYY-MM-DD"
            ))),
            AppError::Invalid {
                field: "holidayDates".into(),
                message: "`2026-02-30` is not a calendar date written YYYY-MM-DD".into()
            }
        );
    }
}
