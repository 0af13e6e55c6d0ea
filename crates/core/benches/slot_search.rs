//! Unified slot search with three fake vendors answering in 200, 400 and 800 ms: the total
//! should track the slowest vendor (target ratio <= 1.1), not the sum. Prints a small table.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::cast_precision_loss)]

use async_trait::async_trait;
use chrono::{NaiveDate, TimeZone, Utc};
use frontdesk_core::appointment::VisitMode;
use frontdesk_core::ports::{SlotQuery, SlotSource};
use frontdesk_core::slot::Slot;
use frontdesk_core::slots::{SlotSearch, UnifiedSlotQuery, Zones};
use frontdesk_core::{CoreError, Vendor};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Delayed {
    vendor: Vendor,
    delay: Duration,
}

#[async_trait]
impl SlotSource for Delayed {
    fn vendor(&self) -> Vendor {
        self.vendor
    }

    async fn slots(&self, q: &SlotQuery) -> Result<Vec<Slot>, CoreError> {
        tokio::time::sleep(self.delay).await;
        let start = Utc.from_utc_datetime(&q.from.and_hms_opt(14, 0, 0).unwrap());
        Ok((0..50)
            .map(|i| Slot {
                id: format!("{}-{i}", self.vendor.key()),
                vendor: self.vendor,
                mode: VisitMode::InPerson,
                provider_id: None,
                location_id: None,
                operatory_id: None,
                appointment_type: None,
                start: start + chrono::Duration::minutes(15 * i),
                end: start + chrono::Duration::minutes(15 * i + 15),
                drive_time_minutes: None,
            })
            .collect())
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let delays = [
        (Vendor::Nexhealth, 200u64),
        (Vendor::Zoom, 400),
        (Vendor::Wellhive, 800),
    ];
    let sources: Vec<Arc<dyn SlotSource>> = delays
        .iter()
        .map(|(vendor, ms)| {
            Arc::new(Delayed {
                vendor: *vendor,
                delay: Duration::from_millis(*ms),
            }) as Arc<dyn SlotSource>
        })
        .collect();
    let search = SlotSearch::new(sources, Zones::new(chrono_tz::America::New_York));
    let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    let query = UnifiedSlotQuery {
        from: day,
        to: day,
        appointment_type: None,
        provider_ids: Vec::new(),
        location_ids: Vec::new(),
        modes: Vec::new(),
        patient: None,
    };
    let slowest = 800.0;
    let sum: f64 = delays.iter().map(|(_, ms)| *ms as f64).sum();
    let runs = 5;
    let mut totals = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let result = runtime.block_on(search.search(&query));
        totals.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(result.slots().count(), 150);
    }
    totals.sort_by(f64::total_cmp);
    let median = totals[runs / 2];
    let worst = totals[runs - 1];
    println!("unified slot search, vendors at 200/400/800 ms, {runs} runs");
    println!("| measure            |      ms | / slowest | / sum |");
    println!("|--------------------|---------|-----------|-------|");
    for (name, ms) in [("median total", median), ("worst total", worst)] {
        println!(
            "| {name:<18} | {ms:>7.1} | {:>9.3} | {:>5.3} |",
            ms / slowest,
            ms / sum
        );
    }
    println!("| slowest vendor     | {slowest:>7.1} |     1.000 |       |");
    println!("| sum of vendors     | {sum:>7.1} |           | 1.000 |");
    let ratio = worst / slowest;
    println!(
        "target total/slowest <= 1.1: {}",
        if ratio <= 1.1 { "met" } else { "MISSED" }
    );
}
