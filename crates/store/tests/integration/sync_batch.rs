//! A sync page and its cursor land together or not at all.

use crate::common::{Fixture, record};
use frontdesk_core::ids::{ExternalId, Vendor};
use frontdesk_core::practice::{Location, Provider};
use frontdesk_core::sync::{PracticeSnapshot, Records};

fn location(id: &str, zone: &str) -> Location {
    Location {
        id: format!("nexhealth:{id}"),
        vendor: Vendor::Nexhealth,
        external_id: ExternalId(id.to_owned()),
        name: format!("Clinic {id}"),
        time_zone: zone.to_owned(),
        address: None,
        phone: None,
    }
}

#[test]
fn a_page_and_its_cursor_commit_together() {
    let f = Fixture::new();
    let page = Records::Patients(vec![
        record(
            Vendor::Nexhealth,
            "1",
            "Ana",
            "Diaz",
            (1980, 1, 2),
            "5550001",
        ),
        record(Vendor::Nexhealth, "2", "Bo", "Lee", (1990, 3, 4), "5550002"),
    ]);
    let report = f
        .store
        .apply_sync_batch(Vendor::Nexhealth, "patients", &page, "c1")
        .unwrap();
    assert_eq!(report.created, 2);
    assert_eq!(
        f.store
            .sync_cursor(Vendor::Nexhealth, "patients")
            .unwrap()
            .as_deref(),
        Some("c1")
    );
    assert!(
        f.store
            .patient_id_for(Vendor::Nexhealth, &ExternalId("2".into()))
            .unwrap()
            .is_some()
    );
    assert!(f.store.integrity_problems().unwrap().is_empty());
}

#[test]
fn a_page_that_fails_half_way_leaves_neither_its_records_nor_its_cursor() {
    let f = Fixture::new();
    let provider = Provider {
        id: "nexhealth:p1".into(),
        display_name: "Dr. Lee".into(),
        designation: None,
        links: vec![],
        as_of: chrono::Utc::now(),
    };
    // The providers and the first location are written before the second location's zone is
    // refused: the whole page must roll back with it.
    let page = Records::Practice(PracticeSnapshot {
        providers: vec![provider],
        locations: vec![
            location("1", "America/Chicago"),
            location("2", "Mars/Olympus"),
        ],
        ..PracticeSnapshot::default()
    });
    assert!(
        f.store
            .apply_sync_batch(Vendor::Nexhealth, "practice", &page, "c9")
            .is_err()
    );
    assert_eq!(
        f.store.sync_cursor(Vendor::Nexhealth, "practice").unwrap(),
        None
    );
    assert!(f.store.providers().unwrap().is_empty());
    assert!(f.store.locations().unwrap().is_empty());
}
