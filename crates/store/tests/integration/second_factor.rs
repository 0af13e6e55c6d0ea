//! The second factor: enrolment active only once confirmed, a code accepted once, wrong codes
//! throttled like wrong PINs, recovery codes spent once and kept only as hashes, the admin's
//! reset, and audit rows that never hold a secret or a code.

use crate::common::Fixture;
use frontdesk_core::access::second_factor::code_at;
use frontdesk_core::access::{NewStaff, Role, StaffMember};
use frontdesk_store::{SignInCheck, StaffChange};

const T: u64 = 1_800_000_000;

fn clinician(f: &Fixture) -> StaffMember {
    f.store
        .create_staff(
            "os:test",
            &NewStaff {
                username: "dr.lee".into(),
                display_name: "Dr. Lee".into(),
                role: Role::Clinician,
                credential: "975312".into(),
                provider_id: None,
            },
        )
        .unwrap()
}

/// Enrols `member` at time `T`; returns the secret and the recovery codes.
fn enrolled(f: &Fixture, member: &StaffMember) -> (String, Vec<String>) {
    let enrolment = f.store.begin_second_factor(&member.id).unwrap();
    let codes = f
        .store
        .confirm_second_factor(&member.id, &code_at(&enrolment.secret, T).unwrap(), T)
        .unwrap()
        .expect("the right first code enrols");
    (enrolment.secret, codes)
}

fn audit_text(f: &Fixture) -> String {
    f.store
        .audit_entries(None)
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}", e.actor, e.action, e.detail))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn should_require_the_factor_for_marked_roles_or_marked_accounts_only() {
    let f = Fixture::new();
    let lee = clinician(&f);
    assert!(
        !f.store.second_factor_required(&lee).unwrap(),
        "no role is marked until the admin marks one"
    );
    f.store
        .set_second_factor_roles("staff:admin", &[Role::Clinician])
        .unwrap();
    assert_eq!(
        f.store.second_factor_roles().unwrap(),
        vec![Role::Clinician]
    );
    assert!(f.store.second_factor_required(&lee).unwrap());
    f.store.set_second_factor_roles("staff:admin", &[]).unwrap();
    assert!(!f.store.second_factor_required(&lee).unwrap());
    let marked = f
        .store
        .update_staff(
            "staff:admin",
            &lee.id,
            &StaffChange {
                second_factor: Some(true),
                ..StaffChange::default()
            },
        )
        .unwrap();
    assert!(f.store.second_factor_required(&marked).unwrap());
}

#[test]
fn should_not_activate_enrolment_until_a_right_first_code() {
    let f = Fixture::new();
    let lee = clinician(&f);
    let enrolment = f.store.begin_second_factor(&lee.id).unwrap();
    assert!(
        enrolment
            .uri
            .starts_with("otpauth://totp/Frontdesk:dr.lee?")
    );
    assert!(enrolment.qr_svg.starts_with("<svg"));
    assert!(!f.store.second_factor_enrolled(&lee.id).unwrap());
    let right = code_at(&enrolment.secret, T).unwrap();
    let wrong = if right == "000000" {
        "999999"
    } else {
        "000000"
    };
    assert_eq!(
        f.store.confirm_second_factor(&lee.id, wrong, T).unwrap(),
        None
    );
    assert!(!f.store.second_factor_enrolled(&lee.id).unwrap());
    let codes = f
        .store
        .confirm_second_factor(&lee.id, &right, T)
        .unwrap()
        .unwrap();
    assert_eq!(codes.len(), 10);
    assert!(f.store.second_factor_enrolled(&lee.id).unwrap());
    assert!(
        f.store.begin_second_factor(&lee.id).is_err(),
        "a confirmed factor is reset by an admin, not replaced"
    );
}

