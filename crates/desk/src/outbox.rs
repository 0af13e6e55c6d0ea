//! Core's outbox over the store's durable queue, and CXone as the vendor that places callbacks
//! and sends reminders. The idempotency key travels in the callback's `attributes` (the only
//! free-form field CXone takes); CXone offers no way to look a callback up, so `find` cannot
//! check and the outbox relies on the key after an unknown outcome.

use crate::sink::blocking;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_core::outbox::{IdempotencyKey, OutboxItem, OutboxStore, OutboxTransport};
use frontdesk_core::ports::{ContactCenter, ReminderRequest};
use frontdesk_core::{CoreError, ExternalId, Vendor};
use frontdesk_store::Store;
use frontdesk_vendors::cxone::CxoneClient;
use frontdesk_vendors::cxone::wire::{NewCallback, PatientId as CxonePatientId};
use std::sync::Arc;

/// Who the audit log names when the outbox reads a patient to place their callback.
const OUTBOX_ACTOR: &str = "outbox";

#[derive(Debug, Clone)]
pub struct StoreOutbox(pub Arc<Store>);

fn to_store(item: &OutboxItem) -> frontdesk_store::OutboxItem {
    match item {
        OutboxItem::Callback(c) => frontdesk_store::OutboxItem::Callback(c.clone()),
        OutboxItem::Reminder(r) => frontdesk_store::OutboxItem::Reminder(r.clone()),
    }
}

fn from_store(item: frontdesk_store::OutboxItem) -> OutboxItem {
    match item {
        frontdesk_store::OutboxItem::Callback(c) => OutboxItem::Callback(c),
        frontdesk_store::OutboxItem::Reminder(r) => OutboxItem::Reminder(r),
    }
}

#[async_trait]
impl OutboxStore for StoreOutbox {
    async fn enqueue(&self, item: &OutboxItem) -> Result<(), CoreError> {
        let item = to_store(item);
        blocking(&self.0, move |s| s.outbox_enqueue(&item)).await
    }

    async fn due(&self, now: DateTime<Utc>) -> Result<Vec<OutboxItem>, CoreError> {
        let items = blocking(&self.0, move |s| s.outbox_due(now)).await?;
        Ok(items.into_iter().map(from_store).collect())
    }

    async fn all(&self) -> Result<Vec<OutboxItem>, CoreError> {
        let items = blocking(&self.0, Store::outbox_all).await?;
        Ok(items.into_iter().map(from_store).collect())
    }

    async fn begin_attempt(&self, id: &str) -> Result<u32, CoreError> {
        let id = id.to_owned();
        blocking(&self.0, move |s| s.outbox_record_attempt(&id)).await
    }

    async fn mark_sent(&self, id: &str, external_id: &ExternalId) -> Result<(), CoreError> {
        let (id, ext) = (id.to_owned(), external_id.clone());
        blocking(&self.0, move |s| s.outbox_mark_sent(&id, &ext)).await
    }

    async fn mark_failed(&self, id: &str, reason: &str) -> Result<(), CoreError> {
        let (id, reason) = (id.to_owned(), reason.to_owned());
        blocking(&self.0, move |s| s.outbox_mark_failed(&id, &reason)).await
    }
}

/// CXone places callbacks and sends reminders.
#[derive(Debug, Clone)]
pub struct CxoneOutbox {
    pub client: Arc<CxoneClient>,
    pub store: Arc<Store>,
}

impl CxoneOutbox {
    /// The patient's CXone id and the phone to call, from the cache.
    async fn callee(
        &self,
        patient: &frontdesk_core::PatientId,
    ) -> Result<(ExternalId, String), CoreError> {
        let id = patient.clone();
        let card = blocking(&self.store, move |s| s.patient_card(OUTBOX_ACTOR, &id)).await?;
        let cxone = card.patient.link(Vendor::Cxone).cloned().ok_or_else(|| {
            CoreError::invalid("patient", "the patient has no CXone record to call back")
        })?;
        let phone = card
            .patient
            .phones
            .first()
            .map(|p| p.number.clone())
            .ok_or_else(|| CoreError::invalid("phone", "the patient has no phone number"))?;
        Ok((cxone, phone))
    }
}

#[async_trait]
impl OutboxTransport for CxoneOutbox {
    fn vendor(&self) -> Vendor {
        Vendor::Cxone
    }

    async fn send(&self, item: &OutboxItem, key: &IdempotencyKey) -> Result<ExternalId, CoreError> {
        match item {
            OutboxItem::Callback(c) => {
                let (patient, phone) = self.callee(&c.patient_id).await?;
                let mut attributes = serde_json::Map::new();
                attributes.insert("frontdeskIdempotencyKey".to_owned(), key.0.clone().into());
                let body = NewCallback {
                    patient_id: CxonePatientId(patient.0),
                    phone_number: phone,
                    callback_time: c.at,
                    callback_reason: c.reason.clone(),
                    priority: None,
                    notes: None,
                    skill_group_id: None,
                    attributes: Some(attributes),
                };
                let created = self.client.create_callback(&body).await?;
                Ok(ExternalId(created.id.0))
            }
            OutboxItem::Reminder(r) => {
                // CXone reminds of its own appointments only: the desk id is `cxone:<id>`.
                let appointment = r.appointment_id.strip_prefix("cxone:").ok_or_else(|| {
                    CoreError::invalid(
                        "appointmentId",
                        "CXone can only remind of appointments it holds",
                    )
                })?;
                let request = ReminderRequest {
                    appointment: ExternalId::from(appointment),
                    channel: r.channel.clone(),
                    at: r.at,
                    // Patient-facing and free of details on purpose: the channel may be shared.
                    message: "This is a reminder of your upcoming appointment.".to_owned(),
                };
                ContactCenter::send_reminder(self.client.as_ref(), &request).await
            }
        }
    }
}
