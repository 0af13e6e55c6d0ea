//! NEVER TWICE for video visits: Zoom holds no slot, so only the desk's own asking keeps a
//! lost answer or a second press of Book from making a second visit.

use super::fakes::{Outbox, Sink, unknown_outcome, zoom_visit};
use crate::appointment::{Appointment, AppointmentStatus};
use crate::booking::{BookingError, BookingKey, TelehealthBooking, TelehealthBookingRequest};
use crate::error::CoreError;
use crate::ids::{ExternalId, Vendor};
use crate::patient::CommunicationPreferences;
use crate::ports::{BookingLookup, InviteChannel, Telehealth, TelehealthRequest};
use async_trait::async_trait;
use chrono::{Duration, Utc};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// A Zoom whose answers can go missing, after the visit was made or before.
#[derive(Default)]
struct LossyZoom {
    made: Mutex<Vec<Appointment>>,
    sends: AtomicU32,
    cancels: AtomicU32,
    /// The next N sends make the visit, then answer as a timeout would.
    lose_after_commit: AtomicU32,
    /// The next N sends never arrive, and answer as a timeout would.
    lose_before_commit: AtomicU32,
    /// The meetings API: no way to look a visit up.
    cannot_check: bool,
}

fn take(counter: &AtomicU32) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

#[async_trait]
impl Telehealth for LossyZoom {
    fn vendor(&self) -> Vendor {
        Vendor::Zoom
    }
    async fn schedule_visit(&self, r: &TelehealthRequest) -> Result<Appointment, CoreError> {
        self.sends.fetch_add(1, Ordering::SeqCst);
        if take(&self.lose_before_commit) {
            return Err(unknown_outcome());
        }
        let made = zoom_visit(r, self.made.lock().unwrap().len() + 1);
        self.made.lock().unwrap().push(made.clone());
        if take(&self.lose_after_commit) {
            return Err(unknown_outcome());
        }
        Ok(made)
    }
    async fn visit(&self, _id: &ExternalId) -> Result<Appointment, CoreError> {
        Err(CoreError::not_found("visit"))
    }
    async fn cancel_visit(&self, id: &ExternalId) -> Result<(), CoreError> {
        self.cancels.fetch_add(1, Ordering::SeqCst);
        for a in self.made.lock().unwrap().iter_mut() {
            if a.external_id == *id {
                a.status = AppointmentStatus::Cancelled;
            }
        }
        Ok(())
    }
    async fn find_visit(&self, r: &TelehealthRequest) -> Result<BookingLookup, CoreError> {
        if self.cannot_check {
            return Ok(BookingLookup::CannotCheck);
        }
        let made = self.made.lock().unwrap();
        Ok(made
            .iter()
            .find(|a| {
                a.start == r.start
                    && a.patient_external_id.as_ref() == Some(&r.patient)
                    && a.status != AppointmentStatus::Cancelled
            })
            .map_or(BookingLookup::NotFound, |a| {
                BookingLookup::Found(Box::new(a.clone()))
            }))
    }
    async fn invite_patient(
        &self,
        _p: &ExternalId,
        _v: &ExternalId,
        _channels: &[InviteChannel],
    ) -> Result<(), CoreError> {
        Ok(())
    }
}

fn request() -> TelehealthBookingRequest {
    TelehealthBookingRequest {
        patient: ExternalId::from("pat_1"),
        provider: ExternalId::from("prov_1"),
        start: Utc::now() + Duration::hours(48),
        minutes: 20,
        visit_type: None,
        reason: None,
        communication: CommunicationPreferences {
            allow_email: true,
            allow_sms: false,
            allow_voice: false,
        },
        recording_consent: false,
        key: BookingKey::new(),
    }
}

fn desk(zoom: &Arc<LossyZoom>, outbox: &Arc<Outbox>) -> TelehealthBooking {
    TelehealthBooking::new(
        zoom.clone(),
        outbox.clone(),
        Arc::new(Sink::default()),
        vec![60],
    )
}

