//! The open path's failures are typed errors with a way out: wrong key, missing key, a damaged
//! or foreign file, a schema from the future. Never a panic, never a silent reset.

use crate::common::{Fixture, record};
use frontdesk_core::ids::Vendor;
use frontdesk_store::{CacheKey, MemoryKeyProvider, Store, StoreError};
use std::io::{Seek, SeekFrom, Write};

fn reopen(f: &Fixture) -> Result<Store, StoreError> {
    Store::open(&f.data_dir(), &f.keys, "test:rosa")
}

fn assert_file_kept(f: &Fixture, len_before: u64) {
    let len = std::fs::metadata(f.store.path()).unwrap().len();
    assert!(len >= len_before, "the cache must never be reset");
}

#[test]
fn should_reopen_with_the_key_it_created() {
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
    drop(reopen(&f).unwrap());
    assert_eq!(f.keys.keys().len(), 1);
    assert!(f.keys.keys()[0].0.starts_with("cache-key:/"));
}

#[test]
fn should_refuse_a_wrong_key_with_a_way_out() {
    let f = Fixture::new();
    f.store.checkpoint().unwrap();
    let len = std::fs::metadata(f.store.path()).unwrap().len();
    let (entry, _) = f.keys.keys().pop().unwrap();
    f.keys.set(&entry, Some(CacheKey::generate()));
    let err = reopen(&f).unwrap_err();
    assert!(matches!(err, StoreError::CannotDecrypt { .. }), "{err:?}");
    assert!(err.way_out().contains("aside"));
    assert_eq!(err.kind(), frontdesk_core::ErrorKind::Locked);
    let core: frontdesk_core::CoreError = err.into();
    assert!(
        matches!(core, frontdesk_core::CoreError::Storage { ref way_out, .. } if way_out.contains("re-syncs"))
    );
    assert_file_kept(&f, len);
}

#[test]
fn should_refuse_a_missing_keychain_entry_instead_of_making_a_new_key() {
    let f = Fixture::new();
    let (entry, _) = f.keys.keys().pop().unwrap();
    f.keys.set(&entry, None);
    let err = reopen(&f).unwrap_err();
    assert!(matches!(err, StoreError::KeyMissing { .. }), "{err:?}");
    assert!(
        f.keys.keys().is_empty(),
        "no new key may be made for an existing file"
    );
}

#[test]
fn should_report_a_damaged_header_as_undecryptable() {
    let f = Fixture::new();
    f.store.checkpoint().unwrap();
    let path = f.store.path().to_owned();
    let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.write_all(&[0xAB; 64]).unwrap();
    drop(file);
    let err = reopen(&f).unwrap_err();
    assert!(matches!(err, StoreError::CannotDecrypt { .. }), "{err:?}");
}

#[test]
fn should_report_a_damaged_page_as_a_typed_error_not_a_panic() {
    let f = Fixture::new();
    let records: Vec<_> = (0..300)
        .map(|i| {
            record(
                Vendor::Nexhealth,
                &i.to_string(),
                "Ana",
                &format!("Family{i}"),
                (1980, 1, 1 + i % 28),
                &format!("20255{i:05}"),
            )
        })
        .collect();
    f.store.upsert_vendor_patients(&records).unwrap();
    f.store.checkpoint().unwrap();
    let path = f.store.path().to_owned();
    let len = std::fs::metadata(&path).unwrap().len();
    drop(f.store);
    let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    // Damage every page after the first few: whatever is read next must fail its HMAC.
    let mut offset = 4096 * 3;
    while offset + 100 < len {
        file.seek(SeekFrom::Start(offset + 50)).unwrap();
        file.write_all(&[0x5A; 32]).unwrap();
        offset += 4096;
    }
    drop(file);
    let keys = f.keys;
    let outcome = std::panic::catch_unwind(|| {
        let store = Store::open(f.dir.path(), &keys, "test")?;
        store.search("test", "fam", 20).map(|_| ())
    });
    let result = outcome.expect("a damaged page must not panic");
    let err = result.expect_err("a damaged cache must not read as fine");
    assert!(
        matches!(
            err,
            StoreError::Corrupt { .. } | StoreError::CannotDecrypt { .. }
        ),
        "{err:?}"
    );
    assert!(!err.way_out().is_empty());
}

#[test]
fn should_refuse_a_file_from_a_newer_frontdesk() {
    let f = Fixture::new();
    f.raw().pragma_update(None, "user_version", 999).unwrap();
    let err = reopen(&f).unwrap_err();
    assert!(
        matches!(err, StoreError::SchemaTooNew { found: 999, supported, .. } if supported == frontdesk_store::SCHEMA_VERSION),
        "{err:?}"
    );
}

#[test]
fn should_refuse_a_plaintext_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(frontdesk_store::CACHE_FILE);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    let keys = MemoryKeyProvider::new();
    let canonical = dir.path().canonicalize().unwrap();
    keys.set(
        &frontdesk_store::key_entry_name(&canonical),
        Some(CacheKey::generate()),
    );
    let err = Store::open(dir.path(), &keys, "test").unwrap_err();
    assert!(matches!(err, StoreError::NotEncrypted { .. }), "{err:?}");
}

#[test]
fn store_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Store>();
}
