//! Zoom's side of the practice: the same people as Zoom patients (`pat_…`), the telehealth
//! providers (`prov_…`) and their video visits, including several today so the demo's
//! "My day" always has a video row, one of them with the patient already waiting.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde_json::json;

use crate::slots::local_instant;
use crate::world::{World, ZoomPatient, ZoomVisit};

const VISIT_TYPES: &[&str] = &[
    "follow_up",
    "initial_consultation",
    "urgent_care",
    "mental_health",
    "specialist_consult",
];
const REASONS: &[&str] = &[
    "Medication follow-up",
    "Lab results review",
    "Rash check",
    "Post-surgery checkup",
    "Anxiety follow-up",
    "Cold symptoms",
];

pub fn random_pwd(rng: &mut StdRng) -> String {
    const ALPHA: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..10)
        .map(|_| char::from(ALPHA[rng.random_range(0..ALPHA.len())]))
        .collect()
}

pub fn hipaa_settings() -> serde_json::Value {
    json!({"waiting_room": true, "recording": false, "require_encryption": true})
}

/// The visit's status as the clock stands now.
pub fn status_at(start: DateTime<Utc>, minutes: u32, now: DateTime<Utc>) -> &'static str {
    let end = start + Duration::minutes(i64::from(minutes));
    if now >= end {
        "completed"
    } else if now >= start {
        "in_progress"
    } else if now >= start - Duration::minutes(10) {
        "waiting"
    } else {
        "scheduled"
    }
}

/// A person's Zoom id, from the seed and the person alone: the same whatever the day or hour
/// the sandbox starts. The desk's cache outlives a sandbox (the demo starts a fresh one each
/// session), and Zoom cannot be searched for patients, so an id that moved with the clock
/// would reach the desk as a second Zoom record of the same person.
fn zoom_patient_id(seed: u64, person: usize) -> String {
    // Counters far above any the sandbox mints at run time (`uuid_from_seed`'s).
    const ZOOM_PATIENTS: u64 = 1 << 40;
    let person = u64::try_from(person).unwrap_or(0);
    let mut rng = super::network::rng_from_seed(seed, ZOOM_PATIENTS + person);
    format!("pat_{:08x}", rng.random::<u32>())
}

// Visits per provider per day, then the patients they imply: one pass reads best.
#[allow(clippy::too_many_lines)]
pub fn build(world: &mut World, today: NaiveDate, rng: &mut StdRng) {
    let now = Utc::now();
    let seed = world.seed;
    let tele: Vec<_> = world
        .providers
        .iter()
        .filter(|p| p.telehealth)
        .cloned()
        .collect();
    let mut zoom_by_person: HashMap<usize, String> = HashMap::new();
    let mut visits = Vec::new();
    for (pi, prov) in tele.iter().enumerate() {
        let Some(loc) = world.location(prov.location).cloned() else {
            continue;
        };
        let local_people: Vec<usize> = world
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                world
                    .locations
                    .get(p.home_location)
                    .is_some_and(|l| l.id == loc.id)
            })
            .map(|(i, _)| i)
            .collect();
        if local_people.is_empty() {
            continue;
        }
        for offset in -7i64..=14 {
            let date = today + Duration::days(offset);
            let mut times: Vec<NaiveTime> = Vec::new();
            if offset == 0 {
                times.extend(
                    [(9, 15), (12, 30), (17, 15)]
                        .iter()
                        .filter_map(|(h, m)| NaiveTime::from_hms_opt(*h, *m, 0)),
                );
                if pi == 0 {
                    // One visit starting within minutes of the sandbox starting: the patient
                    // is already in the waiting room.
                    let local_now = now.with_timezone(&loc.tz);
                    let soon = local_now + Duration::minutes(8);
                    if soon.date_naive() == today
                        && let Some(t) =
                            NaiveTime::from_hms_opt(soon.hour(), soon.minute() / 5 * 5, 0)
                    {
                        times.push(t);
                    }
                }
            } else {
                for (h, m) in [(12, 0), (12, 30), (17, 15), (17, 45)] {
                    if rng.random_bool(0.35) {
                        times.extend(NaiveTime::from_hms_opt(h, m, 0));
                    }
                }
            }
            for t in times {
                let Some(start) = local_instant(loc.tz, date, t) else {
                    continue;
                };
                let person = if offset == 0 && pi == 0 && t.hour() == 9 {
                    0
                } else {
                    local_people.choose(rng).copied().unwrap_or(0)
                };
                let zid = zoom_by_person
                    .entry(person)
                    .or_insert_with(|| zoom_patient_id(seed, person))
                    .clone();
                let duration = if rng.random_bool(0.5) { 20 } else { 30 };
                let mut status = status_at(start, duration, now);
                // Drawn for every visit, so the draws after it do not depend on the hour.
                let no_show = rng.random_bool(0.05);
                if status == "completed" && no_show {
                    status = "no_show";
                }
                let created = start - Duration::days(rng.random_range(1..20));
                // A patient already in the waiting room joined it a moment ago.
                let updated = if status == "waiting" {
                    now - Duration::minutes(1)
                } else {
                    created
                };
                visits.push(ZoomVisit {
                    id: format!("visit_{:010x}", rng.random_range(0..0xff_ffff_ffffu64)),
                    patient_id: zid,
                    provider_id: prov.zoom_id.clone(),
                    scheduled: start,
                    duration,
                    visit_type: VISIT_TYPES.choose(rng).copied().unwrap_or("follow_up").into(),
                    reason: REASONS.choose(rng).map(|s| (*s).to_string()),
                    status: status.into(),
                    meeting_id: rng.random_range(80_000_000_000u64..99_999_999_999),
                    pwd: random_pwd(rng),
                    settings: hipaa_settings(),
                    notifications: json!({"patient_email": true, "patient_sms": true, "reminder_minutes": [1440, 60]}),
                    created_at: created,
                    updated_at: updated,
                });
            }
        }
        world.zoom_availability.insert(
            prov.zoom_id.clone(),
            json!({
                "provider_id": prov.zoom_id,
                "timezone": loc.tz.name(),
                "weekly_hours": [
                    {"day": "monday", "start_time": "12:00", "end_time": "13:00"},
                    {"day": "wednesday", "start_time": "17:00", "end_time": "18:30"},
                    {"day": "friday", "start_time": "12:00", "end_time": "13:00"}
                ],
                "updated_at": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            }),
        );
    }
    let mut patients: Vec<ZoomPatient> = zoom_by_person
        .into_iter()
        .filter_map(|(person, id)| {
            let p = world.people.get(person)?;
            let created = now - Duration::days(rng.random_range(20..400));
            Some(ZoomPatient {
                id,
                person: Some(person),
                first: p.given.clone(),
                last: p.family.clone(),
                email: p.email.clone(),
                phone: Some(format!("+1 {}", super::people::dashed(&p.phone))),
                dob: Some(p.dob),
                language: p.language.clone(),
                created_at: created,
                updated_at: created,
            })
        })
        .collect();
    patients.sort_by(|a, b| a.id.cmp(&b.id));
    visits.sort_by_key(|v| v.scheduled);
    world.zoom_patients = patients;
    world.zoom_visits = visits;
}
