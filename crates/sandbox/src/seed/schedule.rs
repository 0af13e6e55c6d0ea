//! Appointments for the days around today: NexHealth's view (the EHR schedule it syncs) and
//! CXone's mirror of the same visits for reminders. Seeded from the working hours so seeded
//! bookings never overlap and the slot search sees a realistically busy practice.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use crate::options::SandboxOptions;
use crate::slots::{applies_on, local_instant};
use crate::world::{CxAppointment, Insertion, NexAppointment, World};

const NOTES: &[&str] = &[
    "Follow-up for blood pressure",
    "Medication review",
    "Knee pain",
    "Annual check",
    "Lab results discussion",
    "Flu symptoms",
];

pub fn build(world: &mut World, opts: &SandboxOptions, today: NaiveDate, rng: &mut StdRng) {
    let now = Utc::now();
    let half = i64::from(opts.days / 2);
    let mut by_loc: HashMap<u32, Vec<u32>> = HashMap::new();
    for p in &world.nex_patients {
        for l in &p.location_ids {
            by_loc.entry(*l).or_default().push(p.id);
        }
    }
    let mut id = 500_001u64;
    let whs = world.working_hours.clone();
    for offset in -half..(i64::from(opts.days) - half) {
        let date = today + Duration::days(offset);
        for wh in whs.iter().filter(|w| applies_on(w, date)) {
            let Some(loc) = world.location(wh.location_id).cloned() else {
                continue;
            };
            let types: Vec<_> = world
                .appointment_types
                .iter()
                .filter(|t| t.location_id == loc.id)
                .cloned()
                .collect();
            let Some(patients) = by_loc.get(&loc.id) else {
                continue;
            };
            let fill = match offset.cmp(&0) {
                std::cmp::Ordering::Less => 0.75,
                std::cmp::Ordering::Equal => 0.7,
                std::cmp::Ordering::Greater => {
                    (0.65 - 0.015 * f64::from(i32::try_from(offset).unwrap_or(60))).max(0.2)
                }
            };
            let mut t = wh.begin;
            while t < wh.end {
                let minutes = if rng.random_bool(0.25) { 60 } else { 30 };
                let end_t = t + Duration::minutes(minutes);
                if end_t > wh.end || !rng.random_bool(fill) {
                    t += Duration::minutes(30);
                    continue;
                }
                let kind = types
                    .iter()
                    .filter(|x| i64::from(x.minutes) == minutes)
                    .collect::<Vec<_>>()
                    .choose(rng)
                    .map(|x| x.id);
                let (Some(start), Some(end)) = (
                    local_instant(loc.tz, date, t),
                    local_instant(loc.tz, date, end_t),
                ) else {
                    break;
                };
                let cancelled = rng.random_bool(0.04);
                let created = start - Duration::days(rng.random_range(1..60));
                world.nex_appointments.push(NexAppointment {
                    id,
                    patient_id: patients.choose(rng).copied(),
                    provider_id: wh.provider_id,
                    location_id: loc.id,
                    operatory_id: wh.operatory_id,
                    appointment_type_id: kind,
                    start,
                    end,
                    note: if rng.random_bool(0.5) {
                        NOTES.choose(rng).map(|s| (*s).to_string())
                    } else {
                        None
                    },
                    // Drawn whatever the hour, so the world after this is the same at any hour.
                    confirmed: rng.random_bool(0.5) || start < now,
                    cancelled,
                    cancelled_at: if cancelled {
                        Some(created + Duration::hours(5))
                    } else {
                        None
                    },
                    unavailable: false,
                    insertion: Insertion::Synced,
                    foreign_id: Some(format!("{}", 70_000 + id)),
                    created_at: created,
                    updated_at: created,
                });
                id += 1;
                t = end_t;
            }
        }
    }
    place_story_appointment(world, today, &mut id);
    give_story_people_a_recent_visit(world, today);
    mirror_to_cxone(world, rng);
}

/// The other story people had a visit in the last few days: the desk keeps the people with a
/// visit in its retention window (30 days by default), and the demo's people are the ones
/// A-DAY-AT-THE-DESK.md walks through. The visit is one the schedule already held (the latest
/// before today that was not cancelled), handed to them, so no slot or booking moves.
fn give_story_people_a_recent_visit(world: &mut World, today: NaiveDate) {
    // The story people are the first people (seed/people.rs `story_people`).
    let story: Vec<u32> = world
        .nex_patients
        .iter()
        .filter(|p| p.person < 2)
        .map(|p| p.id)
        .collect();
    for patient in story {
        if world
            .nex_appointments
            .iter()
            .any(|a| a.patient_id == Some(patient))
        {
            continue;
        }
        let latest = world
            .nex_appointments
            .iter_mut()
            .filter(|a| !a.cancelled && a.start.date_naive() < today)
            .max_by_key(|a| a.start);
        if let Some(visit) = latest {
            visit.patient_id = Some(patient);
        }
    }
}

