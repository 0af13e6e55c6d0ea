//! "Book" for each kind of slot, and reschedule as "book the new, then cancel the old once the
//! new one holds". The slot comes back from its id; the patient is the desk's person (found in
//! the vendor by link, else looked for and created there) or a new one (at NexHealth in
//! person, at Zoom for a video visit).
//! Results go to the cache at once; the vendor's confirmation is a `PendingSettle` the caller
//! waits on where it likes.

use crate::booking::error::BookError;
use crate::booking::people;
use crate::booking::search::open_slot;
use crate::booking::settle::{PendingSettle, Work};
use crate::booking::sink::BookingSink;
use crate::booking::token;
use crate::booking::types::{
    BookRequest, BookingPatient, BookingResult, InviteState, TelehealthBookedInfo,
};
use crate::booking::{BookingState, SessionKey};
use crate::setup::SetupError;
use crate::{Desk, StoreOutbox};
use chrono::{NaiveDate, SecondsFormat, Utc};
use frontdesk_core::appointment::{Appointment, AppointmentStatus, Visit};
use frontdesk_core::booking::{
    AppointmentSink, BookingError, BookingKey, InPersonBooking, InPersonRequest, InviteOutcome,
    PatientChoice, ReferralBooking, ReferralChoice, ReferralOutcome, SettlePolicy,
    TelehealthBooking, TelehealthBookingRequest,
};
use frontdesk_core::patient::{Patient, Phone, PhoneKind, VendorPatient};
use frontdesk_core::ports::{NewPatientRequest, PatientRegistry, PatientSearch};
use frontdesk_core::slot::Slot;
use frontdesk_core::slots::{Zones, split_desk_id};
use frontdesk_core::{CoreError, ExternalId, PatientId, Vendor};
use frontdesk_store::AuditOutcome;
use std::sync::Arc;
use std::time::Duration;

/// A video visit's length when the receptionist does not say.
const DEFAULT_VISIT_MINUTES: u32 = 30;

fn raw_id(desk_id: Option<&String>) -> Option<ExternalId> {
    desk_id.map(|d| ExternalId(split_desk_id(d).map_or_else(|| d.clone(), |(_, r)| r.to_owned())))
}

fn map_booking(e: BookingError, zones: &Zones) -> BookError {
    match e {
        BookingError::SlotTaken { next } => BookError::SlotTaken {
            next: next.iter().map(|s| open_slot(s, zones)).collect(),
        },
        other => BookError::Core(other.into()),
    }
}

/// What is known of the person being booked.
struct Who {
    desk: Option<PatientId>,
    person: Option<Patient>,
}

impl Desk {
    /// Books the slot named by `request.slot_id`. In person and referral bookings come back
    /// pending, with the wait for the vendor's confirmation in the `PendingSettle`; telehealth
    /// visits are scheduled at once. A slot gone is `BookError::SlotTaken` with the next ones;
    /// a vendor that cannot be reached is `Offline` (nothing is queued that could land twice).
    /// Audited.
    pub async fn book(
        &self,
        actor: &str,
        request: &BookRequest,
    ) -> Result<(BookingResult, Option<PendingSettle>), BookError> {
        self.book_replacing(actor, request, None).await
    }

    /// Books the new slot and, once that booking is confirmed, cancels `appointment_id`.
    pub async fn reschedule(
        &self,
        actor: &str,
        appointment_id: &str,
        request: &BookRequest,
    ) -> Result<(BookingResult, Option<PendingSettle>), BookError> {
        let old = self.cached_appointment(appointment_id).await?;
        if !old.status.is_active() {
            return Err(CoreError::invalid(
                "appointmentId",
                "that appointment is no longer booked",
            )
            .into());
        }
        self.book_replacing(actor, request, Some(old)).await
    }

