//! A new patient booked straight into a video visit: their Zoom record is made from what the
//! receptionist typed and brought into the cache the way the sync brings any vendor record
//! (identity linking, search index), so the visit is booked for a desk person with a
//! confirmed Zoom link. Zoom cannot be searched for patients, so the id it gave is kept under
//! the booking key: a retry with the same key reuses that record instead of making a second.

use crate::Desk;
use crate::booking::error::BookError;
use crate::booking::people;
use crate::booking::types::BookingPatient;
use crate::sink::blocking;
use chrono::NaiveDate;
use frontdesk_core::booking::BookingKey;
use frontdesk_core::patient::Patient;
use frontdesk_core::{CoreError, ExternalId, Vendor};
use frontdesk_store::{AuditEvent, AuditOutcome};
use frontdesk_vendors::zoom::map as zoom_map;
use frontdesk_vendors::zoom::wire::{NewPatient, PatientId as ZoomPatientId};

/// Where the Zoom id made for a booking key is kept (an id, never the person's details).
fn setting_key(key: &BookingKey) -> String {
    format!("booking.zoom_patient.{}", key.0)
}

/// What the receptionist typed, as Zoom's new-patient body.
fn new_patient_body(patient: &BookingPatient) -> Result<NewPatient, CoreError> {
    let BookingPatient::New {
        given_name,
        family_name,
        birth_date,
        phone,
        email,
    } = patient
    else {
        return Err(CoreError::invalid("patient", "not a new patient"));
    };
    let (given, family) = (given_name.trim(), family_name.trim());
    if given.is_empty() || family.is_empty() {
        return Err(CoreError::invalid(
            "patient",
            "a new patient needs a given and a family name",
        ));
    }
    let birth = NaiveDate::parse_from_str(birth_date.trim(), "%Y-%m-%d")
        .map_err(|_| CoreError::invalid("birthDate", "use a date like 1964-05-03"))?;
    let phone = phone.trim();
    Ok(NewPatient {
        first_name: given.to_owned(),
        last_name: family.to_owned(),
        email: email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_owned),
        phone: (!phone.is_empty()).then(|| phone.to_owned()),
        date_of_birth: Some(birth),
    })
}

impl Desk {
    /// Who a video visit is for: the desk's person when one was chosen, else the new patient
    /// adopted through Zoom (and whether this call made their Zoom record).
    pub(super) async fn person_for_video(
        &self,
        actor: &str,
        known: Option<&Patient>,
        patient: &BookingPatient,
        key: &BookingKey,
    ) -> Result<(Patient, bool), BookError> {
        if let Some(p) = known {
            return Ok((p.clone(), false));
        }
        self.adopt_zoom_patient(actor, patient, key).await
    }

    /// The new patient as a desk person linked (confirmed) to a Zoom record, and whether this
    /// call made that record. Audited: `zoom.patient.create` when Zoom is asked to make it,
    /// then the person's read.
    async fn adopt_zoom_patient(
        &self,
        actor: &str,
        patient: &BookingPatient,
        key: &BookingKey,
    ) -> Result<(Patient, bool), BookError> {
        let body = new_patient_body(patient)?;
        let zoom = self
            .clients()
            .zoom
            .clone()
            .ok_or_else(|| CoreError::invalid("slotId", "Zoom is not configured"))?;
        let store = self.store().clone();
        let remembered = {
            let k = setting_key(key);
            blocking(&store, move |s| s.setting(&k)).await?
        };
        let (zp, created) = if let Some(id) = remembered {
            let known = zoom.patient(&ZoomPatientId(id)).await;
            (known.map_err(CoreError::from)?, false)
        } else {
            let made = zoom.create_patient(&body).await.map_err(CoreError::from);
            if made.is_err() {
                let event = AuditEvent::new(actor, "zoom.patient.create", AuditOutcome::Failed)
                    .detail(serde_json::json!({ "key": key.0 }));
                blocking(&store, move |s| s.audit_append(&event)).await?;
            }
            let made = made?;
            let (k, id, who) = (setting_key(key), made.id.0.clone(), actor.to_owned());
            blocking(&store, move |s| s.set_setting(&who, &k, &id)).await?;
            (made, true)
        };
        let record = zoom_map::patient(&zp);
        let external = ExternalId(zp.id.0.clone());
        let (who, ext) = (actor.to_owned(), external.clone());
        let desk_id = blocking(&store, move |s| {
            s.upsert_vendor_patients(&[record])?;
            let owner = s.patient_id_for(Vendor::Zoom, &ext)?.ok_or_else(|| {
                frontdesk_store::StoreError::NotFound {
                    what: "the new patient's record".into(),
                }
            })?;
            s.confirm_link(&who, Vendor::Zoom, &ext, &owner)?;
            Ok(owner)
        })
        .await?;
        if created {
            let event = AuditEvent::new(actor, "zoom.patient.create", AuditOutcome::Ok)
                .patient(&desk_id)
                .detail(serde_json::json!({ "key": key.0, "newPatient": true }));
            blocking(&store, move |s| s.audit_append(&event)).await?;
        }
        tracing::info!(created, "new_zoom_patient_adopted");
        let person = people::load(&store, actor, &desk_id).await?;
        Ok((person, created))
    }
}
