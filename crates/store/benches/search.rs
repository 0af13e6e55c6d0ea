//! Patient search as a receptionist types it, on synthetic practices of 100k (and, when asked,
//! 1M) patients with skewed, accented, hyphenated names and a long tail. Three designs run
//! interleaved on the same queries: (a) this store, encrypted, through `Store::search` (audit row
//! included); (b) a naive FTS5 table (unicode61, prefix index, ORDER BY rank), unencrypted;
//! (c) a naive `LIKE '%q%'` scan. Prints p50/p99 per design and size, cold open to first result
//! and the bulk insert rate, then hands a few queries to criterion.
//!
//! `FRONTDESK_BENCH_SIZES=100000,1000000 cargo bench -p frontdesk-store --bench search`
//! (default: 100000). Built datasets are kept under the target dir and reused.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::too_many_lines
)]

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group};
use frontdesk_core::ids::{ExternalId, Vendor};
use frontdesk_core::patient::{Phone, PhoneKind, VendorPatient};
use frontdesk_store::{CacheKey, MemoryKeyProvider, Store, key_entry_name};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const COMMON_FAMILY: &[&str] = &[
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
    "Martin",
    "Lee",
    "Pérez",
    "Thompson",
    "White",
    "Harris",
    "Sánchez",
    "Clark",
    "Ramírez",
    "Lewis",
    "Robinson",
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Kim",
    "Park",
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "O'Brien",
    "O'Connor",
    "D'Angelo",
    "Smith-Jones",
    "Garcia-Lopez",
    "Müller",
    "Schäfer",
    "Kowalski",
    "Nowak",
    "Dubois",
    "Lefèvre",
    "Ødegård",
    "Søren",
    "Ñúñez",
    "Żółć",
    "Çelik",
    "Yılmaz",
    "Öztürk",
    "Ivanov",
    "Petrov",
    "MacDonald",
    "McCarthy",
    "St. John",
    "Van der Berg",
    "De la Cruz",
    "Abu-Bakr",
    "Al-Hassan",
    "Fitzgerald",
    "Okafor",
    "Adeyemi",
];
const COMMON_GIVEN: &[&str] = &[
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
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Carlos",
    "María",
    "José",
    "Ana",
    "Luis",
    "Sofía",
    "Minh",
    "Thi",
    "Anh",
    "Linh",
    "Wei",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Zoë",
    "Chloé",
    "Renée",
    "Jean-Luc",
    "Mary-Kate",
    "Seán",
    "Siobhán",
    "Åsa",
    "Björn",
    "Jürgen",
    "Łukasz",
    "Ngozi",
    "Chidi",
    "Fatima",
    "Omar",
    "Aisha",
    "Mohammed",
    "Priya",
    "Arjun",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ten", "bor", "vi", "an", "sel", "dra", "qu", "ez", "ol", "un", "ja",
    "wen", "ho", "pe", "tri", "sto", "mar", "lin", "gu", "zy", "fen", "dal", "rik", "son", "ber",
    "ova", "ski", "é", "ñ",
];

/// A skewed pick: index i of `n` with probability roughly proportional to 1/(i+1).
fn zipf(rng: &mut StdRng, n: usize) -> usize {
    let h = (n as f64).ln() + 0.5772;
    let u: f64 = rng.random::<f64>() * h;
    ((u.exp() - 1.0) as usize).min(n - 1)
}