    async fn book_replacing(
        &self,
        actor: &str,
        request: &BookRequest,
        replaces: Option<Appointment>,
    ) -> Result<(BookingResult, Option<PendingSettle>), BookError> {
        let slot = token::decode(&request.slot_id)?;
        let key = request
            .key
            .clone()
            .filter(|k| !k.trim().is_empty())
            .map_or_else(BookingKey::new, BookingKey);
        if let Some(first) = self.answered_booking(&key, &request.slot_id).await? {
            // Nothing new is sent, so nothing new is audited beyond the read below.
            self.audit_booking(
                actor,
                "appointment.book",
                AuditOutcome::Ok,
                first.patient_id.as_ref(),
                serde_json::json!({ "appointment": first.appointment.id, "key": key.0, "repeat": true }),
            )
            .await?;
            return Ok((first, None));
        }
        let who = match &request.patient {
            BookingPatient::Existing { patient_id } => Who {
                desk: Some(patient_id.clone()),
                person: Some(people::load(self.store(), actor, patient_id).await?),
            },
            BookingPatient::New { .. } => Who {
                desk: None,
                person: None,
            },
        };
        let result = match slot.vendor {
            Vendor::Nexhealth => {
                self.book_in_person(&slot, request, &who, &key, replaces)
                    .await
            }
            Vendor::Zoom => {
                self.book_telehealth(actor, &slot, request, &who, &key, replaces)
                    .await
            }
            Vendor::Wellhive => {
                self.book_referral(&slot, request, &who, &key, replaces)
                    .await
            }
            other => Err(CoreError::invalid(
                "slotId",
                format!("{} slots cannot be booked", other.key()),
            )
            .into()),
        };
        let (outcome, detail) = match &result {
            Ok((r, _)) => (
                AuditOutcome::Ok,
                serde_json::json!({
                    "appointment": r.appointment.id, "vendor": slot.vendor.key(), "key": key.0,
                    "replaces": r.replaces, "patientCreated": r.patient_created,
                }),
            ),
            Err(e) => (
                AuditOutcome::Failed,
                serde_json::json!({ "vendor": slot.vendor.key(), "key": key.0, "error": format!("{:?}", e.kind()) }),
            ),
        };
        let audited_patient = result
            .as_ref()
            .ok()
            .and_then(|(r, _)| r.patient_id.clone())
            .or_else(|| who.desk.clone());
        self.audit_booking(
            actor,
            "appointment.book",
            outcome,
            audited_patient.as_ref(),
            detail,
        )
        .await?;
        if let Ok((r, _)) = &result
            && let Err(e) = self
                .remember_booking(actor, &key, &request.slot_id, r)
                .await
        {
            // The booking stands; only a repeat of it would reach the vendor's own checks.
            tracing::warn!(kind = ?e.kind(), "booking_answer_not_kept");
        }
        result
    }

    fn pending(
        &self,
        work: Work,
        key: &BookingKey,
        sink: BookingSink,
        replaces: Option<Appointment>,
    ) -> PendingSettle {
        PendingSettle {
            work,
            key: key.0.clone(),
            sink,
            clients: self.clients().clone(),
            state: self.booking_state_arc(),
            replaces,
        }
    }

