//! The per-patient records the card shows beside the schedule: CXone contact history, Nextech
//! encounters and WellHive referrals. They are fetched when a card is opened, not in the sync pass (a pass
//! over every patient's history would spend the vendors' budgets on cards nobody opens), and
//! each vendor's answer is kept in the cache so the card opens offline next time.

use crate::clients::Clients;
use crate::sink::blocking;
use frontdesk_core::ports::{CareNavigation, ClinicalRecords, ContactCenter};
use frontdesk_core::{CoreError, ExternalId, PatientId, Vendor};
use frontdesk_store::Store;
use serde::Serialize;
use std::sync::Arc;

/// What one vendor returned for the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordsOutcome {
    pub vendor: Vendor,
    pub fetched: usize,
    /// The failure in words (no PHI); the cached records stay on the card.
    pub error: Option<String>,
}

fn outcome(vendor: Vendor, result: Result<usize, CoreError>) -> RecordsOutcome {
    match result {
        Ok(fetched) => RecordsOutcome {
            vendor,
            fetched,
            error: None,
        },
        Err(e) => RecordsOutcome {
            vendor,
            fetched: 0,
            error: Some(e.to_string()),
        },
    }
}

async fn contacts(
    client: &dyn ContactCenter,
    store: &Arc<Store>,
    patient: &PatientId,
    id: &ExternalId,
) -> Result<usize, CoreError> {
    let mut list = client.contacts(id).await?;
    for c in &mut list {
        c.patient_id = Some(patient.clone());
    }
    let n = list.len();
    blocking(store, move |s| s.upsert_contacts(&list)).await?;
    Ok(n)
}

async fn encounters(
    client: &dyn ClinicalRecords,
    store: &Arc<Store>,
    patient: &PatientId,
    id: &ExternalId,
) -> Result<usize, CoreError> {
    let mut list = client.encounters(id).await?;
    for e in &mut list {
        e.patient_id = Some(patient.clone());
    }
    let n = list.len();
    blocking(store, move |s| s.upsert_encounters(&list)).await?;
    Ok(n)
}

async fn referrals(
    client: &dyn CareNavigation,
    store: &Arc<Store>,
    patient: &PatientId,
    id: &ExternalId,
) -> Result<usize, CoreError> {
    let mut list = client.referrals(id).await?;
    for r in &mut list {
        r.patient_id = Some(patient.clone());
    }
    let n = list.len();
    blocking(store, move |s| s.upsert_referrals(&list)).await?;
    Ok(n)
}

/// Fetches every linked vendor's records for `patient` at once; `actor` is who opened the card
/// (the read is audited by the store).
pub(crate) async fn refresh(
    clients: &Clients,
    store: &Arc<Store>,
    actor: &str,
    patient: &PatientId,
) -> Result<Vec<RecordsOutcome>, CoreError> {
    let (actor, id) = (actor.to_owned(), patient.clone());
    let card = blocking(store, move |s| s.patient_card(&actor, &id)).await?;
    let cxone = card.patient.link(Vendor::Cxone).cloned();
    let nextech = card.patient.link(Vendor::Nextech).cloned();
    let wellhive = card.patient.link(Vendor::Wellhive).cloned();
    let contact_task = async {
        match (&clients.cxone, &cxone) {
            (Some(c), Some(id)) => Some(outcome(
                Vendor::Cxone,
                contacts(c.as_ref(), store, patient, id).await,
            )),
            _ => None,
        }
    };
    let encounter_task = async {
        match (&clients.nextech, &nextech) {
            (Some(c), Some(id)) => Some(outcome(
                Vendor::Nextech,
                encounters(c.as_ref(), store, patient, id).await,
            )),
            _ => None,
        }
    };
    let referral_task = async {
        match (&clients.wellhive, &wellhive) {
            (Some(c), Some(id)) => Some(outcome(
                Vendor::Wellhive,
                referrals(c.as_ref(), store, patient, id).await,
            )),
            _ => None,
        }
    };
    let (a, b, c) = tokio::join!(contact_task, encounter_task, referral_task);
    Ok([a, b, c].into_iter().flatten().collect())
}
