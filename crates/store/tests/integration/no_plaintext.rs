//! No PHI on disk in the clear: seeded canary names, phones, e-mails and MRNs must not appear in
//! the database, its WAL or shared-memory file, or any temp file, before or after a checkpoint.

use crate::common::{Fixture, record, with_email, with_mrn};
use frontdesk_core::ids::Vendor;
use std::path::Path;
use std::time::SystemTime;

const CANARIES: [&str; 5] = [
    "Zzyzxcanary",
    "Qwxplorentz",
    "7319468250",
    "canary.mail@example.org",
    "MRNCANARY991",
];

/// Every file under `dir`, at any depth, changed since `since`: a temp file the cache wrote in a
/// subdirectory counts as much as one at the top.
fn files_in(dir: &Path, since: SystemTime) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut found = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            found.extend(files_in(&entry.path(), since));
        } else if kind.is_file()
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|m| m >= since)
        {
            found.push(entry.path());
        }
    }
    found
}

fn assert_no_canary(paths: &[std::path::PathBuf]) {
    for path in paths {
        // A file another process removed since the listing is gone, not hidden; anything else
        // unreadable would be an unchecked file, so it fails the test.
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => panic!("{} could not be checked: {e}", path.display()),
        };
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "{} is plaintext SQLite",
            path.display()
        );
        for canary in CANARIES {
            for needle in [
                canary.as_bytes().to_vec(),
                canary.to_lowercase().into_bytes(),
            ] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                    "{canary} found in {}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn should_write_no_plaintext_phi_to_db_wal_shm_or_temp_files() {
    let started = SystemTime::now() - std::time::Duration::from_secs(1);
    let f = Fixture::new();
    let mut batch = vec![with_email(
        with_mrn(
            record(
                Vendor::Cxone,
                "pt-1",
                "Qwxplorentz",
                "Zzyzxcanary",
                (1971, 2, 3),
                "(731) 946-8250",
            ),
            "MRNCANARY991",
        ),
        "canary.mail@example.org",
    )];
    // Enough filler that sorting and indexing spill past a single page.
    batch.extend((0..300).map(|i| {
        record(
            Vendor::Nexhealth,
            &i.to_string(),
            "Filler",
            &format!("Person{i}"),
            (1990, 1, 1),
            "",
        )
    }));
    f.store.upsert_vendor_patients(&batch).unwrap();
    let hits = f.store.search("test", "zzyz", 5).unwrap();
    assert_eq!(hits.len(), 1);
    drop(f.store.patient_card("test", &hits[0].id).unwrap());

    // Before the checkpoint the rows live in the WAL; after it, in the main file.
    let mut files = files_in(&f.data_dir(), started);
    assert!(files.iter().any(|p| p.to_string_lossy().ends_with("-wal")));
    assert_no_canary(&files);
    f.store.checkpoint().unwrap();
    files = files_in(&f.data_dir(), started);
    files.extend(files_in(&std::env::temp_dir(), started));
    assert_no_canary(&files);
}