    async fn book_in_person(
        &self,
        slot: &Slot,
        request: &BookRequest,
        who: &Who,
        key: &BookingKey,
        replaces: Option<Appointment>,
    ) -> Result<(BookingResult, Option<PendingSettle>), BookError> {
        let nh = self
            .clients()
            .nexhealth
            .clone()
            .ok_or_else(|| CoreError::invalid("slotId", "NexHealth is not configured"))?;
        let choice = in_person_choice(request, who, slot)?;
        let sink = BookingSink {
            store: self.store().clone(),
            patient: who.desk.clone(),
        };
        let policy = self.booking_state().policy();
        let service = InPersonBooking::new(nh.clone(), nh.clone(), Arc::new(sink.clone()))
            .with_patients(
                nh.clone() as Arc<dyn PatientSearch>,
                Some(nh.clone() as Arc<dyn PatientRegistry>),
            )
            .with_settle_policy(policy);
        let zones = self.slot_zones().await?;
        let booked = service
            .book(&InPersonRequest {
                slot: slot.clone(),
                patient: choice,
                note: request.note.clone(),
                key: key.clone(),
            })
            .await
            .map_err(|e| map_booking(e, &zones))?;
        let mut patient_id = who.desk.clone();
        if patient_id.is_none() {
            patient_id = self
                .adopt_new_patient(&request.patient, &booked.patient)
                .await;
            if let Some(p) = &patient_id {
                let mut shown = booked.appointment.clone();
                shown.patient_id = Some(p.clone());
                sink.record(&shown).await?;
            }
        }
        let appointment = self
            .cached_appointment(&booked.appointment.id)
            .await
            .unwrap_or(booked.appointment.clone());
        let settling = appointment.status == AppointmentStatus::Pending;
        let work = Work::Booker {
            booker: nh,
            accepted: Box::new(booked.appointment.clone()),
            policy,
        };
        let replaces_id = replaces.as_ref().map(|a| a.id.clone());
        let pending = self.pending(work, key, sink, replaces);
        Ok((
            BookingResult {
                key: key.0.clone(),
                appointment,
                patient_id,
                patient_created: booked.patient_created,
                settling,
                replaces: replaces_id,
                telehealth: None,
            },
            Some(pending),
        ))
    }

    /// A person booked as new becomes the desk's at once: their NexHealth record is read
    /// back into the cache (or, if the read-back fails, what was sent to create it), which
    /// links or creates the desk's person, so the board names them before the next sync
    /// brings NexHealth's own copy.
    async fn adopt_new_patient(
        &self,
        patient: &BookingPatient,
        vendor_id: &ExternalId,
    ) -> Option<PatientId> {
        let BookingPatient::New {
            given_name,
            family_name,
            birth_date,
            phone,
            email,
        } = patient
        else {
            return None;
        };
        let nh = self.clients().nexhealth.clone()?;
        let read_back = match nh.search_patients(family_name.trim()).await {
            Ok(list) => list.into_iter().find(|p| &p.external_id == vendor_id),
            Err(e) => {
                tracing::warn!(kind = ?e.kind(), "new_patient_read_back_failed");
                None
            }
        };
        let record = read_back.unwrap_or_else(|| VendorPatient {
            vendor: Vendor::Nexhealth,
            external_id: vendor_id.clone(),
            given_name: given_name.trim().to_owned(),
            family_name: family_name.trim().to_owned(),
            middle_name: None,
            birth_date: NaiveDate::parse_from_str(birth_date.trim(), "%Y-%m-%d").ok(),
            mrn: None,
            phones: vec![Phone {
                number: phone.trim().to_owned(),
                kind: PhoneKind::Other,
            }],
            email: email.clone(),
            preferred_language: None,
            communication: None,
            updated_at: None,
        });
        let id = vendor_id.clone();
        crate::sink::blocking(self.store(), move |s| {
            s.upsert_vendor_patients(&[record])?;
            s.patient_id_for(Vendor::Nexhealth, &id)
        })
        .await
        .ok()
        .flatten()
    }

