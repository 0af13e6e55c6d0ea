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
