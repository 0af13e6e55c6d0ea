//! The slot finder: the desk's question parsed, put to every configured vendor at once under
//! one deadline (core's `SlotSearch`), and the answer shown in each location's zone with
//! bookable ids. Also the referral flow's look-ups: the patient's referrals and the patient
//! fields a provider service still needs.

use crate::Desk;
use crate::booking::people;
use crate::booking::referral_source::ReferralSource;
use crate::booking::token;
use crate::booking::types::{OpenSlot, OpenSlotDay, QuotaCount, SlotQuery, SlotResults};
use crate::sink::blocking;
use chrono::{NaiveDate, SecondsFormat, Utc};
use frontdesk_core::appointment::VisitMode;
use frontdesk_core::booking::{ReferralBooking, missing_attributes};
use frontdesk_core::contact::Referral;
use frontdesk_core::ports::{CareNavigation, ProviderServiceInfo, ServiceSearch, SlotSource};
use frontdesk_core::slot::Slot;
use frontdesk_core::slots::{SlotSearch, UnifiedSlotQuery, Zones, group_by_day};
use frontdesk_core::{CoreError, ExternalId, PatientId};
use frontdesk_store::{AuditEvent, AuditOutcome};
use std::sync::Arc;

/// Longest range one search may cover: a month, as the finder offers it.
const MAX_DAYS: u64 = 62;

fn day(text: &str, field: &str) -> Result<NaiveDate, CoreError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| CoreError::invalid(field, "use a date like 2026-11-23"))
}

/// One slot as the list shows it, in `zones`' zone for its location.
pub(crate) fn open_slot(slot: &Slot, zones: &Zones) -> OpenSlot {
    let zone = zones.of(slot);
    let at = |t: chrono::DateTime<Utc>| {
        t.with_timezone(&zone)
            .to_rfc3339_opts(SecondsFormat::Secs, false)
    };
    OpenSlot {
        id: token::encode(slot),
        vendor: slot.vendor,
        mode: slot.mode,
        provider_id: slot.provider_id.clone(),
        location_id: slot.location_id.clone(),
        operatory_id: slot.operatory_id.clone(),
        appointment_type: slot.appointment_type.clone(),
        start: at(slot.start),
        end: at(slot.end),
        zone: zone.name().to_owned(),
        drive_time_minutes: slot.drive_time_minutes,
    }
}

impl Desk {
    /// Each location's zone (from the cache), the practice's for the rest.
    pub async fn slot_zones(&self) -> Result<Zones, CoreError> {
        let mut zones = Zones::new(self.config().practice.timezone);
        let locations = blocking(self.store(), frontdesk_store::Store::locations).await?;
        for l in locations {
            if let Ok(tz) = l.time_zone.parse::<chrono_tz::Tz>() {
                zones.insert(l.id, tz);
            }
        }
        Ok(zones)
    }

