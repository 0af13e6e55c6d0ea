//! The demo practice's staff: one account per role with the PINs its sign-in screen shows, so
//! the README's run command lands on a desk anyone can try. Created only when the demo opens on
//! a cache with no staff at all: accounts with public PINs must never join a desk whose admin
//! already exists (an admin who opens the demo later uses their own account).

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

/// The demo accounts that exist, to list while the demo is open.
#[must_use]
pub fn demo_accounts(state: &AppState) -> Vec<DemoAccount> {
    if !state.is_demo() {
        return Vec::new();
    }
    let existing: Vec<String> = state
        .store()
        .ok()
        .and_then(|store| store.staff_list().ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|m| m.active)
        .map(|m| m.username)
        .collect();
    DEMO_STAFF
        .iter()
        .filter(|s| existing.iter().any(|u| u == s.username))
        .map(|s| DemoAccount {
            username: s.username.into(),
            display_name: s.display_name.into(),
            role: s.role,
            pin: s.pin.into(),
        })
        .collect()
}

/// Creates the demo's accounts when the demo is open on a cache with no staff yet.
pub fn seed_demo_staff(state: &AppState) {
    if !state.is_demo() {
        return;
    }
    let Ok(store) = state.store() else { return };
    match store.staff_count() {
        Ok(0) => {}
        Ok(_) => return,
        Err(error) => {
            tracing::error!(kind = ?error.kind(), "demo_staff_unreadable");
            return;
        }
    }
    for staff in &DEMO_STAFF {
        let new = NewStaff {
            username: staff.username.into(),
            display_name: staff.display_name.into(),
            role: staff.role,
            credential: staff.pin.into(),
            // The desk's provider ids are made by the first sync, after these accounts exist:
            // the admin links Dr. Lee to her provider on the Staff screen.
            provider_id: None,
        };
        if let Err(error) = store.create_staff("system:demo", &new) {
            tracing::error!(kind = ?error.kind(), "demo_staff_not_created");
        }
    }
}
