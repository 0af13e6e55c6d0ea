//! `frontdesk admin nexhealth …`: availabilities (working hours) and appointment types, which
//! decide what online booking can offer; the desk reads them but never writes them.

use super::validate::{self, Window};
use super::{MAX_PAGES, block_on, clients, need, show, too_many_pages, vendor};
use crate::cli::Cli;
use crate::exit::{ExitCode, Failure};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use frontdesk_vendors::nexhealth::wire::{
    AppointmentType, AppointmentTypeId, LocationId, NewAppointmentType, NewAppointmentTypeDetails,
    NewWorkingHour, OperatoryId, ProviderId, WorkingHour,
};
use serde_json::json;

#[derive(Debug, Subcommand)]
pub enum NexhealthCommand {
    /// When providers can be booked (`availabilities`; `working_hours` on the older API).
    #[command(subcommand)]
    Availability(AvailabilityCommand),
    /// What can be booked.
    #[command(subcommand)]
    AppointmentTypes(AppointmentTypesCommand),
}

#[derive(Debug, Subcommand)]
pub enum AvailabilityCommand {
    List {
        #[arg(long, value_name = "ID")]
        location: i64,
        #[arg(long)]
        json: bool,
    },
    Create(NewAvailabilityArgs),
}

#[derive(Debug, Args)]
pub struct NewAvailabilityArgs {
    #[arg(long, value_name = "ID")]
    pub location: i64,
    #[arg(long, value_name = "ID")]
    pub provider: i64,
    /// 24 h: `09:00-17:00`.
    #[arg(long, value_name = "HH:MM-HH:MM", value_parser = validate::window)]
    pub hours: Window,
    /// Weekly days, comma-separated: `Monday,Tuesday`.
    #[arg(long, value_name = "DAYS", value_parser = validate::days, conflicts_with = "date")]
    pub days: Option<validate::DayList>,
    /// One date instead of weekly days.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = validate::date)]
    pub date: Option<NaiveDate>,
    #[arg(long, value_name = "ID")]
    pub operatory: Option<i64>,
    /// An appointment type bookable in these hours (repeatable).
    #[arg(long = "appointment-type", value_name = "ID")]
    pub appointment_types: Vec<i64>,
    /// Create it switched off.
    #[arg(long)]
    pub inactive: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AppointmentTypesCommand {
    List {
        #[arg(long, value_name = "ID")]
        location: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    Create {
        #[arg(long, value_name = "ID")]
        location: i64,
        #[arg(long, value_parser = |s: &str| validate::text(s, 200))]
        name: String,
        #[arg(long, value_parser = clap::value_parser!(u32).range(5..=480))]
        minutes: u32,
        #[arg(long)]
        bookable_online: bool,
        #[arg(long)]
        json: bool,
    },
}

fn hour_json(h: &WorkingHour) -> serde_json::Value {
    json!({"id": h.id, "providerId": h.provider_id, "locationId": h.location_id,
        "operatoryId": h.operatory_id, "beginTime": h.begin_time, "endTime": h.end_time,
        "days": h.days, "specificDate": h.specific_date, "active": h.active,
        "appointmentTypeIds": h.appointment_types.iter().map(|t| t.id).collect::<Vec<_>>()})
}

fn hour_text(h: &WorkingHour) -> String {
    let when = h.specific_date.map_or_else(
        || h.days.clone().unwrap_or_default().join(","),
        |d| d.to_string(),
    );
    let provider = h.provider_id.map(|p| p.to_string()).unwrap_or_default();
    format!(
        "{}\tprovider {provider}\t{when}\t{}-{}",
        h.id, h.begin_time, h.end_time
    )
}

fn type_json(t: &AppointmentType) -> serde_json::Value {
    json!({"id": t.id, "name": t.name, "minutes": t.minutes, "parentType": t.parent_type,
        "parentId": t.parent_id, "bookableOnline": t.bookable_online})
}

// One arm per subcommand, each a few lines of shim: splitting it would only scatter them.
#[allow(clippy::too_many_lines)]
pub fn run(cli: &Cli, cmd: &NexhealthCommand) -> Result<(), Failure> {
    if let NexhealthCommand::Availability(AvailabilityCommand::Create(a)) = cmd
        && a.days.is_none()
        && a.date.is_none()
    {
        return Err(Failure::new(
            ExitCode::BadInput,
            "availability create needs --days (weekly) or --date (one day)",
        ));
    }
    let nh = need(clients(cli)?.nexhealth, "nexhealth")?;
    block_on(async move {
        match cmd {
            NexhealthCommand::Availability(AvailabilityCommand::List { location, json }) => {
                let mut hours = Vec::new();
                let mut cursor: Option<String> = None;
                for _ in 0..MAX_PAGES {
                    let page = nh
                        .working_hours(LocationId(*location), cursor.as_deref())
                        .await
                        .map_err(vendor)?;
                    hours.extend(page.items);
                    cursor = page.next;
                    if cursor.is_none() {
                        let rows: Vec<_> = hours.iter().map(hour_json).collect();
                        return show(*json, &json!(rows), || {
                            hours.iter().map(hour_text).collect::<Vec<_>>().join("\n")
                        });
                    }
                }
                Err(too_many_pages())
            }
            NexhealthCommand::Availability(AvailabilityCommand::Create(a)) => {
                let body = NewWorkingHour {
                    provider_id: ProviderId(a.provider),
                    begin_time: a.hours.start_text(),
                    end_time: a.hours.end_text(),
                    operatory_id: a.operatory.map(OperatoryId),
                    appointment_type_ids: a
                        .appointment_types
                        .iter()
                        .copied()
                        .map(AppointmentTypeId)
                        .collect(),
                    days: a.days.clone().map(|d| d.0).unwrap_or_default(),
                    specific_date: a.date,
                    active: !a.inactive,
                };
                let h = nh
                    .create_working_hour(LocationId(a.location), &body)
                    .await
                    .map_err(vendor)?;
                show(a.json, &hour_json(&h), || {
                    format!("availability {} created", h.id)
                })
            }
            NexhealthCommand::AppointmentTypes(AppointmentTypesCommand::List {
                location,
                json,
            }) => {
                let types = nh
                    .appointment_types(location.map(LocationId))
                    .await
                    .map_err(vendor)?;
                let rows: Vec<_> = types.iter().map(type_json).collect();
                show(*json, &json!(rows), || {
                    types
                        .iter()
                        .map(|t| {
                            format!(
                                "{}\t{}\t{} min",
                                t.id,
                                t.name,
                                t.minutes.unwrap_or_default()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            }
            NexhealthCommand::AppointmentTypes(AppointmentTypesCommand::Create {
                location,
                name,
                minutes,
                bookable_online,
                json,
            }) => {
                let body = NewAppointmentType {
                    location_id: LocationId(*location),
                    appointment_type: NewAppointmentTypeDetails {
                        name: name.clone(),
                        minutes: *minutes,
                        // Created under the location it is for, as the doc's example does.
                        parent_type: "Location".to_owned(),
                        parent_id: *location,
                        bookable_online: bookable_online.then_some(true),
                    },
                };
                let t = nh.create_appointment_type(&body).await.map_err(vendor)?;
                show(*json, &type_json(&t), || {
                    format!("appointment type {} created", t.id)
                })
            }
        }
    })
}
