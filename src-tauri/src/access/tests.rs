//! The guard against each role and each command family, the lock, the policy's coverage of
//! every registered command, and the audit rows sign-in, refusal, lock and unlock leave.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::guard::admit;
use super::policy::{POLICY, Rule};
use super::session::LockReason;
use crate::commands::access::{
    SessionPhase, SignInOutcome, create_first_admin_in, sign_in_to, sign_out_of, status,
};
use crate::error::AppError;
use crate::practice::Connection;
use crate::state::AppState;
use frontdesk_core::access::{NewStaff, Role};
use frontdesk_store::{MemoryKeyProvider, Store};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Desk {
    _dir: tempfile::TempDir,
    state: AppState,
    store: Arc<Store>,
}

const PINS: [(&str, Role, &str); 3] = [
    ("rosa", Role::Receptionist, "246810"),
    ("lee", Role::Clinician, "135791"),
    ("dana", Role::Admin, "975312"),
];

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path(), &MemoryKeyProvider::new(), "os:test").unwrap());
    let connection = Connection::Unconnected {
        store: Ok(store.clone()),
        problem: None,
        target: None,
    };
    let state = AppState::new(dir.path().to_owned(), "os:test", connection);
    for (username, role, pin) in PINS {
        store
            .create_staff(
                "os:test",
                &NewStaff {
                    username: username.into(),
                    display_name: username.into(),
                    role,
                    credential: pin.into(),
                    provider_id: None,
                },
            )
            .unwrap();
    }
    Desk {
        _dir: dir,
        state,
        store,
    }
}

fn sign_in(desk: &Desk, username: &str, pin: &str) -> SignInOutcome {
    tauri::async_runtime::block_on(sign_in_to(&desk.state, username.into(), pin.into())).unwrap()
}

fn as_role(desk: &Desk, role: Role) {
    let (username, _, pin) = PINS.into_iter().find(|(_, r, _)| *r == role).unwrap();
    assert!(matches!(
        sign_in(desk, username, pin),
        SignInOutcome::SignedIn { .. }
    ));
}

fn run(desk: &Desk, command: &str) -> Result<(), AppError> {
    admit(None, &desk.state, command, Instant::now())
}

fn audit(desk: &Desk) -> Vec<(String, String, String)> {
    desk.store
        .audit_entries(None)
        .unwrap()
        .into_iter()
        .map(|e| {
            let outcome = serde_json::to_value(e.outcome).unwrap();
            (e.actor, e.action, outcome.as_str().unwrap().to_owned())
        })
        .collect()
}

/// One command per family, and what each role may do with it (written out, not read from the
/// table, so a wrong table entry fails here).
const FAMILIES: &[(&str, [bool; 3])] = &[
    //                          receptionist, clinician, admin
    ("search_patients", [true, true, true]),
    ("search_vendor_patients", [true, true, true]),
    ("patient_card", [true, true, true]),
    ("day_board", [true, false, true]),
    ("provider_day", [false, true, false]),
    ("join_visit", [false, true, false]),
    ("vendor_statuses", [true, true, true]),
    ("list_staff", [false, false, true]),
    ("create_staff", [false, false, true]),
    ("set_idle_lock_minutes", [false, false, true]),
    ("open_demo_practice", [false, false, true]),
    // Practice setup (issue 10): the admin's; the waiting room and invitations are the visit's.
    ("ivr_templates", [false, false, true]),
    ("create_ivr_flow", [false, false, true]),
    // A clinician passes the guard for her own hours; the command checks whose they are.
    ("zoom_availability", [false, true, true]),
    ("set_zoom_availability", [false, true, true]),
    ("nexhealth_availabilities", [false, false, true]),
    ("create_nexhealth_availability", [false, false, true]),
    ("deactivate_nexhealth_availability", [false, false, true]),
    ("create_appointment_type", [false, false, true]),
    ("resend_invitation", [true, true, true]),
    ("waiting_room", [true, true, true]),
    ("notify_waiting_patient", [true, true, true]),
    ("admit_waiting_patient", [false, true, false]),
];

