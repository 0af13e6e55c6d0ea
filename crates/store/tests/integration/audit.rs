//! The audit chain records reads without PHI and detects an edited, deleted or truncated row.

use crate::common::{Fixture, record};
use frontdesk_core::ids::Vendor;

fn busy() -> Fixture {
    let f = Fixture::new();
    f.store
        .upsert_vendor_patients(&[record(
            Vendor::Nexhealth,
            "1",
            "Minh",
            "Nguyen",
            (1964, 5, 3),
            "2025550101",
        )])
        .unwrap();
    let hits = f.store.search("test:rosa", "nguyen 5/3/64", 20).unwrap();
    f.store.patient_card("test:rosa", &hits[0].id).unwrap();
    f.store
        .set_setting("test:dana", "ivr.holiday", "2026-12-25")
        .unwrap();
    f.store
        .search("test:rosa", "x".repeat(500).as_str(), 20)
        .unwrap_err();
    f
}

#[test]
fn should_record_who_did_what_without_the_query_text() {
    let f = busy();
    let entries = f.store.audit_export("test:dana").unwrap();
    let actions: Vec<_> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "unlock",
            "patient.search",
            "patient.read",
            "settings.change",
            "patient.search"
        ]
    );
    assert_eq!(entries[1].detail, serde_json::json!({ "results": 1 }));
    assert!(entries[2].patient_id.is_some());
    let all = serde_json::to_string(&entries).unwrap().to_lowercase();
    for phi in ["nguyen", "5/3/64", "2025550101", "minh", "2026-12-25"] {
        assert!(!all.contains(phi), "{phi} leaked into the audit log");
    }
    assert!(f.store.audit_verify().unwrap().intact);
    assert_eq!(
        f.store.audit_entries(None).unwrap().last().unwrap().action,
        "audit.export"
    );
}

#[test]
fn should_refuse_updates_and_deletes_through_sql() {
    let f = busy();
    assert!(
        f.raw()
            .execute("UPDATE audit_log SET actor = 'x' WHERE seq = 2", [])
            .is_err()
    );
    assert!(
        f.raw()
            .execute("DELETE FROM audit_log WHERE seq = 2", [])
            .is_err()
    );
}

#[test]
fn should_detect_an_edited_row() {
    let f = busy();
    let raw = f.raw();
    raw.execute_batch("DROP TRIGGER audit_log_no_update;")
        .unwrap();
    raw.execute(
        "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3",
        [],
    )
    .unwrap();
    let v = f.store.audit_verify().unwrap();
    assert!(!v.intact);
    assert_eq!(v.first_bad_seq, Some(3));
}

#[test]
fn should_detect_a_deleted_row() {
    let f = busy();
    let raw = f.raw();
    raw.execute_batch("DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    raw.execute("DELETE FROM audit_log WHERE seq = 2", [])
        .unwrap();
    let v = f.store.audit_verify().unwrap();
    assert!(!v.intact);
    assert_eq!(v.first_bad_seq, Some(2));
}

#[test]
fn should_detect_the_newest_rows_deleted() {
    let f = busy();
    let raw = f.raw();
    raw.execute_batch("DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    raw.execute(
        "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
        [],
    )
    .unwrap();
    assert!(!f.store.audit_verify().unwrap().intact);
}
