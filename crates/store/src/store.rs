//! The `Store` handle: one writer connection and one reader connection behind mutexes. WAL lets
//! the reader serve type-ahead and cards while the sync engine writes a batch, and two
//! connections are all a single desk needs.

use crate::audit::{AuditEvent, AuditOutcome};
use crate::checkpoint::{self, Checkpointer};
use crate::error::StoreError;
use crate::key::KeyProvider;
use crate::open;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    // Declared last: dropped after the connections it checkpoints for.
    _checkpointer: Checkpointer,
}

impl Store {
    /// Opens (or on first run creates) the cache in `data_dir`, with its key from `keys`, and
    /// records the unlock by `actor` in the audit log.
    pub fn open(data_dir: &Path, keys: &dyn KeyProvider, actor: &str) -> Result<Self, StoreError> {
        let (path, key) = open::resolve_key(data_dir, keys)?;
        let writer = open::connect_and_migrate(&path, &key)?;
        writer.execute_batch(&checkpoint::writer_pragmas())?;
        let reader = open::connect(&path, &key, true)?;
        open::restrict_permissions(&path)?;
        let checkpointer = Checkpointer::start(&path, &key)?;
        let store = Self {
            path,
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
            _checkpointer: checkpointer,
        };
        store.audit_append(&AuditEvent::new(actor, "unlock", AuditOutcome::Ok))?;
        Ok(store)
    }

    /// The cache file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes everything in the WAL back into the main file (for backups and tests).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.writer()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub(crate) fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock rolled its transaction back when the guard's
        // transaction dropped; the connection itself is still sound.
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn reader(&self) -> MutexGuard<'_, Connection> {
        self.reader.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
