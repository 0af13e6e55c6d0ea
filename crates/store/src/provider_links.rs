//! Links from another vendor's record of a clinician to the desk provider, kept on the
//! provider's `links` (Zoom's `prov_…` on `nexhealth:101`). The linker decides who is who; the
//! store only keeps one link per vendor record, so a record that moves to another provider
//! leaves its old one.

use crate::codec::to_json;
use crate::error::StoreError;
use crate::practice::bodies;
use crate::store::Store;
use frontdesk_core::practice::{Provider, ProviderLink};
use rusqlite::params;

impl Store {
    /// Puts `link` on the provider `provider_id` (and off any other provider). Returns whether
    /// anything changed; an unknown provider is `NotFound`.
    pub fn link_provider(
        &self,
        provider_id: &str,
        link: &ProviderLink,
    ) -> Result<bool, StoreError> {
        self.in_transaction(|tx| {
            let providers: Vec<Provider> =
                bodies(tx, "SELECT body FROM providers ORDER BY id", [], "provider")?;
            if !providers.iter().any(|p| p.id == provider_id) {
                return Err(StoreError::NotFound {
                    what: format!("provider {provider_id}"),
                });
            }
            let mut changed = false;
            let mut stmt = tx.prepare_cached("UPDATE providers SET body = ?2 WHERE id = ?1")?;
            for mut p in providers {
                let had = p.links.contains(link);
                let wants = p.id == provider_id;
                if had == wants {
                    continue;
                }
                if wants {
                    p.links.push(link.clone());
                } else {
                    p.links.retain(|l| l != link);
                }
                stmt.execute(params![p.id, to_json("provider", &p)?])?;
                changed = true;
            }
            Ok(changed)
        })
    }
}
