//! What the contact center and the record systems know around a visit: CXone contacts, Nextech
//! encounters (CCD kept as sent, sanitised only at display), WellHive referrals.

use crate::codec::{ms, to_json};
use crate::error::StoreError;
use crate::store::Store;
use frontdesk_core::contact::{Contact, Encounter, Referral};
use rusqlite::params;

impl Store {
    pub fn upsert_contacts(&self, contacts: &[Contact]) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO contacts (external_id, patient_id, start_ms, body) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for c in contacts {
                stmt.execute(params![c.external_id.0, c.patient_id.as_ref().map(|p| p.0.as_str()), ms(c.start), to_json("contact", c)?])?;
            }
            Ok(())
        })
    }

    pub fn upsert_encounters(&self, encounters: &[Encounter]) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO encounters (external_id, patient_id, date_ms, body) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for e in encounters {
                stmt.execute(params![e.external_id.0, e.patient_id.as_ref().map(|p| p.0.as_str()), ms(e.date), to_json("encounter", e)?])?;
            }
            Ok(())
        })
    }

    pub fn upsert_referrals(&self, referrals: &[Referral]) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO referrals (external_id, patient_id, body, as_of) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for r in referrals {
                stmt.execute(params![r.external_id.0, r.patient_id.as_ref().map(|p| p.0.as_str()), to_json("referral", r)?, ms(r.as_of)])?;
            }
            Ok(())
        })
    }
}
