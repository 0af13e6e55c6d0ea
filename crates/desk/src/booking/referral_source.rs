//! Referral slots as the network's doc asks for them, behind the unified search's
//! `SlotSource` port: the patient's draft (made once per search session), provider services
//! in the referral's network near the patient (drive times cached in the session), then each
//! service's slots, following `nextToken`. Every quota-counted call is counted by core.

use crate::booking::BookingState;
use async_trait::async_trait;
use chrono::{Days, TimeZone, Utc};
use frontdesk_core::booking::{ReferralBooking, ReferralSession};
use frontdesk_core::ports::{GeoPoint, ServiceSearch, SlotQuery, SlotSource};
use frontdesk_core::slot::Slot;
use frontdesk_core::{CoreError, ExternalId, Vendor};
use std::sync::Arc;
use tokio::task::JoinSet;

/// Services whose slots one search asks for: the nearest few, not the whole network (each
/// service's slot search is quota-counted and paged, and the client keeps to the network's
/// rate limit, so a wide search would outlast the finder's deadline).
const MAX_SERVICES: usize = 3;

/// How far from `near` a search reaches when the receptionist does not say (WellHive needs a
/// distance with every point).
const DEFAULT_MILES: u32 = 20;

/// Days of referral slots one search walks (every page of them), from the first day asked.
const MAX_DAYS: u64 = 7;

pub(crate) struct ReferralSource {
    pub(crate) booking: ReferralBooking,
    pub(crate) state: Arc<BookingState>,
    pub(crate) patient: ExternalId,
    pub(crate) referral_number: Option<String>,
    pub(crate) network: Option<String>,
    pub(crate) near: Option<GeoPoint>,
    pub(crate) max_miles: Option<u32>,
}

impl ReferralSource {
    async fn session(&self) -> Result<Arc<ReferralSession>, CoreError> {
        let key = (self.patient.0.clone(), self.referral_number.clone());
        let (booking, patient, number) = (
            self.booking.clone(),
            self.patient.clone(),
            self.referral_number.clone(),
        );
        self.state
            .session(key, || async move {
                booking.start(&patient, number.as_deref()).await
            })
            .await
    }
}

#[async_trait]
impl SlotSource for ReferralSource {
    fn vendor(&self) -> Vendor {
        Vendor::Wellhive
    }

    async fn slots(&self, q: &SlotQuery) -> Result<Vec<Slot>, CoreError> {
        let session = self.session().await?;
        let search = ServiceSearch {
            network_ids: self.network.clone().into_iter().collect(),
            near: self.near,
            max_miles: self.near.map(|_| self.max_miles.unwrap_or(DEFAULT_MILES)),
            ..ServiceSearch::default()
        };
        let mut found = self
            .booking
            .search_services(&session, &search, self.near)
            .await?;
        self.state
            .remember_services(&found.iter().map(|f| f.service.clone()).collect::<Vec<_>>());
        found.retain(|f| {
            f.service.active
                && (q.provider_ids.is_empty() || q.provider_ids.iter().any(|p| p.0 == f.service.id))
                && q.appointment_type.as_ref().is_none_or(|t| {
                    f.service.appointment_type_ids.is_empty()
                        || f.service.appointment_type_ids.contains(&t.0)
                })
        });
        found.sort_by_key(|f| f.drive_time_minutes.unwrap_or(u32::MAX));
        found.truncate(MAX_SERVICES);
        // Local days may start up to a day either side of the UTC ones.
        let from = Utc.from_utc_datetime(
            &(q.from - Days::new(1))
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        );
        let last = q.to.min(q.from + Days::new(MAX_DAYS - 1));
        let before = Utc.from_utc_datetime(
            &(last + Days::new(2))
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        );
        let mut tasks = JoinSet::new();
        for service in found {
            let (booking, session) = (self.booking.clone(), session.clone());
            tasks.spawn(async move { booking.slots(&session, &service, from, before).await });
        }
        let mut out = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok(slots) => out.extend(slots?),
                Err(e) => tracing::error!(panicked = e.is_panic(), "referral_slot_task_lost"),
            }
        }
        Ok(out)
    }
}
