//! Nextech's clinical side: past encounters per patient. The CCD HTML itself is generated on
//! request from the seed (see `ccd.rs`), so thousands of documents cost nothing at start.

use chrono::{Duration, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use crate::world::{Encounter, World};

const KINDS: &[&str] = &[
    "Office Visit",
    "Annual Physical",
    "Follow-up",
    "Telehealth Visit",
    "Procedure",
];

pub fn build(world: &mut World, rng: &mut StdRng) {
    let now = Utc::now();
    let mut id = 900_000u32;
    let nprov = world.providers.len().max(1);
    for p in &world.nextech_patients {
        // The story people (A-DAY-AT-THE-DESK.md) are opened for their CCD in the day's story,
        // so they always have a past visit; everyone else may have none, as in a real EHR.
        let fewest = u32::from(p.person < 2);
        for _ in 0..rng.random_range(fewest..=3) {
            let provider = rng.random_range(0..nprov);
            let date = now
                - Duration::days(rng.random_range(3..1000))
                - Duration::minutes(rng.random_range(0..600));
            let loc = world
                .providers
                .get(provider)
                .and_then(|pr| world.location(pr.location))
                .map_or_else(String::new, |l| l.name.clone());
            world.encounters.push(Encounter {
                id,
                patient_id: p.patient_id,
                provider,
                date,
                kind: KINDS.choose(rng).copied().unwrap_or("Office Visit").into(),
                department: world
                    .providers
                    .get(provider)
                    .map_or_else(String::new, |pr| pr.specialty.clone()),
                location: loc,
                locked: date < now - Duration::days(7),
            });
            id += 1;
        }
    }
}
