//! The second factor at the app's door: a required-but-unenrolled person is sent to enrolment
//! and signed in only by its first right code; an enrolled person gives a code; nothing is
//! signed in (commands stay `Locked`) while the step is owed; the owner's own unlock needs no
//! code while another person at the locked desk does; the admin's controls are the admin's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::guard::admit;
use super::second_factor::unix_now;
use crate::commands::access::{SignInOutcome, sign_in_to};
use crate::commands::second_factor::{
    EnrolmentOutcome, confirm_second_factor_in, verify_second_factor_in,
};
use crate::error::AppError;
use crate::practice::Connection;
use crate::state::AppState;
use frontdesk_core::access::second_factor::code_at;
use frontdesk_core::access::{NewStaff, Role};
use frontdesk_store::{MemoryKeyProvider, Store};
use std::sync::Arc;
use std::time::Instant;
use tauri::async_runtime::block_on;

struct Desk {
    _dir: tempfile::TempDir,
    state: AppState,
    store: Arc<Store>,
}

fn desk(marked: &[Role]) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path(), &MemoryKeyProvider::new(), "os:test").unwrap());
    let connection = Connection::Unconnected {
        store: Ok(store.clone()),
        problem: None,
        target: None,
    };
    let state = AppState::new(dir.path().to_owned(), "os:test", connection);
    for (username, role) in [
        ("rosa", Role::Receptionist),
        ("lee", Role::Clinician),
        ("dana", Role::Admin),
    ] {
        store
            .create_staff(
                "os:test",
                &NewStaff {
                    username: username.into(),
                    display_name: username.into(),
                    role,
                    credential: "975312".into(),
                    provider_id: None,
                },
            )
            .unwrap();
    }
    store.set_second_factor_roles("os:test", marked).unwrap();
    Desk {
        _dir: dir,
        state,
        store,
    }
}

fn sign_in(desk: &Desk, username: &str) -> SignInOutcome {
    block_on(sign_in_to(&desk.state, username.into(), "975312".into())).unwrap()
}

fn staff_command(desk: &Desk) -> Result<(), AppError> {
    admit(None, &desk.state, "vendor_statuses", Instant::now())
}

/// Enrols lee (whose role is marked) and returns the secret.
fn enrol_lee(desk: &Desk) -> String {
    let SignInOutcome::NeedsEnrolment { enrolment, .. } = sign_in(desk, "lee") else {
        panic!("lee has no authenticator yet: enrolment comes first");
    };
    let code = code_at(&enrolment.secret, unix_now()).unwrap();
    let outcome = block_on(confirm_second_factor_in(&desk.state, code)).unwrap();
    assert!(matches!(outcome, EnrolmentOutcome::Enrolled { .. }));
    enrolment.secret
}

#[test]
fn an_unmarked_role_signs_in_with_its_credential_alone() {
    let desk = desk(&[Role::Clinician]);
    assert!(matches!(
        sign_in(&desk, "rosa"),
        SignInOutcome::SignedIn { .. }
    ));
}

#[test]
fn a_required_but_unenrolled_person_is_sent_to_enrolment_and_signed_in_only_once_confirmed() {
    let desk = desk(&[Role::Clinician]);
    let SignInOutcome::NeedsEnrolment {
        username,
        enrolment,
    } = sign_in(&desk, "lee")
    else {
        panic!("expected enrolment");
    };
    assert_eq!(username, "lee");
    assert!(enrolment.qr_svg.starts_with("<svg"));
    assert!(enrolment.uri.contains(&enrolment.secret));
    assert_eq!(
        staff_command(&desk),
        Err(AppError::Locked),
        "nothing is signed in before the factor"
    );
    assert_eq!(
        block_on(verify_second_factor_in(&desk.state, "123456".into())).unwrap_err(),
        AppError::Locked,
        "a code step is not an enrolment"
    );
    let right = code_at(&enrolment.secret, unix_now()).unwrap();
    let wrong = if right == "000000" {
        "999999"
    } else {
        "000000"
    };
    assert!(matches!(
        block_on(confirm_second_factor_in(&desk.state, wrong.into())).unwrap(),
        EnrolmentOutcome::Refused { .. }
    ));
    assert!(!desk.store.second_factor_enrolled(&lee_id(&desk)).unwrap());
    let EnrolmentOutcome::Enrolled {
        recovery_codes,
        status,
    } = block_on(confirm_second_factor_in(&desk.state, right)).unwrap()
    else {
        panic!("the right first code enrols");
    };
    assert_eq!(recovery_codes.len(), 10);
    assert_eq!(status.user.unwrap().username, "lee");
    assert_eq!(staff_command(&desk), Ok(()));
}

