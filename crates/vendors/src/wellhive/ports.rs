//! WellHive in the desk's roles: care navigation (referrals, network appointments), slots
//! across provider services, and booking (draft, then submit; cancel with a reason), both
//! asynchronous: the answers are `Pending` until polled to a settled state.

use crate::http::paging::collect_all;
use crate::wellhive::client::WellhiveClient;
use crate::wellhive::map::{self, SlotKey};
use crate::wellhive::wire::{
    Address, AppointmentCancelPayload, AppointmentCreatePayload, AppointmentId,
    AppointmentPatientAttributes, AppointmentQuery, AppointmentReferral, AppointmentSubmitPayload,
    CancelReasonId, DriveTimePayload, GeoLocation, HumanName, NetworkId, PatientId,
    ProviderService, ProviderServiceId, ProviderServiceQuery, SlotQuery as WireSlotQuery,
    SpecialtyId,
};
use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use frontdesk_core::appointment::{Appointment, AppointmentStatus, Visit};
use frontdesk_core::contact::Referral;
use frontdesk_core::ports::{
    Booker, BookingLookup, BookingRequest, CancelReasonInfo, CareNavigation, GeoPoint,
    NetworkAppointment, NetworkInfo, Page, ProviderServiceInfo, ReferralNetwork,
    ReferralSubmission, ServiceSearch, SlotQuery, SlotSource,
};
use frontdesk_core::slot::Slot;
use frontdesk_core::{CoreError, ExternalId, Vendor};
use std::collections::BTreeMap;

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

    /// The patient's network appointments at the same provider service and start.
    async fn find_booking(&self, request: &BookingRequest) -> Result<BookingLookup, CoreError> {
        let key = SlotKey::decode(&request.slot.id)
            .ok_or_else(|| CoreError::invalid("slot", "not a WellHive slot"))?;
        let mine = CareNavigation::network_appointments(self, &request.patient).await?;
        let service = format!("wellhive:{}", key.provider_service);
        Ok(mine
            .into_iter()
            .find(|a| {
                a.start == request.slot.start
                    && a.provider_id.as_deref() == Some(service.as_str())
                    && a.status.is_active()
            })
            .map_or(BookingLookup::NotFound, |a| {
                BookingLookup::Found(Box::new(a))
            }))
    }
}

fn network_appointment(a: &crate::wellhive::wire::Appointment) -> NetworkAppointment {
    NetworkAppointment {
        id: ExternalId(a.id.0.clone()),
        state: a.state.clone(),
        status: map::status(a),
        error: a.error.clone(),
        appointment: map::appointment(a),
    }
}

