//! Referral out: the network's sequence, its rules (referral required, attributes required),
//! polling to submitted / cancelled, quota counts and the session's drive-time cache.

use super::fakes::{Sink, at};
use crate::appointment::{Appointment, AppointmentStatus, Visit, VisitMode};
use crate::booking::{
    BookingError, BookingKey, QuotaAction, QuotaCounter, ReferralBooking, ReferralChoice,
    ReferralOutcome, SettlePolicy,
};
use crate::contact::Referral;
use crate::error::CoreError;
use crate::ids::{ExternalId, Vendor};
use crate::ports::{
    CancelReasonInfo, CareNavigation, GeoPoint, NetworkAppointment, NetworkInfo, Page,
    ProviderServiceInfo, ReferralNetwork, ReferralSubmission, ServiceSearch,
};
use crate::slot::Slot;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct FakeNetwork {
    requires_referral: bool,
    fail_submit: Mutex<Option<String>>,
    state: Mutex<(String, AppointmentStatus)>,
    shows: AtomicU32,
    drive_calls: AtomicU32,
    submitted: Mutex<Vec<ReferralSubmission>>,
}

fn service(required: &[&str]) -> ProviderServiceInfo {
    ProviderServiceInfo {
        id: "ps-1".into(),
        name: "Dermatology".into(),
        network_ids: vec!["net-1".into()],
        active: true,
        location: Some(GeoPoint {
            latitude: 40.7,
            longitude: -74.0,
        }),
        address: None,
        phone: None,
        appointment_type_ids: vec!["t1".into()],
        required_patient_attributes: required.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn net_slot(h: u32) -> Slot {
    Slot {
        id: format!("wellhive|ps-1|slot-{h}|net-1"),
        vendor: Vendor::Wellhive,
        mode: VisitMode::Referral,
        provider_id: Some("wellhive:ps-1".into()),
        location_id: None,
        operatory_id: None,
        appointment_type: None,
        start: at(h, 0),
        end: at(h, 30),
        drive_time_minutes: None,
    }
}

impl Default for FakeNetwork {
    fn default() -> Self {
        Self {
            requires_referral: false,
            fail_submit: Mutex::new(None),
            state: Mutex::new(("draft".into(), AppointmentStatus::Pending)),
            shows: AtomicU32::new(0),
            drive_calls: AtomicU32::new(0),
            submitted: Mutex::new(Vec::new()),
        }
    }
}

impl FakeNetwork {
    fn current(&self) -> NetworkAppointment {
        let (state, status) = self.state.lock().unwrap().clone();
        let error = self
            .fail_submit
            .lock()
            .unwrap()
            .clone()
            .filter(|_| state == "draft" && self.shows.load(Ordering::SeqCst) > 0);
        let external_id = ExternalId::from("wa-1");
        NetworkAppointment {
            appointment: Some(Appointment {
                id: Appointment::desk_id(Vendor::Wellhive, &external_id),
                vendor: Vendor::Wellhive,
                external_id: external_id.clone(),
                patient_id: None,
                patient_external_id: None,
                provider_id: None,
                location_id: None,
                appointment_type: None,
                start: at(10, 0),
                end: at(10, 30),
                status: status.clone(),
                visit: Visit::Referral {
                    network: None,
                    provider_service: None,
                    referral: None,
                },
                as_of: Utc::now(),
            }),
            id: external_id,
            state,
            status,
            error,
        }
    }
}

#[async_trait]
impl ReferralNetwork for FakeNetwork {
    async fn network(&self, id: &str) -> Result<NetworkInfo, CoreError> {
        Ok(NetworkInfo {
            id: id.into(),
            name: "Metro".into(),
            requires_referral: self.requires_referral,
        })
    }
    async fn create_draft(
        &self,
        _p: &ExternalId,
        _r: Option<&str>,
    ) -> Result<NetworkAppointment, CoreError> {
        *self.state.lock().unwrap() = ("draft".into(), AppointmentStatus::Pending);
        Ok(self.current())
    }
    async fn search_services(
        &self,
        _s: &ServiceSearch,
        next: Option<String>,
    ) -> Result<Page<ProviderServiceInfo>, CoreError> {
        Ok(match next {
            None => Page {
                items: vec![service(&[])],
                next: Some("p2".into()),
            },
            Some(_) => Page {
                items: vec![service(&["gender"])],
                next: None,
            },
        })
    }
    async fn drive_times(
        &self,
        _o: GeoPoint,
        d: &[(String, GeoPoint)],
    ) -> Result<Vec<(String, u32)>, CoreError> {
        self.drive_calls.fetch_add(1, Ordering::SeqCst);
        Ok(d.iter().map(|(k, _)| (k.clone(), 17)).collect())
    }
    async fn service_slots(
        &self,
        _s: &ProviderServiceInfo,
        _d: Option<&ExternalId>,
        _f: DateTime<Utc>,
        _b: DateTime<Utc>,
        next: Option<String>,
    ) -> Result<Page<Slot>, CoreError> {
        Ok(match next {
            None => Page {
                items: vec![net_slot(11)],
                next: Some("t2".into()),
            },
            Some(_) => Page {
                items: vec![net_slot(10)],
                next: None,
            },
        })
    }
    async fn submit(
        &self,
        _d: &ExternalId,
        s: &ReferralSubmission,
    ) -> Result<NetworkAppointment, CoreError> {
        self.submitted.lock().unwrap().push(s.clone());
        Ok(self.current())
    }
    async fn show(&self, _id: &ExternalId) -> Result<NetworkAppointment, CoreError> {
        self.shows.fetch_add(1, Ordering::SeqCst);
        if self.fail_submit.lock().unwrap().is_none() {
            let mut st = self.state.lock().unwrap();
            *st = match st.1 {
                AppointmentStatus::Pending if st.0 == "draft" => {
                    ("submitted".into(), AppointmentStatus::Scheduled)
                }
                AppointmentStatus::Pending => ("submitted".into(), AppointmentStatus::Cancelled),
                ref other => (st.0.clone(), other.clone()),
            };
        }
        Ok(self.current())
    }
    async fn cancel_reasons(&self, _id: &ExternalId) -> Result<Vec<CancelReasonInfo>, CoreError> {
        Ok(vec![CancelReasonInfo {
            id: "cr-1".into(),
            name: Some("Patient request".into()),
        }])
    }
    async fn cancel(&self, _id: &ExternalId, _r: &str) -> Result<NetworkAppointment, CoreError> {
        self.state.lock().unwrap().1 = AppointmentStatus::Pending;
        Ok(self.current())
    }
}

struct NoReferrals;

#[async_trait]
impl CareNavigation for NoReferrals {
    async fn referrals(&self, _p: &ExternalId) -> Result<Vec<Referral>, CoreError> {
        Ok(Vec::new())
    }
    async fn network_appointments(&self, _p: &ExternalId) -> Result<Vec<Appointment>, CoreError> {
        Ok(Vec::new())
    }
}

fn desk(net: &Arc<FakeNetwork>) -> ReferralBooking {
    ReferralBooking::new(
        net.clone(),
        Arc::new(NoReferrals),
        Arc::new(Sink::default()),
        Arc::new(QuotaCounter::default()),
    )
    .with_settle_policy(SettlePolicy {
        first_pause: Duration::from_millis(2),
        max_pause: Duration::from_millis(10),
        give_up_after: Duration::from_millis(500),
    })
}

fn choice(svc: ProviderServiceInfo, attributes: &[(&str, &str)]) -> ReferralChoice {
    ReferralChoice {
        network: "net-1".into(),
        service: svc,
        slot: net_slot(10),
        attributes: attributes
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
        key: BookingKey::new(),
    }
}

#[tokio::test]
async fn the_whole_sequence_submits_then_cancels_counting_quota() {
    let net = Arc::new(FakeNetwork::default());
    let desk = desk(&net);
    let session = desk
        .start(&ExternalId::from("pt-1"), Some("R-1"))
        .await
        .unwrap();
    let origin = GeoPoint {
        latitude: 40.8,
        longitude: -73.9,
    };
    let found = desk
        .search_services(&session, &ServiceSearch::default(), Some(origin))
        .await
        .unwrap();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].drive_time_minutes, Some(17));
    desk.search_services(&session, &ServiceSearch::default(), Some(origin))
        .await
        .unwrap();
    assert_eq!(
        net.drive_calls.load(Ordering::SeqCst),
        1,
        "drive times cached for the session"
    );
    let slots = desk
        .slots(&session, &found[0], at(0, 0), at(23, 0))
        .await
        .unwrap();
    assert_eq!(
        slots.iter().map(|s| s.start).collect::<Vec<_>>(),
        [at(10, 0), at(11, 0)]
    );
    assert_eq!(slots[0].drive_time_minutes, Some(17));

    let done = desk
        .submit(&session, &choice(found[0].service.clone(), &[]))
        .await
        .unwrap();
    assert!(matches!(done, ReferralOutcome::Done(ref a) if a.state == "submitted"));
    let reasons = desk
        .cancel_reasons(&ExternalId::from("wa-1"))
        .await
        .unwrap();
    let cancelled = desk
        .cancel(&ExternalId::from("wa-1"), &reasons[0].id)
        .await
        .unwrap();
    assert!(
        matches!(cancelled, ReferralOutcome::Done(ref a) if a.status == AppointmentStatus::Cancelled)
    );

    let q = desk.quota();
    assert_eq!(q.get(QuotaAction::ProviderServiceSearch), 4);
    assert_eq!(q.get(QuotaAction::DriveTimeCalculation), 1);
    assert_eq!(q.get(QuotaAction::SlotSearch), 2);
    assert_eq!(q.get(QuotaAction::AppointmentBook), 1);
    assert_eq!(q.get(QuotaAction::AppointmentCancel), 1);
}