    async fn book_telehealth(
        &self,
        actor: &str,
        slot: &Slot,
        request: &BookRequest,
        who: &Who,
        key: &BookingKey,
        replaces: Option<Appointment>,
    ) -> Result<(BookingResult, Option<PendingSettle>), BookError> {
        let zoom = self
            .clients()
            .zoom
            .clone()
            .ok_or_else(|| CoreError::invalid("slotId", "Zoom is not configured"))?;
        let provider = slot
            .provider_id
            .as_deref()
            .and_then(frontdesk_vendors::zoom::map::zoom_provider)
            .map(|p| ExternalId(p.to_owned()))
            .ok_or_else(|| CoreError::invalid("slotId", "the slot names no Zoom provider"))?;
        let options = request.telehealth.clone().unwrap_or_default();
        let minutes = options.minutes.unwrap_or(DEFAULT_VISIT_MINUTES);
        let window = u32::try_from((slot.end - slot.start).num_minutes()).unwrap_or(u32::MAX);
        if minutes == 0 || minutes > window {
            return Err(CoreError::invalid(
                "minutes",
                format!("the visit must fit the slot (1 to {window} minutes)"),
            )
            .into());
        }
        // A new patient's Zoom record is made only now, once the slot and length hold.
        let (person, patient_created) = self
            .person_for_video(actor, who.person.as_ref(), &request.patient, key)
            .await?;
        let person = &person;
        let patient = self.zoom_patient(actor, person).await?;
        let sink = BookingSink {
            store: self.store().clone(),
            patient: Some(person.id.clone()),
        };
        let service = TelehealthBooking::new(
            zoom,
            Arc::new(StoreOutbox(self.store().clone())),
            Arc::new(sink.clone()),
            self.config().practice.reminder_offsets_minutes.clone(),
        );
        let zones = self.slot_zones().await?;
        let booked = service
            .book(&TelehealthBookingRequest {
                patient,
                provider,
                start: slot.start,
                minutes,
                visit_type: options.visit_type.clone(),
                reason: request.note.clone(),
                communication: person.communication,
                recording_consent: options.recording_consent,
                key: key.clone(),
            })
            .await
            .map_err(|e| map_booking(e, &zones))?;
        let old_cancelled = self
            .cancel_replaced_visit(replaces.as_ref(), &booked.appointment)
            .await;
        let appointment = self
            .cached_appointment(&booked.appointment.id)
            .await
            .unwrap_or(booked.appointment.clone());
        let invite = match booked.invite {
            InviteOutcome::Sent(channels) => InviteState::Sent { channels },
            InviteOutcome::NoChannelAllowed => InviteState::NoChannelAllowed,
            InviteOutcome::Failed { message } => InviteState::Failed { message },
        };
        let replaces = old_cancelled.or(replaces.map(|a| a.id).filter(|id| *id != appointment.id));
        Ok((
            BookingResult {
                key: key.0.clone(),
                appointment,
                patient_id: Some(person.id.clone()),
                patient_created,
                settling: false,
                replaces,
                telehealth: Some(TelehealthBookedInfo {
                    patient_join_url: booked.patient_join_url,
                    provider_join_url: booked.provider_join_url,
                    invite,
                    reminders_at: booked
                        .reminders
                        .iter()
                        .map(|r| r.at.to_rfc3339_opts(SecondsFormat::Secs, true))
                        .collect(),
                }),
            },
            None,
        ))
    }

    /// Zoom schedules at once: the new visit holds, so the old one goes now. A visit moved to
    /// the time it already had comes back as itself from Zoom's lookup, and it stays.
    async fn cancel_replaced_visit(
        &self,
        replaces: Option<&Appointment>,
        booked: &Appointment,
    ) -> Option<String> {
        let old = replaces.filter(|old| old.external_id != booked.external_id)?;
        match crate::booking::cancel::cancel_on_vendor(
            self.clients(),
            self.store(),
            &self.booking_state_arc(),
            old,
            None,
        )
        .await
        {
            Ok(_) => Some(old.id.clone()),
            Err(e) => {
                tracing::warn!(kind = ?e.kind(), "reschedule_old_cancel_failed");
                None
            }
        }
    }

    /// The person's Zoom record: the linked one, else one made now from the desk's record and
    /// linked (audited as `zoom.patient.create`), so a receptionist never makes it by hand. It
    /// is made only once the slot and visit length have been checked, and a second booking
    /// finds the link.
    async fn zoom_patient(&self, actor: &str, person: &Patient) -> Result<ExternalId, BookError> {
        if let Some(id) = person.link(Vendor::Zoom) {
            return Ok(id.clone());
        }
        let record = crate::setup::ensure_zoom_patient(self, actor, &person.id, None)
            .await
            .map_err(|e| match e {
                SetupError::NotConfigured(_) => {
                    CoreError::invalid("slotId", "Zoom is not configured")
                }
                SetupError::Core(inner) => inner,
            })?;
        Ok(ExternalId(record.zoom_patient_id))
    }

