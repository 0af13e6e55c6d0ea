//! The demo practice's first full sync with the sandbox enforcing the documented limits (the
//! CXone plan's requests per minute, NexHealth's per-minute limit, WellHive's quota): how many
//! requests the desk made against the fewest the vendors' paging allows, how many 429s came
//! back (the target is none: the clients' own rate gates should keep under the limits), and
//! the wall time. Requests are counted from the transport's own `vendor_call` tracing events,
//! so nothing in the desk is instrumented for the benchmark.
//!
//! `cargo run -p frontdesk-cli --example first_sync_bench [-- --patients N --seed N]`

#![allow(clippy::print_stdout)]

use frontdesk_core::Vendor;
use frontdesk_core::contact::ConnectionState;
use frontdesk_core::sync::{Progress, VendorReport};
use frontdesk_desk::Desk;
use frontdesk_desk::demo::{DemoOptions, DemoPractice, sign_in_demo_nextech};
use frontdesk_store::MemoryKeyProvider;
use std::collections::BTreeMap;
use std::error::Error;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};

/// Per (vendor, endpoint): requests answered, 429s among them, requests that got no answer.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    answered: u64,
    too_many: u64,
    unanswered: u64,
}

#[derive(Debug, Default, Clone)]
struct Counter(Arc<Mutex<BTreeMap<(String, String), Tally>>>);

impl Counter {
    fn take(&self) -> BTreeMap<(String, String), Tally> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

#[derive(Default)]
struct Fields {
    message: String,
    vendor: String,
    endpoint: String,
    status: u64,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "vendor" => value.clone_into(&mut self.vendor),
            "endpoint" => value.clone_into(&mut self.endpoint),
            _ => {}
        }
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "status" {
            self.status = value;
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.message = format!("{value:?}");
        }
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Counter {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        let mut f = Fields::default();
        event.record(&mut f);
        if f.message != "vendor_call" && f.message != "vendor_call_failed" {
            return;
        }
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let t = map.entry((f.vendor, f.endpoint)).or_default();
        if f.message == "vendor_call" {
            t.answered += 1;
            t.too_many += u64::from(f.status == 429);
        } else {
            t.unanswered += 1;
        }
    }
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The fewest requests the vendor's paging allows for what arrived: one token, then each list
/// at the API's largest page (CXone limit 100, Zoom `page_size` 300, NexHealth `per_page` 1000
/// per location and list). Nextech's token came with the sign-in, so its least is the probe;
/// WellHive's probe is the token itself.
fn least_requests(r: &VendorReport, locations: u64) -> u64 {
    if r.status.state == ConnectionState::NotConfigured {
        return 0;
    }
    1 + match r.vendor {
        Vendor::Cxone => pages(r.patients, 100),
        Vendor::Zoom => pages(r.appointments, 300),
        // Locations and providers, then per location its operatories and appointment types,
        // then patients and appointments, each at least one page per location.
        Vendor::Nexhealth => {
            2 + 2 * locations
                + pages(r.patients, 1000).max(locations)
                + pages(r.appointments, 1000).max(locations)
        }
        Vendor::Nextech | Vendor::Wellhive => 0,
    }
}

fn pages(items: u32, per_page: u32) -> u64 {
    u64::from(items.div_ceil(per_page).max(1))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn Error>> {
    let counter = Counter::default();
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(counter.clone()))?;

    let dir = tempfile::tempdir()?;
    let patients = usize::try_from(arg("--patients", 5000))?;
    let demo = DemoPractice::start(&DemoOptions {
        seed: arg("--seed", 42),
        patients,
        dir: dir.path().join("demo"),
    })
    .await?;
    let keys = MemoryKeyProvider::new();
    let desk = Desk::open(
        demo.config.clone(),
        &demo.secrets,
        &dir.path().join("cache"),
        &keys,
        "bench",
    )?;
    if let Some(nextech) = &desk.clients().nextech {
        sign_in_demo_nextech(nextech).await?;
    }
    // The sign-in is a person's one-off step, not part of the sync.
    counter.take();

    let quiet: Progress = Arc::new(|_| {});
    let started = Instant::now();
    let report = desk.sync_all(quiet).await;
    let wall = started.elapsed();
    let calls = counter.take();

    let locations = u64::try_from(
        demo.config
            .nexhealth
            .as_ref()
            .map_or(0, |n| n.location_ids.len()),
    )?;
    let plan_limit = demo.config.cxone.as_ref().map(|c| format!("{:?}", c.plan));
    println!(
        "first full sync of the demo practice ({patients} patients, seed {}); CXone plan {}, NexHealth 1000/min, WellHive quota 10000/action/day enforced by the sandbox",
        demo.info().seed,
        plan_limit.unwrap_or_default()
    );
    println!();
    println!(
        "{:<10} {:<44} {:>8} {:>5} {:>10}",
        "vendor", "endpoint", "requests", "429s", "no answer"
    );
    for ((vendor, endpoint), t) in &calls {
        println!(
            "{vendor:<10} {endpoint:<44} {:>8} {:>5} {:>10}",
            t.answered, t.too_many, t.unanswered
        );
    }
    println!();
    println!(
        "{:<10} {:<10} {:>8} {:>8} {:>5} {:>9} {:>13} {:>6}",
        "vendor", "state", "requests", "minimum", "429s", "patients", "appointments", "pages"
    );
    let (mut total, mut minimum, mut too_many) = (0, 0, 0);
    for r in &report.vendors {
        let made: u64 = calls
            .iter()
            .filter(|((v, _), _)| v == r.vendor.key())
            .map(|(_, t)| t.answered + t.unanswered)
            .sum();
        let limited: u64 = calls
            .iter()
            .filter(|((v, _), _)| v == r.vendor.key())
            .map(|(_, t)| t.too_many)
            .sum();
        let least = least_requests(r, locations);
        total += made;
        minimum += least;
        too_many += limited;
        println!(
            "{:<10} {:<10} {made:>8} {least:>8} {limited:>5} {:>9} {:>13} {:>6}",
            r.vendor.key(),
            format!("{:?}", r.status.state),
            r.patients,
            r.appointments,
            r.pages
        );
    }
    println!();
    println!(
        "requests {total} (minimum {minimum}, {:.2}x), 429s {too_many}, wall time {:.2} s",
        f64::from(u32::try_from(total)?) / f64::from(u32::try_from(minimum.max(1))?),
        wall.as_secs_f64()
    );
    Ok(())
}
