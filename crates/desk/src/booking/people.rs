//! Who is being booked, as each vendor knows them: the desk's person read once (an audited
//! read of their record), then the vendor's id from the person's links. WellHive knows
//! patients by the practice's own index id, the MRN, when no link says otherwise.

use crate::sink::blocking;
use frontdesk_core::patient::Patient;
use frontdesk_core::{CoreError, ExternalId, PatientId, Vendor};
use frontdesk_store::Store;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The person's record (contact preferences, links), read as `actor`.
pub(crate) async fn load(
    store: &Arc<Store>,
    actor: &str,
    patient: &PatientId,
) -> Result<Patient, CoreError> {
    let (actor, id) = (actor.to_owned(), patient.clone());
    blocking(store, move |s| s.patient_card(&actor, &id))
        .await
        .map(|card| card.patient)
}

pub(crate) fn wellhive_id(p: &Patient) -> Option<ExternalId> {
    p.link(Vendor::Wellhive)
        .cloned()
        .or_else(|| p.mrn.clone().map(ExternalId))
}

/// What the desk already knows of the person, by WellHive's attribute names.
pub(crate) fn known_attributes(p: &Patient) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(d) = p.birth_date {
        out.insert("birthDate".to_owned(), d.format("%Y-%m-%d").to_string());
    }
    if let Some(phone) = p.phones.first() {
        out.insert("phone".to_owned(), phone.number.clone());
    }
    if let Some(email) = &p.email {
        out.insert("email".to_owned(), email.clone());
    }
    if !p.family_name.is_empty() {
        out.insert("name".to_owned(), p.family_name.clone());
    }
    out
}

pub(crate) fn not_linked(vendor: &str) -> CoreError {
    CoreError::invalid(
        "patient",
        format!("this patient has no {vendor} record the desk can book under"),
    )
}

/// What the desk knows, overlaid with what the receptionist just typed in.
pub(crate) fn with_given(
    p: &Patient,
    given: &[crate::booking::types::PatientAttribute],
) -> BTreeMap<String, String> {
    let mut out = known_attributes(p);
    for a in given.iter().filter(|a| !a.value.trim().is_empty()) {
        out.insert(a.name.clone(), a.value.trim().to_owned());
    }
    out
}
