//! NexHealth in the desk's roles: patient directory and appointment feed (walking every
//! configured location), practice directory, slot source and booker.

use crate::http::paging::collect_all;
use crate::nexhealth::client::NexhealthClient;
use crate::nexhealth::map::{self, SlotKey};
use crate::nexhealth::wire::{
    AppointmentId, AppointmentPatch, AppointmentPatchDetails, AppointmentTypeId, LocationId,
    NewAppointment, NewAppointmentDetails, NewPatient, NewPatientBio, NewPatientDetails,
    NewPatientProvider, PatientId, PatientQuery, ProviderId, SlotQuery as WireSlotQuery,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use frontdesk_core::appointment::Appointment;
use frontdesk_core::patient::VendorPatient;
use frontdesk_core::ports::{
    AppointmentFeed, Booker, BookingLookup, BookingRequest, NewPatientRequest, Page,
    PatientDirectory, PatientRegistry, PatientSearch, PracticeDirectory, SlotQuery, SlotSource,
};
use frontdesk_core::practice::{AppointmentType, Location, Operatory, Provider};
use frontdesk_core::slot::Slot;
use frontdesk_core::sync::PatientLookup;
use frontdesk_core::{CoreError, ExternalId, Vendor};

/// `"{location index}|{inner cursor}"`: one cursor walks every configured location in turn.
fn split_cursor(cursor: Option<&str>) -> (usize, Option<String>) {
    match cursor.and_then(|c| c.split_once('|')) {
        Some((i, rest)) => (
            i.parse().unwrap_or(0),
            (!rest.is_empty()).then(|| rest.to_owned()),
        ),
        None => (0, None),
    }
}

fn join_cursor(index: usize, inner: Option<String>, locations: usize) -> Option<String> {
    match inner {
        Some(c) => Some(format!("{index}|{c}")),
        None if index + 1 < locations => Some(format!("{}|", index + 1)),
        None => None,
    }
}

fn id_of<T: std::str::FromStr>(id: &ExternalId, field: &str) -> Result<T, CoreError> {
    id.0.parse()
        .map_err(|_| CoreError::invalid(field, "not a NexHealth id"))
}

fn day_start(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
}

fn mapped(list: &[crate::nexhealth::wire::Appointment]) -> Vec<Appointment> {
    list.iter()
        .filter_map(|a| {
            let m = map::appointment(a);
            if m.is_none() {
                tracing::warn!(vendor = "nexhealth", appointment = %a.id, "appointment_time_unparseable");
            }
            m
        })
        .collect()
}

#[async_trait]
impl PatientDirectory for NexhealthClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    async fn patients_page(
        &self,
        cursor: Option<String>,
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<Page<VendorPatient>, CoreError> {
        let locations = self.location_ids().to_vec();
        let (index, inner) = split_cursor(cursor.as_deref());
        let Some(location) = locations.get(index).copied() else {
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        };
        let query = PatientQuery {
            updated_since,
            ..PatientQuery::default()
        };
        let page = self.patients(location, &query, inner.as_deref()).await?;
        Ok(Page {
            items: page.items.iter().map(map::patient).collect(),
            next: join_cursor(index, page.next, locations.len()),
        })
    }
}

/// Brings back the patient of a visit the desk's cache does not hold (one the retention window
/// purged, or not delivered yet); the vendor saying "no such patient" is `None`.
#[async_trait]
impl PatientLookup for NexhealthClient {
    async fn patient_by_id(&self, id: &ExternalId) -> Result<Option<VendorPatient>, CoreError> {
        let id: PatientId = id_of(id, "patient_id")?;
        match self.patient(id).await.map_err(CoreError::from) {
            Ok(p) => Ok(Some(map::patient(&p))),
            Err(CoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[async_trait]
impl PatientSearch for NexhealthClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    async fn search_patients(&self, term: &str) -> Result<Vec<VendorPatient>, CoreError> {
        let mut query = PatientQuery::default();
        let term = term.trim();
        if term.contains('@') {
            query.email = Some(term.to_owned());
        } else if term.chars().filter(char::is_ascii_digit).count() >= 7 {
            query.phone_number = Some(term.chars().filter(char::is_ascii_digit).collect());
        } else {
            query.name = Some(term.to_owned());
        }
        let mut out = Vec::new();
        for location in self.location_ids().to_vec() {
            let q = query.clone();
            let found = collect_all(|c| {
                let q = q.clone();
                async move {
                    let l = self.patients(location, &q, c.as_deref()).await?;
                    Ok::<_, CoreError>(Page {
                        items: l.items,
                        next: l.next,
                    })
                }
            })
            .await?;
            out.extend(found.iter().map(map::patient));
        }
        Ok(out)
    }
}

#[async_trait]
impl AppointmentFeed for NexhealthClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    async fn appointments_page(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        cursor: Option<String>,
    ) -> Result<Page<Appointment>, CoreError> {
        let locations = self.location_ids().to_vec();
        let (index, inner) = split_cursor(cursor.as_deref());
        let Some(location) = locations.get(index).copied() else {
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        };
        let end = day_start(to + chrono::Days::new(1));
        let page = self
            .appointments(Some(location), day_start(from), end, inner.as_deref())
            .await?;
        Ok(Page {
            items: mapped(&page.items),
            next: join_cursor(index, page.next, locations.len()),
        })
    }
}

#[async_trait]
impl PracticeDirectory for NexhealthClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    async fn providers(&self) -> Result<Vec<Provider>, CoreError> {
        let now = Utc::now();
        let all = collect_all(|c| async move {
            let l = NexhealthClient::providers(self, None, c.as_deref()).await?;
            Ok::<_, CoreError>(Page {
                items: l.items,
                next: l.next,
            })
        })
        .await?;
        Ok(all.iter().map(|p| map::provider(p, now)).collect())
    }

    async fn locations(&self) -> Result<Vec<Location>, CoreError> {
        let institutions = NexhealthClient::locations(self).await?;
        Ok(institutions
            .iter()
            .flat_map(|i| i.locations.iter())
            .filter(|l| self.location_ids().is_empty() || self.location_ids().contains(&l.id))
            .map(map::location)
            .collect())
    }

    async fn operatories(&self) -> Result<Vec<Operatory>, CoreError> {
        let mut out = Vec::new();
        for location in self.location_ids().to_vec() {
            let all = collect_all(|c| async move {
                let l = NexhealthClient::operatories(self, location, c.as_deref()).await?;
                Ok::<_, CoreError>(Page {
                    items: l.items,
                    next: l.next,
                })
            })
            .await?;
            out.extend(all.iter().map(|o| map::operatory(o, location)));
        }
        Ok(out)
    }

    async fn appointment_types(&self) -> Result<Vec<AppointmentType>, CoreError> {
        let mut out = Vec::new();
        for location in self.location_ids().to_vec() {
            for t in NexhealthClient::appointment_types(self, Some(location)).await? {
                out.push(AppointmentType {
                    id: format!("nexhealth:{}", t.id),
                    vendor: Vendor::Nexhealth,
                    external_id: ExternalId(t.id.to_string()),
                    name: t.name,
                    minutes: t.minutes.unwrap_or(30),
                    location_id: Some(format!("nexhealth:{location}")),
                });
            }
        }
        Ok(out)
    }
}

#[async_trait]
impl SlotSource for NexhealthClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    async fn slots(&self, q: &SlotQuery) -> Result<Vec<Slot>, CoreError> {
        let location_ids: Vec<LocationId> = if q.location_ids.is_empty() {
            self.location_ids().to_vec()
        } else {
            q.location_ids
                .iter()
                .map(|l| id_of(l, "locationId"))
                .collect::<Result<_, _>>()?
        };
        let mut provider_ids: Vec<ProviderId> = q
            .provider_ids
            .iter()
            .map(|p| id_of(p, "providerId"))
            .collect::<Result<_, _>>()?;
        let appointment_type: Option<AppointmentTypeId> = q
            .appointment_type
            .as_ref()
            .map(|t| id_of(t, "appointmentType"))
            .transpose()?;
        // NexHealth needs providers or an appointment type; without either, ask for every
        // provider of the locations searched.
        if provider_ids.is_empty() && appointment_type.is_none() {
            for location in &location_ids {
                let location = *location;
                let all = collect_all(|c| async move {
                    let l = NexhealthClient::providers(self, Some(location), c.as_deref()).await?;
                    Ok::<_, CoreError>(Page {
                        items: l.items,
                        next: l.next,
                    })
                })
                .await?;
                for p in all {
                    if !provider_ids.contains(&p.id) {
                        provider_ids.push(p.id);
                    }
                }
            }
        }
        let days = u32::try_from((q.to - q.from).num_days() + 1)
            .unwrap_or(1)
            .max(1);
        let query = WireSlotQuery {
            start_date: q.from,
            days,
            location_ids,
            provider_ids,
            operatory_ids: Vec::new(),
            appointment_type_id: appointment_type,
        };
        let groups = NexhealthClient::slots(self, &query).await?;
        Ok(map::slots(&groups, appointment_type, 30))
    }
}

#[async_trait]
impl Booker for NexhealthClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    /// Books the slot; the answer is `Pending` until NexHealth has inserted it in the EHR.
    async fn book(&self, request: &BookingRequest) -> Result<Appointment, CoreError> {
        let key = SlotKey::decode(&request.slot.id)
            .ok_or_else(|| CoreError::invalid("slot", "not a NexHealth slot"))?;
        let body = NewAppointment {
            appt: NewAppointmentDetails {
                patient_id: id_of::<PatientId>(&request.patient, "patientId")?,
                provider_id: key.provider,
                operatory_id: key.operatory,
                start_time: key.start_time.clone(),
                end_time: key.end_time.clone(),
                appointment_type_id: key.appointment_type,
                note: request.note.clone(),
            },
        };
        let created = self.create_appointment(key.location, &body).await?;
        map::appointment(&created).ok_or_else(|| CoreError::Unavailable {
            vendor: Vendor::Nexhealth,
            detail: "NexHealth answered a booking without a readable start time".to_owned(),
            trace_id: None,
        })
    }

    async fn appointment(&self, id: &ExternalId) -> Result<Appointment, CoreError> {
        let a = NexhealthClient::appointment(self, id_of::<AppointmentId>(id, "appointmentId")?)
            .await?;
        map::appointment(&a).ok_or_else(|| CoreError::not_found("a readable NexHealth appointment"))
    }

    async fn cancel(
        &self,
        id: &ExternalId,
        _reason: Option<&str>,
    ) -> Result<Appointment, CoreError> {
        let patch = AppointmentPatch {
            appt: AppointmentPatchDetails {
                cancelled: Some(true),
                ..AppointmentPatchDetails::default()
            },
        };
        let a = self
            .patch_appointment(id_of::<AppointmentId>(id, "appointmentId")?, &patch)
            .await?;
        map::appointment(&a).ok_or_else(|| CoreError::not_found("a readable NexHealth appointment"))
    }

    /// The booking an earlier attempt may have made: the slot's location that day, same
    /// provider, start and patient, not cancelled.
    async fn find_booking(&self, request: &BookingRequest) -> Result<BookingLookup, CoreError> {
        let key = SlotKey::decode(&request.slot.id)
            .ok_or_else(|| CoreError::invalid("slot", "not a NexHealth slot"))?;
        let patient = id_of::<PatientId>(&request.patient, "patientId")?;
        let (start, end) = (
            request.slot.start - chrono::Duration::minutes(1),
            request.slot.end.max(request.slot.start) + chrono::Duration::minutes(1),
        );
        let all = collect_all(|c| async move {
            let l = self
                .appointments(Some(key.location), start, end, c.as_deref())
                .await?;
            Ok::<_, CoreError>(Page {
                items: l.items,
                next: l.next,
            })
        })
        .await?;
        let found = all.iter().find(|a| {
            a.provider_id == Some(key.provider)
                && a.patient_id == Some(patient)
                && a.cancelled != Some(true)
                && map::appointment(a).is_some_and(|m| m.start == request.slot.start)
        });
        Ok(match found.and_then(map::appointment) {
            Some(a) => BookingLookup::Found(Box::new(a)),
            None => BookingLookup::NotFound,
        })
    }
}

