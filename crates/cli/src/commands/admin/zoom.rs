//! `frontdesk admin zoom …`: provider availability, the waiting room, patients and visits at
//! Zoom for Healthcare — what the desk's telehealth port does not do itself.

use super::validate::{self, DayWindow};
use super::{block_on, clients, need, show, vendor};
use crate::cli::Cli;
use crate::exit::{ExitCode, Failure};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use clap::{Args, Subcommand};
use frontdesk_vendors::zoom::wire::{
    Availability, AvailabilityUpdate, Invitation, NewPatient, PatientId, PatientUpdate, ProviderId,
    VisitId, VisitUpdate, WaitingRoomNotice, WeeklyHours,
};
use serde_json::json;

#[derive(Debug, Subcommand)]
pub enum ZoomCommand {
    /// A provider's weekly telehealth hours.
    #[command(subcommand)]
    Availability(AvailabilityCommand),
    /// Who is waiting, and letting them in.
    #[command(subcommand)]
    WaitingRoom(WaitingRoomCommand),
    /// Patient records at Zoom.
    #[command(subcommand)]
    Patient(PatientCommand),
    /// Virtual visits.
    #[command(subcommand)]
    Visit(VisitCommand),
}

#[derive(Debug, Subcommand)]
pub enum AvailabilityCommand {
    Get {
        #[arg(long, value_name = "ID")]
        provider: String,
        #[arg(long)]
        json: bool,
    },
    /// Replace a provider's weekly hours.
    Set {
        #[arg(long, value_name = "ID")]
        provider: String,
        /// A weekly window (repeatable): `monday=09:00-12:00`.
        #[arg(long = "hours", value_name = "DAY=HH:MM-HH:MM", required = true, value_parser = validate::day_window)]
        hours: Vec<DayWindow>,
        /// A day off (repeatable).
        #[arg(long = "unavailable", value_name = "YYYY-MM-DD", value_parser = validate::date)]
        unavailable: Vec<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum WaitingRoomCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    Admit {
        /// Zoom's patient id.
        #[arg(long, value_name = "ID")]
        patient: String,
    },
    /// Send a waiting patient a message ("the doctor is running 10 minutes late").
    Notify {
        #[arg(long, value_name = "ID")]
        patient: String,
        #[arg(long, value_parser = |s: &str| validate::text(s, 500))]
        message: String,
    },
}

#[derive(Debug, Args)]
pub struct PatientFields {
    #[arg(long)]
    pub first_name: Option<String>,
    #[arg(long)]
    pub last_name: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = validate::date)]
    pub dob: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum PatientCommand {
    Create {
        #[command(flatten)]
        fields: PatientFields,
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change only the fields given.
    Update {
        id: String,
        #[command(flatten)]
        fields: PatientFields,
        #[arg(long)]
        json: bool,
    },
    /// Send a patient the invitation to a visit.
    Invite {
        id: String,
        #[arg(long, value_name = "ID")]
        visit: String,
        /// `email` or `sms` (repeatable).
        #[arg(long = "channel", value_name = "CHANNEL", required = true, value_parser = ["email", "sms"])]
        channels: Vec<String>,
        #[arg(long)]
        message: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum VisitCommand {
    /// Change a visit's time, length, type, reason or status.
    Update(VisitUpdateArgs),
}

#[derive(Debug, Args)]
pub struct VisitUpdateArgs {
    pub id: String,
    /// RFC 3339, e.g. `2026-12-01T09:00:00-05:00`.
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<DateTime<FixedOffset>>,
    #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(5..=480))]
    pub duration: Option<u32>,
    #[arg(long = "type")]
    pub visit_type: Option<String>,
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn bad(message: impl Into<String>) -> Failure {
    Failure::new(ExitCode::BadInput, message)
}

fn patient_json(p: &frontdesk_vendors::zoom::wire::Patient) -> serde_json::Value {
    json!({"id": p.id, "firstName": p.first_name, "lastName": p.last_name, "email": p.email,
        "phone": p.phone, "dateOfBirth": p.date_of_birth, "mrn": p.mrn})
}

fn availability_json(a: &Availability) -> serde_json::Value {
    json!({"providerId": a.provider_id, "timezone": a.timezone, "weeklyHours": a.weekly_hours,
        "unavailableDates": a.unavailable_dates})
}

fn availability_text(a: &Availability) -> String {
    let mut lines: Vec<String> = a
        .weekly_hours
        .iter()
        .map(|h| format!("{}\t{}-{}", h.day, h.start_time, h.end_time))
        .collect();
    lines.extend(a.unavailable_dates.iter().map(|d| format!("off\t{d}")));
    lines.join("\n")
}

fn update(fields: &PatientFields) -> PatientUpdate {
    PatientUpdate {
        first_name: fields.first_name.clone(),
        last_name: fields.last_name.clone(),
        email: fields.email.clone(),
        phone: fields.phone.clone(),
        date_of_birth: fields.dob,
    }
}

// One arm per subcommand, each a few lines of shim: splitting it would only scatter them.
#[allow(clippy::too_many_lines)]
pub fn run(cli: &Cli, cmd: &ZoomCommand) -> Result<(), Failure> {
    // Local checks first: nothing reaches Zoom that Zoom would only refuse.
    match cmd {
        ZoomCommand::Availability(AvailabilityCommand::Set { hours, .. }) => {
            validate::no_overlaps(hours).map_err(bad)?;
        }
        ZoomCommand::Patient(PatientCommand::Create { fields, .. })
            if fields.first_name.is_none() || fields.last_name.is_none() =>
        {
            return Err(bad("patient create needs --first-name and --last-name"));
        }
        ZoomCommand::Patient(PatientCommand::Update { fields, .. })
            if fields.first_name.is_none()
                && fields.last_name.is_none()
                && fields.email.is_none()
                && fields.phone.is_none()
                && fields.dob.is_none() =>
        {
            return Err(bad("patient update: give at least one field to change"));
        }
        ZoomCommand::Visit(VisitCommand::Update(a))
            if a.at.is_none()
                && a.duration.is_none()
                && a.visit_type.is_none()
                && a.reason.is_none()
                && a.status.is_none() =>
        {
            return Err(bad("visit update: give at least one field to change"));
        }
        _ => {}
    }
    let zoom = need(clients(cli)?.zoom, "zoom")?;
    block_on(async move {
        match cmd {
            ZoomCommand::Availability(AvailabilityCommand::Get { provider, json }) => {
                let a = zoom
                    .provider_availability(&ProviderId::from(provider.as_str()))
                    .await
                    .map_err(vendor)?;
                show(*json, &availability_json(&a), || availability_text(&a))
            }
            ZoomCommand::Availability(AvailabilityCommand::Set {
                provider,
                hours,
                unavailable,
                json,
            }) => {
                let body = AvailabilityUpdate {
                    weekly_hours: hours
                        .iter()
                        .map(|h| WeeklyHours {
                            // The Zoom API spells days in lower case.
                            day: h.day.to_ascii_lowercase(),
                            start_time: h.window.start_text(),
                            end_time: h.window.end_text(),
                        })
                        .collect(),
                    unavailable_dates: unavailable.clone(),
                };
                let a = zoom
                    .set_provider_availability(&ProviderId::from(provider.as_str()), &body)
                    .await
                    .map_err(vendor)?;
                show(*json, &availability_json(&a), || availability_text(&a))
            }
            ZoomCommand::WaitingRoom(WaitingRoomCommand::List { json }) => {
                let room = zoom.waiting_room().await.map_err(vendor)?;
                let rows: Vec<_> = room
                    .participants
                    .iter()
                    .map(|p| json!({"patientId": p.patient_id, "visitId": p.visit_id,
                        "providerId": p.provider_id, "scheduledTime": p.scheduled_time, "joinedAt": p.joined_at}))
                    .collect();
                show(*json, &json!(rows), || {
                    room.participants
                        .iter()
                        .map(|p| {
                            let joined = p.joined_at.map(|t| t.to_rfc3339()).unwrap_or_default();
                            format!("{}\t{joined}", p.patient_id)
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            }
            ZoomCommand::WaitingRoom(WaitingRoomCommand::Admit { patient }) => {
                zoom.admit(&PatientId::from(patient.as_str()))
                    .await
                    .map_err(vendor)?;
                show(false, &json!(null), || "admitted".to_owned())
            }
            ZoomCommand::WaitingRoom(WaitingRoomCommand::Notify { patient, message }) => {
                let body = WaitingRoomNotice {
                    message: message.clone(),
                };
                zoom.notify_waiting(&PatientId::from(patient.as_str()), &body)
                    .await
                    .map_err(vendor)?;
                show(false, &json!(null), || "notified".to_owned())
            }
            ZoomCommand::Patient(PatientCommand::Create { fields, json }) => {
                let body = NewPatient {
                    first_name: fields.first_name.clone().unwrap_or_default(),
                    last_name: fields.last_name.clone().unwrap_or_default(),
                    email: fields.email.clone(),
                    phone: fields.phone.clone(),
                    date_of_birth: fields.dob,
                };
                let p = zoom.create_patient(&body).await.map_err(vendor)?;
                show(*json, &patient_json(&p), || {
                    format!("patient {} created", p.id)
                })
            }
            ZoomCommand::Patient(PatientCommand::Show { id, json }) => {
                let p = zoom
                    .patient(&PatientId::from(id.as_str()))
                    .await
                    .map_err(vendor)?;
                show(*json, &patient_json(&p), || {
                    format!(
                        "{}\t{} {}",
                        p.id,
                        p.first_name.as_deref().unwrap_or_default(),
                        p.last_name.as_deref().unwrap_or_default()
                    )
                })
            }
            ZoomCommand::Patient(PatientCommand::Update { id, fields, json }) => {
                let p = zoom
                    .update_patient(&PatientId::from(id.as_str()), &update(fields))
                    .await
                    .map_err(vendor)?;
                show(*json, &patient_json(&p), || {
                    format!("patient {} updated", p.id)
                })
            }
            ZoomCommand::Patient(PatientCommand::Invite {
                id,
                visit,
                channels,
                message,
            }) => {
                let body = Invitation {
                    visit_id: VisitId::from(visit.as_str()),
                    channels: channels.clone(),
                    message: message.clone(),
                };
                zoom.invite_patient(&PatientId::from(id.as_str()), &body)
                    .await
                    .map_err(vendor)?;
                show(false, &json!(null), || "invited".to_owned())
            }
            ZoomCommand::Visit(VisitCommand::Update(a)) => {
                let body = VisitUpdate {
                    scheduled_time: a.at.map(|t| t.with_timezone(&Utc)),
                    duration_minutes: a.duration,
                    visit_type: a.visit_type.clone(),
                    reason: a.reason.clone(),
                    status: a.status.clone(),
                };
                let v = zoom
                    .update_visit(&VisitId::from(a.id.as_str()), &body)
                    .await
                    .map_err(vendor)?;
                let value = json!({"id": v.id, "patientId": v.patient_id, "providerId": v.provider_id,
                    "scheduledTime": v.scheduled_time, "durationMinutes": v.duration_minutes, "status": v.status});
                show(a.json, &value, || {
                    format!(
                        "visit {}: {} at {}",
                        v.id,
                        v.status,
                        v.scheduled_time.to_rfc3339()
                    )
                })
            }
        }
    })
}
