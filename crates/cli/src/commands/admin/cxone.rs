//! `frontdesk admin cxone …`: IVR templates and flows, webhook registration, and a patient's
//! appointments at CXone — the endpoints the desk's sync and outbox never use.

use super::validate::{self, Window};
use super::{block_on, clients, need, show, vendor};
use crate::cli::Cli;
use crate::exit::{ExitCode, Failure};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use clap::{Args, Subcommand};
use frontdesk_vendors::cxone::wire::{
    AppointmentQuery, IvrIntegrations, IvrParameters, LocationId, NewAppointment, NewIvrFlow,
    NewWebhook, PatientId, ProviderId,
};
use serde_json::json;
use std::io::BufRead;

#[derive(Debug, Subcommand)]
pub enum CxoneCommand {
    /// The IVR templates a flow can be built from.
    IvrTemplates {
        #[arg(long)]
        json: bool,
    },
    /// IVR flows.
    #[command(subcommand)]
    IvrFlow(IvrFlowCommand),
    /// Webhooks (CXone's API can only register them).
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
    /// One patient's record at CXone, by CXone's id.
    Patient {
        /// CXone's patient id (`pt-12345`).
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Appointments at CXone.
    #[command(subcommand)]
    Appointments(AppointmentsCommand),
}

#[derive(Debug, Subcommand)]
pub enum IvrFlowCommand {
    /// Build a flow from a template.
    Create(IvrFlowArgs),
}

// The switches mirror the IVR's yes/no parameters one to one.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
pub struct IvrFlowArgs {
    #[arg(long, value_parser = |s: &str| validate::text(s, 200))]
    pub name: String,
    /// The template's id (see `admin cxone ivr-templates`).
    #[arg(long, value_name = "ID")]
    pub template: String,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub department: Option<String>,
    /// Opening hours, 24 h: `08:00-17:00`.
    #[arg(long, value_name = "HH:MM-HH:MM", value_parser = validate::window)]
    pub working_hours: Option<Window>,
    /// Open days, comma-separated: `Monday,Tuesday,…`.
    #[arg(long, value_name = "DAYS", value_parser = validate::days)]
    pub working_days: Option<validate::DayList>,
    /// A closed day (repeatable).
    #[arg(long = "holiday", value_name = "YYYY-MM-DD", value_parser = validate::date)]
    pub holidays: Vec<NaiveDate>,
    #[arg(long)]
    pub greeting: Option<String>,
    #[arg(long, value_name = "ID")]
    pub ehr_system: Option<String>,
    #[arg(long, value_name = "ID")]
    pub scheduling_system: Option<String>,
    /// Callers must identify themselves.
    #[arg(long)]
    pub auth_required: bool,
    /// Offer callers a callback.
    #[arg(long)]
    pub callback: bool,
    /// How many days ahead a callback may be booked (with --callback).
    #[arg(long, value_name = "N", requires = "callback", value_parser = clap::value_parser!(u32).range(1..=365))]
    pub max_callback_days: Option<u32>,
    /// Ask callers for their insurance.
    #[arg(long)]
    pub collect_insurance: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// Register a webhook; its signing secret is read from stdin (one line), never an argument.
    Register {
        /// Where CXone sends events: a public https URL.
        #[arg(long, value_parser = validate::webhook_url)]
        url: String,
        /// An event to send (repeatable), e.g. `appointment.created`.
        #[arg(long = "event", value_name = "EVENT", required = true)]
        events: Vec<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AppointmentsCommand {
    /// One patient's appointments.
    List {
        /// CXone's patient id.
        #[arg(long, value_name = "ID")]
        patient: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = validate::date)]
        from: Option<NaiveDate>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = validate::date)]
        to: Option<NaiveDate>,
        /// `scheduled`, `cancelled` or `completed`.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Book an appointment at CXone.
    Create(NewAppointmentArgs),
}