    async fn book_referral(
        &self,
        slot: &Slot,
        request: &BookRequest,
        who: &Who,
        key: &BookingKey,
        replaces: Option<Appointment>,
    ) -> Result<(BookingResult, Option<PendingSettle>), BookError> {
        let person = who.person.as_ref().ok_or_else(|| {
            CoreError::invalid(
                "patient",
                "a referral is booked for a patient the desk knows",
            )
        })?;
        let network_patient =
            people::wellhive_id(person).ok_or_else(|| people::not_linked("WellHive"))?;
        let (network, service) = self.slot_service(slot).await?;
        let options = request.referral.clone().unwrap_or_default();
        let referral = self
            .pick_referral(
                &network_patient,
                options.referral_id.as_deref(),
                Some(&network),
            )
            .await?;
        let number = referral.and_then(|r| r.referral_number);
        let attributes = people::with_given(person, &options.attributes);
        let state = self.booking_state_arc();
        let sink = BookingSink {
            store: self.store().clone(),
            patient: who.desk.clone(),
        };
        let session_key: SessionKey = (network_patient.0.clone(), number.clone());
        let starter = self
            .referral_booking_with(Arc::new(sink.clone()))
            .ok_or_else(|| CoreError::invalid("slotId", "WellHive is not configured"))?;
        let (outcome, draft) = submit_once(
            &starter,
            &state,
            session_key,
            ReferralChoice {
                network,
                service: service.clone(),
                slot: slot.clone(),
                attributes,
                key: key.clone(),
            },
            &Zones::new(self.config().practice.timezone),
        )
        .await?;
        let pending_shape = referral_shape(
            slot,
            &service,
            &draft,
            who,
            &network_patient,
            number.clone(),
        );
        let (appointment, last) = first_look(outcome, &pending_shape)?;
        sink.record(&appointment).await?;
        let appointment = self
            .cached_appointment(&appointment.id)
            .await
            .unwrap_or(appointment);
        let settling = last.is_some();
        let replaces_id = replaces.as_ref().map(|a| a.id.clone());
        let pending = last.map(|last| {
            let booking = starter.with_settle_policy(state.policy());
            self.pending(
                Work::Referral {
                    booking,
                    last: Box::new(last),
                    pending: Box::new(pending_shape),
                },
                key,
                sink,
                replaces,
            )
        });
        Ok((
            BookingResult {
                key: key.0.clone(),
                appointment,
                patient_id: who.desk.clone(),
                patient_created: false,
                settling,
                replaces: replaces_id,
                telehealth: None,
            },
            pending,
        ))
    }
}

/// The desk's person as a NexHealth new-patient request (searched for there first).
fn new_from_person(p: &Patient, slot: &Slot) -> Result<NewPatientRequest, CoreError> {
    Ok(NewPatientRequest {
        given_name: p.given_name.clone(),
        family_name: p.family_name.clone(),
        birth_date: p.birth_date.ok_or_else(|| {
            CoreError::invalid(
                "patient",
                "the patient's date of birth is needed to book in person",
            )
        })?,
        phone: p
            .phones
            .first()
            .map(|ph| ph.number.clone())
            .unwrap_or_default(),
        email: p.email.clone(),
        provider: raw_id(slot.provider_id.as_ref()),
        location: raw_id(slot.location_id.as_ref()),
    })
}

/// How a submitted referral looks before the network has given it back: the draft, pending,
/// at the slot's time.
fn referral_shape(
    slot: &Slot,
    service: &frontdesk_core::ports::ProviderServiceInfo,
    draft: &ExternalId,
    who: &Who,
    network_patient: &ExternalId,
    number: Option<String>,
) -> Appointment {
    Appointment {
        id: Appointment::desk_id(Vendor::Wellhive, draft),
        vendor: Vendor::Wellhive,
        external_id: draft.clone(),
        patient_id: who.desk.clone(),
        patient_external_id: Some(network_patient.clone()),
        provider_id: slot.provider_id.clone(),
        location_id: None,
        appointment_type: slot.appointment_type.clone(),
        start: slot.start,
        end: slot.end,
        status: AppointmentStatus::Pending,
        visit: Visit::Referral {
            network: service.network_ids.first().cloned(),
            provider_service: Some(service.id.clone()),
            referral: number,
        },
        as_of: Utc::now(),
    }
}

