//! WellHive in the desk's roles: care navigation (referrals, network appointments), slots
//! across provider services, and booking (draft, then submit; cancel with a reason), both
//! asynchronous: the answers are `Pending` until polled to a settled state.

use crate::http::paging::collect_all;
use crate::wellhive::client::WellhiveClient;
use crate::wellhive::map::{self, SlotKey};
use crate::wellhive::wire::{
    AppointmentCancelPayload, AppointmentCreatePayload, AppointmentId, AppointmentQuery,
    AppointmentReferral, AppointmentSubmitPayload, CancelReasonId, PatientId, ProviderService,
    ProviderServiceId, ProviderServiceQuery, SlotQuery as WireSlotQuery,
};
use async_trait::async_trait;
use chrono::{TimeZone, Utc};
use frontdesk_core::appointment::{Appointment, AppointmentStatus, Visit};
use frontdesk_core::contact::Referral;
use frontdesk_core::ports::{Booker, BookingRequest, CareNavigation, Page, SlotQuery, SlotSource};
use frontdesk_core::slot::Slot;
use frontdesk_core::{CoreError, ExternalId, Vendor};

/// A just-accepted request has no start on the board yet: show it pending at the slot's time.
fn pending_from(a: &crate::wellhive::wire::Appointment, fallback: &Slot) -> Appointment {
    map::appointment(a).unwrap_or_else(|| {
        let external_id = ExternalId(a.id.0.clone());
        Appointment {
            id: Appointment::desk_id(Vendor::Wellhive, &external_id),
            vendor: Vendor::Wellhive,
            external_id,
            patient_id: None,
            patient_external_id: Some(ExternalId(a.patient_id.0.clone())),
            provider_id: fallback.provider_id.clone(),
            location_id: None,
            appointment_type: fallback.appointment_type.clone(),
            start: fallback.start,
            end: fallback.end,
            status: map::status(a),
            visit: Visit::Referral {
                network: a.network_id.as_ref().map(ToString::to_string),
                provider_service: a.provider_service_id.as_ref().map(ToString::to_string),
                referral: None,
            },
            as_of: Utc::now(),
        }
    })
}

fn no_start(id: &str) -> CoreError {
    CoreError::not_found(format!("a scheduled time for WellHive appointment {id}"))
}

#[async_trait]
impl CareNavigation for WellhiveClient {
    async fn referrals(&self, patient: &ExternalId) -> Result<Vec<Referral>, CoreError> {
        let id = PatientId(patient.0.clone());
        let all = collect_all(|c| {
            let id = id.clone();
            async move {
                let r = WellhiveClient::referrals(self, &id, c.as_deref()).await?;
                Ok::<_, CoreError>(Page {
                    items: r.referrals,
                    next: r.next_token.filter(|t| !t.is_empty()),
                })
            }
        })
        .await?;
        Ok(all.iter().map(map::referral).collect())
    }

    async fn network_appointments(
        &self,
        patient: &ExternalId,
    ) -> Result<Vec<Appointment>, CoreError> {
        let query = AppointmentQuery {
            patient_id: Some(PatientId(patient.0.clone())),
            ..AppointmentQuery::default()
        };
        let all = collect_all(|c| {
            let query = query.clone();
            async move {
                let r = self.search_appointments(&query, c.as_deref()).await?;
                Ok::<_, CoreError>(Page {
                    items: r.appointments,
                    next: r.next_token.filter(|t| !t.is_empty()),
                })
            }
        })
        .await?;
        Ok(all.iter().filter_map(map::appointment).collect())
    }
}

impl WellhiveClient {
    /// Every provider service matching `ids` (all active ones when empty), paged to the end.
    async fn services_for(
        &self,
        ids: &[ProviderServiceId],
    ) -> Result<Vec<ProviderService>, CoreError> {
        let query = ProviderServiceQuery {
            ids: ids.to_vec(),
            ..ProviderServiceQuery::default()
        };
        collect_all(|c| {
            let query = query.clone();
            async move {
                let r = self.provider_services(&query, c.as_deref()).await?;
                Ok::<_, CoreError>(Page {
                    items: r.provider_services,
                    next: r.next_token.filter(|t| !t.is_empty()),
                })
            }
        })
        .await
    }
}

