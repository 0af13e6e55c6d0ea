//! The second factor's commands: the code step and the enrolment that follow a right credential
//! (both open to a person not yet signed in, so each checks the pending step itself), and the
//! admin's controls (which roles must give one, who has one, a reset for a lost phone).

use super::access::{SignInOutcome, status, store_error};
use super::blocking;
use crate::access::second_factor::{Owed, PendingFactor, unix_now};
use crate::access::session::SessionUser;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::access::{Role, StaffMember};
use frontdesk_store::{AuditEvent, AuditOutcome, Enrolment, SignInCheck, Store};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tauri::State;

/// What an authenticator app needs, shown once while enrolling.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentView {
    /// Base32, for typing by hand when the camera cannot read the code.
    pub secret: String,
    pub uri: String,
    /// The QR code as an SVG document (drawn locally).
    pub qr_svg: String,
}

impl From<Enrolment> for EnrolmentView {
    fn from(e: Enrolment) -> Self {
        Self {
            secret: e.secret,
            uri: e.uri,
            qr_svg: e.qr_svg,
        }
    }
}

/// What confirming an enrolment came to.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum EnrolmentOutcome {
    /// Set up and signed in: the recovery codes are shown this once and never again.
    Enrolled {
        recovery_codes: Vec<String>,
        status: super::access::SessionStatus,
    },
    /// The code did not match; `retry_after_secs` as for a wrong PIN.
    Refused { retry_after_secs: u32 },
}

/// The admin's view of the second factor.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SecondFactorSettings {
    /// The roles that must give a second factor.
    pub roles: Vec<Role>,
    /// The accounts with a confirmed authenticator.
    pub enrolled: Vec<String>,
}

fn wait_secs(wait: Duration) -> u32 {
    u32::try_from(wait.as_secs().max(1)).unwrap_or(u32::MAX)
}

fn pending(state: &AppState, owed: Owed) -> Result<PendingFactor, AppError> {
    state
        .session()
        .pending(Instant::now())
        .filter(|p| p.owed == owed)
        .ok_or(AppError::Locked)
}

/// After a right credential: hold it until the factor arrives, starting an enrolment when the
/// person has none yet. `None` when this person needs no second factor.
pub(crate) fn require(
    state: &AppState,
    store: &Store,
    member: &StaffMember,
    replaces: Option<SessionUser>,
) -> Result<Option<SignInOutcome>, AppError> {
    if !store.second_factor_required(member).map_err(store_error)? {
        return Ok(None);
    }
    let enrolled = store
        .second_factor_enrolled(&member.id)
        .map_err(store_error)?;
    let outcome = if enrolled {
        SignInOutcome::NeedsSecondFactor {
            username: member.username.clone(),
        }
    } else {
        SignInOutcome::NeedsEnrolment {
            username: member.username.clone(),
            enrolment: store
                .begin_second_factor(&member.id)
                .map_err(store_error)?
                .into(),
        }
    };
    state.session().set_pending(Some(PendingFactor {
        member: member.clone(),
        owed: if enrolled {
            Owed::Code
        } else {
            Owed::Enrolment
        },
        replaces,
        since: Instant::now(),
    }));
    Ok(Some(outcome))
}

/// The factor passed: the session begins (closing the other person's locked one in the log).
fn begin_session(
    state: &AppState,
    store: &Store,
    pending: PendingFactor,
) -> Result<super::access::SessionStatus, AppError> {
    state.session().set_pending(None);
    if let Some(previous) = pending.replaces {
        store
            .audit_append(
                &AuditEvent::new(
                    &frontdesk_store::staff_actor(&previous.username),
                    "session.signOut",
                    AuditOutcome::Ok,
                )
                .detail(serde_json::json!({ "reason": "user switch" })),
            )
            .map_err(store_error)?;
    }
    state
        .session()
        .sign_in(pending.member.into(), Instant::now());
    Ok(status(state, Some(store)))
}

