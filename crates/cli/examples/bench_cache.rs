//! Builds the cache `scripts/bench-app.sh` starts the app on: a practice's desk after its first
//! sync, grown to a large practice's patient count, with every vendor gone. The demo practice
//! (the sandbox on loopback) is synced into `--data-dir` exactly as a desk syncs it, so today's
//! board holds the sandbox's real appointments; then synthetic people are added through the
//! store's own `upsert_vendor_patients` (identity rules and search index included) until the
//! cache holds `--patients`; then the sandbox stops, so the config's URLs point at closed ports
//! and a desk opened on them is offline. Secrets and the cache key go to the OS keychain as
//! `frontdesk demo` puts them, so the bench must run in a private keyring (the script does).
//!
//! `cargo run --release -p frontdesk-cli --example bench_cache -- --data-dir D --demo-dir X
//! [--patients 100000] [--sandbox-patients 5000] [--seed 42] [--pin PIN]`
//!
//! With `--pin`, the desk gets its staff the way a practice sets it up (the first-run admin,
//! then a receptionist, user `bench`, whose home is the day board), so the bench can sign in.
//!
//! Prints one JSON line: the config path, the patient count read back from the cache, the
//! location whose day has the most appointments today (for the bench to open the board on), and
//! how long the app's own start-up step takes on this cache once the vendors are gone: opening
//! the desk as `src-tauri/src/practice.rs` does (clients, secrets and cache key from the
//! keychain, the cache itself), with the keychain's share timed apart.
//! The synthetic people are invented (seeded RNG); no real person's data is involved.

#![allow(clippy::print_stdout)]

use chrono::{NaiveDate, Utc};
use frontdesk_core::access::{NewStaff, Role};
use frontdesk_core::config::secrets as names;
use frontdesk_core::ids::{ExternalId, Vendor};
use frontdesk_core::patient::{Phone, PhoneKind, VendorPatient};
use frontdesk_core::ports::SecretStore;
use frontdesk_desk::Desk;
use frontdesk_desk::demo::{DemoOptions, DemoPractice, sign_in_demo_nextech};
use frontdesk_store::{
    CACHE_FILE, KeyProvider, KeychainKeyProvider, KeychainSecrets, key_entry_name,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

const FAMILY: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "García",
    "Miller",
    "Davis",
    "Rodríguez",
    "Martínez",
    "Hernández",
    "López",
    "González",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Lee",
    "Pérez",
    "Nguyễn",
    "Trần",
    "Kim",
    "Park",
    "Chen",
    "Wang",
    "O'Brien",
    "Smith-Jones",
    "Müller",
    "Kowalski",
    "Dubois",
    "Ødegård",
    "Ñúñez",
    "Yılmaz",
    "MacDonald",
    "St. John",
    "Van der Berg",
    "De la Cruz",
    "Al-Hassan",
    "Okafor",
    "Adeyemi",
];
const GIVEN: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "Carlos",
    "María",
    "José",
    "Ana",
    "Luis",
    "Sofía",
    "Minh",
    "Linh",
    "Wei",
    "Mei",
    "Yuki",
    "Zoë",
    "Chloé",
    "Jean-Luc",
    "Seán",
    "Åsa",
    "Björn",
    "Łukasz",
    "Ngozi",
    "Fatima",
    "Omar",
    "Aisha",
    "Priya",
    "Arjun",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ten", "bor", "vi", "an", "sel", "dra", "qu", "ez", "ol", "un", "ja",
    "wen", "ho", "pe", "tri", "sto", "mar", "lin", "gu", "zy", "fen", "dal", "rik", "son",
];

/// Index `i` of `n` with probability roughly proportional to 1/(i+1): a few very common names.
fn skewed(rng: &mut StdRng, n: usize) -> usize {
    #[allow(clippy::cast_precision_loss)]
    let harmonic = (n as f64).ln() + 0.5772;
    let u: f64 = rng.random::<f64>() * harmonic;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let index = (u.exp() - 1.0) as usize;
    index.min(n - 1)
}