/// Submits under the patient's search session (made now if there is none) and looks once;
/// the rest of the wait is the caller's (`PendingSettle`). The draft is spent afterwards, so
/// the next search for this patient starts a new session.
async fn submit_once(
    starter: &ReferralBooking,
    state: &Arc<BookingState>,
    session_key: SessionKey,
    choice: ReferralChoice,
    zones: &Zones,
) -> Result<(ReferralOutcome, ExternalId), BookError> {
    let session = {
        let (b, (p, n)) = (starter.clone(), session_key.clone());
        state
            .session(session_key.clone(), || async move {
                b.start(&ExternalId(p), n.as_deref()).await
            })
            .await?
    };
    let quick = starter.clone().with_settle_policy(SettlePolicy {
        first_pause: Duration::from_millis(1),
        max_pause: Duration::from_millis(1),
        give_up_after: Duration::ZERO,
    });
    let outcome = quick
        .submit(&session, &choice)
        .await
        .map_err(|e| map_booking(e, zones))?;
    state.end_session(&session_key).await;
    Ok((outcome, session.draft.clone()))
}

/// The booking as the first look after submit shows it, and what is still to wait for.
fn first_look(
    outcome: ReferralOutcome,
    pending: &Appointment,
) -> Result<
    (
        Appointment,
        Option<frontdesk_core::ports::NetworkAppointment>,
    ),
    BookError,
> {
    let (shown, last, failed) = match outcome {
        ReferralOutcome::Done(n) => (n.appointment.clone(), None, None),
        ReferralOutcome::StillWaiting(n) => (n.appointment.clone(), Some(n), None),
        ReferralOutcome::Errored {
            appointment,
            reason,
        } => {
            // The network's word for a slot someone else took.
            if reason.eq_ignore_ascii_case("conflict") {
                return Err(BookError::SlotTaken { next: Vec::new() });
            }
            (appointment.appointment, None, Some(reason))
        }
    };
    let mut appointment = shown.unwrap_or_else(|| pending.clone());
    if let Some(reason) = failed {
        appointment.status = AppointmentStatus::Failed { reason };
    } else if last.is_none() && appointment.status == AppointmentStatus::Pending {
        appointment.status = AppointmentStatus::Scheduled;
    }
    Ok((appointment, last))
}

/// Who an in-person booking is for, as NexHealth is asked: the linked record, else the desk's
/// person or the typed-in details as a new patient (looked for there before being created).
fn in_person_choice(
    request: &BookRequest,
    who: &Who,
    slot: &Slot,
) -> Result<PatientChoice, CoreError> {
    let choice = match (&request.patient, &who.person) {
        (_, Some(p)) => match p.link(Vendor::Nexhealth) {
            Some(id) => PatientChoice::Existing(id.clone()),
            None => PatientChoice::New(new_from_person(p, slot)?),
        },
        (
            BookingPatient::New {
                given_name,
                family_name,
                birth_date,
                phone,
                email,
            },
            None,
        ) => PatientChoice::New(NewPatientRequest {
            given_name: given_name.trim().to_owned(),
            family_name: family_name.trim().to_owned(),
            birth_date: NaiveDate::parse_from_str(birth_date.trim(), "%Y-%m-%d")
                .map_err(|_| CoreError::invalid("birthDate", "use a date like 1964-05-03"))?,
            phone: phone.trim().to_owned(),
            email: email.clone().filter(|e| !e.trim().is_empty()),
            provider: raw_id(slot.provider_id.as_ref()),
            location: raw_id(slot.location_id.as_ref()),
        }),
        (BookingPatient::Existing { .. }, None) => {
            return Err(CoreError::not_found("that patient"));
        }
    };
    if let PatientChoice::New(n) = &choice
        && (n.given_name.is_empty() || n.family_name.is_empty())
    {
        return Err(CoreError::invalid(
            "patient",
            "a new patient needs a given and a family name",
        ));
    }
    Ok(choice)
}