/// The second step of a sign-in: a code from the authenticator, or a recovery code.
#[tauri::command]
#[specta::specta]
pub async fn verify_second_factor(
    state: State<'_, AppState>,
    code: String,
) -> Result<SignInOutcome, AppError> {
    verify_second_factor_in(&state, code).await
}

/// `verify_second_factor` on the app's state, for the command and its tests.
pub async fn verify_second_factor_in(
    state: &AppState,
    code: String,
) -> Result<SignInOutcome, AppError> {
    let pending = pending(state, Owed::Code)?;
    let store = state.store()?;
    let checker: Arc<Store> = store.clone();
    let member = pending.member.clone();
    let check = blocking::run(move || {
        checker
            .check_second_factor(&member, &code, "secondFactor.check", unix_now())
            .map_err(store_error)
    })
    .await?;
    Ok(match check {
        SignInCheck::Accepted(_) => SignInOutcome::SignedIn {
            status: begin_session(state, &store, pending)?,
        },
        SignInCheck::Refused { wait } => SignInOutcome::Refused {
            retry_after_secs: if wait.is_zero() { 0 } else { wait_secs(wait) },
        },
        SignInCheck::Throttled { wait } => SignInOutcome::Throttled {
            retry_after_secs: wait_secs(wait),
        },
    })
}

/// Finishes enrolment with the authenticator's first code, and signs in.
#[tauri::command]
#[specta::specta]
pub async fn confirm_second_factor(
    state: State<'_, AppState>,
    code: String,
) -> Result<EnrolmentOutcome, AppError> {
    confirm_second_factor_in(&state, code).await
}

/// `confirm_second_factor` on the app's state, for the command and its tests.
pub async fn confirm_second_factor_in(
    state: &AppState,
    code: String,
) -> Result<EnrolmentOutcome, AppError> {
    let pending = pending(state, Owed::Enrolment)?;
    let store = state.store()?;
    let writer: Arc<Store> = store.clone();
    let id = pending.member.id.clone();
    let confirmed = blocking::run(move || {
        writer
            .confirm_second_factor(&id, &code, unix_now())
            .map_err(store_error)
    })
    .await?;
    let Some(recovery_codes) = confirmed else {
        let wait = store.staff_wait(&pending.member.id).map_err(store_error)?;
        return Ok(EnrolmentOutcome::Refused {
            retry_after_secs: if wait.is_zero() { 0 } else { wait_secs(wait) },
        });
    };
    Ok(EnrolmentOutcome::Enrolled {
        recovery_codes,
        status: begin_session(state, &store, pending)?,
    })
}

/// Gives up the step in progress (back to the sign-in form).
#[tauri::command]
#[specta::specta]
pub fn cancel_second_factor(state: State<'_, AppState>) -> Result<(), AppError> {
    state.session().set_pending(None);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn second_factor_settings(
    state: State<'_, AppState>,
) -> Result<SecondFactorSettings, AppError> {
    let store = state.store()?;
    blocking::run(move || {
        Ok(SecondFactorSettings {
            roles: store.second_factor_roles().map_err(store_error)?,
            enrolled: store.second_factor_enrolled_ids().map_err(store_error)?,
        })
    })
    .await
}

/// Marks the roles that must give a second factor (the Zoom doc asks it of providers).
#[tauri::command]
#[specta::specta]
pub async fn set_second_factor_roles(
    state: State<'_, AppState>,
    roles: Vec<Role>,
) -> Result<(), AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || {
        store
            .set_second_factor_roles(&actor, &roles)
            .map_err(store_error)
    })
    .await
}

/// Removes a person's authenticator and recovery codes (a lost phone); they enrol again at
/// their next sign-in if they still must give a factor.
#[tauri::command]
#[specta::specta]
pub async fn reset_second_factor(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || store.reset_second_factor(&actor, &id).map_err(store_error)).await
}
