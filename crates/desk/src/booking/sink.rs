//! The cache as the booking services' sink. A vendor's answer names its own patient id only;
//! the booking knows the desk's person, so it is written on the appointment here, and Zoom's
//! providers are resolved to the desk's as the sync does, so the board shows the booking in
//! the right column at once.

use crate::sink::blocking;
use async_trait::async_trait;
use frontdesk_core::appointment::Appointment;
use frontdesk_core::booking::AppointmentSink;
use frontdesk_core::{CoreError, PatientId};
use frontdesk_store::Store;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub(crate) struct BookingSink {
    pub(crate) store: Arc<Store>,
    pub(crate) patient: Option<PatientId>,
}

#[async_trait]
impl AppointmentSink for BookingSink {
    async fn record(&self, appointment: &Appointment) -> Result<(), CoreError> {
        let mut a = appointment.clone();
        if a.patient_id.is_none() {
            a.patient_id.clone_from(&self.patient);
        }
        blocking(&self.store, move |s| {
            // Keep what the cache already knew (the desk person, a resolved provider) when
            // the vendor's echo leaves it out.
            if let Ok(known) = s.appointment(&a.id) {
                if a.patient_id.is_none() {
                    a.patient_id = known.patient_id;
                }
                if a.location_id.is_none() {
                    a.location_id = known.location_id;
                }
            }
            let mut list = vec![a];
            crate::telehealth_links::resolve_visits(s, &mut list)?;
            s.upsert_appointments(&list)
        })
        .await
    }
}
