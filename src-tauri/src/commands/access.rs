//! Signing in and out, the first-run admin, locking, and the activity ping that keeps an
//! attended desk unlocked. These run when nobody is signed in (the policy lets them), so each
//! checks the session itself where it matters.

use super::blocking;
use crate::access::demo::{DemoAccount, demo_accounts};
use crate::access::session::{LockReason, SessionUser};
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_core::CoreError;
use frontdesk_core::access::NewStaff;
use frontdesk_store::{AuditEvent, AuditOutcome, SignInCheck, Store};
use serde::Serialize;
use specta::Type;
use std::sync::Arc;
use std::time::Instant;
use tauri::{AppHandle, State};

/// Where the desk is: no staff yet (first run), nobody signed in, someone at work, or locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum SessionPhase {
    Setup,
    SignedOut,
    Active,
    Locked,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SessionStatus {
    pub phase: SessionPhase,
    /// The person signed in, or whose session is locked.
    pub user: Option<SessionUser>,
    /// The commands this person may run (the backend checks each anyway), for the UI to show
    /// only what works.
    pub allowed: Vec<String>,
    /// Minutes of inactivity before the desk locks; seconds for tests that shorten it.
    pub idle_lock_secs: u32,
    /// The demo's accounts and PINs, shown on its sign-in screen; empty for a real practice.
    pub demo_accounts: Vec<DemoAccount>,
}

/// What a sign-in attempt came to. A wrong PIN is an answer, not an error.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SignInOutcome {
    SignedIn {
        status: SessionStatus,
    },
    /// Wrong username or credential (the same answer for both); `retry_after_secs` is the wait
    /// before the next try, zero while free tries remain.
    Refused {
        retry_after_secs: u32,
    },
    /// Too many misses: wait before trying again.
    Throttled {
        retry_after_secs: u32,
    },
    /// The credential was right; a code from the authenticator (or a recovery code) comes next
    /// (`verify_second_factor`).
    NeedsSecondFactor {
        username: String,
    },
    /// The credential was right and this role needs a second factor this person has not set up:
    /// enrol now (`confirm_second_factor` with the first code).
    NeedsEnrolment {
        username: String,
        enrolment: super::second_factor::EnrolmentView,
    },
}

fn core(error: impl Into<CoreError>) -> AppError {
    AppError::from(error.into())
}

pub(crate) fn store_error(error: frontdesk_store::StoreError) -> AppError {
    core(error)
}

pub(crate) fn status(state: &AppState, store: Option<&Store>) -> SessionStatus {
    let session = state.session();
    let user = session.user();
    let no_staff = store.is_some_and(|s| s.staff_count().is_ok_and(|n| n == 0));
    let phase = match (&user, session.is_locked()) {
        (Some(_), true) => SessionPhase::Locked,
        (Some(_), false) => SessionPhase::Active,
        (None, _) if no_staff => SessionPhase::Setup,
        (None, _) => SessionPhase::SignedOut,
    };
    let allowed = match (&user, phase) {
        (Some(user), SessionPhase::Active) => crate::access::policy::allowed_for(user.role)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    SessionStatus {
        phase,
        user,
        allowed,
        idle_lock_secs: u32::try_from(session.idle_limit().as_secs()).unwrap_or(u32::MAX),
        demo_accounts: demo_accounts(state),
    }
}

#[tauri::command]
#[specta::specta]
pub fn session_status(state: State<'_, AppState>) -> Result<SessionStatus, AppError> {
    let store = state.store().ok();
    Ok(status(&state, store.as_deref()))
}

/// First run: creates the practice admin (only while no account exists) and signs them in.
#[tauri::command]
#[specta::specta]
pub async fn create_first_admin(
    state: State<'_, AppState>,
    admin: NewStaff,
) -> Result<SessionStatus, AppError> {
    create_first_admin_in(&state, admin).await
}

/// `create_first_admin` on the app's state, for the command and its tests.
pub async fn create_first_admin_in(
    state: &AppState,
    admin: NewStaff,
) -> Result<SessionStatus, AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    let writer = store.clone();
    let member = blocking::run(move || {
        writer
            .create_first_admin(&actor, &admin)
            .map_err(store_error)
    })
    .await?;
    // A new practice starts with clinicians marked, as the Zoom doc asks of providers; the
    // admin may change it (the demo's accounts are made elsewhere and stay unmarked).
    if store
        .setting(frontdesk_store::SECOND_FACTOR_ROLES_SETTING)
        .map_err(store_error)?
        .is_none()
    {
        store
            .set_second_factor_roles(
                &frontdesk_store::staff_actor(&member.username),
                &[frontdesk_core::access::Role::Clinician],
            )
            .map_err(store_error)?;
    }
    state
        .session()
        .sign_in(member.clone().into(), Instant::now());
    store
        .audit_append(&AuditEvent::new(
            &frontdesk_store::staff_actor(&member.username),
            "session.signIn",
            AuditOutcome::Ok,
        ))
        .map_err(store_error)?;
    Ok(status(state, Some(&store)))
}