/// A made-up name from syllables: the long tail of rare names a large practice has.
fn rare_name(rng: &mut StdRng) -> String {
    let mut name = String::new();
    for _ in 0..rng.random_range(2..=3) {
        name.push_str(SYLLABLES[rng.random_range(0..SYLLABLES.len())]);
    }
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn synthetic(rng: &mut StdRng, i: usize) -> Result<VendorPatient, Box<dyn Error>> {
    let family = if rng.random_bool(0.6) {
        FAMILY[skewed(rng, FAMILY.len())].to_owned()
    } else {
        rare_name(rng)
    };
    let given = if rng.random_bool(0.85) {
        GIVEN[skewed(rng, GIVEN.len())].to_owned()
    } else {
        rare_name(rng)
    };
    let birth = NaiveDate::from_ymd_opt(
        rng.random_range(1930..2022),
        rng.random_range(1..=12),
        rng.random_range(1..=28),
    )
    .ok_or("invalid synthetic birth date")?;
    let phone = format!(
        "+1{}{:03}{:04}",
        rng.random_range(201..990),
        rng.random_range(200..999),
        rng.random_range(0..10_000)
    );
    Ok(VendorPatient {
        vendor: Vendor::Nexhealth,
        external_id: ExternalId(format!("bench-{i}")),
        given_name: given,
        family_name: family,
        middle_name: None,
        birth_date: Some(birth),
        mrn: Some(format!("B{:08}", i + 1)),
        phones: vec![Phone {
            number: phone,
            kind: PhoneKind::Mobile,
        }],
        email: None,
        preferred_language: None,
        communication: None,
        updated_at: None,
    })
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn number(name: &str, default: usize) -> Result<usize, Box<dyn Error>> {
    arg(name).map_or(Ok(default), |v| {
        v.parse()
            .map_err(|_| format!("{name} takes a number").into())
    })
}

/// People in the cache, read straight from the file with the key the keychain holds (the store
/// has no count of its own: no screen needs one).
fn people_in_cache(data_dir: &Path) -> Result<usize, Box<dyn Error>> {
    let canonical = data_dir.canonicalize()?;
    let key = KeychainKeyProvider
        .load(&key_entry_name(&canonical))?
        .ok_or("the keychain holds no key for the bench cache")?;
    let conn = rusqlite::Connection::open(canonical.join(CACHE_FILE))?;
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\"; PRAGMA query_only = ON;",
        key.to_hex().as_str()
    ))?;
    let count: i64 = conn.query_row("SELECT COUNT(*) FROM patients", [], |r| r.get(0))?;
    Ok(usize::try_from(count)?)
}

/// The median of five openings of the desk the way the app opens it at start, and of five loads
/// of the cache key alone from the keychain, in milliseconds.
fn time_desk_open(demo: &DemoPractice, data_dir: &Path) -> Result<(f64, f64), Box<dyn Error>> {
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let entry = key_entry_name(&data_dir.canonicalize()?);
    let (mut opens, mut keys) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let started = Instant::now();
        let secrets = frontdesk_desk::secrets_with_env(Arc::new(KeychainSecrets));
        let desk = Desk::open(
            demo.config.clone(),
            &secrets,
            data_dir,
            &KeychainKeyProvider,
            "bench",
        )?;
        opens.push(started.elapsed().as_secs_f64() * 1000.0);
        drop(desk);
        let started = Instant::now();
        KeychainKeyProvider.load(&entry)?;
        keys.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok((median(opens), median(keys)))
}