#[test]
fn each_role_runs_its_own_families_and_is_forbidden_the_rest() {
    for (index, role) in [Role::Receptionist, Role::Clinician, Role::Admin]
        .into_iter()
        .enumerate()
    {
        let desk = desk();
        as_role(&desk, role);
        for (command, allowed) in FAMILIES {
            let verdict = run(&desk, command);
            if allowed[index] {
                assert_eq!(verdict, Ok(()), "{role:?} may run {command}");
            } else {
                assert_eq!(
                    verdict,
                    Err(AppError::Forbidden {
                        action: (*command).into()
                    }),
                    "{role:?} may not run {command}"
                );
            }
        }
    }
}

#[test]
fn a_forbidden_command_is_audited_with_who_tried() {
    let desk = desk();
    as_role(&desk, Role::Receptionist);
    assert!(run(&desk, "list_staff").is_err());
    let last = desk.store.audit_entries(None).unwrap().pop().unwrap();
    assert_eq!(
        (last.actor.as_str(), last.action.as_str()),
        ("staff:rosa", "access.denied")
    );
    assert_eq!(last.detail["command"], "list_staff");
}

#[test]
fn a_command_without_a_policy_is_refused_even_to_an_admin() {
    let desk = desk();
    as_role(&desk, Role::Admin);
    assert_eq!(
        run(&desk, "drop_everything"),
        Err(AppError::Forbidden {
            action: "drop_everything".into()
        })
    );
}

#[test]
fn signed_out_or_locked_only_the_session_commands_run() {
    let desk = desk();
    assert_eq!(run(&desk, "search_patients"), Err(AppError::Locked));
    assert_eq!(run(&desk, "sign_in"), Ok(()));
    assert_eq!(run(&desk, "app_info"), Ok(()));
    as_role(&desk, Role::Receptionist);
    assert_eq!(run(&desk, "search_patients"), Ok(()));
    super::lock(None, &desk.state, LockReason::Manual);
    assert_eq!(run(&desk, "search_patients"), Err(AppError::Locked));
    assert_eq!(run(&desk, "touch_session"), Err(AppError::Locked));
    assert_eq!(run(&desk, "session_status"), Ok(()));
    assert_eq!(run(&desk, "sign_in"), Ok(()));
}

#[test]
fn an_idle_session_locks_at_the_next_command_and_is_audited() {
    let desk = desk();
    as_role(&desk, Role::Clinician);
    desk.state.session().set_idle_limit(Duration::from_mins(1));
    let later = Instant::now() + Duration::from_secs(61);
    assert_eq!(
        admit(None, &desk.state, "provider_day", later),
        Err(AppError::Locked)
    );
    let last = desk.store.audit_entries(None).unwrap().pop().unwrap();
    assert_eq!(
        (last.actor.as_str(), last.action.as_str()),
        ("staff:lee", "session.lock")
    );
    assert_eq!(last.detail["reason"], "idle");
}

