//! Nextech in the desk's roles: clinical records (encounters) and patient search by term.

use crate::nextech::client::NextechClient;
use crate::nextech::map;
use crate::nextech::wire::{EncounterQuery, PatientId};
use async_trait::async_trait;
use frontdesk_core::contact::Encounter;
use frontdesk_core::patient::VendorPatient;
use frontdesk_core::ports::{ClinicalRecords, PatientSearch};
use frontdesk_core::{CoreError, ExternalId, Vendor};

#[async_trait]
impl ClinicalRecords for NextechClient {
    async fn encounters(&self, patient: &ExternalId) -> Result<Vec<Encounter>, CoreError> {
        let id: PatientId = patient
            .0
            .parse()
            .map_err(|_| CoreError::invalid("patientId", "not a Nextech patient id"))?;
        let list = NextechClient::encounters(self, id, &EncounterQuery::default()).await?;
        Ok(list.iter().map(map::encounter).collect())
    }
}

#[async_trait]
impl PatientSearch for NextechClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nextech
    }

    async fn search_patients(&self, term: &str) -> Result<Vec<VendorPatient>, CoreError> {
        let list = NextechClient::search_patients(self, term.trim()).await?;
        Ok(list.iter().map(map::patient).collect())
    }
}
