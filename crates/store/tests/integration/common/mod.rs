//! Shared fixtures: a store on a temp dir with an in-memory key, and vendor records built tersely.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use frontdesk_core::ids::{ExternalId, Vendor};
use frontdesk_core::patient::{Phone, PhoneKind, VendorPatient};
use frontdesk_store::{MemoryKeyProvider, Store};
use std::path::PathBuf;

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub keys: MemoryKeyProvider,
    pub store: Store,
}

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let keys = MemoryKeyProvider::new();
        let store = Store::open(dir.path(), &keys, "test:rosa").unwrap();
        Self { dir, keys, store }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().to_owned()
    }

    /// A raw connection with the cache's key, as an attacker holding the key would have.
    pub fn raw(&self) -> rusqlite::Connection {
        let (_, key) = self.keys.keys().pop().unwrap();
        let conn = rusqlite::Connection::open(self.store.path()).unwrap();
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.to_hex().as_str()))
            .unwrap();
        conn
    }
}

pub fn record(
    vendor: Vendor,
    id: &str,
    given: &str,
    family: &str,
    dob: (i32, u32, u32),
    phone: &str,
) -> VendorPatient {
    VendorPatient {
        vendor,
        external_id: ExternalId(id.to_owned()),
        given_name: given.to_owned(),
        family_name: family.to_owned(),
        middle_name: None,
        birth_date: NaiveDate::from_ymd_opt(dob.0, dob.1, dob.2),
        mrn: None,
        phones: if phone.is_empty() {
            vec![]
        } else {
            vec![Phone {
                number: phone.to_owned(),
                kind: PhoneKind::Mobile,
            }]
        },
        email: None,
        preferred_language: None,
        communication: None,
        updated_at: None,
    }
}

pub fn with_mrn(mut r: VendorPatient, mrn: &str) -> VendorPatient {
    r.mrn = Some(mrn.to_owned());
    r
}

pub fn with_email(mut r: VendorPatient, email: &str) -> VendorPatient {
    r.email = Some(email.to_owned());
    r
}
