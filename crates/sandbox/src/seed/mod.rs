//! Builds the seeded practice: deterministic for a given seed and "today", sized by the
//! options. Each step lives in its own file; this one only runs them in order.

mod ccd;
mod contacts;
mod names;
mod network;
mod people;
mod practice;
mod records;
mod schedule;
mod telehealth;

use chrono::NaiveDate;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::options::SandboxOptions;
use crate::world::World;

pub use ccd::encounter_ccd;
pub use contacts::contact_history;
pub use network::uuid_from_seed;
pub use telehealth::hipaa_settings;

/// The practice's "today" when none is given: the wall clock's date on the East Coast, where
/// the first location is.
pub fn default_today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::America::New_York)
        .date_naive()
}

pub fn build(opts: &SandboxOptions) -> World {
    let today = opts.today.unwrap_or_else(default_today);
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let mut world = World {
        seed: opts.seed,
        today: Some(today),
        institution_id: 4001,
        subdomain: "frontdesk-demo".into(),
        next_id: 9_000_000,
        ..World::default()
    };
    practice::build(&mut world, opts, today, &mut rng);
    people::build(&mut world, opts, today, &mut rng);
    schedule::build(&mut world, opts, today, &mut rng);
    telehealth::build(&mut world, today, &mut rng);
    records::build(&mut world, &mut rng);
    network::build(&mut world, today, &mut rng);
    world
}

#[cfg(test)]
mod tests {
    use super::*;

    fn todays(world: &World, today: NaiveDate) -> Vec<(u32, usize)> {
        world
            .locations
            .iter()
            .map(|l| {
                let n = world
                    .nex_appointments
                    .iter()
                    .filter(|a| {
                        a.location_id == l.id && a.start.with_timezone(&l.tz).date_naive() == today
                    })
                    .count();
                (l.id, n)
            })
            .collect()
    }

    #[test]
    fn should_book_every_location_today_even_on_a_weekend() {
        for day in [21, 22, 23] {
            let today = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
            let opts = SandboxOptions {
                today: Some(today),
                ..SandboxOptions::small(3)
            };
            let world = build(&opts);
            for (loc, n) in todays(&world, today) {
                assert!(n > 0, "location {loc} has no appointments on {today}");
            }
        }
    }

    #[test]
    fn should_give_every_story_person_a_visit_the_retention_window_keeps() {
        let today = chrono::Utc::now().date_naive();
        // The app's demo practice (seed 42, 5000 people) and a small one.
        for (seed, patients) in [(42, 5000), (7, 200)] {
            let world = build(&SandboxOptions {
                seed,
                patients,
                ..SandboxOptions::default()
            });
            let story: Vec<_> = world.nex_patients.iter().filter(|p| p.person < 2).collect();
            assert_eq!(story.len(), 2);
            for p in story {
                let visit = world.nex_appointments.iter().find(|a| {
                    a.patient_id == Some(p.id)
                        && !a.cancelled
                        && a.start.date_naive() >= today - chrono::Duration::days(30)
                });
                assert!(visit.is_some(), "{} {} (seed {seed})", p.first, p.last);
            }
        }
    }

    #[test]
    fn should_give_every_story_person_a_past_encounter_on_any_day() {
        // The seed's draws before the encounters depend on the weekday, so check a whole week.
        for day in 16..=22 {
            for seed in [42, 104] {
                let world = build(&SandboxOptions {
                    seed,
                    patients: 200,
                    today: NaiveDate::from_ymd_opt(2026, 11, day),
                    ..SandboxOptions::default()
                });
                for p in world.nextech_patients.iter().filter(|p| p.person < 2) {
                    assert!(
                        world
                            .encounters
                            .iter()
                            .any(|e| e.patient_id == p.patient_id),
                        "{} {} has no encounter (seed {seed}, day {day})",
                        p.first,
                        p.last
                    );
                }
            }
        }
    }

    #[test]
    fn should_give_a_person_the_same_zoom_id_on_every_day() {
        let minh = |day| {
            let world = build(&SandboxOptions {
                seed: 42,
                patients: 200,
                today: NaiveDate::from_ymd_opt(2026, 11, day),
                ..SandboxOptions::default()
            });
            world
                .zoom_patients
                .iter()
                .find(|p| p.person == Some(0))
                .map(|p| p.id.clone())
        };
        let saturday = minh(21);
        assert!(saturday.is_some(), "Minh is a Zoom patient");
        assert_eq!(saturday, minh(23));
        assert_eq!(saturday, minh(26));
    }

    #[test]
    fn should_date_no_patient_record_in_the_future() {
        let world = build(&SandboxOptions {
            seed: 42,
            patients: 5000,
            ..SandboxOptions::default()
        });
        let now = chrono::Utc::now();
        assert!(world.nex_patients.iter().all(|p| p.updated_at <= now));
        assert!(world.cx_patients.iter().all(|p| p.updated_at <= now));
    }

    #[test]
    fn should_build_the_same_practice_from_the_same_seed() {
        let opts = SandboxOptions {
            today: NaiveDate::from_ymd_opt(2026, 11, 23),
            ..SandboxOptions::small(9)
        };
        let (a, b) = (build(&opts), build(&opts));
        let names = |w: &World| {
            w.people
                .iter()
                .map(|p| format!("{} {} {}", p.given, p.family, p.dob))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        assert_eq!(a.nex_appointments.len(), b.nex_appointments.len());
        assert_eq!(
            a.wh_services
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>(),
            b.wh_services
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn should_vary_names_across_scripts_and_punctuation() {
        let opts = SandboxOptions {
            patients: 2000,
            ..SandboxOptions::small(5)
        };
        let world = build(&opts);
        let all = world
            .people
            .iter()
            .map(|p| format!("{} {}", p.given, p.family))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(all.contains('\''), "apostrophes");
        assert!(all.contains('-'), "hyphens");
        assert!(
            all.chars()
                .any(|c| matches!(c, 'é' | 'ñ' | 'ü' | 'ễ' | 'á')),
            "accents"
        );
        assert!(
            all.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
            "Cyrillic"
        );
        assert!(
            all.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "Han"
        );
        assert!(
            all.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "Arabic"
        );
        let langs: std::collections::HashSet<_> =
            world.people.iter().map(|p| p.language.as_str()).collect();
        assert!(langs.len() >= 6);
    }
}
