//! The demo's clinician is Dr. Lee (A-DAY-AT-THE-DESK.md): her account is linked to her provider
//! so "My day" knows whose day it is and she may keep her own video hours. The demo's accounts
//! exist before the first sync has made the desk's providers, so the link is made after a pass,
//! once, and never again: an admin who unlinks or relinks her later has the last word.

use super::DEMO_STAFF;
use frontdesk_core::access::Role;
use frontdesk_core::practice::Provider;
use frontdesk_store::{StaffChange, Store, StoreError};

/// The family name of the sandbox's first provider, whom the demo's clinician account is.
const DEMO_CLINICIAN_FAMILY: &str = "Lee";

/// Set once the link was made (or found made), so it is never made again.
const LINKED_SETTING: &str = "demo.clinicianLinked";

/// Links the demo's clinician account to the one provider named Lee, when the account has no
/// provider yet and this was never done. Returns whether it linked now. Nothing happens while
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
    let mut named = providers
        .iter()
        .filter(|p| is_family(p, DEMO_CLINICIAN_FAMILY));
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

/// Whether the provider's name ends in `family` ("Grace Lee", "Dr. Grace Lee, MD").
fn is_family(provider: &Provider, family: &str) -> bool {
    provider
        .display_name
        .split(|c: char| c.is_whitespace() || c == ',')
        .rfind(|w| {
            !w.is_empty() && !matches!(w.trim_end_matches('.'), "MD" | "DO" | "NP" | "PA" | "RN")
        })
        .is_some_and(|w| w.eq_ignore_ascii_case(family))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn provider(name: &str) -> Provider {
        Provider {
            id: format!("nexhealth:{name}"),
            display_name: name.into(),
            designation: None,
            links: Vec::new(),
            as_of: Utc::now(),
        }
    }

    #[test]
    fn a_family_name_is_the_last_word_before_any_credential() {
        assert!(is_family(&provider("Grace Lee"), "Lee"));
        assert!(is_family(&provider("Dr. Grace Lee, MD"), "Lee"));
        assert!(is_family(&provider("grace lee NP"), "Lee"));
        assert!(!is_family(&provider("Lee Okonkwo"), "Lee"));
        assert!(!is_family(&provider("Grace Leeds"), "Lee"));
    }
}
