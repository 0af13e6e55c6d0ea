//! Writes what an event changes through the store's sync batch (`apply_sync_batch`), the path
//! a sync page takes, so identity linking runs on a patient that arrives by webhook exactly as
//! on one that arrives by a pass. The ids of the events already applied are the batch's
//! cursor (stream `webhook_events`), so an event and the record of having applied it commit
//! together: a redelivery, even after a restart, is recognised and applied once.

use crate::sink::blocking;
use crate::webhooks::parse::{Change, Event};
use chrono::Utc;
use frontdesk_core::appointment::{Appointment, Visit};
use frontdesk_core::sync::Records;
use frontdesk_core::{CoreError, Vendor};
use frontdesk_store::{Store, StoreError};
use frontdesk_vendors::cxone::CxoneClient;
use std::sync::Arc;

/// The stream whose cursor holds the ids of the events applied, newest last.
pub const SEEN_STREAM: &str = "webhook_events";
/// How many event ids are remembered per vendor (vendors redeliver within hours, not weeks).
const REMEMBERED: usize = 1000;

/// What applying an event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The cache changed.
    Applied,
    /// This event id was applied before; nothing was written.
    Duplicate,
    /// The event is about something the cache does not hold (the next pass brings it), or
    /// about nothing the cache keeps.
    Ignored,
}

/// Applies events one at a time (two deliveries of one event must not both pass the check).
pub struct Applier {
    store: Arc<Store>,
    cxone: Option<Arc<CxoneClient>>,
    serial: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Applier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Applier").finish_non_exhaustive()
    }
}

impl Applier {
    pub fn new(store: Arc<Store>, cxone: Option<Arc<CxoneClient>>) -> Self {
        Self {
            store,
            cxone,
            serial: tokio::sync::Mutex::new(()),
        }
    }

    pub async fn apply(&self, vendor: Vendor, event: Event) -> Result<Outcome, CoreError> {
        let _one_at_a_time = self.serial.lock().await;
        let id = event.id;
        if blocking(&self.store, {
            let id = id.clone();
            move |s| Ok(seen(s, vendor)?.contains(&id))
        })
        .await?
        {
            return Ok(Outcome::Duplicate);
        }
        // CXone names the patient only: fetch the record before the write (outside it).
        let change = match event.change {
            Change::FetchCxonePatient(patient) => match &self.cxone {
                Some(client) => {
                    let p = client
                        .patient(&frontdesk_vendors::cxone::wire::PatientId(patient))
                        .await
                        .map_err(CoreError::from)?;
                    Change::Patient(Box::new(frontdesk_vendors::cxone::map::patient(&p)))
                }
                None => Change::Nothing,
            },
            other => other,
        };
        blocking(&self.store, move |s| write(s, vendor, &id, change)).await
    }
}

/// The event ids applied so far for `vendor`.
fn seen(store: &Store, vendor: Vendor) -> Result<Vec<String>, StoreError> {
    Ok(store
        .sync_cursor(vendor, SEEN_STREAM)?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}

fn write(store: &Store, vendor: Vendor, id: &str, change: Change) -> Result<Outcome, StoreError> {
    let mut ids = seen(store, vendor)?;
    ids.push(id.to_owned());
    if ids.len() > REMEMBERED {
        ids.drain(..ids.len() - REMEMBERED);
    }
    let cursor = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".to_owned());
    let records = match change {
        Change::Appointment(a) => {
            let mut list = vec![merged(store, *a)?];
            crate::telehealth_links::resolve_visits(store, &mut list)?;
            Some(Records::Appointments(list))
        }
        Change::Status {
            external_id,
            status,
        } => match store.appointment(&Appointment::desk_id(vendor, &external_id)) {
            Ok(mut cached) => {
                cached.status = status;
                cached.as_of = Utc::now();
                Some(Records::Appointments(vec![cached]))
            }
            Err(StoreError::NotFound { .. }) => None,
            Err(e) => return Err(e),
        },
        Change::Patient(p) => Some(Records::Patients(vec![*p])),
        Change::FetchCxonePatient(_) | Change::Nothing => None,
    };
    if let Some(records) = records {
        store.apply_sync_batch(vendor, SEEN_STREAM, &records, &cursor)?;
        Ok(Outcome::Applied)
    } else {
        store.set_sync_cursor(vendor, SEEN_STREAM, &cursor)?;
        Ok(Outcome::Ignored)
    }
}

/// The event's appointment over what the cache holds: a webhook payload can be thinner than a
/// listing, and what it does not say is kept, as is the desk's
/// person already tied to it. The person is resolved as a sync page resolves it.
fn merged(store: &Store, mut a: Appointment) -> Result<Appointment, StoreError> {
    let cached = match store.appointment(&a.id) {
        Ok(c) => Some(c),
        Err(StoreError::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    if a.patient_id.is_none()
        && let Some(ext) = &a.patient_external_id
    {
        a.patient_id = store.patient_id_for(a.vendor, ext)?;
    }
    if let Some(c) = cached {
        a.patient_id = a.patient_id.or(c.patient_id);
        a.patient_external_id = a.patient_external_id.or(c.patient_external_id);
        a.location_id = a.location_id.or(c.location_id);
        a.appointment_type = a.appointment_type.or(c.appointment_type);
        if c.provider_id.is_some() && a.vendor == Vendor::Zoom {
            // The cache holds the desk provider the Zoom clinician is linked to.
            a.provider_id = c.provider_id;
        } else {
            a.provider_id = a.provider_id.or(c.provider_id);
        }
        a.visit = match (a.visit, c.visit) {
            (
                Visit::InPerson {
                    location_id,
                    operatory_id,
                },
                Visit::InPerson {
                    location_id: cached_location,
                    operatory_id: cached_operatory,
                },
            ) => Visit::InPerson {
                location_id: location_id.or(cached_location),
                operatory_id: operatory_id.or(cached_operatory),
            },
            (
                Visit::Telehealth {
                    patient_join_url,
                    provider_join_url,
                },
                Visit::Telehealth {
                    patient_join_url: cached_patient,
                    provider_join_url: cached_provider,
                },
            ) => Visit::Telehealth {
                patient_join_url: patient_join_url.or(cached_patient),
                provider_join_url: provider_join_url.or(cached_provider),
            },
            (visit, _) => visit,
        };
    }
    Ok(a)
}