#[derive(Debug, Args)]
pub struct NewAppointmentArgs {
    #[arg(long, value_name = "ID")]
    pub patient: String,
    #[arg(long, value_name = "ID")]
    pub provider: String,
    #[arg(long, value_name = "ID")]
    pub location: String,
    #[arg(long = "type", value_name = "TYPE")]
    pub appointment_type: String,
    /// RFC 3339, e.g. `2026-12-01T09:00:00-05:00`.
    #[arg(long, value_name = "DATETIME")]
    pub start: DateTime<FixedOffset>,
    #[arg(long, value_name = "DATETIME")]
    pub end: DateTime<FixedOffset>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn bad(message: impl Into<String>) -> Failure {
    Failure::new(ExitCode::BadInput, message)
}

// One arm per subcommand, each a few lines of shim: splitting it would only scatter them.
#[allow(clippy::too_many_lines)]
pub fn run(cli: &Cli, cmd: &CxoneCommand) -> Result<(), Failure> {
    // Everything that can be checked locally is, before the config or keychain is read.
    let secret = match cmd {
        CxoneCommand::Webhooks(WebhooksCommand::Register { .. }) => Some(read_secret()?),
        CxoneCommand::Appointments(AppointmentsCommand::Create(a)) if a.start >= a.end => {
            return Err(bad("--start must be before --end"));
        }
        CxoneCommand::Appointments(AppointmentsCommand::List {
            from: Some(f),
            to: Some(t),
            ..
        }) if f > t => {
            return Err(bad("--from must not be after --to"));
        }
        _ => None,
    };
    let cx = need(clients(cli)?.cxone, "cxone")?;
    block_on(async move {
        match cmd {
            CxoneCommand::IvrTemplates { json } => {
                let list = cx.ivr_templates().await.map_err(vendor)?;
                let rows: Vec<_> = list
                    .iter()
                    .map(|t| json!({"id": t.id, "name": t.name, "category": t.category, "description": t.description}))
                    .collect();
                show(*json, &json!(rows), || {
                    list.iter()
                        .map(|t| format!("{}\t{}", t.id, t.name))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            }
            CxoneCommand::IvrFlow(IvrFlowCommand::Create(a)) => {
                let flow = cx.create_ivr_flow(&ivr_flow(a)).await.map_err(vendor)?;
                let value = json!({"id": flow.id, "name": flow.name, "status": flow.status,
                    "baseTemplateId": flow.base_template_id, "deploymentStatus": flow.deployment_status});
                show(a.json, &value, || {
                    format!("ivr flow {}: {}", flow.id, flow.status)
                })
            }
            CxoneCommand::Webhooks(WebhooksCommand::Register {
                url,
                events,
                description,
                json,
            }) => {
                let body = NewWebhook {
                    url: url.clone(),
                    events: events.clone(),
                    description: description.clone(),
                    secret: secret.unwrap_or_default().into(),
                };
                let hook = cx.register_webhook(&body).await.map_err(vendor)?;
                let value = json!({"id": hook.id, "url": hook.url, "events": hook.events, "status": hook.status});
                show(*json, &value, || {
                    format!("webhook {}: {}", hook.id, hook.status)
                })
            }
            CxoneCommand::Patient { id, json } => {
                let p = cx
                    .patient(&PatientId::from(id.as_str()))
                    .await
                    .map_err(vendor)?;
                let value = json!({"id": p.id, "mrn": p.mrn, "firstName": p.first_name,
                    "lastName": p.last_name, "dateOfBirth": p.date_of_birth});
                show(*json, &value, || {
                    format!("{}\t{} {}", p.id, p.first_name, p.last_name)
                })
            }
            CxoneCommand::Appointments(AppointmentsCommand::List {
                patient,
                from,
                to,
                status,
                json,
            }) => {
                let query = AppointmentQuery {
                    start_date: *from,
                    end_date: *to,
                    status: status.clone(),
                };
                let list = cx
                    .patient_appointments(&PatientId::from(patient.as_str()), &query)
                    .await
                    .map_err(vendor)?;
                let rows: Vec<_> = list.data.iter().map(appointment_json).collect();
                show(*json, &json!(rows), || {
                    list.data
                        .iter()
                        .map(|a| format!("{}\t{}\t{}", a.id, a.start_time.to_rfc3339(), a.status))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            }
            CxoneCommand::Appointments(AppointmentsCommand::Create(a)) => {
                let body = NewAppointment {
                    patient_id: PatientId::from(a.patient.as_str()),
                    provider_id: ProviderId::from(a.provider.as_str()),
                    location_id: LocationId::from(a.location.as_str()),
                    appointment_type: a.appointment_type.clone(),
                    start_time: a.start.with_timezone(&Utc),
                    end_time: a.end.with_timezone(&Utc),
                    notes: a.notes.clone(),
                };
                let made = cx.create_appointment(&body).await.map_err(vendor)?;
                show(a.json, &appointment_json(&made), || {
                    format!("appointment {}: {}", made.id, made.status)
                })
            }
        }
    })
}

fn appointment_json(a: &frontdesk_vendors::cxone::wire::Appointment) -> serde_json::Value {
    json!({"id": a.id, "patientId": a.patient_id, "providerId": a.provider_id,
        "locationId": a.location_id, "appointmentType": a.appointment_type, "status": a.status,
        "startTime": a.start_time, "endTime": a.end_time})
}

fn ivr_flow(a: &IvrFlowArgs) -> NewIvrFlow {
    let integrations = (a.ehr_system.is_some() || a.scheduling_system.is_some() || a.auth_required)
        .then(|| IvrIntegrations {
            ehr_system_id: a.ehr_system.clone(),
            scheduling_system_id: a.scheduling_system.clone(),
            authentication_required: a.auth_required.then_some(true),
        });
    NewIvrFlow {
        name: a.name.clone(),
        description: a.description.clone(),
        base_template_id: a.template.as_str().into(),
        parameters: IvrParameters {
            department_name: a.department.clone(),
            collect_insurance_info: a.collect_insurance.then_some(true),
            offer_callback_option: a.callback.then_some(true),
            max_callback_days: a.max_callback_days,
            working_hours_start: a.working_hours.map(Window::start_text),
            working_hours_end: a.working_hours.map(Window::end_text),
            working_days: a.working_days.clone().map(|d| d.0).unwrap_or_default(),
            holiday_dates: a.holidays.clone(),
            greeting_message: a.greeting.clone(),
        },
        integrations,
    }
}

/// The webhook's signing secret, from stdin so it never lands in shell history or `ps`.
fn read_secret() -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::new(ExitCode::Other, format!("could not read stdin: {e}")))?;
    let secret = line.trim_end_matches(['\r', '\n']);
    if secret.is_empty() {
        return Err(bad(
            "the webhook's signing secret is read from stdin: pipe it in (one line)",
        ));
    }
    Ok(secret.to_owned())
}
