//! Referral out (WellHive), in the doc's order: the patient's referrals, a draft appointment,
//! provider services near the patient (drive times cached for the search session), each
//! service's slots paged to the end, submit with the attributes the service requires, poll
//! until submitted or an error; cancel with one of the network's reasons, poll until
//! cancelled. Every quota-counted call is counted.

use crate::appointment::AppointmentStatus;
use crate::booking::error::BookingError;
use crate::booking::key::BookingKey;
use crate::booking::never_twice::is_outcome_unknown;
use crate::booking::ports::{AppointmentSink, record};
use crate::booking::quota::{QuotaAction, QuotaCounter};
use crate::booking::settle::SettlePolicy;
use crate::contact::Referral;
use crate::error::CoreError;
use crate::ids::ExternalId;
use crate::ports::{
    CancelReasonInfo, CareNavigation, GeoPoint, NetworkAppointment, ProviderServiceInfo,
    ReferralNetwork, ReferralSubmission, ServiceSearch,
};
use crate::slot::Slot;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use tokio::time::Instant;

#[derive(Clone)]
pub struct ReferralBooking {
    network: Arc<dyn ReferralNetwork>,
    navigation: Arc<dyn CareNavigation>,
    sink: Arc<dyn AppointmentSink>,
    quota: Arc<QuotaCounter>,
    policy: SettlePolicy,
}

impl std::fmt::Debug for ReferralBooking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferralBooking")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

/// One receptionist's search for one referral: its draft, and the drive times already paid
/// for (the doc asks clients to cache them for the session).
#[derive(Debug)]
pub struct ReferralSession {
    pub patient: ExternalId,
    pub draft: ExternalId,
    pub referral_number: Option<String>,
    drive_times: Mutex<HashMap<(String, String), u32>>,
}

/// A service found, with its drive time from the patient where asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundService {
    pub service: ProviderServiceInfo,
    pub drive_time_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReferralChoice {
    pub network: String,
    pub service: ProviderServiceInfo,
    pub slot: Slot,
    /// What the desk knows of the patient, by the network's field names.
    pub attributes: BTreeMap<String, String>,
    pub key: BookingKey,
}

/// Where a submit or cancel ended up.
#[derive(Debug, Clone, PartialEq)]
pub enum ReferralOutcome {
    /// Submitted (booked) or cancelled, as asked.
    Done(NetworkAppointment),
    /// The network's error word (`conflict`, `too-late-to-cancel`, ...): show it and the slots.
    Errored {
        appointment: NetworkAppointment,
        reason: String,
    },
    StillWaiting(NetworkAppointment),
}

fn place_key(p: GeoPoint) -> String {
    format!("{:.5},{:.5}", p.latitude, p.longitude)
}

/// Required attributes the desk does not have.
#[must_use]
pub fn missing_attributes(
    service: &ProviderServiceInfo,
    have: &BTreeMap<String, String>,
) -> Vec<String> {
    service
        .required_patient_attributes
        .iter()
        .filter(|a| have.get(*a).is_none_or(|v| v.trim().is_empty()))
        .cloned()
        .collect()
}

impl ReferralBooking {
    #[must_use]
    pub fn new(
        network: Arc<dyn ReferralNetwork>,
        navigation: Arc<dyn CareNavigation>,
        sink: Arc<dyn AppointmentSink>,
        quota: Arc<QuotaCounter>,
    ) -> Self {
        Self {
            network,
            navigation,
            sink,
            quota,
            policy: SettlePolicy::default(),
        }
    }

    #[must_use]
    pub fn with_settle_policy(mut self, policy: SettlePolicy) -> Self {
        self.policy = policy;
        self
    }

    #[must_use]
    pub fn quota(&self) -> &Arc<QuotaCounter> {
        &self.quota
    }

    pub async fn referrals(&self, patient: &ExternalId) -> Result<Vec<Referral>, CoreError> {
        self.navigation.referrals(patient).await
    }

