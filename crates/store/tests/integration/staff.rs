//! Staff accounts: hashes only on disk, the first admin only once, the last admin kept, and
//! sign-in attempts counted, throttled and audited.

use crate::common::Fixture;
use frontdesk_core::access::{NewStaff, Role};
use frontdesk_store::{SignInCheck, StaffChange, StoreError};

fn new(username: &str, role: Role, pin: &str) -> NewStaff {
    NewStaff {
        username: username.into(),
        display_name: format!("{username} (test)"),
        role,
        credential: pin.into(),
        provider_id: None,
    }
}

fn actions(f: &Fixture) -> Vec<(String, String, String)> {
    f.store
        .audit_entries(None)
        .unwrap()
        .into_iter()
        .map(|e| {
            (
                e.actor,
                e.action,
                serde_json::to_value(e.outcome)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn should_create_the_first_admin_once_and_keep_only_a_hash() {
    let f = Fixture::new();
    assert_eq!(f.store.staff_count().unwrap(), 0);
    let admin = f
        .store
        .create_first_admin("os:test", &new("Dana", Role::Receptionist, "975312"))
        .unwrap();
    assert_eq!(
        admin.role,
        Role::Admin,
        "the first account is always an admin"
    );
    assert_eq!(admin.username, "dana");
    let again = f
        .store
        .create_first_admin("os:test", &new("eve", Role::Admin, "864213"))
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict(_)), "{again:?}");
    assert_eq!(f.store.staff_count().unwrap(), 1);

    let stored: String = f
        .raw()
        .query_row("SELECT credential FROM staff", [], |r| r.get(0))
        .unwrap();
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains("975312"));
}

#[test]
fn should_refuse_weak_credentials_bad_usernames_and_duplicates() {
    let f = Fixture::new();
    let weak = f
        .store
        .create_staff("staff:dana", &new("rosa", Role::Receptionist, "123456"))
        .unwrap_err();
    assert!(
        matches!(
            weak,
            StoreError::Invalid {
                field: "credential",
                ..
            }
        ),
        "{weak:?}"
    );
    let bad = f
        .store
        .create_staff("staff:dana", &new("ro sa", Role::Receptionist, "246810"))
        .unwrap_err();
    assert!(
        matches!(
            bad,
            StoreError::Invalid {
                field: "username",
                ..
            }
        ),
        "{bad:?}"
    );
    f.store
        .create_staff("staff:dana", &new("rosa", Role::Receptionist, "246810"))
        .unwrap();
    let twice = f
        .store
        .create_staff("staff:dana", &new("ROSA", Role::Clinician, "135791"))
        .unwrap_err();
    assert!(matches!(twice, StoreError::Conflict(_)), "{twice:?}");
    assert_eq!(f.store.staff_count().unwrap(), 1);
}

#[test]
fn should_keep_the_last_active_admin() {
    let f = Fixture::new();
    let dana = f
        .store
        .create_first_admin("os:test", &new("dana", Role::Admin, "975312"))
        .unwrap();
    let demote = StaffChange {
        role: Some(Role::Receptionist),
        ..StaffChange::default()
    };
    assert!(matches!(
        f.store.update_staff("staff:dana", &dana.id, &demote),
        Err(StoreError::Conflict(_))
    ));
    let off = StaffChange {
        active: Some(false),
        ..StaffChange::default()
    };
    assert!(f.store.update_staff("staff:dana", &dana.id, &off).is_err());

    let sam = f
        .store
        .create_staff("staff:dana", &new("sam", Role::Admin, "864213"))
        .unwrap();
    let changed = f
        .store
        .update_staff("staff:sam", &dana.id, &demote)
        .unwrap();
    assert_eq!(changed.role, Role::Receptionist);
    assert!(f.store.update_staff("staff:sam", &sam.id, &off).is_err());
}

#[test]
fn should_accept_the_right_pin_and_audit_every_attempt() {
    let f = Fixture::new();
    f.store
        .create_staff("staff:dana", &new("rosa", Role::Receptionist, "246810"))
        .unwrap();
    let ok = f
        .store
        .check_sign_in("Rosa", "246810", "session.signIn")
        .unwrap();
    assert!(
        matches!(ok, SignInCheck::Accepted(ref m) if m.username == "rosa"),
        "{ok:?}"
    );
    let wrong = f
        .store
        .check_sign_in("rosa", "246811", "session.signIn")
        .unwrap();
    assert!(matches!(wrong, SignInCheck::Refused { .. }), "{wrong:?}");
    let nobody = f
        .store
        .check_sign_in("mallory", "246810", "session.signIn")
        .unwrap();
    assert!(matches!(nobody, SignInCheck::Refused { .. }), "{nobody:?}");

    let log = actions(&f);
    let sign_ins: Vec<_> = log
        .iter()
        .filter(|(_, a, _)| a == "session.signIn")
        .collect();
    assert_eq!(
        sign_ins,
        vec![
            &("staff:rosa".into(), "session.signIn".into(), "ok".into()),
            &(
                "staff:rosa".into(),
                "session.signIn".into(),
                "denied".into()
            ),
            &("unknown".into(), "session.signIn".into(), "denied".into()),
        ]
    );
    let export = serde_json::to_string(&f.store.audit_entries(None).unwrap()).unwrap();
    assert!(
        !export.contains("mallory"),
        "a typed username is not logged"
    );
    assert!(!export.contains("246811"));
}

#[test]
fn should_throttle_after_the_free_tries_and_reset_on_a_new_credential() {
    let f = Fixture::new();
    let rosa = f
        .store
        .create_staff("staff:dana", &new("rosa", Role::Receptionist, "246810"))
        .unwrap();
    for attempt in 1..=4 {
        let check = f
            .store
            .check_sign_in("rosa", "000001", "session.signIn")
            .unwrap();
        assert_eq!(
            check,
            SignInCheck::Refused {
                wait: std::time::Duration::ZERO
            },
            "attempt {attempt} is free"
        );
    }
    let fifth = f
        .store
        .check_sign_in("rosa", "000001", "session.signIn")
        .unwrap();
    assert!(
        matches!(fifth, SignInCheck::Refused { wait } if wait.as_secs() == 30),
        "{fifth:?}"
    );
    // Even the right PIN is not checked while the wait runs.
    let blocked = f
        .store
        .check_sign_in("rosa", "246810", "session.signIn")
        .unwrap();
    assert!(
        matches!(blocked, SignInCheck::Throttled { wait } if wait.as_secs() <= 30 && wait.as_secs() > 0),
        "{blocked:?}"
    );

    f.store
        .set_staff_credential("staff:dana", &rosa.id, "802461")
        .unwrap();
    let after_reset = f
        .store
        .check_sign_in("rosa", "802461", "session.signIn")
        .unwrap();
    assert!(
        matches!(after_reset, SignInCheck::Accepted(_)),
        "{after_reset:?}"
    );
}

#[test]
fn should_refuse_a_deactivated_account_with_the_right_pin() {
    let f = Fixture::new();
    f.store
        .create_first_admin("os:test", &new("dana", Role::Admin, "975312"))
        .unwrap();
    let rosa = f
        .store
        .create_staff("staff:dana", &new("rosa", Role::Receptionist, "246810"))
        .unwrap();
    f.store
        .update_staff(
            "staff:dana",
            &rosa.id,
            &StaffChange {
                active: Some(false),
                ..StaffChange::default()
            },
        )
        .unwrap();
    let check = f
        .store
        .check_sign_in("rosa", "246810", "session.signIn")
        .unwrap();
    assert!(matches!(check, SignInCheck::Refused { .. }), "{check:?}");
    assert!(f.store.audit_verify().unwrap().intact);
}

#[test]
fn should_keep_a_clinicians_provider_and_only_a_clinicians() {
    let f = Fixture::new();
    let lee = f
        .store
        .create_staff(
            "staff:dana",
            &NewStaff {
                provider_id: Some("zoom:grace-lee".into()),
                ..new("lee", Role::Clinician, "135791")
            },
        )
        .unwrap();
    assert_eq!(lee.provider_id.as_deref(), Some("zoom:grace-lee"));
    let listed = f.store.staff_member(&lee.id).unwrap();
    assert_eq!(listed.provider_id.as_deref(), Some("zoom:grace-lee"));
    match f
        .store
        .check_sign_in("lee", "135791", "session.signIn")
        .unwrap()
    {
        SignInCheck::Accepted(member) => {
            assert_eq!(member.provider_id.as_deref(), Some("zoom:grace-lee"));
        }
        other => panic!("lee was not let in: {other:?}"),
    }

    // A change that leaves the provider alone keeps it; another provider replaces it.
    let renamed = StaffChange {
        display_name: Some("Dr. Lee".into()),
        ..StaffChange::default()
    };
    let after = f
        .store
        .update_staff("staff:dana", &lee.id, &renamed)
        .unwrap();
    assert_eq!(after.provider_id.as_deref(), Some("zoom:grace-lee"));
    let moved = StaffChange {
        provider_id: Some(Some("nexhealth:7".into())),
        ..StaffChange::default()
    };
    f.store.update_staff("staff:dana", &lee.id, &moved).unwrap();
    assert_eq!(
        f.store
            .staff_member(&lee.id)
            .unwrap()
            .provider_id
            .as_deref(),
        Some("nexhealth:7")
    );

    // Unlinked, and a receptionist never holds one.
    let unlink = StaffChange {
        provider_id: Some(None),
        ..StaffChange::default()
    };
    f.store
        .update_staff("staff:dana", &lee.id, &unlink)
        .unwrap();
    assert_eq!(f.store.staff_member(&lee.id).unwrap().provider_id, None);
    let rosa = f
        .store
        .create_staff(
            "staff:dana",
            &NewStaff {
                provider_id: Some("zoom:grace-lee".into()),
                ..new("rosa", Role::Receptionist, "246810")
            },
        )
        .unwrap();
    assert_eq!(f.store.staff_member(&rosa.id).unwrap().provider_id, None);
    let promoted = StaffChange {
        role: Some(Role::Clinician),
        provider_id: Some(Some("zoom:grace-lee".into())),
        ..StaffChange::default()
    };
    f.store
        .update_staff("staff:dana", &rosa.id, &promoted)
        .unwrap();
    let demoted = StaffChange {
        role: Some(Role::Receptionist),
        ..StaffChange::default()
    };
    let rosa = f
        .store
        .update_staff("staff:dana", &rosa.id, &demoted)
        .unwrap();
    assert_eq!(rosa.provider_id, None);
    assert_eq!(f.store.staff_member(&rosa.id).unwrap().provider_id, None);
}
