//! The patients, and how each vendor holds them: CXone's MRN equals Nextech's chart number for
//! most people; some can only be matched by name, date of birth and phone; some appear twice
//! with a typo, a maiden name or day and month swapped; phone numbers are written differently
//! by each system.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::names::{CULTURES, Culture, MAIDEN, STREETS};
use crate::options::SandboxOptions;
use crate::world::{Address, CxPatient, Gender, NexPatient, NextechPatient, Person, World};

pub fn e164(digits: &str) -> String {
    format!("+1{digits}")
}

pub fn dashed(digits: &str) -> String {
    if digits.len() == 10 {
        format!("{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        digits.to_string()
    }
}

pub fn parens(digits: &str) -> String {
    if digits.len() == 10 {
        format!("({}) {}-{}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        digits.to_string()
    }
}

fn pick_culture(rng: &mut StdRng) -> &'static Culture {
    let total: u32 = CULTURES.iter().map(|c| c.weight).sum();
    let mut n = rng.random_range(0..total);
    for c in CULTURES {
        if n < c.weight {
            return c;
        }
        n -= c.weight;
    }
    &CULTURES[0]
}

fn ascii_slug(s: &str) -> String {
    let out: String = s
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else {
                None
            }
        })
        .collect();
    if out.is_empty() {
        "patient".into()
    } else {
        out
    }
}

/// One typo in a name: a doubled or dropped letter, the way a hurried desk types it.
fn typo(name: &str, rng: &mut StdRng) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < 3 {
        return format!("{name}{}", chars.last().copied().unwrap_or('e'));
    }
    let i = rng.random_range(1..chars.len() - 1);
    let mut out = chars.clone();
    if rng.random_bool(0.5) {
        out.remove(i);
    } else {
        out.insert(i, chars[i]);
    }
    out.into_iter().collect()
}

fn swap_day_month(d: NaiveDate) -> Option<NaiveDate> {
    if d.day() <= 12 && d.day() != d.month() {
        NaiveDate::from_ymd_opt(d.year(), d.day(), d.month())
    } else {
        None
    }
}

fn story_people(world: &World) -> Vec<Person> {
    // The people of A-DAY-AT-THE-DESK.md, so the demo can be walked through as written.
    let home = 0;
    let addr = |street: &str| Address {
        street: street.into(),
        city: "New York".into(),
        state: "NY".into(),
        zip: "10016".into(),
        lat: 40.745,
        lon: -73.978,
    };
    let _ = world;
    vec![
        Person {
            given: "Minh".into(),
            middle: Some("Van".into()),
            family: "Nguyen".into(),
            dob: NaiveDate::from_ymd_opt(1964, 5, 3).unwrap_or_default(),
            phone: "6465550143".into(),
            email: Some("minh.nguyen@example.com".into()),
            language: "vi".into(),
            gender: Gender::Male,
            mrn: String::new(),
            home_location: home,
            address: addr("12 Lexington Ave"),
        },
        Person {
            given: "Thi".into(),
            middle: None,
            family: "Nguyen".into(),
            dob: NaiveDate::from_ymd_opt(1971, 11, 19).unwrap_or_default(),
            phone: "6465550177".into(),
            email: None,
            language: "vi".into(),
            gender: Gender::Female,
            mrn: String::new(),
            home_location: home,
            address: addr("40 E 30th St"),
        },
    ]
}

pub fn build(world: &mut World, opts: &SandboxOptions, today: NaiveDate, rng: &mut StdRng) {
    let nloc = world.locations.len().max(1);
    let mut people = story_people(world);
    people.truncate(opts.patients);
    while people.len() < opts.patients {
        let c = pick_culture(rng);
        let gender = if rng.random_bool(0.5) {
            Gender::Female
        } else if rng.random_bool(0.98) {
            Gender::Male
        } else {
            Gender::Other
        };
        let given = if gender == Gender::Female {
            c.given_f
        } else {
            c.given_m
        }
        .choose(rng)
        .copied()
        .unwrap_or("Alex");
        let family = c.family.choose(rng).copied().unwrap_or("Doe");
        let age_days = rng.random_range(200..(95 * 365));
        let dob = today - Duration::days(age_days);
        let home = rng.random_range(0..nloc);
        let loc = &world.locations[home];
        let area = &loc.phone[..3];
        let phone = format!("{area}555{:04}", rng.random_range(0..10_000));
        let email = if rng.random_bool(0.8) {
            Some(format!(
                "{}.{}{}@example.com",
                ascii_slug(given),
                ascii_slug(family),
                rng.random_range(1..999)
            ))
        } else {
            None
        };
        people.push(Person {
            given: given.into(),
            middle: if rng.random_bool(0.2) {
                Some(
                    ["A.", "Marie", "J.", "Lee"]
                        .choose(rng)
                        .copied()
                        .unwrap_or("A.")
                        .into(),
                )
            } else {
                None
            },
            family: family.into(),
            dob,
            phone,
            email,
            language: c.languages.choose(rng).copied().unwrap_or("en").into(),
            gender,
            mrn: String::new(),
            home_location: home,
            address: Address {
                street: format!(
                    "{} {}",
                    rng.random_range(1..2000),
                    STREETS.choose(rng).copied().unwrap_or("Main St")
                ),
                city: loc.address.city.clone(),
                state: loc.address.state.clone(),
                zip: loc.address.zip.clone(),
                lat: loc.address.lat + rng.random_range(-0.2..0.2),
                lon: loc.address.lon + rng.random_range(-0.2..0.2),
            },
        });
    }
    for (i, p) in people.iter_mut().enumerate() {
        p.mrn = format!("A{:07}", 100_000 + i * 7);
    }
    world.people = people;
    build_vendor_records(world, today, rng);
}

