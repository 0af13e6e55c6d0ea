//! The desk's local memory: an SQLCipher-encrypted SQLite cache whose key lives in the OS
//! keychain. It owns the schema and its migrations, the type-ahead patient search index, the
//! hash-chained audit log and the durable outbox for callbacks and reminders. It implements
//! the storage side of `frontdesk-core` and knows nothing of HTTP or of the UI.
//!
//! The API is synchronous (rusqlite is): call it from `spawn_blocking` or a dedicated thread.
//! `Store` is `Send + Sync`; share it behind an `Arc`.

// Product names (SQLCipher, SQLite, CXone, WellHive) are prose in these docs, not code.
#![allow(clippy::doc_markdown)]

mod appointment_lookup;
mod audit;
mod checkpoint;
mod codec;
mod error;
mod key;
#[cfg(feature = "keychain")]
mod keychain;
#[cfg(feature = "keychain")]
mod keychain_secrets;
mod migrations;
mod open;
mod outbox;
mod patients;
mod practice;
mod provider_links;
mod records;
mod retention;
mod roster;
mod schedule;
mod search;
mod second_factor;
mod staff;
mod state;
mod store;
mod sync_batch;

pub use audit::{AuditEntry, AuditEvent, AuditOutcome, AuditVerification};
pub use error::StoreError;
pub use key::{CacheKey, KEYCHAIN_SERVICE, KeyProvider, MemoryKeyProvider, key_entry_name};
#[cfg(feature = "keychain")]
pub use keychain::KeychainKeyProvider;
#[cfg(feature = "keychain")]
pub use keychain_secrets::KeychainSecrets;
pub use migrations::SCHEMA_VERSION;
pub use open::CACHE_FILE;
pub use outbox::OutboxItem;
pub use patients::{LinkSuggestion, PatientCard, UpsertReport};
pub use retention::PurgeReport;
pub use search::MAX_QUERY_CHARS;
pub use second_factor::{Enrolment, SECOND_FACTOR_ROLES_SETTING};
pub use staff::{SignInCheck, StaffChange, staff_actor};
pub use store::Store;
