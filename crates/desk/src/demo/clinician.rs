//! The demo's clinician is Dr. Lee (A-DAY-AT-THE-DESK.md): her account is linked to her provider
//! so "My day" knows whose day it is and she may keep her own video hours. The demo's accounts
//! exist before the first sync has made the desk's providers, so the link is made after a pass,
//! once, and never again: an admin who unlinks or relinks her later has the last word.

use super::DEMO_STAFF;
use crate::telehealth_links::name_key;
use frontdesk_core::access::Role;
use frontdesk_store::{StaffChange, Store, StoreError};

/// The sandbox's first provider (its seed's first names), whom the demo's clinician account is.
const DEMO_CLINICIAN_PROVIDER: &str = "Grace Lee";

/// Set once the link was made (or found made), so it is never made again.
const LINKED_SETTING: &str = "demo.clinicianLinked";

/// Links the demo's clinician account to the one provider named Grace Lee (names compared as
/// the desk compares clinicians across vendors), when the account has no provider yet and this
/// was never done. Returns whether it linked now. Nothing happens while
/// the desk has no such provider (no pass yet) or more than one (a guess would be wrong).
pub fn link_demo_clinician(store: &Store) -> Result<bool, StoreError> {
    if store.setting(LINKED_SETTING)?.is_some() {
        return Ok(false);
    }
    let Some(clinician) = DEMO_STAFF.iter().find(|s| s.role == Role::Clinician) else {
        return Ok(false);
    };
    let Some(account) = store
        .staff_list()?
        .into_iter()
        .find(|m| m.username == clinician.username && m.role == Role::Clinician)
    else {
        return Ok(false);
    };
    if account.provider_id.is_some() {
        store.set_setting("system:demo", LINKED_SETTING, "1")?;
        return Ok(false);
    }
    let providers = store.providers()?;
    let wanted = name_key(DEMO_CLINICIAN_PROVIDER);
    let mut named = providers
        .iter()
        .filter(|p| name_key(&p.display_name) == wanted);
    let (Some(provider), None) = (named.next(), named.next()) else {
        return Ok(false);
    };
    store.update_staff(
        "system:demo",
        &account.id,
        &StaffChange {
            provider_id: Some(Some(provider.id.clone())),
            ..StaffChange::default()
        },
    )?;
    store.set_setting("system:demo", LINKED_SETTING, "1")?;
    tracing::info!("demo_clinician_linked");
    Ok(true)
}