#[async_trait]
impl SlotSource for WellhiveClient {
    fn vendor(&self) -> Vendor {
        Vendor::Wellhive
    }

    /// `provider_ids` are provider-service ids here (every active service when empty).
    async fn slots(&self, q: &SlotQuery) -> Result<Vec<Slot>, CoreError> {
        let ids: Vec<ProviderServiceId> = q
            .provider_ids
            .iter()
            .map(|p| ProviderServiceId(p.0.clone()))
            .collect();
        let services = self.services_for(&ids).await?;
        let from = Utc.from_utc_datetime(&q.from.and_hms_opt(0, 0, 0).unwrap_or_default());
        let before = Utc.from_utc_datetime(
            &(q.to + chrono::Days::new(1))
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        );
        let mut out = Vec::new();
        for service in services.iter().filter(|s| s.is_active) {
            let Some(network) = service.network_ids.first() else {
                continue;
            };
            let query = WireSlotQuery {
                appointment_type_id: q.appointment_type.as_ref().map(|t| t.0.as_str().into()),
                start_on_or_after: Some(from),
                start_before: Some(before),
                ..WireSlotQuery::default()
            };
            let slots = collect_all(|c| {
                let query = query.clone();
                async move {
                    let r = WellhiveClient::slots(self, &service.id, &query, c.as_deref()).await?;
                    Ok::<_, CoreError>(Page {
                        items: r.slots,
                        next: r.next_token.filter(|t| !t.is_empty()),
                    })
                }
            })
            .await?;
            out.extend(
                slots
                    .iter()
                    .filter(|s| s.remaining > 0)
                    .map(|s| map::slot(s, network, None)),
            );
        }
        Ok(out)
    }
}

#[async_trait]
impl Booker for WellhiveClient {
    fn vendor(&self) -> Vendor {
        Vendor::Wellhive
    }

    /// Creates the draft, then submits it into the slot. Both are writes: a timeout on either
    /// is reported as an unknown outcome (check `network_appointments` before trying again).
    async fn book(&self, request: &BookingRequest) -> Result<Appointment, CoreError> {
        let key = SlotKey::decode(&request.slot.id)
            .ok_or_else(|| CoreError::invalid("slot", "not a WellHive slot"))?;
        let draft = self
            .create_appointment(&AppointmentCreatePayload {
                patient_id: PatientId(request.patient.0.clone()),
                referral: request.referral.clone().map(|n| AppointmentReferral {
                    referral_number: Some(n),
                }),
            })
            .await?;
        let submitted = self
            .submit_appointment(
                &draft.id,
                &AppointmentSubmitPayload {
                    network_id: key.network,
                    provider_service_id: key.provider_service,
                    slot_ids: vec![key.slot],
                    referral: draft.referral.clone(),
                    additional_patient_attributes: None,
                },
            )
            .await?;
        let mut shown = pending_from(&submitted, &request.slot);
        if matches!(shown.status, AppointmentStatus::Scheduled) && submitted.state != "completed" {
            // Accepted is not booked: the network confirms asynchronously.
            shown.status = AppointmentStatus::Pending;
        }
        Ok(shown)
    }

    async fn appointment(&self, id: &ExternalId) -> Result<Appointment, CoreError> {
        let a = WellhiveClient::appointment(self, &AppointmentId(id.0.clone()), false).await?;
        map::appointment(&a).ok_or_else(|| no_start(&id.0))
    }

    /// Cancels with `reason` (a cancel-reason id) or the first reason WellHive offers.
    async fn cancel(
        &self,
        id: &ExternalId,
        reason: Option<&str>,
    ) -> Result<Appointment, CoreError> {
        let appointment_id = AppointmentId(id.0.clone());
        let reason = match reason {
            Some(r) => CancelReasonId(r.to_owned()),
            None => self
                .cancel_reasons(&appointment_id)
                .await?
                .cancel_reasons
                .into_iter()
                .next()
                .map(|r| r.id)
                .ok_or_else(|| {
                    CoreError::invalid("cancelReason", "WellHive offers no cancel reason")
                })?,
        };
        let a = self
            .cancel_appointment(
                &appointment_id,
                &AppointmentCancelPayload {
                    cancel_reason_id: reason,
                },
            )
            .await?;
        map::appointment(&a).ok_or_else(|| no_start(&id.0))
    }
}
