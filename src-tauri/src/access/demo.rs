//! The demo practice's staff: one account per role with the PINs its sign-in screen shows, so
//! the README's run command lands on a desk anyone can try. Created only for the demo, and only
//! the accounts that do not exist yet.

use crate::state::AppState;
use frontdesk_core::access::NewStaff;
use frontdesk_desk::demo::DEMO_STAFF;
use serde::Serialize;
use specta::Type;

/// A demo account as the sign-in screen lists it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DemoAccount {
    pub username: String,
    pub display_name: String,
    pub role: frontdesk_core::access::Role,
    pub pin: String,
}

/// The accounts to list, when the demo is open.
#[must_use]
pub fn demo_accounts(state: &AppState) -> Vec<DemoAccount> {
    if !state.is_demo() {
        return Vec::new();
    }
    DEMO_STAFF
        .iter()
        .map(|s| DemoAccount {
            username: s.username.into(),
            display_name: s.display_name.into(),
            role: s.role,
            pin: s.pin.into(),
        })
        .collect()
}

/// Creates the demo's accounts that are missing, when the demo is open.
pub fn seed_demo_staff(state: &AppState) {
    if !state.is_demo() {
        return;
    }
    let Ok(store) = state.store() else { return };
    let existing: Vec<String> = match store.staff_list() {
        Ok(list) => list.into_iter().map(|m| m.username).collect(),
        Err(error) => {
            tracing::error!(kind = ?error.kind(), "demo_staff_unreadable");
            return;
        }
    };
    for staff in DEMO_STAFF
        .iter()
        .filter(|s| !existing.iter().any(|u| u == s.username))
    {
        let new = NewStaff {
            username: staff.username.into(),
            display_name: staff.display_name.into(),
            role: staff.role,
            credential: staff.pin.into(),
        };
        if let Err(error) = store.create_staff("system:demo", &new) {
            tracing::error!(kind = ?error.kind(), "demo_staff_not_created");
        }
    }
}
