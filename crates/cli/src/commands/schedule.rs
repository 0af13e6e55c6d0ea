//! `frontdesk schedule`: the day sheet from the cache alone, so it works with every vendor
//! down. Days are each location's local day; times print with their offset in that zone. The
//! answer carries `asOf`, the time of the oldest vendor copy it is built from, because a
//! schedule without its age is a guess.

use crate::cli::{Cli, ScheduleArgs};
use crate::context::{self, config_if_present};
use crate::exit::{ExitCode, Failure};
use crate::output;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use frontdesk_core::Vendor;
use frontdesk_core::appointment::{Appointment, VisitMode};
use frontdesk_core::contact::{ConnectionState, VendorStatus};
use frontdesk_core::practice::Location;
use frontdesk_store::Store;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where the desk's sink keeps each vendor's last status (`frontdesk-desk`'s `StoreSink`
/// writes it beside the stream cursors).
const STATUS_STREAM: &str = "status";

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    id: String,
    vendor: Vendor,
    external_id: String,
    patient_id: Option<String>,
    provider_id: Option<String>,
    location_id: Option<String>,
    appointment_type: Option<String>,
    start: String,
    end: String,
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_reason: Option<String>,
    mode: VisitMode,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct VendorAge {
    vendor: Vendor,
    state: ConnectionState,
    as_of: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Sheet {
    /// The oldest copy the sheet is built from (`null`: never synced).
    as_of: Option<DateTime<Utc>>,
    /// The day each location's rows belong to, per location.
    days: BTreeMap<String, NaiveDate>,
    vendors: Vec<VendorAge>,
    appointments: Vec<Row>,
}

pub fn run(cli: &Cli, args: &ScheduleArgs) -> Result<(), Failure> {
    let practice_zone =
        config_if_present(cli)?.map_or(chrono_tz::America::New_York, |c| c.practice.timezone);
    let store = context::open_store(cli)?;
    let mut locations = store.locations()?;
    if let Some(id) = &args.location {
        locations.retain(|l| &l.id == id);
        if locations.is_empty() {
            return Err(Failure::new(
                ExitCode::BadInput,
                format!("no location {id} in the cache (run `frontdesk sync` first)"),
            ));
        }
    }
    let mut rows: BTreeMap<String, (Tz, Appointment)> = BTreeMap::new();
    let mut days = BTreeMap::new();
    for location in &locations {
        let zone = zone_of(location).unwrap_or(practice_zone);
        let day = args
            .date
            .unwrap_or_else(|| Utc::now().with_timezone(&zone).date_naive());
        days.insert(location.id.clone(), day);
        for a in store.appointments_for_location_day(&location.id, day)? {
            rows.insert(a.id.clone(), (zone, a));
        }
    }
    // Telehealth visits have no location: find them through the providers, on the
    // practice's day (or the location's, when one was named).
    if args.location.is_none() || args.provider.is_some() {
        let zone = locations
            .first()
            .and_then(zone_of)
            .filter(|_| args.location.is_some())
            .unwrap_or(practice_zone);
        let day = args
            .date
            .unwrap_or_else(|| Utc::now().with_timezone(&zone).date_naive());
        let (from, to) = day_bounds(zone, day);
        let providers: Vec<String> = match &args.provider {
            Some(p) => vec![p.clone()],
            None => store.providers()?.into_iter().map(|p| p.id).collect(),
        };
        for provider in providers {
            for a in store.appointments_for_provider(&provider, from, to)? {
                rows.entry(a.id.clone()).or_insert((zone, a));
            }
        }
    }
    let mut list: Vec<(Tz, Appointment)> = rows
        .into_values()
        .filter(|(_, a)| {
            args.provider
                .as_ref()
                .is_none_or(|p| a.provider_id.as_ref() == Some(p))
                && args
                    .location
                    .as_ref()
                    .is_none_or(|l| a.location_id.as_ref() == Some(l))
        })
        .collect();
    list.sort_by(|(_, a), (_, b)| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    let vendors = ages(&store)?;
    let as_of = oldest(&vendors, &list);
    let sheet = Sheet {
        as_of,
        days,
        vendors,
        appointments: list.iter().map(|(zone, a)| row(*zone, a)).collect(),
    };
    if args.json {
        return output::json(&sheet);
    }
    print_text(&sheet)
}

fn zone_of(location: &Location) -> Option<Tz> {
    location.time_zone.parse().ok()
}

/// `[local midnight, next local midnight)`; where midnight does not exist (a zone that
/// springs forward at 00:00) the day starts at the first instant that does.
fn day_bounds(zone: Tz, day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    use chrono::TimeZone;
    let start = |d: NaiveDate| {
        let midnight = d.and_time(chrono::NaiveTime::MIN);
        (0..=12)
            .find_map(|quarter| {
                zone.from_local_datetime(&(midnight + chrono::Duration::minutes(quarter * 15)))
                    .earliest()
            })
            .map_or_else(
                || Utc.from_utc_datetime(&midnight),
                |t| t.with_timezone(&Utc),
            )
    };
    (start(day), start(day.succ_opt().unwrap_or(day)))
}

fn row(zone: Tz, a: &Appointment) -> Row {
    let (status, status_reason) = match serde_json::to_value(&a.status) {
        Ok(v) => (
            v.get("state")
                .and_then(|s| s.as_str())
                .unwrap_or("unknown")
                .to_owned(),
            v.get("reason").and_then(|s| s.as_str()).map(str::to_owned),
        ),
        Err(_) => ("unknown".to_owned(), None),
    };
    Row {
        id: a.id.clone(),
        vendor: a.vendor,
        external_id: a.external_id.0.clone(),
        patient_id: a.patient_id.as_ref().map(|p| p.0.clone()),
        provider_id: a.provider_id.clone(),
        location_id: a.location_id.clone(),
        appointment_type: a.appointment_type.clone(),
        start: a.start.with_timezone(&zone).to_rfc3339(),
        end: a.end.with_timezone(&zone).to_rfc3339(),
        status,
        status_reason,
        mode: a.visit.mode(),
    }
}

fn ages(store: &Store) -> Result<Vec<VendorAge>, Failure> {
    let mut out = Vec::new();
    for vendor in Vendor::ALL {
        let saved: Option<VendorStatus> = store
            .sync_cursor(vendor, STATUS_STREAM)?
            .and_then(|text| serde_json::from_str(&text).ok());
        if let Some(s) = saved {
            out.push(VendorAge {
                vendor,
                state: s.state,
                as_of: s.as_of,
            });
        }
    }
    Ok(out)
}

/// The oldest `as_of` among the vendors the rows come from (all synced vendors when there are
/// no rows: an empty day is only as fresh as the copy that says it is empty).
fn oldest(vendors: &[VendorAge], rows: &[(Tz, Appointment)]) -> Option<DateTime<Utc>> {
    let used: Vec<Vendor> = rows.iter().map(|(_, a)| a.vendor).collect();
    vendors
        .iter()
        .filter(|v| used.is_empty() || used.contains(&v.vendor))
        .filter_map(|v| v.as_of)
        .min()
}

fn print_text(sheet: &Sheet) -> Result<(), Failure> {
    let as_of = sheet
        .as_of
        .map_or_else(|| "never synced".to_owned(), |t| t.to_rfc3339());
    output::line(&format!("as of {as_of}"))?;
    if sheet.appointments.is_empty() {
        return output::line("no appointments");
    }
    for r in &sheet.appointments {
        let mode = match r.mode {
            VisitMode::InPerson => "in person",
            VisitMode::Telehealth => "telehealth",
            VisitMode::Referral => "referral",
        };
        output::line(&format!(
            "{}  {}  {:<10} {:<11} {}  provider {}  patient {}",
            r.start,
            r.end,
            r.status,
            mode,
            r.id,
            r.provider_id.as_deref().unwrap_or("-"),
            r.patient_id.as_deref().unwrap_or("-"),
        ))?;
    }
    Ok(())
}