/// Signs in, unlocks (the same person again) or switches user (someone else at a locked desk).
#[tauri::command]
#[specta::specta]
pub async fn sign_in(
    state: State<'_, AppState>,
    username: String,
    credential: String,
) -> Result<SignInOutcome, AppError> {
    sign_in_to(&state, username, credential).await
}

/// `sign_in` on the app's state, for the command and its tests.
pub async fn sign_in_to(
    state: &AppState,
    username: String,
    credential: String,
) -> Result<SignInOutcome, AppError> {
    let store = state.store()?;
    state.session().set_pending(None);
    let locked_user = state
        .session()
        .user()
        .filter(|_| state.session().is_locked());
    let same_person = locked_user
        .as_ref()
        .is_some_and(|u| u.username.eq_ignore_ascii_case(username.trim()));
    let action = if same_person {
        "session.unlock"
    } else {
        "session.signIn"
    };
    let checker: Arc<Store> = store.clone();
    let check = blocking::run(move || {
        checker
            .check_sign_in(&username, &credential, action)
            .map_err(store_error)
    })
    .await?;
    let secs = |wait: std::time::Duration| u32::try_from(wait.as_secs().max(1)).unwrap_or(u32::MAX);
    Ok(match check {
        SignInCheck::Accepted(member) => {
            // Unlocking one's own session needs the credential only (see access::second_factor).
            let replaces = locked_user.clone().filter(|_| !same_person);
            if !same_person
                && let Some(step) = super::second_factor::require(state, &store, &member, replaces)?
            {
                return Ok(step);
            }
            if let Some(previous) = locked_user.filter(|_| !same_person) {
                // The other person's locked session ends here; their work is theirs in the log.
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
            state.session().sign_in(member.into(), Instant::now());
            SignInOutcome::SignedIn {
                status: status(state, Some(&store)),
            }
        }
        SignInCheck::Refused { wait } if wait.is_zero() => SignInOutcome::Refused {
            retry_after_secs: 0,
        },
        SignInCheck::Refused { wait } => SignInOutcome::Refused {
            retry_after_secs: secs(wait),
        },
        SignInCheck::Throttled { wait } => SignInOutcome::Throttled {
            retry_after_secs: secs(wait),
        },
    })
}

/// Locks the desk now (Ctrl+L, "Lock", "Switch user"): the same person or another signs in.
#[tauri::command]
#[specta::specta]
pub fn lock_session(app: AppHandle, state: State<'_, AppState>) -> Result<(), AppError> {
    crate::access::lock(Some(&app), &state, LockReason::Manual);
    Ok(())
}

/// Ends the session.
#[tauri::command]
#[specta::specta]
pub fn sign_out(state: State<'_, AppState>) -> Result<(), AppError> {
    sign_out_of(&state)
}

/// `sign_out` on the app's state, for the command and its tests.
pub fn sign_out_of(state: &AppState) -> Result<(), AppError> {
    if let Some(user) = state.session().sign_out()
        && let Ok(store) = state.store()
    {
        store
            .audit_append(&AuditEvent::new(
                &frontdesk_store::staff_actor(&user.username),
                "session.signOut",
                AuditOutcome::Ok,
            ))
            .map_err(store_error)?;
    }
    Ok(())
}

/// The person is at the desk (a key press, a click): the idle clock starts again.
#[tauri::command]
#[specta::specta]
pub fn touch_session(state: State<'_, AppState>) -> Result<(), AppError> {
    if state.session().touch(Instant::now()) {
        Ok(())
    } else {
        Err(AppError::Locked)
    }
}