fn service_info(s: &ProviderService) -> ProviderServiceInfo {
    let location = match (s.location.latitude, s.location.longitude) {
        (Some(latitude), Some(longitude)) => Some(GeoPoint {
            latitude,
            longitude,
        }),
        _ => None,
    };
    ProviderServiceInfo {
        id: s.id.0.clone(),
        name: s.name.clone(),
        network_ids: s.network_ids.iter().map(|n| n.0.clone()).collect(),
        active: s.is_active,
        location,
        address: s.location.address.clone(),
        phone: s
            .contact_details
            .iter()
            .find(|c| c.r#type.as_deref() == Some("phone"))
            .and_then(|c| c.value.clone()),
        appointment_type_ids: s.appointment_types.iter().map(|t| t.id.0.clone()).collect(),
        required_patient_attributes: s
            .features
            .as_ref()
            .and_then(|f| f.direct_booking.as_ref())
            .map(|d| d.required_fields.clone())
            .unwrap_or_default(),
    }
}

/// The desk's attribute map in the network's shape; unknown names are refused, not dropped.
fn patient_attributes(
    attributes: &BTreeMap<String, String>,
) -> Result<Option<AppointmentPatientAttributes>, CoreError> {
    if attributes.is_empty() {
        return Ok(None);
    }
    let mut out = AppointmentPatientAttributes::default();
    for (name, value) in attributes {
        match name.as_str() {
            "address" => {
                out.address = Some(Address {
                    line: vec![value.clone()],
                    ..Address::default()
                });
            }
            "birthDate" | "birthdate" => {
                out.birth_date = Some(
                    value
                        .parse()
                        .map_err(|_| CoreError::invalid("birthDate", "not a YYYY-MM-DD date"))?,
                );
            }
            "email" => out.email = Some(value.clone()),
            "gender" => out.gender = Some(value.clone()),
            "phone" => out.phone = Some(value.clone()),
            "name" => {
                out.name = Some(HumanName {
                    family: Some(value.clone()),
                    given: Vec::new(),
                });
            }
            _ => {
                return Err(CoreError::invalid(
                    "patientAttributes",
                    format!("WellHive has no patient attribute named {name}"),
                ));
            }
        }
    }
    Ok(Some(out))
}

#[async_trait]
impl ReferralNetwork for WellhiveClient {
    async fn network(&self, id: &str) -> Result<NetworkInfo, CoreError> {
        let n = WellhiveClient::network(self, &NetworkId(id.to_owned())).await?;
        Ok(NetworkInfo {
            id: n.id.0,
            name: n.name,
            requires_referral: n.requires_referral.unwrap_or(false),
        })
    }

    async fn create_draft(
        &self,
        patient: &ExternalId,
        referral_number: Option<&str>,
    ) -> Result<NetworkAppointment, CoreError> {
        let draft = self
            .create_appointment(&AppointmentCreatePayload {
                patient_id: PatientId(patient.0.clone()),
                referral: referral_number.map(|n| AppointmentReferral {
                    referral_number: Some(n.to_owned()),
                }),
            })
            .await?;
        Ok(network_appointment(&draft))
    }

    async fn search_services(
        &self,
        search: &ServiceSearch,
        next: Option<String>,
    ) -> Result<Page<ProviderServiceInfo>, CoreError> {
        let query = ProviderServiceQuery {
            appointment_id: search.draft.as_ref().map(|d| AppointmentId(d.0.clone())),
            search_text: search.text.clone(),
            near: search.near.map(|p| GeoLocation {
                latitude: p.latitude,
                longitude: p.longitude,
            }),
            max_miles_from_near: search.max_miles,
            network_ids: search
                .network_ids
                .iter()
                .map(|n| NetworkId(n.clone()))
                .collect(),
            specialty_ids: search
                .specialty_ids
                .iter()
                .map(|s| SpecialtyId(s.clone()))
                .collect(),
            ..ProviderServiceQuery::default()
        };
        let page = self.provider_services(&query, next.as_deref()).await?;
        Ok(Page {
            items: page.provider_services.iter().map(service_info).collect(),
            next: page.next_token.filter(|t| !t.is_empty()),
        })
    }

    async fn drive_times(
        &self,
        origin: GeoPoint,
        destinations: &[(String, GeoPoint)],
    ) -> Result<Vec<(String, u32)>, CoreError> {
        let body = DriveTimePayload {
            origin: GeoLocation {
                latitude: origin.latitude,
                longitude: origin.longitude,
            },
            destinations: destinations
                .iter()
                .map(|(k, p)| {
                    (
                        k.clone(),
                        GeoLocation {
                            latitude: p.latitude,
                            longitude: p.longitude,
                        },
                    )
                })
                .collect(),
            appointment_id: None,
            arrive_at: None,
            depart_at: None,
        };
        let answer = WellhiveClient::drive_times(self, &body).await?;
        Ok(answer
            .destinations
            .into_iter()
            .filter_map(|(k, d)| {
                let secs = d
                    .drive_time_in_seconds_with_traffic
                    .or(d.drive_time_in_seconds_without_traffic)?;
                Some((k, u32::try_from((secs + 59) / 60).unwrap_or(u32::MAX)))
            })
            .collect())
    }

    async fn service_slots(
        &self,
        service: &ProviderServiceInfo,
        draft: Option<&ExternalId>,
        from: DateTime<Utc>,
        before: DateTime<Utc>,
        next: Option<String>,
    ) -> Result<Page<Slot>, CoreError> {
        let network = service
            .network_ids
            .first()
            .map(|n| NetworkId(n.clone()))
            .ok_or_else(|| CoreError::invalid("providerService", "the service is in no network"))?;
        let query = WireSlotQuery {
            appointment_id: draft.map(|d| AppointmentId(d.0.clone())),
            start_on_or_after: Some(from),
            start_before: Some(before),
            ..WireSlotQuery::default()
        };
        let page = WellhiveClient::slots(
            self,
            &ProviderServiceId(service.id.clone()),
            &query,
            next.as_deref(),
        )
        .await?;
        Ok(Page {
            items: page
                .slots
                .iter()
                .filter(|s| s.remaining > 0)
                .map(|s| map::slot(s, &network, None))
                .collect(),
            next: page.next_token.filter(|t| !t.is_empty()),
        })
    }

    async fn submit(
        &self,
        draft: &ExternalId,
        submission: &ReferralSubmission,
    ) -> Result<NetworkAppointment, CoreError> {
        let key = SlotKey::decode(&submission.slot.id)
            .ok_or_else(|| CoreError::invalid("slot", "not a WellHive slot"))?;
        let submitted = self
            .submit_appointment(
                &AppointmentId(draft.0.clone()),
                &AppointmentSubmitPayload {
                    network_id: NetworkId(submission.network.clone()),
                    provider_service_id: ProviderServiceId(submission.provider_service.clone()),
                    slot_ids: vec![key.slot],
                    referral: submission
                        .referral_number
                        .clone()
                        .map(|n| AppointmentReferral {
                            referral_number: Some(n),
                        }),
                    additional_patient_attributes: patient_attributes(&submission.attributes)?,
                },
            )
            .await?;
        Ok(network_appointment(&submitted))
    }

    async fn show(&self, id: &ExternalId) -> Result<NetworkAppointment, CoreError> {
        let a = WellhiveClient::appointment(self, &AppointmentId(id.0.clone()), false).await?;
        Ok(network_appointment(&a))
    }

    async fn cancel_reasons(&self, id: &ExternalId) -> Result<Vec<CancelReasonInfo>, CoreError> {
        let r = WellhiveClient::cancel_reasons(self, &AppointmentId(id.0.clone())).await?;
        Ok(r.cancel_reasons
            .into_iter()
            .map(|c| CancelReasonInfo {
                id: c.id.0,
                name: c.name,
            })
            .collect())
    }

    async fn cancel(&self, id: &ExternalId, reason: &str) -> Result<NetworkAppointment, CoreError> {
        let a = self
            .cancel_appointment(
                &AppointmentId(id.0.clone()),
                &AppointmentCancelPayload {
                    cancel_reason_id: CancelReasonId(reason.to_owned()),
                },
            )
            .await?;
        Ok(network_appointment(&a))
    }
}