fn live(zoom: &LossyZoom) -> usize {
    zoom.made
        .lock()
        .unwrap()
        .iter()
        .filter(|a| a.status != AppointmentStatus::Cancelled)
        .count()
}

#[tokio::test]
async fn an_answer_lost_after_the_visit_was_made_finds_it_and_sends_nothing_more() {
    let zoom = Arc::new(LossyZoom::default());
    zoom.lose_after_commit.store(1, Ordering::SeqCst);
    let outbox = Arc::new(Outbox::default());
    let booked = desk(&zoom, &outbox).book(&request()).await.unwrap();
    assert_eq!(zoom.sends.load(Ordering::SeqCst), 1);
    assert_eq!(live(&zoom), 1);
    assert_eq!(booked.appointment.external_id, ExternalId::from("visit_1"));
    assert!(booked.provider_join_url.contains("zak"));
    assert_eq!(outbox.0.lock().unwrap().len(), 1, "its reminder queued");
}

#[tokio::test]
async fn a_request_that_never_arrived_is_sent_once_more_after_zoom_says_no_visit() {
    let zoom = Arc::new(LossyZoom::default());
    zoom.lose_before_commit.store(1, Ordering::SeqCst);
    let booked = desk(&zoom, &Arc::new(Outbox::default()))
        .book(&request())
        .await
        .unwrap();
    assert_eq!(zoom.sends.load(Ordering::SeqCst), 2);
    assert_eq!(live(&zoom), 1);
    assert_eq!(booked.appointment.external_id, ExternalId::from("visit_1"));
}

#[tokio::test]
async fn book_pressed_again_after_an_error_gets_the_first_visit_not_a_second() {
    let zoom = Arc::new(LossyZoom::default());
    let outbox = Arc::new(Outbox::default());
    let service = desk(&zoom, &outbox);
    let r = request();
    let first = service.book(&r).await.unwrap();
    let again = service.book(&r).await.unwrap();
    assert_eq!(zoom.sends.load(Ordering::SeqCst), 1);
    assert_eq!(again.appointment.external_id, first.appointment.external_id);
    assert_eq!(
        outbox.0.lock().unwrap().len(),
        1,
        "the same key queues its reminder once"
    );
}

#[tokio::test]
async fn without_a_way_to_look_a_lost_answer_is_said_and_not_sent_again() {
    let zoom = Arc::new(LossyZoom {
        cannot_check: true,
        ..LossyZoom::default()
    });
    zoom.lose_after_commit.store(1, Ordering::SeqCst);
    let r = request();
    let err = desk(&zoom, &Arc::new(Outbox::default()))
        .book(&r)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, BookingError::OutcomeUnknown { key } if *key == r.key.0),
        "{err:?}"
    );
    assert_eq!(zoom.sends.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn two_lost_answers_in_a_row_stop_at_two_sends() {
    let zoom = Arc::new(LossyZoom::default());
    zoom.lose_before_commit.store(2, Ordering::SeqCst);
    let err = desk(&zoom, &Arc::new(Outbox::default()))
        .book(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(err, BookingError::OutcomeUnknown { .. }),
        "{err:?}"
    );
    assert_eq!(zoom.sends.load(Ordering::SeqCst), 2);
    assert_eq!(live(&zoom), 0);
}

#[tokio::test]
async fn moving_a_visit_to_the_time_it_already_has_keeps_it() {
    let zoom = Arc::new(LossyZoom::default());
    let service = desk(&zoom, &Arc::new(Outbox::default()));
    let r = request();
    let first = service.book(&r).await.unwrap();
    let moved = service
        .reschedule(&first.appointment.external_id, &r)
        .await
        .unwrap();
    assert_eq!(moved.appointment.external_id, first.appointment.external_id);
    assert_eq!(zoom.cancels.load(Ordering::SeqCst), 0);
    assert_eq!(live(&zoom), 1);
}