    /// Searches every configured vendor at once; one vendor failing or slow is a line in
    /// `outcomes`, never the search's error. A referral search with a patient follows the
    /// network's sequence under the patient's referral (an audited read of the patient).
    pub async fn search_slots(&self, actor: &str, q: &SlotQuery) -> Result<SlotResults, CoreError> {
        let from = day(&q.from, "from")?;
        let to = day(&q.to, "to")?;
        if to < from {
            return Err(CoreError::invalid("to", "the last day is before the first"));
        }
        if (to - from).num_days() > i64::try_from(MAX_DAYS).unwrap_or(i64::MAX) {
            return Err(CoreError::invalid(
                "to",
                format!("search at most {MAX_DAYS} days at once"),
            ));
        }
        let unified = UnifiedSlotQuery {
            from,
            to,
            appointment_type: q.appointment_type.clone(),
            provider_ids: q.provider_ids.clone(),
            location_ids: q.location_ids.clone(),
            modes: q.modes.clone(),
            patient: None,
        };
        let clients = self.clients();
        let mut sources: Vec<Arc<dyn SlotSource>> = Vec::new();
        if let Some(c) = &clients.nexhealth {
            sources.push(c.clone());
        }
        if let Some(c) = &clients.zoom {
            sources.push(c.clone());
        }
        if let Some(wh) = &clients.wellhive
            && unified.wants(VisitMode::Referral)
        {
            match &q.patient_id {
                Some(patient) => {
                    sources.push(
                        self.referral_source(actor, patient, q.referral_id.as_deref(), q)
                            .await?,
                    );
                }
                None => sources.push(wh.clone()),
            }
        }
        let zones = self.slot_zones().await?;
        let search =
            SlotSearch::new(sources, zones.clone()).with_deadline(self.booking_state().deadline());
        let found = search.search(&unified).await;
        let days = group_by_day(
            &found.slots().cloned().collect::<Vec<_>>(),
            &zones,
            from,
            to,
        );
        tracing::info!(
            slots = found.slots().count(),
            vendors = found.outcomes.len(),
            failed = found.outcomes.iter().filter(|o| !o.is_ok()).count(),
            "slot_search_done"
        );
        Ok(SlotResults {
            days: days
                .into_iter()
                .map(|d| OpenSlotDay {
                    date: d.date.format("%Y-%m-%d").to_string(),
                    slots: d.slots.iter().map(|s| open_slot(&s.slot, &zones)).collect(),
                })
                .collect(),
            outcomes: found.outcomes,
            as_of: found.as_of.to_rfc3339_opts(SecondsFormat::Secs, true),
        })
    }

    pub(crate) fn referral_booking(&self) -> Option<ReferralBooking> {
        self.referral_booking_with(Arc::new(crate::booking::sink::BookingSink {
            store: self.store().clone(),
            patient: None,
        }))
    }

    /// WellHive's booking sequence writing to `sink`, counted in the desk's quota.
    pub(crate) fn referral_booking_with(
        &self,
        sink: Arc<dyn frontdesk_core::booking::AppointmentSink>,
    ) -> Option<ReferralBooking> {
        let wh = self.clients().wellhive.clone()?;
        Some(
            ReferralBooking::new(wh.clone(), wh, sink, self.booking_state().quota.clone())
                .with_settle_policy(self.booking_state().policy()),
        )
    }

    async fn referral_source(
        &self,
        actor: &str,
        patient: &PatientId,
        referral: Option<&str>,
        q: &SlotQuery,
    ) -> Result<Arc<dyn SlotSource>, CoreError> {
        let person = people::load(self.store(), actor, patient).await?;
        let network_patient =
            people::wellhive_id(&person).ok_or_else(|| people::not_linked("WellHive"))?;
        let chosen = self.pick_referral(&network_patient, referral, None).await?;
        let booking = self
            .referral_booking()
            .ok_or_else(|| CoreError::invalid("modes", "WellHive is not configured"))?;
        Ok(Arc::new(ReferralSource {
            booking,
            state: self.booking_state_arc(),
            patient: network_patient,
            referral_number: chosen.as_ref().and_then(|r| r.referral_number.clone()),
            network: chosen.and_then(|r| r.network),
            near: q.near,
            max_miles: q.max_miles,
        }))
    }

    /// The referral named by `wanted` (its id or number), else the patient's approved one
    /// (in `network` when given), else none.
    pub(crate) async fn pick_referral(
        &self,
        network_patient: &ExternalId,
        wanted: Option<&str>,
        network: Option<&str>,
    ) -> Result<Option<Referral>, CoreError> {
        let wh = self
            .clients()
            .wellhive
            .clone()
            .ok_or_else(|| CoreError::invalid("referral", "WellHive is not configured"))?;
        let referrals = CareNavigation::referrals(wh.as_ref(), network_patient).await?;
        if let Some(w) = wanted {
            return referrals
                .into_iter()
                .find(|r| r.external_id.0 == w || r.referral_number.as_deref() == Some(w))
                .map(Some)
                .ok_or_else(|| {
                    CoreError::invalid("referralId", "the patient has no such referral")
                });
        }
        Ok(referrals.into_iter().find(|r| {
            r.status.as_deref() == Some("approved")
                && network.is_none_or(|n| r.network.as_deref().is_none_or(|rn| rn == n))
        }))
    }

