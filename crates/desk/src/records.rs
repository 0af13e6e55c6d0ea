//! The per-patient records the card shows beside the schedule: CXone contact history, Nextech
//! encounters and WellHive referrals. They are fetched when a card is opened, not in the sync pass (a pass
//! over every patient's history would spend the vendors' budgets on cards nobody opens), and
//! each vendor's answer is kept in the cache so the card opens offline next time.

use crate::clients::Clients;
use crate::sink::blocking;
use frontdesk_core::patient::{LinkConfidence, PatientSummary, VendorPatient};
use frontdesk_core::ports::{
    CareNavigation, ClinicalRecords, ContactCenter, PatientSearch as ClinicalSearch,
};
use frontdesk_core::{CoreError, ExternalId, PatientId, Vendor};
use frontdesk_store::Store;
use frontdesk_vendors::nextech::NextechClient;
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

async fn summary(store: &Arc<Store>, patient: &PatientId) -> Result<PatientSummary, CoreError> {
    let id = patient.clone();
    blocking(store, move |s| {
        s.patient_summaries(std::slice::from_ref(&id))
    })
    .await?
    .into_iter()
    .next()
    .ok_or_else(|| CoreError::not_found("that patient"))
}

/// A link a person may act on (suggested links wait for someone to confirm them).
fn link(person: &PatientSummary, vendor: Vendor) -> Option<ExternalId> {
    person
        .links
        .iter()
        .find(|l| l.vendor == vendor && l.confidence != LinkConfidence::Suggested)
        .map(|l| l.external_id.clone())
}

fn has_link(person: &PatientSummary, vendor: Vendor) -> bool {
    person.links.iter().any(|l| l.vendor == vendor)
}

/// Nextech has no listing to sync, only a search by name or chart number; the practice's MRN
/// is the chart number, so a card looks its person up there once and keeps the record, which
/// the store links by MRN like any other vendor's. Returns whether a record was found.
async fn link_nextech_by_chart(
    client: &NextechClient,
    store: &Arc<Store>,
    mrn: &str,
) -> Result<bool, CoreError> {
    let found: Vec<VendorPatient> = ClinicalSearch::search_patients(client, mrn)
        .await?
        .into_iter()
        .filter(|p| p.mrn.as_deref() == Some(mrn))
        .collect();
    if found.is_empty() {
        return Ok(false);
    }
    blocking(store, move |s| s.upsert_vendor_patients(&found)).await?;
    Ok(true)
}

/// Fetches every linked vendor's records for `patient` at once into the cache. It reads only
/// the person's links, not the card: the caller's card read is the audited look at this person,
/// and fetching behind it is not a second one.
pub(crate) async fn refresh(
    clients: &Clients,
    store: &Arc<Store>,
    patient: &PatientId,
) -> Result<Vec<RecordsOutcome>, CoreError> {
    let mut person = summary(store, patient).await?;
    if let Some(client) = &clients.nextech
        && !has_link(&person, Vendor::Nextech)
        && let Some(mrn) = person.mrn.clone()
    {
        match link_nextech_by_chart(client.as_ref(), store, &mrn).await {
            Ok(true) => person = summary(store, patient).await?,
            Ok(false) => {}
            Err(error) => tracing::warn!(kind = ?error.kind(), "nextech_link_lookup_failed"),
        }
    }
    let cxone = link(&person, Vendor::Cxone);
    let nextech = link(&person, Vendor::Nextech);
    let wellhive = link(&person, Vendor::Wellhive);
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