/// The staff a practice sets up first: the first-run admin, then a receptionist (`bench`, whose
/// home is the day board), both with `pin`.
fn add_staff(store: &frontdesk_store::Store, pin: &str) -> Result<(), Box<dyn Error>> {
    store.create_first_admin(
        "bench",
        &NewStaff {
            username: "bench-admin".into(),
            display_name: "Bench admin".into(),
            role: Role::Admin,
            credential: pin.to_owned(),
            provider_id: None,
        },
    )?;
    store.create_staff(
        "bench",
        &NewStaff {
            username: "bench".into(),
            display_name: "Bench receptionist".into(),
            role: Role::Receptionist,
            credential: pin.to_owned(),
            provider_id: None,
        },
    )?;
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn Error>> {
    let data_dir = PathBuf::from(arg("--data-dir").ok_or("--data-dir DIR is required")?);
    let demo_dir = PathBuf::from(arg("--demo-dir").ok_or("--demo-dir DIR is required")?);
    let target = number("--patients", 100_000)?;
    let seed = u64::try_from(number("--seed", 42)?)?;

    let started = Instant::now();
    let mut demo = DemoPractice::start(&DemoOptions {
        seed,
        patients: number("--sandbox-patients", 5000)?,
        dir: demo_dir,
    })
    .await?;
    // The desk reads its vendor credentials from the keychain, as a configured practice's does.
    let keychain: Arc<dyn SecretStore> = Arc::new(KeychainSecrets);
    for name in [
        names::CXONE_CLIENT_SECRET,
        names::ZOOM_CLIENT_SECRET,
        names::NEXHEALTH_API_KEY,
    ] {
        if let Some(value) = demo.secrets.get(name)? {
            keychain.set(name, &value)?;
        }
    }
    let desk = Desk::open(
        demo.config.clone(),
        &keychain,
        &data_dir,
        &KeychainKeyProvider,
        "bench",
    )?;
    if let Some(nextech) = &desk.clients().nextech {
        sign_in_demo_nextech(nextech).await?;
    }
    let report = desk.sync_all(Arc::new(|_| {})).await;
    if !report.all_ok() {
        return Err("the demo practice's first sync did not finish for every vendor".into());
    }
    let synced_at = started.elapsed();

    let store = desk.store().clone();
    let synced = people_in_cache(&data_dir)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let inserting = Instant::now();
    let mut next = 0;
    while next < target.saturating_sub(synced) {
        let end = target.saturating_sub(synced).min(next + 5000);
        let batch = (next..end)
            .map(|i| synthetic(&mut rng, i))
            .collect::<Result<Vec<_>, _>>()?;
        store.upsert_vendor_patients(&batch)?;
        next = end;
    }
    let inserted_in = inserting.elapsed();
    if let Some(pin) = arg("--pin") {
        add_staff(&store, &pin)?;
    }

    // The location whose today (in its own zone) is busiest: the board the bench opens on.
    let mut busiest: Option<(String, String, usize)> = None;
    for location in store.locations()? {
        let zone: chrono_tz::Tz = location.time_zone.parse()?;
        let today = Utc::now().with_timezone(&zone).date_naive();
        let count = store
            .appointments_for_location_day(&location.id, today)?
            .len();
        if busiest.as_ref().is_none_or(|(_, _, most)| count > *most) {
            busiest = Some((location.id, location.name, count));
        }
    }
    let (location_id, location_name, appointments) =
        busiest.ok_or("the synced cache has no locations")?;
    store.checkpoint()?;
    drop(store);
    drop(desk);
    let patients = people_in_cache(&data_dir)?;
    demo.make_unreachable().await;
    let (desk_open_ms, key_load_ms) = time_desk_open(&demo, &data_dir)?;

    println!(
        "{}",
        serde_json::json!({
            "event": "ready",
            "config": demo.config.path,
            "patients": patients,
            "syncedPatients": synced,
            "syncSeconds": synced_at.as_secs_f64(),
            "insertSeconds": inserted_in.as_secs_f64(),
            "locationId": location_id,
            "locationName": location_name,
            "appointmentsToday": appointments,
            "deskOpenMs": desk_open_ms,
            "cacheKeyLoadMs": key_load_ms,
        })
    );
    Ok(())
}