    /// The patient's referrals out (WellHive), fetched now and kept on the card.
    pub async fn patient_referrals(
        &self,
        actor: &str,
        patient: &PatientId,
    ) -> Result<Vec<Referral>, CoreError> {
        let person = people::load(self.store(), actor, patient).await?;
        let id = people::wellhive_id(&person).ok_or_else(|| people::not_linked("WellHive"))?;
        let wh = self
            .clients()
            .wellhive
            .clone()
            .ok_or_else(|| CoreError::invalid("referral", "WellHive is not configured"))?;
        let mut list = CareNavigation::referrals(wh.as_ref(), &id).await?;
        for r in &mut list {
            r.patient_id = Some(patient.clone());
        }
        let keep = list.clone();
        blocking(self.store(), move |s| s.upsert_referrals(&keep)).await?;
        Ok(list)
    }

    /// The provider service a WellHive slot belongs to (seen in a search, else looked up).
    pub(crate) async fn slot_service(
        &self,
        slot: &Slot,
    ) -> Result<(String, ProviderServiceInfo), CoreError> {
        let key = frontdesk_vendors::wellhive::map::SlotKey::decode(&slot.id)
            .ok_or_else(|| CoreError::invalid("slotId", "not a referral slot"))?;
        let network = key.network.0.clone();
        let service_id = key.provider_service.0.clone();
        if let Some(s) = self.booking_state().service(&service_id) {
            return Ok((network, s));
        }
        let booking = self
            .referral_booking()
            .ok_or_else(|| CoreError::invalid("slotId", "WellHive is not configured"))?;
        let wh = self
            .clients()
            .wellhive
            .clone()
            .ok_or_else(|| CoreError::invalid("slotId", "WellHive is not configured"))?;
        let mut next = None;
        loop {
            booking
                .quota()
                .count(frontdesk_core::booking::QuotaAction::ProviderServiceSearch);
            let page = frontdesk_core::ports::ReferralNetwork::search_services(
                wh.as_ref(),
                &ServiceSearch {
                    network_ids: vec![network.clone()],
                    ..ServiceSearch::default()
                },
                next,
            )
            .await?;
            self.booking_state().remember_services(&page.items);
            if let Some(found) = page.items.into_iter().find(|s| s.id == service_id) {
                return Ok((network, found));
            }
            match page.next {
                Some(n) => next = Some(n),
                None => return Err(CoreError::not_found("that slot's provider service")),
            }
        }
    }

    /// Patient fields the slot's provider service requires that the desk does not know yet
    /// (ask for them, then pass them in `ReferralOptions.attributes`). Empty for other vendors.
    pub async fn missing_booking_attributes(
        &self,
        actor: &str,
        slot_id: &str,
        patient: &PatientId,
    ) -> Result<Vec<String>, CoreError> {
        let slot = token::decode(slot_id)?;
        if slot.vendor != frontdesk_core::Vendor::Wellhive {
            return Ok(Vec::new());
        }
        let person = people::load(self.store(), actor, patient).await?;
        let (_, service) = self.slot_service(&slot).await?;
        Ok(missing_attributes(
            &service,
            &people::known_attributes(&person),
        ))
    }

    /// WellHive's quota-counted actions and this desk's use of each since it started.
    #[must_use]
    pub fn quota_counts(&self) -> Vec<QuotaCount> {
        self.booking_state()
            .quota
            .snapshot()
            .into_iter()
            .map(|(action, n)| QuotaCount {
                action,
                count: u32::try_from(n).unwrap_or(u32::MAX),
            })
            .collect()
    }

    /// Appends one audit row for a booking action on `patient`.
    pub(crate) async fn audit_booking(
        &self,
        actor: &str,
        action: &'static str,
        outcome: AuditOutcome,
        patient: Option<&PatientId>,
        detail: serde_json::Value,
    ) -> Result<(), CoreError> {
        let mut event = AuditEvent::new(actor, action, outcome).detail(detail);
        if let Some(p) = patient {
            event = event.patient(p);
        }
        blocking(self.store(), move |s| s.audit_append(&event).map(|_| ())).await
    }
}
