//! The check before every command: the invoke handler is wrapped so each call is looked up in
//! the policy table and refused, as a typed `AppError`, before the command runs. `Locked` when
//! nobody is signed in or the session is locked; `Forbidden` (and an audit row) when the role
//! may not, or when the command has no policy at all.

use super::policy::{Rule, rule_for};
use super::session::Caller;
use crate::error::AppError;
use crate::state::AppState;
use frontdesk_store::{AuditEvent, AuditOutcome};
use std::time::Instant;
use tauri::ipc::Invoke;
use tauri::{AppHandle, Manager};

/// Whether `command` may run now; refusals are audited here.
pub fn admit(
    app: Option<&AppHandle>,
    state: &AppState,
    command: &str,
    now: Instant,
) -> Result<(), AppError> {
    let Some(rule) = rule_for(command) else {
        return Err(deny(state, command, "no policy"));
    };
    let Rule::Roles(roles) = rule else {
        return Ok(());
    };
    super::expire_if_idle(app, state, now);
    match state.session().caller() {
        Caller::SignedOut | Caller::Locked => Err(AppError::Locked),
        Caller::Active(user) if roles.contains(&user.role) => Ok(()),
        Caller::Active(user) => Err(deny(state, command, user.role.key())),
    }
}

/// Refuses `command`, with the `access.denied` audit row every refusal leaves; `why` is the
/// caller's role or what else failed (never PHI).
pub(crate) fn deny(state: &AppState, command: &str, why: &str) -> AppError {
    tracing::warn!(command, why, "command_denied");
    let event = AuditEvent::new(state.actor(), "access.denied", AuditOutcome::Denied)
        .detail(serde_json::json!({ "command": command, "role": why }));
    if let Err(error) = state.store().map(|store| store.audit_append(&event)) {
        tracing::error!(kind = ?error, "denial_not_audited");
    }
    AppError::Forbidden {
        action: command.to_owned(),
    }
}

/// Wraps the commands' invoke handler with the policy check.
pub fn guarded(
    inner: impl Fn(Invoke) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    move |invoke: Invoke| {
        let webview = invoke.message.webview_ref();
        let verdict = match webview.try_state::<AppState>() {
            Some(state) => admit(
                Some(webview.app_handle()),
                &state,
                invoke.message.command(),
                Instant::now(),
            ),
            None => Err(AppError::Internal {
                message: "the app is still starting".into(),
            }),
        };
        match verdict {
            Ok(()) => inner(invoke),
            Err(error) => {
                invoke.resolver.reject(error);
                true
            }
        }
    }
}