// One pass per person keeps each person's vendor records side by side, which is the point.
#[allow(clippy::too_many_lines)]
fn build_vendor_records(world: &mut World, today: NaiveDate, rng: &mut StdRng) {
    let now = Utc::now();
    let loc_ids: Vec<u32> = world.locations.iter().map(|l| l.id).collect();
    let mut nex_id = 1001u32;
    let mut nextech_id = 100_000u32;
    for (i, p) in world.people.clone().iter().enumerate() {
        // Story people (the first two) are always fully linked.
        let roll: f64 = if i < 2 {
            0.0
        } else {
            rng.random_range(0.0..1.0)
        };
        let created = now - Duration::days(rng.random_range(30..2000));
        let home_loc = loc_ids[p.home_location % loc_ids.len()];
        let provider = world
            .providers
            .iter()
            .filter(|pr| pr.location == home_loc)
            .map(|pr| pr.id)
            .collect::<Vec<_>>();
        let pcp = provider.choose(rng).copied();

        let in_cxone = roll < 0.97;
        let in_nextech = !(0.95..0.97).contains(&roll);
        // 0.00-0.80 linked by MRN; 0.80-0.90 different numbers, match by name+dob+phone;
        // 0.90-0.95 near-duplicates in Nextech/NexHealth; 0.95-0.97 CXone/NexHealth only;
        // 0.97-1.00 new in the EHR, not yet known to CXone.
        let cx_mrn = if (0.80..0.90).contains(&roll) {
            format!("L{:06}", rng.random_range(0..1_000_000))
        } else {
            p.mrn.clone()
        };
        if in_cxone {
            world.cx_patients.push(CxPatient {
                id: format!("pt-{}", 10_000 + i),
                person: i,
                mrn: cx_mrn,
                first: p.given.clone(),
                last: p.family.clone(),
                dob: p.dob,
                gender: p.gender,
                email: p.email.clone(),
                phone: e164(&p.phone),
                alt_phone: if rng.random_bool(0.2) {
                    Some(e164(&format!("917555{:04}", rng.random_range(0..10_000))))
                } else {
                    None
                },
                language: p.language.clone(),
                tags: if rng.random_bool(0.3) {
                    vec!["primary-care".into()]
                } else {
                    Vec::new()
                },
                created_at: created,
                updated_at: created + Duration::days(rng.random_range(0..30)),
            });
        }
        if in_nextech {
            let (first, last, dob) = if (0.90..0.95).contains(&roll) {
                match rng.random_range(0..3) {
                    0 => (typo(&p.given, rng), p.family.clone(), p.dob),
                    1 if p.gender == Gender::Female => (
                        p.given.clone(),
                        MAIDEN.choose(rng).copied().unwrap_or("Walsh").into(),
                        p.dob,
                    ),
                    _ => (
                        p.given.clone(),
                        p.family.clone(),
                        swap_day_month(p.dob).unwrap_or(p.dob),
                    ),
                }
            } else {
                (p.given.clone(), p.family.clone(), p.dob)
            };
            let chart = if (0.80..0.90).contains(&roll) {
                format!("C{:06}", 500_000 + i)
            } else {
                p.mrn.clone()
            };
            world.nextech_patients.push(NextechPatient {
                patient_id: nextech_id,
                person: i,
                chart_number: chart,
                first,
                middle: p.middle.clone(),
                last,
                dob,
                ssn: format!("***-**-{:04}", rng.random_range(0..10_000)),
                home_phone: parens(&p.phone),
            });
            nextech_id += 1;
        }
        let mut locs = vec![home_loc];
        if rng.random_bool(0.1)
            && let Some(other) = loc_ids.iter().find(|l| **l != home_loc)
        {
            locs.push(*other);
        }
        world.nex_patients.push(NexPatient {
            id: nex_id,
            person: i,
            first: p.given.clone(),
            middle: p.middle.clone(),
            last: p.family.clone(),
            email: p.email.clone(),
            dob: p.dob,
            phone: p.phone.clone(),
            gender: p.gender,
            chart_id: if roll < 0.95 {
                Some(p.mrn.clone())
            } else {
                None
            },
            location_ids: locs,
            provider_id: pcp,
            language: p.language.clone(),
            created_at: created,
            updated_at: created,
        });
        nex_id += 1;
        // A second NexHealth record for some near-duplicates: same person registered again
        // at another location, with day and month swapped.
        if (0.90..0.92).contains(&roll)
            && let Some(swapped) = swap_day_month(p.dob)
        {
            let other = loc_ids
                .iter()
                .copied()
                .find(|l| *l != home_loc)
                .unwrap_or(home_loc);
            world.nex_patients.push(NexPatient {
                id: nex_id,
                person: i,
                first: p.given.clone(),
                middle: None,
                last: p.family.clone(),
                email: None,
                dob: swapped,
                phone: p.phone.clone(),
                gender: p.gender,
                chart_id: None,
                location_ids: vec![other],
                provider_id: None,
                language: p.language.clone(),
                // Registered again later, but never in the future: a record "updated" after
                // now would be changed-since every watermark and come back on every pass.
                created_at: (created + Duration::days(100)).min(now),
                updated_at: (created + Duration::days(100)).min(now),
            });
            nex_id += 1;
        }
    }
    let _ = today;
}