    /// Starts a search session with a draft appointment under the chosen referral.
    pub async fn start(
        &self,
        patient: &ExternalId,
        referral_number: Option<&str>,
    ) -> Result<ReferralSession, CoreError> {
        let draft = self.network.create_draft(patient, referral_number).await?;
        Ok(ReferralSession {
            patient: patient.clone(),
            draft: draft.id,
            referral_number: referral_number.map(str::to_owned),
            drive_times: Mutex::new(HashMap::new()),
        })
    }

    /// Services matching `search` (paged to the end), with drive times from `origin` where
    /// given; a drive time already known in this session is not paid for again.
    pub async fn search_services(
        &self,
        session: &ReferralSession,
        search: &ServiceSearch,
        origin: Option<GeoPoint>,
    ) -> Result<Vec<FoundService>, CoreError> {
        let mut search = search.clone();
        search.draft = Some(session.draft.clone());
        let mut services = Vec::new();
        let mut next = None;
        loop {
            self.quota.count(QuotaAction::ProviderServiceSearch);
            let page = self.network.search_services(&search, next).await?;
            services.extend(page.items);
            match page.next {
                Some(n) => next = Some(n),
                None => break,
            }
        }
        let Some(origin) = origin else {
            return Ok(services
                .into_iter()
                .map(|service| FoundService {
                    service,
                    drive_time_minutes: None,
                })
                .collect());
        };
        let from = place_key(origin);
        let unknown: Vec<(String, GeoPoint)> = {
            let known = session.drive_times.lock().map_err(|_| poisoned())?;
            services
                .iter()
                .filter_map(|s| s.location.map(|l| (place_key(l), l)))
                .filter(|(k, _)| !known.contains_key(&(from.clone(), k.clone())))
                .collect()
        };
        if !unknown.is_empty() {
            self.quota.count(QuotaAction::DriveTimeCalculation);
            let got = self.network.drive_times(origin, &unknown).await?;
            let mut known = session.drive_times.lock().map_err(|_| poisoned())?;
            for (k, minutes) in got {
                known.insert((from.clone(), k), minutes);
            }
        }
        let known = session.drive_times.lock().map_err(|_| poisoned())?;
        Ok(services
            .into_iter()
            .map(|service| FoundService {
                drive_time_minutes: service
                    .location
                    .and_then(|l| known.get(&(from.clone(), place_key(l))).copied()),
                service,
            })
            .collect())
    }

    /// Every slot of `service` starting in `from..before`, following `nextToken` to the end.
    pub async fn slots(
        &self,
        session: &ReferralSession,
        found: &FoundService,
        from: DateTime<Utc>,
        before: DateTime<Utc>,
    ) -> Result<Vec<Slot>, CoreError> {
        let mut out = Vec::new();
        let mut next = None;
        loop {
            self.quota.count(QuotaAction::SlotSearch);
            let page = self
                .network
                .service_slots(&found.service, Some(&session.draft), from, before, next)
                .await?;
            out.extend(page.items.into_iter().map(|mut s| {
                s.drive_time_minutes = s.drive_time_minutes.or(found.drive_time_minutes);
                s
            }));
            match page.next {
                Some(n) => next = Some(n),
                None => break,
            }
        }
        out.sort_by_key(|s| s.start);
        Ok(out)
    }