fn tail_name(rng: &mut StdRng) -> String {
    let parts = rng.random_range(2..=3);
    let mut s = String::new();
    for _ in 0..parts {
        s.push_str(SYLLABLES[rng.random_range(0..SYLLABLES.len())]);
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

struct Person {
    given: String,
    family: String,
    dob: NaiveDate,
    phone: String,
    mrn: String,
}

fn people(n: usize) -> Vec<Person> {
    let mut rng = StdRng::seed_from_u64(42);
    // A long tail: a few thousand rare family names, each shared by a handful of people.
    let tail: Vec<String> = (0..(n / 20).max(100))
        .map(|_| tail_name(&mut rng))
        .collect();
    (0..n)
        .map(|i| {
            let family = if rng.random_bool(0.6) {
                COMMON_FAMILY[zipf(&mut rng, COMMON_FAMILY.len())].to_owned()
            } else {
                tail[zipf(&mut rng, tail.len())].clone()
            };
            let given = if rng.random_bool(0.85) {
                COMMON_GIVEN[zipf(&mut rng, COMMON_GIVEN.len())].to_owned()
            } else {
                tail_name(&mut rng)
            };
            let dob = NaiveDate::from_ymd_opt(
                rng.random_range(1930..2022),
                rng.random_range(1..=12),
                rng.random_range(1..=28),
            )
            .unwrap();
            let phone = format!(
                "{}{:03}{:04}",
                rng.random_range(201..990),
                rng.random_range(200..999),
                rng.random_range(0..10000)
            );
            Person {
                given,
                family,
                dob,
                phone,
                mrn: format!("MRN{:07}", i + 1),
            }
        })
        .collect()
}

fn record(i: usize, p: &Person) -> VendorPatient {
    VendorPatient {
        vendor: Vendor::Nexhealth,
        external_id: ExternalId(i.to_string()),
        given_name: p.given.clone(),
        family_name: p.family.clone(),
        middle_name: None,
        birth_date: Some(p.dob),
        mrn: Some(p.mrn.clone()),
        phones: vec![Phone {
            number: format!("({}) {}-{}", &p.phone[..3], &p.phone[3..6], &p.phone[6..]),
            kind: PhoneKind::Mobile,
        }],
        email: None,
        preferred_language: None,
        communication: None,
        updated_at: None,
    }
}

struct Dataset {
    dir: PathBuf,
    keys: MemoryKeyProvider,
    fts: Connection,
    like: Connection,
    insert_rate: f64,
}

fn dataset(n: usize, people: &[Person]) -> Dataset {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("frontdesk-bench-v3-{n}"));
    let store_dir = root.join("store");
    let ready = root.join("ready");
    let keys = MemoryKeyProvider::new();
    let insert_rate;
    if ready.exists() {
        let text = std::fs::read_to_string(&ready).unwrap();
        let mut lines = text.lines();
        let key = CacheKey::from_hex(lines.next().unwrap()).unwrap();
        insert_rate = lines.next().unwrap().parse().unwrap();
        keys.set(
            &key_entry_name(&store_dir.canonicalize().unwrap()),
            Some(key),
        );
    } else {
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let store = Store::open(&store_dir, &keys, "bench").unwrap();
        let started = Instant::now();
        let records: Vec<VendorPatient> = people
            .iter()
            .enumerate()
            .map(|(i, p)| record(i, p))
            .collect();
        for chunk in records.chunks(5000) {
            store.upsert_vendor_patients(chunk).unwrap();
        }
        insert_rate = n as f64 / started.elapsed().as_secs_f64();
        store.checkpoint().unwrap();
        build_naive(&root, people);
        let (_, key) = keys.keys().pop().unwrap();
        std::fs::write(
            &ready,
            format!("{}\n{insert_rate}\n", key.to_hex().as_str()),
        )
        .unwrap();
    }
    let fts = Connection::open(root.join("fts.db")).unwrap();
    let like = Connection::open(root.join("like.db")).unwrap();
    for c in [&fts, &like] {
        c.execute_batch("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")
            .unwrap();
    }
    Dataset {
        dir: store_dir,
        keys,
        fts,
        like,
        insert_rate,
    }
}

fn build_naive(root: &Path, people: &[Person]) {
    let mut fts = Connection::open(root.join("fts.db")).unwrap();
    fts.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE VIRTUAL TABLE p USING fts5(given, family, phone, mrn, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4');",
    )
    .unwrap();
    let tx = fts.transaction().unwrap();
    for p in people {
        tx.execute(
            "INSERT INTO p (given, family, phone, mrn) VALUES (?1, ?2, ?3, ?4)",
            params![p.given, p.family, p.phone, p.mrn],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    let mut like = Connection::open(root.join("like.db")).unwrap();
    like.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE p (id INTEGER PRIMARY KEY, given TEXT, family TEXT, phone TEXT, mrn TEXT);").unwrap();
    let tx = like.transaction().unwrap();
    for p in people {
        tx.execute(
            "INSERT INTO p (given, family, phone, mrn) VALUES (?1, ?2, ?3, ?4)",
            params![p.given, p.family, p.phone, p.mrn],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    OneLetter,
    Prefix,
    FullName,
    Phone,
    Mrn,
}

fn queries(people: &[Person], count: usize) -> Vec<(Kind, String)> {
    let mut rng = StdRng::seed_from_u64(7);
    (0..count)
        .map(|_| {
            let p = &people[rng.random_range(0..people.len())];
            let roll = rng.random_range(0..100);
            if roll < 10 {
                (Kind::OneLetter, p.family.chars().take(1).collect())
            } else if roll < 40 {
                let len = rng.random_range(2..=4);
                (Kind::Prefix, p.family.chars().take(len).collect())
            } else if roll < 65 {
                (Kind::FullName, format!("{} {}", p.given, p.family))
            } else if roll < 85 {
                let len = rng.random_range(4..=7);
                let frag = match rng.random_range(0..3) {
                    0 => p.phone[p.phone.len() - len..].to_owned(),
                    1 => p.phone[..len].to_owned(),
                    _ => format!("{}-{}", &p.phone[3..6], &p.phone[6..6 + (len - 3).min(4)]),
                };
                (Kind::Phone, frag)
            } else {
                (Kind::Mrn, p.mrn.clone())
            }
        })
        .collect()
}

fn fts_query(q: &str) -> String {
    // The naive design: every word a quoted prefix term, implicitly ANDed.
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn run_fts(conn: &Connection, q: &str) -> usize {
    let m = fts_query(q);
    if m.is_empty() {
        return 0;
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT rowid, given, family FROM p WHERE p MATCH ?1 ORDER BY rank LIMIT 20",
        )
        .unwrap();
    stmt.query_map([m], |r| r.get::<_, i64>(0)).unwrap().count()
}

fn run_like(conn: &Connection, q: &str) -> usize {
    let pattern = format!("%{q}%");
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, given, family FROM p WHERE given || ' ' || family LIKE ?1 OR phone LIKE ?1 OR mrn LIKE ?1 LIMIT 20",
        )
        .unwrap();
    stmt.query_map([pattern], |r| r.get::<_, i64>(0))
        .unwrap()
        .count()
}

/// This thread's CPU time so far (`CLOCK_THREAD_CPUTIME_ID`). On a machine shared with
/// compilers, wall time includes waiting for a core; CPU time is what the query itself cost.
fn on_cpu() -> Duration {
    cpu_time::ThreadTime::now().as_duration()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn measure(n: usize) {
    let people = people(n);
    let build = Instant::now();
    let data = dataset(n, &people);
    println!(
        "\n== {n} patients (dataset ready in {:.1} s; bulk insert {:.0} patients/s through upsert_vendor_patients)",
        build.elapsed().as_secs_f64(),
        data.insert_rate
    );

    // Cold open to first result: fresh connections (cold page cache), file in the OS cache.
    let mut cold = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let store = Store::open(&data.dir, &data.keys, "bench").unwrap();
        let hits = store.search("bench", "smi", 20).unwrap();
        cold.push(started.elapsed());
        assert!(!hits.is_empty());
    }
    cold.sort();
    println!(
        "cold open to first result: median {}, max {}",
        ms(cold[cold.len() / 2]),
        ms(cold[cold.len() - 1])
    );

    let store = Store::open(&data.dir, &data.keys, "bench").unwrap();
    let qs = queries(&people, if n >= 1_000_000 { 400 } else { 1000 });
    // Warm-up pass so each design starts from its steady state.
    for (_, q) in qs.iter().take(50) {
        store.search("bench", q, 20).unwrap();
        run_fts(&data.fts, q);
        run_like(&data.like, q);
    }
    let mut times: [Vec<(Kind, Duration)>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut cpu: [Vec<Duration>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut empty = [0usize; 3];
    for (i, (kind, q)) in qs.iter().enumerate() {
        for step in 0..3 {
            let design = (i + step) % 3;
            let cpu_before = on_cpu();
            let started = Instant::now();
            let found = match design {
                0 => store.search("bench", q, 20).unwrap().len(),
                1 => run_fts(&data.fts, q),
                _ => run_like(&data.like, q),
            };
            times[design].push((*kind, started.elapsed()));
            cpu[design].push(on_cpu().saturating_sub(cpu_before));
            if found == 0 {
                empty[design] += 1;
                if design == 0 && empty[0] <= 5 {
                    println!("(a) found nobody for {kind:?} {q:?}");
                }
            }
        }
    }
    let names = ["(a) store, encrypted", "(b) naive FTS5", "(c) naive LIKE"];
    println!(
        "{:<24} {:>10} {:>10} {:>10} {:>14} {:>8}",
        "design", "p50", "p99", "max", "1-letter p99", "empty"
    );
    for (d, name) in names.iter().enumerate() {
        let mut all: Vec<Duration> = times[d].iter().map(|(_, t)| *t).collect();
        all.sort();
        let mut one: Vec<Duration> = times[d]
            .iter()
            .filter(|(k, _)| *k == Kind::OneLetter)
            .map(|(_, t)| *t)
            .collect();
        one.sort();
        let mut on: Vec<Duration> = cpu[d].clone();
        on.sort();
        let (cpu50, cpu99) = if on.is_empty() {
            ("-".to_owned(), "-".to_owned())
        } else {
            (ms(percentile(&on, 0.5)), ms(percentile(&on, 0.99)))
        };
        println!(
            "{:<24} {:>10} {:>10} {:>10} {:>14} {:>8} {:>12} {:>12}",
            name,
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.99)),
            ms(all[all.len() - 1]),
            if one.is_empty() {
                "-".to_owned()
            } else {
                ms(percentile(&one, 0.99))
            },
            empty[d],
            cpu50,
            cpu99
        );
    }
    println!("(a) by query kind:");
    for kind in [
        Kind::OneLetter,
        Kind::Prefix,
        Kind::FullName,
        Kind::Phone,
        Kind::Mrn,
    ] {
        let mut t: Vec<Duration> = times[0]
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, t)| *t)
            .collect();
        if t.is_empty() {
            continue;
        }
        t.sort();
        println!(
            "    {:<10} n={:<4} p50 {:>10} p99 {:>10}",
            format!("{kind:?}"),
            t.len(),
            ms(percentile(&t, 0.5)),
            ms(percentile(&t, 0.99))
        );
    }
}

fn sizes() -> Vec<usize> {
    std::env::var("FRONTDESK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![100_000])
}

fn criterion_search(c: &mut Criterion) {
    let n = sizes()[0];
    let people = people(n);
    let data = dataset(n, &people);
    let store = Store::open(&data.dir, &data.keys, "bench").unwrap();
    let mut group = c.benchmark_group(format!("store_search_{n}"));
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    for q in [
        "s",
        "ngu",
        "maria garcia",
        "5550",
        "MRN0000042",
        "nguy 5/3/64",
    ] {
        group.bench_function(q, |b| b.iter(|| store.search("bench", q, 20).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, criterion_search);

fn main() {
    for n in sizes() {
        measure(n);
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