#[tokio::test]
async fn missing_required_attributes_are_named_before_anything_is_sent() {
    let net = Arc::new(FakeNetwork::default());
    let desk = desk(&net);
    let session = desk.start(&ExternalId::from("pt-1"), None).await.unwrap();
    let err = desk
        .submit(
            &session,
            &choice(service(&["gender", "address"]), &[("gender", "female")]),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err,
        BookingError::NeedsAttributes {
            missing: vec!["address".into()]
        }
    );
    assert!(net.submitted.lock().unwrap().is_empty());
    let ok = desk
        .submit(
            &session,
            &choice(
                service(&["gender"]),
                &[("gender", "female"), ("email", "x")],
            ),
        )
        .await
        .unwrap();
    assert!(matches!(ok, ReferralOutcome::Done(_)));
    let sent = net.submitted.lock().unwrap()[0].attributes.clone();
    assert_eq!(
        sent.keys().collect::<Vec<_>>(),
        ["gender"],
        "only what the service requires"
    );
}

#[tokio::test]
async fn a_network_that_requires_a_referral_cannot_be_booked_without_one() {
    let net = Arc::new(FakeNetwork {
        requires_referral: true,
        ..FakeNetwork::default()
    });
    let desk = desk(&net);
    let session = desk.start(&ExternalId::from("pt-1"), None).await.unwrap();
    let err = desk
        .submit(&session, &choice(service(&[]), &[]))
        .await
        .unwrap_err();
    assert!(matches!(err, BookingError::ReferralRequired { .. }));
}

#[tokio::test]
async fn a_network_error_reason_reaches_the_caller() {
    let net = Arc::new(FakeNetwork::default());
    *net.fail_submit.lock().unwrap() = Some("conflict".into());
    let desk = desk(&net);
    let session = desk.start(&ExternalId::from("pt-1"), None).await.unwrap();
    let out = desk
        .submit(&session, &choice(service(&[]), &[]))
        .await
        .unwrap();
    assert!(matches!(out, ReferralOutcome::Errored { ref reason, .. } if reason == "conflict"));
}
