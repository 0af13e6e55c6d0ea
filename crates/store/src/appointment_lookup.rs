//! One appointment by the desk's id, for actions on a single visit (joining a telehealth
//! visit, cancelling) that must act on what the cache holds, not on what the UI sent back.

use crate::error::StoreError;
use crate::practice::bodies;
use crate::store::Store;
use frontdesk_core::appointment::Appointment;

impl Store {
    /// The appointment with the desk id `id` (`vendor:externalId`).
    pub fn appointment(&self, id: &str) -> Result<Appointment, StoreError> {
        let found: Vec<Appointment> = bodies(
            &self.reader(),
            "SELECT body FROM appointments WHERE id = ?1",
            [id],
            "appointment",
        )?;
        found
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NotFound {
                what: "that appointment".into(),
            })
    }
}
