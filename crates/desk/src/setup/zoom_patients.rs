//! A telehealth visit's patient at Zoom: their record made or brought up to date from the
//! desk's, the visit's invitation sent again, and the clinician letting them in from the
//! waiting room or sending them a word. Everything that sends or reads patient data is
//! audited; the audit rows carry ids, never the data.

use super::{SetupError, need, vendor_error};
use crate::Desk;
use frontdesk_core::appointment::{Appointment, Visit};
use frontdesk_core::booking::invite_channels;
use frontdesk_core::patient::{Patient, PhoneKind};
use frontdesk_core::setup::{
    InvitationSent, WaitingVisit, ZoomPatientRecord, waiting_room_message,
};
use frontdesk_core::{CoreError, ExternalId, PatientId, Vendor};
use frontdesk_store::{AuditEvent, AuditOutcome, Store};
use frontdesk_vendors::zoom::map as zoom_map;
use frontdesk_vendors::zoom::wire::{
    Invitation, NewPatient, PatientId as ZoomPatientId, PatientUpdate, VisitId, WaitingRoomNotice,
};
use std::sync::Arc;

async fn audit(store: &Arc<Store>, event: AuditEvent) -> Result<(), SetupError> {
    crate::sink::blocking(store, move |s| s.audit_append(&event)).await?;
    Ok(())
}

/// Appends `action`'s audit row with the outcome of `result`, then hands `result` back.
async fn audited<T>(
    store: &Arc<Store>,
    event: impl Fn(AuditOutcome) -> AuditEvent,
    result: Result<T, SetupError>,
) -> Result<T, SetupError> {
    let outcome = if result.is_ok() {
        AuditOutcome::Ok
    } else {
        AuditOutcome::Failed
    };
    audit(store, event(outcome)).await?;
    result
}

/// The number Zoom texts invitations to: a mobile one first.
fn phone_for_zoom(p: &Patient) -> Option<String> {
    p.phones
        .iter()
        .find(|ph| ph.kind == PhoneKind::Mobile)
        .or_else(|| p.phones.first())
        .map(|ph| ph.number.clone())
}

/// Makes sure the desk patient has a record at Zoom carrying their current name, birth date,
/// e-mail and phone: updated when one is linked (or `known` names it), created and linked
/// (confirmed, since the desk made it from this very patient) when there is none.
pub async fn ensure_zoom_patient(
    desk: &Desk,
    actor: &str,
    patient_id: &PatientId,
    known: Option<ExternalId>,
) -> Result<ZoomPatientRecord, SetupError> {
    let card = read_card(desk, actor, patient_id).await?;
    sync_zoom_patient(desk, actor, &card.patient, known).await
}

/// The card, read as `actor`: the read is itself audited ("patient.read"), and its data is
/// about to leave the desk.
async fn read_card(
    desk: &Desk,
    actor: &str,
    patient_id: &PatientId,
) -> Result<frontdesk_store::PatientCard, SetupError> {
    let (who, reader) = (patient_id.clone(), actor.to_owned());
    Ok(crate::sink::blocking(desk.store(), move |s| s.patient_card(&reader, &who)).await?)
}

async fn sync_zoom_patient(
    desk: &Desk,
    actor: &str,
    p: &Patient,
    known: Option<ExternalId>,
) -> Result<ZoomPatientRecord, SetupError> {
    let zoom = need(desk.clients().zoom.as_ref(), Vendor::Zoom)?;
    let store = desk.store().clone();
    let patient_id = &p.id;
    let linked = p
        .links
        .iter()
        .find(|l| l.vendor == Vendor::Zoom)
        .map(|l| l.external_id.clone())
        .or(known);
    let result = match &linked {
        Some(id) => zoom
            .update_patient(
                &ZoomPatientId(id.0.clone()),
                &PatientUpdate {
                    first_name: Some(p.given_name.clone()),
                    last_name: Some(p.family_name.clone()),
                    email: p.email.clone(),
                    phone: phone_for_zoom(p),
                    date_of_birth: p.birth_date,
                },
            )
            .await
            .map_err(vendor_error),
        None => zoom
            .create_patient(&NewPatient {
                first_name: p.given_name.clone(),
                last_name: p.family_name.clone(),
                email: p.email.clone(),
                phone: phone_for_zoom(p),
                date_of_birth: p.birth_date,
            })
            .await
            .map_err(vendor_error),
    };
    let created = linked.is_none();
    let action = if created {
        "zoom.patient.create"
    } else {
        "zoom.patient.update"
    };
    let zp = audited(
        &store,
        |o| AuditEvent::new(actor, action, o).patient(patient_id),
        result,
    )
    .await?;
    let mut record = zoom_map::patient(&zp);
    if record.mrn.is_none() {
        record.mrn.clone_from(&p.mrn);
    }
    let external = record.external_id.clone();
    let (owner, confirmer) = (patient_id.clone(), actor.to_owned());
    crate::sink::blocking(&store, move |s| {
        s.upsert_vendor_patients(&[record])?;
        if s.patient_id_for(Vendor::Zoom, &external)?.as_ref() != Some(&owner) {
            s.confirm_link(&confirmer, Vendor::Zoom, &external, &owner)?;
        }
        Ok(())
    })
    .await?;
    tracing::info!(created, "zoom_patient_synced");
    Ok(ZoomPatientRecord {
        zoom_patient_id: zp.id.0,
        created,
    })
}