    /// Submits the session's draft into the chosen slot and polls until the network has
    /// submitted it or says why not.
    pub async fn submit(
        &self,
        session: &ReferralSession,
        choice: &ReferralChoice,
    ) -> Result<ReferralOutcome, BookingError> {
        let network = self.network.network(&choice.network).await?;
        if network.requires_referral && session.referral_number.is_none() {
            return Err(BookingError::ReferralRequired {
                network: network.name,
            });
        }
        let missing = missing_attributes(&choice.service, &choice.attributes);
        if !missing.is_empty() {
            return Err(BookingError::NeedsAttributes { missing });
        }
        let required: BTreeMap<String, String> = choice
            .attributes
            .iter()
            .filter(|(k, _)| choice.service.required_patient_attributes.contains(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let submission = ReferralSubmission {
            network: choice.network.clone(),
            provider_service: choice.service.id.clone(),
            slot: choice.slot.clone(),
            referral_number: session.referral_number.clone(),
            attributes: required,
        };
        self.quota.count(QuotaAction::AppointmentBook);
        let accepted = match self.network.submit(&session.draft, &submission).await {
            Ok(a) => a,
            // The draft's own state says whether the submit landed: poll it rather than resend.
            Err(e) if is_outcome_unknown(&e) => self.network.show(&session.draft).await?,
            Err(e) => return Err(e.into()),
        };
        tracing::info!(key = %choice.key, "referral_submit_accepted");
        Ok(self.poll(accepted, submitted).await)
    }

    /// Keeps waiting on a submit that `submit` stopped waiting for (`StillWaiting`), e.g. in
    /// the background after the desk has shown "submitting".
    pub async fn follow_submit(&self, last: NetworkAppointment) -> ReferralOutcome {
        self.poll(last, submitted).await
    }

    /// The reasons the network accepts for cancelling this appointment.
    pub async fn cancel_reasons(
        &self,
        appointment: &ExternalId,
    ) -> Result<Vec<CancelReasonInfo>, CoreError> {
        self.network.cancel_reasons(appointment).await
    }

    /// Cancels with `reason` (one of `cancel_reasons`) and polls until cancelled.
    pub async fn cancel(
        &self,
        appointment: &ExternalId,
        reason: &str,
    ) -> Result<ReferralOutcome, BookingError> {
        self.quota.count(QuotaAction::AppointmentCancel);
        let accepted = match self.network.cancel(appointment, reason).await {
            Ok(a) => a,
            Err(e) if is_outcome_unknown(&e) => self.network.show(appointment).await?,
            Err(e) => return Err(e.into()),
        };
        Ok(self
            .poll(accepted, |a| a.status == AppointmentStatus::Cancelled)
            .await)
    }

    /// Submits the new choice; only once the network has booked it is `old` cancelled.
    pub async fn reschedule(
        &self,
        old: &ExternalId,
        cancel_reason: &str,
        session: &ReferralSession,
        choice: &ReferralChoice,
    ) -> Result<(ReferralOutcome, Option<ReferralOutcome>), BookingError> {
        let new = self.submit(session, choice).await?;
        let old_cancelled = match new {
            ReferralOutcome::Done(_) => Some(self.cancel(old, cancel_reason).await?),
            _ => None,
        };
        Ok((new, old_cancelled))
    }

    async fn poll(
        &self,
        mut last: NetworkAppointment,
        done: impl Fn(&NetworkAppointment) -> bool,
    ) -> ReferralOutcome {
        let started = Instant::now();
        let mut pause = self.policy.first_pause;
        loop {
            self.write(&last).await;
            if let Some(reason) = last.error.clone() {
                return ReferralOutcome::Errored {
                    appointment: last,
                    reason,
                };
            }
            if done(&last) {
                return ReferralOutcome::Done(last);
            }
            if started.elapsed() + pause > self.policy.give_up_after {
                return ReferralOutcome::StillWaiting(last);
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(self.policy.max_pause);
            match self.network.show(&last.id).await {
                Ok(seen) => last = seen,
                Err(e) if e.is_transient() => {}
                Err(e) => {
                    tracing::warn!(kind = ?e.kind(), "referral_poll_failed");
                    return ReferralOutcome::StillWaiting(last);
                }
            }
        }
    }

    async fn write(&self, a: &NetworkAppointment) {
        if let Some(shown) = &a.appointment {
            record(self.sink.as_ref(), shown).await;
        }
    }
}

/// The network has taken the draft out of `draft` and given it a settled status.
fn submitted(a: &NetworkAppointment) -> bool {
    a.state != "draft" && a.status != AppointmentStatus::Pending
}

fn poisoned() -> CoreError {
    CoreError::Internal {
        message: "the drive-time cache lock was poisoned".to_owned(),
    }
}
