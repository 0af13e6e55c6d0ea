//! Telehealth booking: links, consent-gated recording, invitation channels, queued reminders.

use super::fakes::{Outbox, Sink, at, zoom_visit};
use crate::appointment::Appointment;
use crate::booking::{
    BookingKey, InviteOutcome, TelehealthBooking, TelehealthBookingRequest, reminders_for,
};
use crate::error::CoreError;
use crate::ids::{ExternalId, Vendor};
use crate::outbox::OutboxItem;
use crate::patient::CommunicationPreferences;
use crate::ports::{InviteChannel, Telehealth, TelehealthRequest};
use async_trait::async_trait;
use chrono::{Duration, Utc};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct FakeZoom {
    recorded: Mutex<Vec<bool>>,
    invites: Mutex<Vec<Vec<InviteChannel>>>,
}

fn visit(r: &TelehealthRequest) -> Appointment {
    zoom_visit(r, 1)
}

#[async_trait]
impl Telehealth for FakeZoom {
    fn vendor(&self) -> Vendor {
        Vendor::Zoom
    }
    async fn schedule_visit(&self, r: &TelehealthRequest) -> Result<Appointment, CoreError> {
        self.recorded.lock().unwrap().push(false);
        Ok(visit(r))
    }
    async fn schedule_recorded_visit(
        &self,
        r: &TelehealthRequest,
    ) -> Result<Appointment, CoreError> {
        self.recorded.lock().unwrap().push(true);
        Ok(visit(r))
    }
    async fn visit(&self, _id: &ExternalId) -> Result<Appointment, CoreError> {
        Err(CoreError::not_found("visit"))
    }
    async fn cancel_visit(&self, _id: &ExternalId) -> Result<(), CoreError> {
        Ok(())
    }
    async fn invite_patient(
        &self,
        _p: &ExternalId,
        _v: &ExternalId,
        channels: &[InviteChannel],
    ) -> Result<(), CoreError> {
        self.invites.lock().unwrap().push(channels.to_vec());
        Ok(())
    }
}

fn request(prefs: CommunicationPreferences, consent: bool) -> TelehealthBookingRequest {
    TelehealthBookingRequest {
        patient: ExternalId::from("pat_1"),
        provider: ExternalId::from("prov_1"),
        start: Utc::now() + Duration::days(2),
        minutes: 20,
        visit_type: Some("follow_up".into()),
        reason: None,
        communication: prefs,
        recording_consent: consent,
        key: BookingKey::new(),
    }
}

const SMS_ONLY: CommunicationPreferences = CommunicationPreferences {
    allow_email: false,
    allow_sms: true,
    allow_voice: false,
};

#[tokio::test]
async fn a_visit_carries_both_links_invites_by_sms_and_queues_reminders() {
    let zoom = Arc::new(FakeZoom::default());
    let outbox = Arc::new(Outbox::default());
    let desk = TelehealthBooking::new(
        zoom.clone(),
        outbox.clone(),
        Arc::new(Sink::default()),
        vec![1440, 60],
    );
    let booked = desk.book(&request(SMS_ONLY, false)).await.unwrap();
    assert!(booked.patient_join_url.contains("pwd"));
    assert!(booked.provider_join_url.contains("zak"));
    assert_eq!(booked.invite, InviteOutcome::Sent(vec![InviteChannel::Sms]));
    assert_eq!(*zoom.recorded.lock().unwrap(), [false]);
    let queued = outbox.0.lock().unwrap().clone();
    assert_eq!(queued.len(), 2);
    let OutboxItem::Reminder(first) = &queued[0] else {
        panic!("a reminder")
    };
    assert_eq!(first.channel, "sms");
    assert_eq!(first.at, booked.appointment.start - Duration::minutes(1440));
    assert_eq!(first.appointment_id, "zoom:visit_1");
}

#[tokio::test]
async fn recording_only_with_consent_and_no_invite_without_an_allowed_channel() {
    let zoom = Arc::new(FakeZoom::default());
    let desk = TelehealthBooking::new(
        zoom.clone(),
        Arc::new(Outbox::default()),
        Arc::new(Sink::default()),
        vec![60],
    );
    let booked = desk
        .book(&request(CommunicationPreferences::default(), true))
        .await
        .unwrap();
    assert_eq!(*zoom.recorded.lock().unwrap(), [true]);
    assert_eq!(booked.invite, InviteOutcome::NoChannelAllowed);
    assert!(booked.reminders.is_empty());
}

#[test]
fn reminders_already_past_are_not_queued_and_ids_are_stable_per_booking() {
    let r = request(SMS_ONLY, false);
    let mut a = visit(&TelehealthRequest {
        patient: r.patient.clone(),
        provider: r.provider.clone(),
        start: at(15, 0),
        minutes: 20,
        visit_type: None,
        reason: None,
    });
    let now = at(14, 30);
    assert_eq!(
        reminders_for(&a, &r.key, &[1440, 60, 15], SMS_ONLY, now).len(),
        1
    );
    a.start = at(18, 0);
    let once = reminders_for(&a, &r.key, &[60], SMS_ONLY, now);
    assert_eq!(once, reminders_for(&a, &r.key, &[60], SMS_ONLY, now));
}