async fn zoom_visit(desk: &Desk, appointment_id: &str) -> Result<Appointment, SetupError> {
    let store = desk.store().clone();
    let id = appointment_id.to_owned();
    let appt = crate::sink::blocking(&store, move |s| s.appointment(&id)).await?;
    if appt.vendor != Vendor::Zoom || !matches!(appt.visit, Visit::Telehealth { .. }) {
        return Err(CoreError::invalid("appointmentId", "this is not a Zoom video visit").into());
    }
    Ok(appt)
}

fn zoom_patient_of(appt: &Appointment) -> Result<ZoomPatientId, SetupError> {
    appt.patient_external_id
        .as_ref()
        .map(|p| ZoomPatientId(p.0.clone()))
        .ok_or_else(|| {
            CoreError::invalid("appointmentId", "Zoom has not named this visit's patient").into()
        })
}

/// Sends the visit's invitation again, by the channels the patient allows, after bringing
/// their Zoom record up to date (so it reaches today's e-mail and phone).
pub async fn resend_invitation(
    desk: &Desk,
    actor: &str,
    appointment_id: &str,
) -> Result<InvitationSent, SetupError> {
    let zoom = need(desk.clients().zoom.as_ref(), Vendor::Zoom)?;
    let appt = zoom_visit(desk, appointment_id).await?;
    let patient = appt.patient_id.clone().ok_or_else(|| {
        CoreError::invalid(
            "appointmentId",
            "this visit's patient is not linked to a desk patient yet",
        )
    })?;
    let card = read_card(desk, actor, &patient).await?;
    let record =
        sync_zoom_patient(desk, actor, &card.patient, appt.patient_external_id.clone()).await?;
    let store = desk.store().clone();
    let channels: Vec<String> = invite_channels(card.patient.communication)
        .into_iter()
        .map(|c| c.key().to_owned())
        .collect();
    if channels.is_empty() {
        return Err(CoreError::Conflict {
            message: "the patient allows neither e-mail nor text messages".into(),
        }
        .into());
    }
    let body = Invitation {
        visit_id: VisitId(appt.external_id.0.clone()),
        channels: channels.clone(),
        message: None,
    };
    let result = zoom
        .invite_patient(&ZoomPatientId(record.zoom_patient_id), &body)
        .await
        .map_err(vendor_error);
    audited(
        &store,
        |o| {
            AuditEvent::new(actor, "telehealth.invite", o)
                .patient(&patient)
                .detail(serde_json::json!({"appointment": appt.id, "channels": channels}))
        },
        result,
    )
    .await?;
    Ok(InvitationSent { channels })
}

/// Who is in Zoom's waiting room, as the desk's appointments.
pub async fn waiting_room(desk: &Desk) -> Result<Vec<WaitingVisit>, SetupError> {
    let zoom = need(desk.clients().zoom.as_ref(), Vendor::Zoom)?;
    let room = zoom.waiting_room().await.map_err(vendor_error)?;
    Ok(room
        .participants
        .into_iter()
        .filter_map(|p| {
            let visit = p.visit_id?;
            Some(WaitingVisit {
                appointment_id: Appointment::desk_id(Vendor::Zoom, &ExternalId(visit.0)),
                joined_at: p.joined_at.map(|t| t.to_rfc3339()),
            })
        })
        .collect())
}

/// Lets the visit's patient in from the waiting room.
pub async fn admit_waiting_patient(
    desk: &Desk,
    actor: &str,
    appointment_id: &str,
) -> Result<(), SetupError> {
    let zoom = need(desk.clients().zoom.as_ref(), Vendor::Zoom)?;
    let appt = zoom_visit(desk, appointment_id).await?;
    let patient = zoom_patient_of(&appt)?;
    let result = zoom.admit(&patient).await.map_err(vendor_error);
    audited(
        desk.store(),
        |o| waiting_event(actor, "telehealth.admit", o, &appt),
        result,
    )
    .await
}

/// Sends the waiting patient a message ("the doctor is running 10 minutes late").
pub async fn notify_waiting_patient(
    desk: &Desk,
    actor: &str,
    appointment_id: &str,
    message: &str,
) -> Result<(), SetupError> {
    let message = waiting_room_message(message)?;
    let zoom = need(desk.clients().zoom.as_ref(), Vendor::Zoom)?;
    let appt = zoom_visit(desk, appointment_id).await?;
    let patient = zoom_patient_of(&appt)?;
    let result = zoom
        .notify_waiting(&patient, &WaitingRoomNotice { message })
        .await
        .map_err(vendor_error);
    audited(
        desk.store(),
        |o| waiting_event(actor, "telehealth.notify", o, &appt),
        result,
    )
    .await
}

fn waiting_event(
    actor: &str,
    action: &str,
    outcome: AuditOutcome,
    appt: &Appointment,
) -> AuditEvent {
    let event =
        AuditEvent::new(actor, action, outcome).detail(serde_json::json!({"appointment": appt.id}));
    match &appt.patient_id {
        Some(p) => event.patient(p),
        None => event,
    }
}