/// "Mr. Nguyen's Thursday 10:30 with Dr. Lee" from A-DAY-AT-THE-DESK.md.
fn place_story_appointment(world: &mut World, today: NaiveDate, id: &mut u64) {
    let Some(patient) = world.nex_patients.first().map(|p| p.id) else {
        return;
    };
    let Some(lee) = world.providers.first().cloned() else {
        return;
    };
    let mut date = today + Duration::days(1);
    while date.weekday() != Weekday::Thu {
        date += Duration::days(1);
    }
    let Some(wh) = world
        .working_hours
        .iter()
        .find(|w| w.provider_id == lee.id && applies_on(w, date))
        .cloned()
    else {
        return;
    };
    let Some(loc) = world.location(wh.location_id).cloned() else {
        return;
    };
    let (Some(start), Some(end)) = (
        local_instant(
            loc.tz,
            date,
            NaiveTime::from_hms_opt(10, 30, 0).unwrap_or_default(),
        ),
        local_instant(
            loc.tz,
            date,
            NaiveTime::from_hms_opt(11, 0, 0).unwrap_or_default(),
        ),
    ) else {
        return;
    };
    world.nex_appointments.retain(|a| {
        !(crate::slots::overlaps(a.start, a.end, start, end)
            && (a.provider_id == lee.id || a.operatory_id == wh.operatory_id))
    });
    let now = Utc::now();
    world.nex_appointments.push(NexAppointment {
        id: *id,
        patient_id: Some(patient),
        provider_id: lee.id,
        location_id: loc.id,
        operatory_id: wh.operatory_id,
        appointment_type_id: world
            .appointment_types
            .iter()
            .find(|t| t.location_id == loc.id && t.minutes == 30)
            .map(|t| t.id),
        start,
        end,
        note: Some("Follow-up for blood pressure".into()),
        confirmed: true,
        cancelled: false,
        cancelled_at: None,
        unavailable: false,
        insertion: Insertion::Synced,
        foreign_id: Some(format!("{}", 70_000 + *id)),
        created_at: now - Duration::days(20),
        updated_at: now - Duration::days(20),
    });
    *id += 1;
}

fn mirror_to_cxone(world: &mut World, rng: &mut StdRng) {
    let now = Utc::now();
    let cx_by_person: HashMap<usize, String> = world
        .cx_patients
        .iter()
        .map(|p| (p.person, p.id.clone()))
        .collect();
    let person_by_nex: HashMap<u32, usize> = world
        .nex_patients
        .iter()
        .map(|p| (p.id, p.person))
        .collect();
    let mut n = 50_000u64;
    let mut out = Vec::new();
    for a in &world.nex_appointments {
        let Some(person) = a.patient_id.and_then(|p| person_by_nex.get(&p)) else {
            continue;
        };
        let Some(cx) = cx_by_person.get(person) else {
            continue;
        };
        let (Some(prov), Some(loc)) =
            (world.provider(a.provider_id), world.location(a.location_id))
        else {
            continue;
        };
        let slug = a
            .appointment_type_id
            .and_then(|t| world.appointment_types.iter().find(|x| x.id == t))
            .map_or_else(|| "follow-up".to_string(), |t| t.slug.clone());
        let status = if a.cancelled {
            "cancelled"
        } else if a.end < now {
            "completed"
        } else {
            "scheduled"
        };
        let soon = a.start > now && a.start < now + Duration::days(2);
        // Drawn for every visit, sent or not, so the draws do not depend on the hour.
        let delivered = rng.random_bool(0.9);
        out.push(CxAppointment {
            id: format!("appt-{n}"),
            patient_id: cx.clone(),
            provider_id: prov.cx_id.clone(),
            location_id: loc.cx_id.clone(),
            appointment_type: slug,
            status: status.into(),
            start: a.start,
            end: a.end,
            notes: a.note.clone(),
            created_at: a.created_at,
            updated_at: a.updated_at,
            reminder_sent: soon || a.start < now,
            reminder_status: (soon || a.start < now)
                .then_some(delivered)
                .map(|ok| if ok { "delivered" } else { "failed" }.into()),
        });
        n += 1;
    }
    world.cx_appointments = out;
    world.next_id = world.next_id.max(n);
}
