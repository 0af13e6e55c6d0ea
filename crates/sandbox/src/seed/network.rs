//! WellHive's care network: networks, specialties, provider organizations and services near
//! the practice's locations, and referrals for some of the practice's patients (WellHive
//! knows patients by the practice's own patient index id, the MRN).

use chrono::{Duration, NaiveDate, NaiveTime, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use crate::world::{
    Address, WhAppointmentType, WhNetwork, WhOrganization, WhReferral, WhService, WhSpecialty,
    WhSpecialtyGroup, World,
};

pub fn uuid_from(rng: &mut StdRng) -> String {
    uuid::Builder::from_random_bytes(rng.random())
        .into_uuid()
        .to_string()
}

const SPECIALTIES: &[&str] = &[
    "Dermatology",
    "Cardiology",
    "Orthopedic Surgery",
    "Physical Therapy",
    "Ophthalmology",
    "Behavioral Health",
    "Gastroenterology",
    "Neurology",
];
const ORGS: &[&str] = &[
    "Hudson Dermatology Associates",
    "Lakeshore Heart Center",
    "Empire Orthopedics",
    "Windy City Physical Therapy",
    "Brooklyn Eye Care",
    "Mindful Path Behavioral Health",
    "North Shore GI",
    "Metro Neurology Group",
];
const DOCTORS: &[(&str, &str)] = &[
    ("Ana", "Ferreira"),
    ("Colin", "Marsh"),
    ("Yara", "Haddad"),
    ("Peter", "Olsen"),
    ("Ruth", "Adebayo"),
    ("Ken", "Tanaka"),
    ("Lucía", "Vega"),
    ("Mark", "Dunn"),
];

// The network is one table per kind, built in order; splitting it would only scatter it.
#[allow(clippy::too_many_lines)]
pub fn build(world: &mut World, today: NaiveDate, rng: &mut StdRng) {
    let _ = today;
    world.wh_networks = vec![
        WhNetwork {
            id: uuid_from(rng),
            name: "Community Care Network".into(),
            requires_referral: true,
        },
        WhNetwork {
            id: uuid_from(rng),
            name: "Practice Preferred Partners".into(),
            requires_referral: false,
        },
        WhNetwork {
            id: uuid_from(rng),
            name: "Regional Health Alliance".into(),
            requires_referral: true,
        },
    ];
    world.wh_specialties = SPECIALTIES
        .iter()
        .map(|n| WhSpecialty {
            id: uuid_from(rng),
            name: (*n).into(),
        })
        .collect();
    let sp = |i: usize, w: &World| w.wh_specialties[i].id.clone();
    world.wh_specialty_groups = vec![
        WhSpecialtyGroup {
            id: uuid_from(rng),
            name: "Surgical".into(),
            specialty_ids: vec![sp(2, world), sp(4, world)],
        },
        WhSpecialtyGroup {
            id: uuid_from(rng),
            name: "Medical".into(),
            specialty_ids: vec![sp(0, world), sp(1, world), sp(6, world), sp(7, world)],
        },
        WhSpecialtyGroup {
            id: uuid_from(rng),
            name: "Therapy".into(),
            specialty_ids: vec![sp(3, world), sp(5, world)],
        },
    ];
    let net_ids: Vec<String> = world.wh_networks.iter().map(|n| n.id.clone()).collect();
    for (i, name) in ORGS.iter().enumerate() {
        let nets = if i % 2 == 0 {
            vec![net_ids[0].clone(), net_ids[1].clone()]
        } else {
            vec![net_ids[1].clone(), net_ids[2].clone()]
        };
        world.wh_organizations.push(WhOrganization {
            name: (*name).into(),
            npi: format!("1{:09}", rng.random_range(0..1_000_000_000u32)),
            network_ids: nets,
        });
    }
    let locs = world.locations.clone();
    for (i, org) in world.wh_organizations.clone().iter().enumerate() {
        for k in 0..3 {
            let loc = &locs[(i + k) % locs.len().max(1)];
            let virtual_visit = k == 2 && i % 2 == 1;
            let (first, last) = DOCTORS[(i + k) % DOCTORS.len()];
            let required = if k == 1 {
                vec!["birthdate".to_string(), "phone".to_string()]
            } else {
                Vec::new()
            };
            world.wh_services.push(WhService {
                id: uuid_from(rng),
                name: format!(
                    "{} - {} {}",
                    SPECIALTIES[i % SPECIALTIES.len()],
                    if virtual_visit {
                        "Virtual"
                    } else {
                        loc.address.city.as_str()
                    },
                    k + 1
                ),
                active: !(i == 7 && k == 2),
                organization: i,
                network_ids: org.network_ids.clone(),
                specialty_ids: vec![world.wh_specialties[i % SPECIALTIES.len()].id.clone()],
                visit_mode: if virtual_visit {
                    "virtual".into()
                } else {
                    "in-person".into()
                },
                appointment_types: vec![
                    WhAppointmentType {
                        id: uuid_from(rng),
                        name: "New Patient".into(),
                        minutes: 40,
                    },
                    WhAppointmentType {
                        id: uuid_from(rng),
                        name: "Follow-up".into(),
                        minutes: 20,
                    },
                ],
                individual: (
                    format!("Dr. {first} {last}"),
                    format!("1{:09}", rng.random_range(0..1_000_000_000u32)),
                ),
                address: Address {
                    street: format!(
                        "{} {} St",
                        rng.random_range(10..900),
                        ["Court", "Hudson", "Wells", "State"][k % 4]
                    ),
                    city: loc.address.city.clone(),
                    state: loc.address.state.clone(),
                    zip: loc.address.zip.clone(),
                    lat: loc.address.lat + rng.random_range(-0.15..0.15),
                    lon: loc.address.lon + rng.random_range(-0.15..0.15),
                },
                timezone: loc.tz,
                phone: format!("{}-555-{:04}", &loc.phone[..3], rng.random_range(0..10_000)),
                self_schedulable: k != 1,
                required_fields: required,
                open: NaiveTime::from_hms_opt(8 + u32::try_from(k).unwrap_or(0), 0, 0)
                    .unwrap_or_default(),
                close: NaiveTime::from_hms_opt(16, 0, 0).unwrap_or_default(),
            });
        }
    }
    let now = Utc::now();
    let npeople = world.people.len();
    for (i, person) in world.people.iter().enumerate() {
        if !(i == 0 || (npeople > 10 && rng.random_bool(0.08))) {
            continue;
        }
        let spec = if i == 0 {
            0
        } else {
            rng.random_range(0..SPECIALTIES.len())
        };
        let net = if i == 0 {
            0
        } else {
            rng.random_range(0..net_ids.len())
        };
        let created = now - Duration::days(rng.random_range(1..90));
        world.wh_referrals.push(WhReferral {
            id: uuid_from(rng),
            referral_number: format!("R-{:06}", rng.random_range(0..1_000_000)),
            patient_id: person.mrn.clone(),
            network_id: net_ids[net].clone(),
            specialty_id: world.wh_specialties[spec].id.clone(),
            status: if i == 0 {
                "approved".into()
            } else {
                ["approved", "approved", "pending", "scheduled", "expired"]
                    .choose(rng)
                    .copied()
                    .unwrap_or("approved")
                    .into()
            },
            visit_mode: "in-person".into(),
            reason: format!("Referral to {}", SPECIALTIES[spec]),
            created,
            expires: (created + Duration::days(180)).date_naive(),
        });
    }
}

/// A generator of its own for the `n`th thing of a seed: what it draws does not depend on
/// anything drawn before it (nor on the day or hour the world was built).
pub fn rng_from_seed(seed: u64, n: u64) -> StdRng {
    use rand::SeedableRng;
    StdRng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9).wrapping_add(n))
}

/// A uuid minted after seeding, stable for a given seed and counter.
pub fn uuid_from_seed(seed: u64, n: u64) -> String {
    uuid_from(&mut rng_from_seed(seed, n))
}
