//! CXone in the desk's roles: patient directory (offset paging), patient search, and the
//! contact center (history, callbacks, reminders).

use crate::cxone::client::{CxoneClient, MAX_LIMIT};
use crate::cxone::map;
use crate::cxone::wire::{
    AppointmentId, ContactQuery, NewCallback, NewReminder, PatientId, PatientQuery,
};
use crate::http::paging::{collect_all, next_offset};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_core::contact::Contact;
use frontdesk_core::patient::VendorPatient;
use frontdesk_core::ports::{
    CallbackRequest, ContactCenter, Page, PatientDirectory, PatientSearch, ReminderRequest,
};
use frontdesk_core::sync::PatientLookup;
use frontdesk_core::{CoreError, ExternalId, Vendor};

fn offset_of(cursor: Option<&str>) -> Result<u64, CoreError> {
    cursor.map_or(Ok(0), |c| {
        c.parse()
            .map_err(|_| CoreError::invalid("cursor", "not a CXone offset"))
    })
}

#[async_trait]
impl PatientDirectory for CxoneClient {
    fn vendor(&self) -> Vendor {
        Vendor::Cxone
    }

    /// CXone cannot filter by change time: every page is returned, `updated_since` applied here.
    async fn patients_page(
        &self,
        cursor: Option<String>,
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<Page<VendorPatient>, CoreError> {
        let offset = offset_of(cursor.as_deref())?;
        let page = self
            .search_patients(&PatientQuery::default(), offset, MAX_LIMIT)
            .await?;
        let next = next_offset(offset, page.data.len(), u64::from(MAX_LIMIT), page.total);
        let items = page
            .data
            .iter()
            .map(map::patient)
            .filter(|p| match (updated_since, p.updated_at) {
                (Some(since), Some(at)) => at >= since,
                _ => true,
            })
            .collect();
        Ok(Page { items, next })
    }
}

/// One patient by id; the vendor saying "no such patient" is `None`.
#[async_trait]
impl PatientLookup for CxoneClient {
    async fn patient_by_id(&self, id: &ExternalId) -> Result<Option<VendorPatient>, CoreError> {
        match self
            .patient(&PatientId(id.0.clone()))
            .await
            .map_err(CoreError::from)
        {
            Ok(p) => Ok(Some(map::patient(&p))),
            Err(CoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[async_trait]
impl PatientSearch for CxoneClient {
    fn vendor(&self) -> Vendor {
        Vendor::Cxone
    }

    /// Digits search by phone, `MRN-...` by MRN, `@` by email, anything else by last name.
    async fn search_patients(&self, term: &str) -> Result<Vec<VendorPatient>, CoreError> {
        let term = term.trim();
        let digits = term.chars().filter(char::is_ascii_digit).count();
        let mut query = PatientQuery::default();
        if term.contains('@') {
            query.email = Some(term.to_owned());
        } else if term.to_ascii_uppercase().starts_with("MRN") {
            query.mrn = Some(term.to_owned());
        } else if digits >= 7 {
            query.phone_number = Some(crate::normalize::e164(term));
        } else {
            query.last_name = Some(term.to_owned());
        }
        let all = collect_all(|cursor| {
            let query = query.clone();
            async move {
                let offset = offset_of(cursor.as_deref())?;
                let page = CxoneClient::search_patients(self, &query, offset, MAX_LIMIT).await?;
                Ok::<_, CoreError>(Page {
                    next: next_offset(offset, page.data.len(), u64::from(MAX_LIMIT), page.total),
                    items: page.data,
                })
            }
        })
        .await?;
        Ok(all.iter().map(map::patient).collect())
    }
}

#[async_trait]
impl ContactCenter for CxoneClient {
    async fn contacts(&self, patient: &ExternalId) -> Result<Vec<Contact>, CoreError> {
        let id = PatientId(patient.0.clone());
        let all = collect_all(|cursor| {
            let id = id.clone();
            async move {
                let offset = offset_of(cursor.as_deref())?;
                let page = self
                    .contact_history(&id, &ContactQuery::default(), offset, MAX_LIMIT)
                    .await?;
                Ok::<_, CoreError>(Page {
                    next: next_offset(offset, page.data.len(), u64::from(MAX_LIMIT), page.total),
                    items: page.data,
                })
            }
        })
        .await?;
        Ok(all.iter().map(map::contact).collect())
    }

    async fn request_callback(&self, request: &CallbackRequest) -> Result<ExternalId, CoreError> {
        let body = NewCallback {
            patient_id: PatientId(request.patient.0.clone()),
            phone_number: crate::normalize::e164(&request.phone),
            callback_time: request.at,
            callback_reason: request.reason.clone(),
            priority: request.priority.clone(),
            notes: request.notes.clone(),
            skill_group_id: request.skill_group.clone(),
            attributes: None,
        };
        let created = self.create_callback(&body).await?;
        Ok(ExternalId(created.id.0))
    }

    async fn send_reminder(&self, request: &ReminderRequest) -> Result<ExternalId, CoreError> {
        let body = NewReminder {
            appointment_id: AppointmentId(request.appointment.0.clone()),
            reminder_type: request.channel.clone(),
            reminder_time: request.at,
            message: request.message.clone(),
            include_directions: None,
        };
        let created = CxoneClient::send_reminder(self, &body).await?;
        Ok(ExternalId(created.id.0))
    }
}
