//! The practice itself: locations in two time zones, operatories, providers, appointment
//! types and the providers' working hours (which the slot search works from).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use rand::Rng;
use rand::rngs::StdRng;

use super::names::{PROVIDER_FIRST, PROVIDER_LAST, SPECIALTIES};
use crate::options::SandboxOptions;
use crate::world::{Address, AppointmentType, Location, Operatory, Provider, WorkingHour, World};

struct Site {
    name: &'static str,
    tz: Tz,
    street: &'static str,
    city: &'static str,
    state: &'static str,
    zip: &'static str,
    lat: f64,
    lon: f64,
    phone: &'static str,
}

const SITES: &[Site] = &[
    Site {
        name: "Midtown",
        tz: chrono_tz::America::New_York,
        street: "350 5th Ave",
        city: "New York",
        state: "NY",
        zip: "10118",
        lat: 40.7484,
        lon: -73.9857,
        phone: "2125550100",
    },
    Site {
        name: "Lincoln Park",
        tz: chrono_tz::America::Chicago,
        street: "2400 N Clark St",
        city: "Chicago",
        state: "IL",
        zip: "60614",
        lat: 41.9255,
        lon: -87.6401,
        phone: "3125550100",
    },
    Site {
        name: "Brooklyn Heights",
        tz: chrono_tz::America::New_York,
        street: "75 Montague St",
        city: "Brooklyn",
        state: "NY",
        zip: "11201",
        lat: 40.6947,
        lon: -73.9946,
        phone: "7185550100",
    },
    Site {
        name: "Evanston",
        tz: chrono_tz::America::Chicago,
        street: "1600 Sherman Ave",
        city: "Evanston",
        state: "IL",
        zip: "60201",
        lat: 42.0451,
        lon: -87.6877,
        phone: "8475550100",
    },
];

pub const TYPES: &[(&str, u32, &str)] = &[
    ("Follow-up", 30, "follow-up"),
    ("New Patient", 60, "new-patient"),
    ("Annual Physical", 60, "annual-physical"),
    ("Sick Visit", 30, "sick-visit"),
];

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

pub fn build(world: &mut World, opts: &SandboxOptions, today: NaiveDate, rng: &mut StdRng) {
    let nloc = opts.locations.max(1);
    for i in 0..nloc {
        let site = &SITES[i % SITES.len()];
        let id = 11 + u32::try_from(i).unwrap_or(0);
        world.locations.push(Location {
            id,
            cx_id: format!("loc-{}", 450 + i),
            name: format!("Frontdesk Family Medicine - {}", site.name),
            tz: site.tz,
            address: Address {
                street: site.street.into(),
                city: site.city.into(),
                state: site.state.into(),
                zip: site.zip.into(),
                lat: site.lat,
                lon: site.lon,
            },
            phone: site.phone.into(),
        });
    }
    let loc_ids: Vec<u32> = world.locations.iter().map(|l| l.id).collect();

    for i in 0..opts.operatories.max(nloc) {
        let loc = loc_ids[i % nloc];
        let n = world
            .operatories
            .iter()
            .filter(|o| o.location_id == loc)
            .count()
            + 1;
        world.operatories.push(Operatory {
            id: 201 + u32::try_from(i).unwrap_or(0),
            name: format!("Exam Room {n}"),
            location_id: loc,
        });
    }

    for i in 0..opts.providers.max(nloc) {
        let first = PROVIDER_FIRST[i % PROVIDER_FIRST.len()];
        let last = PROVIDER_LAST[(i * 7) % PROVIDER_LAST.len()];
        let id = 101 + u32::try_from(i).unwrap_or(0);
        world.providers.push(Provider {
            id,
            cx_id: format!("dr-{}", 700 + i),
            zoom_id: format!("prov_{:06x}", rng.random_range(0x10_0000..0xff_ffff)),
            nextech_id: 5000 + id,
            first: first.into(),
            last: last.into(),
            designation: if i % 5 == 4 { "NP".into() } else { "MD".into() },
            specialty: SPECIALTIES[i % SPECIALTIES.len()].into(),
            npi: format!("1{:09}", rng.random_range(0..1_000_000_000u32)),
            email: format!(
                "{}.{}@frontdesk-demo.example",
                first.to_lowercase(),
                last.to_lowercase()
            ),
            location: loc_ids[i % nloc],
            // A third of providers (always the first, Dr. Lee) see patients over video too.
            telehealth: i % 3 == 0,
        });
    }

    let mut type_id = 301;
    for &loc in &loc_ids {
        for (name, minutes, slug) in TYPES {
            world.appointment_types.push(AppointmentType {
                id: type_id,
                name: (*name).into(),
                minutes: *minutes,
                location_id: loc,
                bookable_online: *slug != "annual-physical",
                slug: (*slug).into(),
            });
            type_id += 1;
        }
    }

    build_working_hours(world, today);
}

fn build_working_hours(world: &mut World, today: NaiveDate) {
    let created = Utc::now() - chrono::Duration::days(400);
    let mut next_id = 401;
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
    ];
    for loc in world.locations.clone() {
        let provs: Vec<u32> = world
            .providers
            .iter()
            .filter(|p| p.location == loc.id)
            .map(|p| p.id)
            .collect();
        let ops: Vec<u32> = world
            .operatories
            .iter()
            .filter(|o| o.location_id == loc.id)
            .map(|o| o.id)
            .collect();
        let types: Vec<u32> = world
            .appointment_types
            .iter()
            .filter(|t| t.location_id == loc.id)
            .map(|t| t.id)
            .collect();
        if provs.is_empty() || ops.is_empty() {
            continue;
        }
        // One provider per operatory per day, rotating, so seeded bookings never collide.
        let mut rows: BTreeMap<(u32, u32, bool), Vec<Weekday>> = BTreeMap::new();
        for (d, wd) in weekdays.iter().enumerate() {
            let saturday = *wd == Weekday::Sat;
            for (j, op) in ops.iter().enumerate() {
                if saturday && j > 0 {
                    continue;
                }
                let p = provs[(j + d) % provs.len()];
                rows.entry((p, *op, saturday)).or_default().push(*wd);
            }
        }
        for ((p, op, saturday), days) in rows {
            world.working_hours.push(WorkingHour {
                id: next_id,
                provider_id: p,
                location_id: loc.id,
                operatory_id: Some(op),
                begin: hm(9, 0),
                end: if saturday { hm(13, 0) } else { hm(17, 0) },
                days,
                specific_date: None,
                appointment_type_ids: types.clone(),
                active: true,
                source: "synced",
                created_at: created,
            });
            next_id += 1;
        }
        // A Sunday clinic on the day the sandbox starts, so the demo's day board is never empty.
        if today.weekday() == Weekday::Sun {
            for (j, op) in ops.iter().enumerate().take(2) {
                world.working_hours.push(WorkingHour {
                    id: next_id,
                    provider_id: provs[j % provs.len()],
                    location_id: loc.id,
                    operatory_id: Some(*op),
                    begin: hm(10, 0),
                    end: hm(14, 0),
                    days: Vec::new(),
                    specific_date: Some(today),
                    appointment_type_ids: types.clone(),
                    active: true,
                    source: "manual",
                    created_at: created,
                });
                next_id += 1;
            }
        }
    }
}
