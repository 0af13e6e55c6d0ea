//! The unified slot search through the real vendor clients, with 200, 400 and 800 ms injected
//! into NexHealth, Zoom and WellHive by the sandbox: each vendor is timed alone, then all three
//! together, and the together time is compared with the slowest alone (the target is a
//! ratio of at most 1.1) and with the sum. Each vendor's part is several requests (a token, then
//! its slot calls), so "the slowest vendor" is measured, not assumed. A measurement, not a
//! test, so it is an example the suite compiles but does not run:
//! `cargo run --release -p frontdesk-desk --example slot_search_timing`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use chrono::{Datelike, Days, Utc, Weekday};
use frontdesk_core::appointment::VisitMode;
use frontdesk_core::ports::{ServiceSearch, SlotSource};
use frontdesk_core::sync::Progress;
use frontdesk_desk::Desk;
use frontdesk_desk::booking::SlotQuery;
use frontdesk_desk::demo::{DemoOptions, DemoPractice};
use frontdesk_sandbox::Vendor as SandboxVendor;
use frontdesk_store::MemoryKeyProvider;
use std::sync::Arc;
use std::time::{Duration, Instant};

const RUNS: usize = 3;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// One provider of each vendor, so each is asked one small question.
async fn one_provider_each(desk: &Desk, q: &SlotQuery) -> Vec<String> {
    let c = desk.clients();
    let mut ids = Vec::new();
    let unified = frontdesk_core::slots::UnifiedSlotQuery {
        from: q.from.parse().unwrap(),
        to: q.to.parse().unwrap(),
        appointment_type: None,
        provider_ids: Vec::new(),
        location_ids: Vec::new(),
        modes: Vec::new(),
        patient: None,
    };
    for source in [
        c.nexhealth.clone().unwrap() as Arc<dyn SlotSource>,
        c.zoom.clone().unwrap(),
    ] {
        let slots = source
            .slots(&unified.for_vendor(source.vendor()).unwrap())
            .await
            .unwrap();
        ids.push(slots.first().unwrap().provider_id.clone().unwrap());
    }
    let wh = c.wellhive.clone().unwrap();
    let page = frontdesk_core::ports::ReferralNetwork::search_services(
        wh.as_ref(),
        &ServiceSearch::default(),
        None,
    )
    .await
    .unwrap();
    ids.push(format!(
        "wellhive:{}",
        page.items.iter().find(|s| s.active).unwrap().id
    ));
    ids
}

async fn timed(desk: &Desk, q: &SlotQuery) -> Duration {
    let started = Instant::now();
    let found = desk.search_slots("bench", q).await.unwrap();
    let took = started.elapsed();
    assert!(
        found
            .outcomes
            .iter()
            .all(frontdesk_core::slots::VendorOutcome::is_ok),
        "{:?}",
        found.outcomes
    );
    took
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let demo = DemoPractice::start(&DemoOptions {
        seed: 42,
        patients: 40,
        dir: dir.path().join("demo"),
    })
    .await
    .unwrap();
    let desk = Desk::open(
        demo.config.clone(),
        &demo.secrets,
        &dir.path().join("data"),
        &MemoryKeyProvider::new(),
        "bench",
    )
    .unwrap();
    let quiet: Progress = Arc::new(|_| {});
    desk.sync_all(quiet).await;
    desk.set_slot_deadline(Duration::from_mins(1));
    // The next working day (the demo's providers keep office hours).
    let mut next = Utc::now().date_naive() + Days::new(1);
    while matches!(next.weekday(), Weekday::Sat | Weekday::Sun) {
        next = next + Days::new(1);
    }
    let day = next.to_string();
    let mut all = SlotQuery {
        from: day.clone(),
        to: day,
        ..SlotQuery::default()
    };
    all.provider_ids = one_provider_each(&desk, &all).await;
    // Warm: tokens fetched, connections open.
    timed(&desk, &all).await;
    let faults = demo.sandbox().unwrap().faults();
    for (vendor, ms) in [
        (SandboxVendor::Nexhealth, 200),
        (SandboxVendor::Zoom, 400),
        (SandboxVendor::Wellhive, 800),
    ] {
        faults.update(vendor, |f| f.latency_ms = ms);
    }
    let mut alone = Vec::new();
    for (mode, name) in [
        (VisitMode::InPerson, "nexhealth (200 ms)"),
        (VisitMode::Telehealth, "zoom (400 ms)"),
        (VisitMode::Referral, "wellhive (800 ms)"),
    ] {
        let q = SlotQuery {
            modes: vec![mode],
            ..all.clone()
        };
        let mut runs = Vec::new();
        for _ in 0..RUNS {
            runs.push(timed(&desk, &q).await);
        }
        alone.push((name, median(runs)));
    }
    let mut together = Vec::new();
    for _ in 0..RUNS {
        together.push(timed(&desk, &all).await);
    }
    let together = median(together);
    let slowest = alone.iter().map(|(_, d)| *d).max().unwrap();
    let sum: Duration = alone.iter().map(|(_, d)| *d).sum();
    println!("unified slot search through the clients, sandbox latency injected, median of {RUNS}");
    for (name, d) in &alone {
        println!("  {name:<20} alone: {:>6.0} ms", d.as_secs_f64() * 1000.0);
    }
    println!(
        "  all three together:         {:>6.0} ms  (/ slowest {:.3}, / sum {:.3})",
        together.as_secs_f64() * 1000.0,
        together.as_secs_f64() / slowest.as_secs_f64(),
        together.as_secs_f64() / sum.as_secs_f64()
    );
    assert!(together < sum, "the vendors were asked one after another");
}
