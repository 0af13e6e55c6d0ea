//! Linking vendor records into people in the store: exact by MRN, matched by score, suggested
//! below the threshold and shown for a person; confirm, reject and undo.

use crate::common::{Fixture, record, with_mrn};
use frontdesk_core::ids::{ExternalId, Vendor};
use frontdesk_core::patient::LinkConfidence;

#[test]
fn should_suggest_a_swapped_birth_date_and_link_only_when_confirmed() {
    let f = Fixture::new();
    f.store
        .upsert_vendor_patients(&[record(
            Vendor::Cxone,
            "pt-1",
            "Lan",
            "Tran",
            (1950, 3, 7),
            "2025550199",
        )])
        .unwrap();
    let report = f
        .store
        .upsert_vendor_patients(&[record(
            Vendor::Nexhealth,
            "77",
            "Lan",
            "Tran",
            (1950, 7, 3),
            "2025550199",
        )])
        .unwrap();
    assert_eq!((report.created, report.suggested, report.linked), (1, 1, 0));
    assert_eq!(
        f.store.search("test", "lan tran", 20).unwrap().len(),
        2,
        "nothing merged silently"
    );
    let suggestion = f.store.link_suggestions().unwrap().pop().unwrap();
    let target = suggestion.suggested_patient_id.clone();
    let card = f.store.patient_card("test", &target).unwrap();
    assert!(
        card.patient
            .links
            .iter()
            .any(|l| l.confidence == LinkConfidence::Suggested)
    );
    assert_eq!(
        card.patient.link(Vendor::Nexhealth),
        None,
        "a suggested link is never acted on"
    );

    f.store
        .confirm_link(
            "test:rosa",
            Vendor::Nexhealth,
            &ExternalId::from("77"),
            &target,
        )
        .unwrap();
    let hits = f.store.search("test", "lan tran", 20).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0]
            .links
            .iter()
            .any(|l| l.vendor == Vendor::Nexhealth && l.confidence == LinkConfidence::Confirmed)
    );

    let split = f
        .store
        .unlink("test:rosa", Vendor::Nexhealth, &ExternalId::from("77"))
        .unwrap();
    assert_ne!(split, target);
    assert_eq!(f.store.search("test", "lan tran", 20).unwrap().len(), 2);
    // Re-syncing the same record does not link it back.
    let mut again = record(
        Vendor::Nexhealth,
        "77",
        "Lan",
        "Tran",
        (1950, 7, 3),
        "2025550199",
    );
    again.preferred_language = Some("vi".into());
    f.store.upsert_vendor_patients(&[again]).unwrap();
    assert_eq!(f.store.search("test", "lan tran", 20).unwrap().len(), 2);
}

#[test]
fn should_reject_a_suggestion_for_good() {
    let f = Fixture::new();
    f.store
        .upsert_vendor_patients(&[record(
            Vendor::Cxone,
            "pt-1",
            "Maria",
            "Garcia",
            (1975, 9, 12),
            "3125550100",
        )])
        .unwrap();
    f.store
        .upsert_vendor_patients(&[record(
            Vendor::Nexhealth,
            "5",
            "Maria",
            "Lopez",
            (1975, 9, 12),
            "3125550100",
        )])
        .unwrap();
    let s = f.store.link_suggestions().unwrap().pop().unwrap();
    f.store
        .reject_link("test", s.vendor, &s.external_id, &s.suggested_patient_id)
        .unwrap();
    assert!(f.store.link_suggestions().unwrap().is_empty());
}

#[test]
fn should_link_mrn_to_chart_number_exactly() {
    let f = Fixture::new();
    f.store
        .upsert_vendor_patients(&[
            with_mrn(
                record(Vendor::Nextech, "501", "Robert", "Nguyen", (1964, 5, 3), ""),
                "00042",
            ),
            with_mrn(
                record(
                    Vendor::Cxone,
                    "pt-9",
                    "Bob",
                    "Nguyen",
                    (1964, 5, 3),
                    "2025550101",
                ),
                "00042",
            ),
        ])
        .unwrap();
    let hits = f.store.search("test", "nguyen", 20).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].given_name, "Robert", "the EHR's record leads");
    assert!(
        hits[0]
            .links
            .iter()
            .all(|l| l.confidence == LinkConfidence::Exact)
    );
    assert_eq!(
        hits[0].phones.len(),
        1,
        "phones are the union of the records"
    );
}

/// The desk books a video visit for Minh before it has seen his Zoom record, so Zoom makes him a
/// second one; when the sync later brings the first (with the practice's MRN on it), it joins
/// him rather than becoming a second Minh at the desk.
#[test]
fn should_join_a_second_zoom_record_carrying_the_persons_mrn() {
    let f = Fixture::new();
    let minh = |vendor, id: &str| record(vendor, id, "Minh", "Nguyen", (1964, 5, 3), "6465550143");
    f.store
        .upsert_vendor_patients(&[with_mrn(minh(Vendor::Nexhealth, "1001"), "A0100000")])
        .unwrap();
    // The record the desk made through Zoom for the booking: no MRN.
    let made = f
        .store
        .upsert_vendor_patients(&[minh(Vendor::Zoom, "pat_made")])
        .unwrap();
    assert_eq!(made.linked, 1);
    let seen = f
        .store
        .upsert_vendor_patients(&[with_mrn(minh(Vendor::Zoom, "pat_seen"), "A0100000")])
        .unwrap();
    assert_eq!((seen.linked, seen.created), (1, 0));
    let hits = f.store.search("test", "6465550143", 20).unwrap();
    assert_eq!(hits.len(), 1, "one Minh at the desk");
    let zoom: Vec<_> = hits[0]
        .links
        .iter()
        .filter(|l| l.vendor == Vendor::Zoom)
        .collect();
    assert_eq!(zoom.len(), 2, "both Zoom records are his");
}
