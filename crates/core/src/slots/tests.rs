//! The fan-out against fake sources: a hung vendor costs the deadline only, a failing one is
//! reported beside the others' slots.

use super::*;
use crate::appointment::VisitMode;
use crate::error::{CoreError, ErrorKind};
use crate::ids::Vendor;
use crate::ports::{SlotQuery, SlotSource};
use crate::slot::Slot;
use async_trait::async_trait;
use chrono::{NaiveDate, TimeZone, Utc};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Fake {
    vendor: Vendor,
    delay: Option<Duration>,
    fail: bool,
}

#[async_trait]
impl SlotSource for Fake {
    fn vendor(&self) -> Vendor {
        self.vendor
    }

    async fn slots(&self, q: &SlotQuery) -> Result<Vec<Slot>, CoreError> {
        match self.delay {
            Some(d) => tokio::time::sleep(d).await,
            None => std::future::pending::<()>().await,
        }
        if self.fail {
            return Err(CoreError::Unavailable {
                vendor: self.vendor,
                detail: "answered 503".into(),
                trace_id: None,
            });
        }
        let start = Utc.from_utc_datetime(&q.from.and_hms_opt(15, 0, 0).unwrap());
        Ok(vec![Slot {
            id: format!("{}-1", self.vendor.key()),
            vendor: self.vendor,
            mode: mode_of(self.vendor).unwrap(),
            provider_id: None,
            location_id: None,
            operatory_id: None,
            appointment_type: None,
            start,
            end: start + chrono::Duration::minutes(30),
            drive_time_minutes: None,
        }])
    }
}

fn source(vendor: Vendor, delay: Option<Duration>, fail: bool) -> Arc<dyn SlotSource> {
    Arc::new(Fake {
        vendor,
        delay,
        fail,
    })
}

fn query() -> UnifiedSlotQuery {
    let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    UnifiedSlotQuery {
        from: day,
        to: day,
        appointment_type: None,
        provider_ids: Vec::new(),
        location_ids: Vec::new(),
        modes: Vec::new(),
        patient: None,
    }
}

#[tokio::test]
async fn a_hung_vendor_costs_the_deadline_and_the_others_still_answer() {
    let deadline = Duration::from_millis(300);
    let search = SlotSearch::new(
        vec![
            source(Vendor::Nexhealth, Some(Duration::from_millis(30)), false),
            source(Vendor::Zoom, None, false),
            source(Vendor::Wellhive, Some(Duration::from_millis(60)), false),
        ],
        Zones::new(chrono_tz::America::New_York),
    )
    .with_deadline(deadline);
    let started = Instant::now();
    let result = search.search(&query()).await;
    let took = started.elapsed();
    assert!(
        took < deadline + Duration::from_millis(150),
        "took {took:?}"
    );
    assert_eq!(result.slots().count(), 2);
    let zoom = result
        .outcomes
        .iter()
        .find(|o| o.vendor == Vendor::Zoom)
        .unwrap();
    assert_eq!(zoom.state, OutcomeState::TimedOut { after_ms: 300 });
    assert!(result.outcomes.iter().filter(|o| o.is_ok()).count() == 2);
}

#[tokio::test]
async fn a_failing_vendor_is_reported_beside_the_others_results() {
    let search = SlotSearch::new(
        vec![
            source(Vendor::Nexhealth, Some(Duration::from_millis(5)), true),
            source(Vendor::Zoom, Some(Duration::from_millis(5)), false),
        ],
        Zones::new(chrono_tz::America::New_York),
    );
    let result = search.search(&query()).await;
    assert_eq!(result.slots().count(), 1);
    let nh = result
        .outcomes
        .iter()
        .find(|o| o.vendor == Vendor::Nexhealth)
        .unwrap();
    assert!(matches!(
        &nh.state,
        OutcomeState::Failed { kind: ErrorKind::Unavailable, message } if message.contains("503")
    ));
    assert_eq!(nh.mode, VisitMode::InPerson);
}

#[tokio::test]
async fn the_total_is_the_slowest_vendor_not_the_sum() {
    let search = SlotSearch::new(
        vec![
            source(Vendor::Nexhealth, Some(Duration::from_millis(100)), false),
            source(Vendor::Zoom, Some(Duration::from_millis(100)), false),
            source(Vendor::Wellhive, Some(Duration::from_millis(100)), false),
        ],
        Zones::new(chrono_tz::America::New_York),
    );
    let started = Instant::now();
    let result = search.search(&query()).await;
    assert!(started.elapsed() < Duration::from_millis(250));
    assert_eq!(result.slots().count(), 3);
}

#[tokio::test]
async fn only_the_modes_asked_for_are_searched() {
    let search = SlotSearch::new(
        vec![
            source(Vendor::Nexhealth, Some(Duration::from_millis(1)), false),
            source(Vendor::Zoom, Some(Duration::from_millis(1)), false),
        ],
        Zones::new(chrono_tz::America::New_York),
    );
    let mut q = query();
    q.modes = vec![VisitMode::Telehealth];
    let result = search.search(&q).await;
    assert_eq!(result.outcomes.len(), 1);
    assert_eq!(result.outcomes[0].vendor, Vendor::Zoom);
}