fn lee_id(desk: &Desk) -> String {
    desk.store
        .staff_list()
        .unwrap()
        .into_iter()
        .find(|m| m.username == "lee")
        .unwrap()
        .id
}

#[test]
fn an_enrolled_person_gives_a_code_and_wrong_codes_are_refused() {
    let desk = desk(&[Role::Clinician]);
    let secret = enrol_lee(&desk);
    super::sign_out_for_tests(&desk.state);
    assert!(matches!(
        sign_in(&desk, "lee"),
        SignInOutcome::NeedsSecondFactor { .. }
    ));
    assert_eq!(staff_command(&desk), Err(AppError::Locked));
    let next = code_at(&secret, unix_now() + 30).unwrap();
    let wrong = if next == "000000" { "999999" } else { "000000" };
    assert!(matches!(
        block_on(verify_second_factor_in(&desk.state, wrong.into())).unwrap(),
        SignInOutcome::Refused { .. }
    ));
    assert!(matches!(
        block_on(verify_second_factor_in(&desk.state, next)).unwrap(),
        SignInOutcome::SignedIn { .. }
    ));
    assert_eq!(staff_command(&desk), Ok(()));
    let audit: Vec<String> = desk
        .store
        .audit_entries(None)
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {} {}", e.actor, e.action, e.detail))
        .collect();
    assert!(
        audit
            .iter()
            .any(|a| a.starts_with("staff:lee secondFactor.check") && a.contains("wrong code"))
    );
    assert!(audit.iter().all(|a| !a.contains(&secret)));
}

#[test]
fn the_owner_unlocks_with_the_credential_and_another_person_gives_their_factor() {
    let desk = desk(&[Role::Clinician]);
    enrol_lee(&desk);
    super::lock(None, &desk.state, super::session::LockReason::Manual);
    assert!(
        matches!(sign_in(&desk, "lee"), SignInOutcome::SignedIn { .. }),
        "unlocking one's own session asks for the credential only"
    );
    let desk = self::desk(&[Role::Receptionist]);
    enrol_rosa_by_switch(&desk);
}

/// Lee's session is locked; rosa (marked) at the same desk enrols before the switch happens.
fn enrol_rosa_by_switch(desk: &Desk) {
    assert!(matches!(
        sign_in(desk, "lee"),
        SignInOutcome::SignedIn { .. }
    ));
    super::lock(None, &desk.state, super::session::LockReason::Manual);
    assert!(matches!(
        sign_in(desk, "rosa"),
        SignInOutcome::NeedsEnrolment { .. }
    ));
    assert_eq!(
        desk.state.session().user().unwrap().username,
        "lee",
        "lee's locked session stands until rosa's factor passes"
    );
    assert!(desk.state.session().is_locked());
}

#[test]
fn only_an_admin_marks_roles_or_resets_a_factor() {
    let desk = desk(&[]);
    for (who, allowed) in [("rosa", false), ("lee", false), ("dana", true)] {
        super::sign_out_for_tests(&desk.state);
        assert!(matches!(
            sign_in(&desk, who),
            SignInOutcome::SignedIn { .. }
        ));
        for command in [
            "second_factor_settings",
            "set_second_factor_roles",
            "reset_second_factor",
        ] {
            let verdict = admit(None, &desk.state, command, Instant::now());
            assert_eq!(verdict.is_ok(), allowed, "{who} {command}");
        }
        for command in [
            "verify_second_factor",
            "confirm_second_factor",
            "cancel_second_factor",
        ] {
            assert_eq!(admit(None, &desk.state, command, Instant::now()), Ok(()));
        }
    }
}