#[async_trait]
impl PatientRegistry for NexhealthClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    /// NexHealth registers a patient with a provider at a location, and wants an email.
    async fn create_patient(&self, r: &NewPatientRequest) -> Result<VendorPatient, CoreError> {
        let provider = r
            .provider
            .as_ref()
            .ok_or_else(|| {
                CoreError::invalid("provider", "NexHealth registers patients with a provider")
            })
            .and_then(|p| id_of::<ProviderId>(p, "providerId"))?;
        let location = match &r.location {
            Some(l) => id_of::<LocationId>(l, "locationId")?,
            None => self.location_ids().first().copied().ok_or_else(|| {
                CoreError::invalid("location", "no NexHealth location is configured")
            })?,
        };
        let email = r.email.clone().ok_or_else(|| {
            CoreError::invalid("email", "NexHealth needs an email to register a patient")
        })?;
        let body = NewPatient {
            provider: NewPatientProvider {
                provider_id: provider,
            },
            patient: NewPatientDetails {
                first_name: r.given_name.clone(),
                last_name: r.family_name.clone(),
                email,
                bio: NewPatientBio {
                    date_of_birth: r.birth_date,
                    phone_number: r.phone.clone(),
                    gender: None,
                },
            },
        };
        let created = NexhealthClient::create_patient(self, location, &body).await?;
        Ok(map::patient(&created))
    }
}
