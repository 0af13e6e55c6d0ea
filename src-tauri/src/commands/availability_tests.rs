//! Whose Zoom hours each role may keep: a clinician her own provider's and no one else's, the
//! admin anyone's, a receptionist none; each refusal leaves an `access.denied` row.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::may_keep_hours;
use crate::commands::access::{SignInOutcome, sign_in_to};
use crate::error::AppError;
use crate::practice::Connection;
use crate::state::AppState;
use frontdesk_core::access::{NewStaff, Role};
use frontdesk_store::{MemoryKeyProvider, Store};
use std::sync::Arc;

const LEE: &str = "zoom:dr-grace-lee";
const OTHER: &str = "zoom:dr-somebody-else";

struct Desk {
    _dir: tempfile::TempDir,
    state: AppState,
    store: Arc<Store>,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path(), &MemoryKeyProvider::new(), "os:test").unwrap());
    let connection = Connection::Unconnected {
        store: Ok(store.clone()),
        problem: None,
        target: None,
    };
    let state = AppState::new(dir.path().to_owned(), "os:test", connection);
    let accounts = [
        ("rosa", Role::Receptionist, "246810", None),
        ("lee", Role::Clinician, "135791", Some(LEE)),
        ("dana", Role::Admin, "975312", None),
    ];
    for (username, role, pin, provider) in accounts {
        store
            .create_staff(
                "os:test",
                &NewStaff {
                    username: username.into(),
                    display_name: username.into(),
                    role,
                    credential: pin.into(),
                    provider_id: provider.map(Into::into),
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

fn sign_in(desk: &Desk, username: &str, pin: &str) {
    let outcome =
        tauri::async_runtime::block_on(sign_in_to(&desk.state, username.into(), pin.into()))
            .unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn { .. }));
}

fn denials(desk: &Desk) -> Vec<(String, String)> {
    desk.store
        .audit_entries(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "access.denied")
        .map(|e| (e.actor, e.detail.to_string()))
        .collect()
}

#[test]
fn a_clinician_keeps_her_own_hours_only() {
    let desk = desk();
    sign_in(&desk, "lee", "135791");
    assert!(may_keep_hours(&desk.state, "zoom_availability", LEE).is_ok());
    assert!(may_keep_hours(&desk.state, "set_zoom_availability", LEE).is_ok());
    assert!(denials(&desk).is_empty());

    for command in ["zoom_availability", "set_zoom_availability"] {
        assert!(matches!(
            may_keep_hours(&desk.state, command, OTHER),
            Err(AppError::Forbidden { action }) if action == command
        ));
    }
    let rows = denials(&desk);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|(actor, _)| actor == "staff:lee"));
    assert!(rows[0].1.contains("zoom_availability"));
    assert!(rows[1].1.contains("set_zoom_availability"));
}

#[test]
fn a_clinician_with_no_provider_keeps_nobodys_hours() {
    let desk = desk();
    let lee = desk
        .store
        .staff_list()
        .unwrap()
        .into_iter()
        .find(|m| m.username == "lee")
        .unwrap();
    let unlink = frontdesk_store::StaffChange {
        provider_id: Some(None),
        ..frontdesk_store::StaffChange::default()
    };
    desk.store
        .update_staff("os:test", &lee.id, &unlink)
        .unwrap();
    sign_in(&desk, "lee", "135791");
    assert!(matches!(
        may_keep_hours(&desk.state, "zoom_availability", LEE),
        Err(AppError::Forbidden { .. })
    ));
    assert_eq!(denials(&desk).len(), 1);
}

#[test]
fn the_admin_keeps_anyones_hours_and_a_receptionist_nobodys() {
    let desk = desk();
    sign_in(&desk, "dana", "975312");
    assert!(may_keep_hours(&desk.state, "set_zoom_availability", OTHER).is_ok());
    assert!(may_keep_hours(&desk.state, "zoom_availability", LEE).is_ok());
    assert!(denials(&desk).is_empty());

    let desk = self::desk();
    sign_in(&desk, "rosa", "246810");
    assert!(matches!(
        may_keep_hours(&desk.state, "zoom_availability", LEE),
        Err(AppError::Forbidden { .. })
    ));
    let rows = denials(&desk);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "staff:rosa");
}

#[test]
fn nobody_signed_in_is_locked_out() {
    let desk = desk();
    assert!(matches!(
        may_keep_hours(&desk.state, "zoom_availability", LEE),
        Err(AppError::Locked)
    ));
}
