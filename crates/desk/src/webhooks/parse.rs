//! A verified delivery read into what it changes in the cache, in the same shapes a sync page
//! writes (core's `Appointment` and `VendorPatient`, mapped by the vendor clients' own `map`
//! functions), so a webhook and a pass cannot disagree about what a vendor said. Events that
//! name an entity without describing it become a status change on what the cache holds, or a
//! fetch (CXone's `patient.updated` carries only the id).

use chrono::{DateTime, Utc};
use frontdesk_core::appointment::{Appointment, AppointmentStatus};
use frontdesk_core::patient::VendorPatient;
use frontdesk_core::{ExternalId, Vendor};
use frontdesk_vendors::{cxone, nexhealth, zoom};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// What one event asks of the cache.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A whole appointment, written as a sync page would write it.
    Appointment(Box<Appointment>),
    /// A new status for an appointment the cache may hold (`vendor:externalId`).
    Status {
        external_id: ExternalId,
        status: AppointmentStatus,
    },
    /// A patient's record as the vendor now has it.
    Patient(Box<VendorPatient>),
    /// CXone names the patient that changed; the record is fetched.
    FetchCxonePatient(String),
    /// Nothing the cache keeps (a completed contact: the card fetches history when opened).
    Nothing,
}

/// One delivery, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The vendor's id for this event (a redelivery repeats it), else a hash of the body.
    pub id: String,
    /// The vendor's event name (never a payload value).
    pub name: String,
    /// When the vendor says it happened, where it says (CXone, NexHealth).
    pub time: Option<DateTime<Utc>>,
    pub change: Change,
}

/// Zoom's endpoint check, answered before anything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlValidation {
    pub plain_token: String,
}

/// What a body turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Event(Event),
    Validation(UrlValidation),
}

/// Why a body could not be read (the path only: serde's message can quote a value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable;

fn body_hash(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// Reads `body` as `vendor`'s webhook payload.
pub fn parse(vendor: Vendor, body: &[u8]) -> Result<Parsed, Unreadable> {
    match vendor {
        Vendor::Cxone => cxone_event(body).map(Parsed::Event),
        Vendor::Zoom => zoom_event(body),
        Vendor::Nexhealth => nexhealth_event(body).map(Parsed::Event),
        Vendor::Nextech | Vendor::Wellhive => Err(Unreadable),
    }
}

fn cxone_event(body: &[u8]) -> Result<Event, Unreadable> {
    let e: cxone::wire::WebhookEvent = serde_json::from_slice(body).map_err(|_| Unreadable)?;
    let d = &e.data;
    // The desk keeps no CXone appointments (a pass reads CXone's patients only; its
    // appointments are the EHR's and NexHealth's, which report them themselves), and a completed
    // contact is fetched with the card's history: those events are accepted with nothing to
    // write. Only `patient.updated` changes the cache.
    let change = if e.event_type == "patient.updated" {
        match d.patient_id.as_ref() {
            Some(p) => Change::FetchCxonePatient(p.as_str().to_owned()),
            None => return Err(Unreadable),
        }
    } else {
        Change::Nothing
    };
    Ok(Event {
        id: e.event_id,
        name: e.event_type,
        time: Some(e.timestamp),
        change,
    })
}

#[derive(Deserialize)]
struct ZoomEnvelope {
    event: String,
    #[serde(default)]
    payload: Value,
}

fn zoom_event(body: &[u8]) -> Result<Parsed, Unreadable> {
    let e: ZoomEnvelope = serde_json::from_slice(body).map_err(|_| Unreadable)?;
    if e.event == "endpoint.url_validation" {
        let plain_token = e
            .payload
            .get("plainToken")
            .and_then(Value::as_str)
            .ok_or(Unreadable)?
            .to_owned();
        return Ok(Parsed::Validation(UrlValidation { plain_token }));
    }
    let object = e.payload.get("object").cloned().unwrap_or(Value::Null);
    let visit_id = || {
        object
            .get("visit_id")
            .or_else(|| object.get("id"))
            .and_then(Value::as_str)
            .map(|v| ExternalId(v.to_owned()))
            .ok_or(Unreadable)
    };
    let full_visit = || serde_json::from_value::<zoom::wire::Visit>(object.clone()).ok();
    let change = match e.event.as_str() {
        "healthcare.visit.scheduled" | "healthcare.visit.cancelled" => match full_visit() {
            Some(v) => Change::Appointment(Box::new(zoom::map::visit(&v))),
            None if e.event.ends_with("cancelled") => Change::Status {
                external_id: visit_id()?,
                status: AppointmentStatus::Cancelled,
            },
            None => return Err(Unreadable),
        },
        // Admitted from the waiting room is the visit starting.
        "healthcare.visit.started" | "healthcare.patient.admitted" => Change::Status {
            external_id: visit_id()?,
            status: AppointmentStatus::InProgress,
        },
        "healthcare.visit.ended" => Change::Status {
            external_id: visit_id()?,
            status: AppointmentStatus::Completed,
        },
        "healthcare.patient.waiting" => Change::Status {
            external_id: visit_id()?,
            status: AppointmentStatus::Waiting,
        },
        _ => Change::Nothing,
    };
    Ok(Parsed::Event(Event {
        id: body_hash(body),
        name: e.event,
        time: None,
        change,
    }))
}

#[derive(Deserialize)]
struct NexEnvelope {
    event_name: String,
    #[serde(default)]
    event_time: Option<String>,
    #[serde(default)]
    delivery_id: Option<String>,
    #[serde(default)]
    data: Value,
}

fn nexhealth_event(body: &[u8]) -> Result<Event, Unreadable> {
    let e: NexEnvelope = serde_json::from_slice(body).map_err(|_| Unreadable)?;
    let time = e
        .event_time
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    let appointment = || -> Result<Appointment, Unreadable> {
        let raw = e.data.get("appointment").cloned().ok_or(Unreadable)?;
        let wire: nexhealth::wire::Appointment =
            serde_json::from_value(raw).map_err(|_| Unreadable)?;
        nexhealth::map::appointment(&wire).ok_or(Unreadable)
    };
    let change = match e.event_name.as_str() {
        "appointment_created" | "appointment_updated" | "appointment_insertion.complete" => {
            Change::Appointment(Box::new(appointment()?))
        }
        "appointment_insertion.failed" => {
            let mut a = appointment()?;
            if !matches!(a.status, AppointmentStatus::Failed { .. }) {
                let reason = e
                    .data
                    .get("error")
                    .and_then(Value::as_array)
                    .map(|errs| {
                        errs.iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| "the EHR refused the appointment".to_owned());
                a.status = AppointmentStatus::Failed { reason };
            }
            Change::Appointment(Box::new(a))
        }
        "patient_created" | "patient_updated" => {
            let raw = e.data.get("patient").cloned().ok_or(Unreadable)?;
            let wire: nexhealth::wire::Patient =
                serde_json::from_value(raw).map_err(|_| Unreadable)?;
            Change::Patient(Box::new(nexhealth::map::patient(&wire)))
        }
        _ => Change::Nothing,
    };
    Ok(Event {
        id: e.delivery_id.unwrap_or_else(|| body_hash(body)),
        name: e.event_name,
        time,
        change,
    })
}