#[test]
fn should_accept_a_right_code_once_and_refuse_its_replay() {
    let f = Fixture::new();
    let lee = clinician(&f);
    let (secret, _) = enrolled(&f, &lee);
    let later = T + 60;
    let code = code_at(&secret, later).unwrap();
    assert!(matches!(
        f.store
            .check_second_factor(&lee, &code, "session.signIn", later)
            .unwrap(),
        SignInCheck::Accepted(_)
    ));
    assert!(
        matches!(
            f.store
                .check_second_factor(&lee, &code, "session.signIn", later)
                .unwrap(),
            SignInCheck::Refused { .. }
        ),
        "the same code again is a replay"
    );
    let enrol_code = code_at(&secret, T).unwrap();
    assert!(matches!(
        f.store
            .check_second_factor(&lee, &enrol_code, "session.signIn", T)
            .unwrap(),
        SignInCheck::Refused { .. }
    ));
}

#[test]
fn should_throttle_wrong_codes_and_a_right_pin_does_not_reset_the_count() {
    let f = Fixture::new();
    let lee = clinician(&f);
    let (secret, _) = enrolled(&f, &lee);
    let right = code_at(&secret, T + 300).unwrap();
    let wrong = if right == "111111" {
        "222222"
    } else {
        "111111"
    };
    for _ in 0..4 {
        assert_eq!(
            f.store
                .check_second_factor(&lee, wrong, "session.signIn", T + 300)
                .unwrap(),
            SignInCheck::Refused {
                wait: std::time::Duration::ZERO
            }
        );
        assert!(matches!(
            f.store
                .check_sign_in("dr.lee", "975312", "session.signIn")
                .unwrap(),
            SignInCheck::Accepted(_)
        ));
    }
    assert!(matches!(
        f.store
            .check_second_factor(&lee, wrong, "session.signIn", T + 300)
            .unwrap(),
        SignInCheck::Refused { wait } if wait.as_secs() == 30
    ));
    assert!(
        matches!(
            f.store
                .check_second_factor(&lee, &right, "session.signIn", T + 300)
                .unwrap(),
            SignInCheck::Throttled { .. }
        ),
        "while throttled even the right code is not checked"
    );
}

#[test]
fn should_spend_each_recovery_code_once_and_keep_only_hashes() {
    let f = Fixture::new();
    let lee = clinician(&f);
    let (secret, codes) = enrolled(&f, &lee);
    assert_eq!(f.store.recovery_codes_left(&lee.id).unwrap(), 10);
    let first = codes[0].to_lowercase().replace('-', " ");
    assert!(matches!(
        f.store
            .check_second_factor(&lee, &first, "session.signIn", T)
            .unwrap(),
        SignInCheck::Accepted(_)
    ));
    assert_eq!(f.store.recovery_codes_left(&lee.id).unwrap(), 9);
    assert!(
        matches!(
            f.store
                .check_second_factor(&lee, &codes[0], "session.signIn", T)
                .unwrap(),
            SignInCheck::Refused { .. }
        ),
        "a spent recovery code is refused"
    );

    let raw = f.raw();
    let stored: Vec<String> = raw
        .prepare("SELECT hash FROM staff_recovery_code")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored.len(), 10);
    assert!(stored.iter().all(|h| h.starts_with("$argon2id$")));
    let audit = audit_text(&f);
    assert!(audit.contains("secondFactor.enrol"));
    assert!(audit.contains("secondFactor.recoveryCode"));
    assert!(!audit.contains(&secret), "no secret in the audit log");
    for code in &codes {
        assert!(
            !audit.contains(code.as_str()),
            "no recovery code in the audit log"
        );
    }
}

#[test]
fn should_let_an_admin_reset_the_factor_for_a_new_enrolment() {
    let f = Fixture::new();
    let lee = clinician(&f);
    let (secret, codes) = enrolled(&f, &lee);
    f.store.reset_second_factor("staff:admin", &lee.id).unwrap();
    assert!(!f.store.second_factor_enrolled(&lee.id).unwrap());
    assert_eq!(f.store.recovery_codes_left(&lee.id).unwrap(), 0);
    assert!(matches!(
        f.store
            .check_second_factor(&lee, &codes[1], "session.signIn", T)
            .unwrap(),
        SignInCheck::Refused { .. }
    ));
    let again = f.store.begin_second_factor(&lee.id).unwrap();
    assert_ne!(again.secret, secret);
    assert!(audit_text(&f).contains("staff:admin secondFactor.reset"));
}