#[test]
fn sign_in_failure_lock_unlock_and_switch_leave_audit_rows() {
    let desk = desk();
    assert!(matches!(
        sign_in(&desk, "rosa", "000000"),
        SignInOutcome::Refused {
            retry_after_secs: 0
        }
    ));
    as_role(&desk, Role::Receptionist);
    super::lock(None, &desk.state, LockReason::Manual);
    assert_eq!(
        status(&desk.state, Some(&desk.store)).phase,
        SessionPhase::Locked
    );
    assert!(matches!(
        sign_in(&desk, "rosa", "246810"),
        SignInOutcome::SignedIn { .. }
    ));
    super::lock(None, &desk.state, LockReason::Manual);
    assert!(matches!(
        sign_in(&desk, "lee", "135791"),
        SignInOutcome::SignedIn { .. }
    ));
    assert_eq!(
        desk.state.actor(),
        "staff:lee",
        "after a switch the log names the new person"
    );
    sign_out_of(&desk.state).unwrap();
    assert_eq!(
        status(&desk.state, Some(&desk.store)).phase,
        SessionPhase::SignedOut
    );

    let rows: Vec<_> = audit(&desk)
        .into_iter()
        .filter(|(_, action, _)| action.starts_with("session."))
        .collect();
    let expected = [
        ("staff:rosa", "session.signIn", "denied"),
        ("staff:rosa", "session.signIn", "ok"),
        ("staff:rosa", "session.lock", "ok"),
        ("staff:rosa", "session.unlock", "ok"),
        ("staff:rosa", "session.lock", "ok"),
        ("staff:lee", "session.signIn", "ok"),
        ("staff:rosa", "session.signOut", "ok"),
        ("staff:lee", "session.signOut", "ok"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn throttled_sign_in_answers_with_the_wait() {
    let desk = desk();
    for _ in 0..4 {
        assert!(matches!(
            sign_in(&desk, "rosa", "000000"),
            SignInOutcome::Refused {
                retry_after_secs: 0
            }
        ));
    }
    assert!(matches!(
        sign_in(&desk, "rosa", "000000"),
        SignInOutcome::Refused {
            retry_after_secs: 30
        }
    ));
    assert!(matches!(
        sign_in(&desk, "rosa", "246810"),
        SignInOutcome::Throttled { retry_after_secs } if retry_after_secs > 0
    ));
    assert_eq!(run(&desk, "search_patients"), Err(AppError::Locked));
}

#[test]
fn the_first_admin_is_created_once_on_an_empty_desk() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path(), &MemoryKeyProvider::new(), "os:test").unwrap());
    let state = AppState::new(
        dir.path().to_owned(),
        "os:test",
        Connection::Unconnected {
            store: Ok(store.clone()),
            problem: None,
            target: None,
        },
    );
    assert_eq!(status(&state, Some(&store)).phase, SessionPhase::Setup);
    let admin = NewStaff {
        username: "dana".into(),
        display_name: "Dana".into(),
        role: Role::Receptionist,
        credential: "975312".into(),
        provider_id: None,
    };
    let signed_in =
        tauri::async_runtime::block_on(create_first_admin_in(&state, admin.clone())).unwrap();
    assert_eq!(signed_in.phase, SessionPhase::Active);
    assert_eq!(signed_in.user.unwrap().role, Role::Admin);
    assert!(signed_in.allowed.iter().any(|c| c == "list_staff"));
    assert!(matches!(
        tauri::async_runtime::block_on(create_first_admin_in(&state, admin)),
        Err(AppError::Conflict { .. })
    ));
}

/// The bindings name every command the UI can invoke: each must have a policy entry (a new
/// command without one fails here).
#[test]
fn every_registered_command_has_a_policy_entry() {
    let file = tempfile::NamedTempFile::new().unwrap();
    crate::specta_builder()
        .export(specta_typescript::Typescript::default(), file.path())
        .unwrap();
    let bindings = std::fs::read_to_string(file.path()).unwrap();
    let registered: Vec<&str> = bindings
        .split("__TAURI_INVOKE(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(registered.len() >= 20, "found {registered:?}");
    let missing: Vec<_> = registered
        .iter()
        .filter(|name| super::policy::rule_for(name).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "commands without a policy entry in src-tauri/src/access/policy.rs: {missing:?}"
    );
    let open: Vec<_> = POLICY
        .iter()
        .filter(|(_, rule)| *rule == Rule::Anyone)
        .map(|(name, _)| *name)
        .collect();
    assert_eq!(
        open,
        [
            "app_info",
            "session_status",
            "create_first_admin",
            "sign_in",
            "verify_second_factor",
            "confirm_second_factor",
            "cancel_second_factor",
            "lock_session",
            "sign_out"
        ],
        "only the session's own commands run signed out"
    );
}
