//! The store's own failures, rich enough to say what went wrong and what to do about it, and
//! mapped once onto `CoreError` for everything above. Messages never carry patient data: they
//! name files, tables and versions, and a decode error keeps its position but not the value.

use frontdesk_core::{CoreError, ErrorKind};
use rusqlite::ErrorCode;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the key for the local cache at {path} is not in the OS keychain")]
    KeyMissing { path: PathBuf },
    #[error("the OS keychain cannot be used: {detail}")]
    Keychain { detail: String },
    #[error("the local cache at {path} cannot be decrypted: wrong key or damaged file")]
    CannotDecrypt { path: PathBuf },
    #[error("the local cache at {path} is not encrypted")]
    NotEncrypted { path: PathBuf },
    #[error("the local cache is damaged: {detail}")]
    Corrupt { detail: String },
    #[error(
        "the local cache at {path} was written by a newer Frontdesk (schema {found}; this one knows up to {supported})"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("upgrading the local cache to schema {version} failed: {source}")]
    Migration {
        version: i64,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("{what} was not found")]
    NotFound { what: String },
    #[error("{0}")]
    Conflict(String),
    #[error("the local cache could not be read or written: {0}")]
    Sqlite(#[source] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("a stored {what} could not be decoded ({detail})")]
    Decode { what: &'static str, detail: String },
}

impl StoreError {
    /// What a person can do about it, in words for the error banner and the CLI.
    #[must_use]
    pub fn way_out(&self) -> String {
        let fresh = |path: &PathBuf| {
            format!(
                "move {} (and its -wal and -shm files) aside, then start Frontdesk again: it creates a fresh \
                 cache and re-syncs from the vendors, nothing is lost that the vendors hold",
                path.display()
            )
        };
        match self {
            StoreError::KeyMissing { path }
            | StoreError::CannotDecrypt { path }
            | StoreError::NotEncrypted { path } => fresh(path),
            StoreError::Keychain { .. } => {
                "unlock the OS keychain (sign in to the desktop session) and try again".to_owned()
            }
            StoreError::SchemaTooNew { path, .. } => format!(
                "use the newer Frontdesk that wrote this cache, or {}",
                fresh(path)
            ),
            StoreError::Corrupt { .. }
            | StoreError::Migration { .. }
            | StoreError::Decode { .. } => {
                "move the cache file aside and start Frontdesk again to re-sync a fresh cache"
                    .to_owned()
            }
            StoreError::Sqlite(_) | StoreError::Io { .. } => {
                "check the disk has space and the data directory is writable, then try again"
                    .to_owned()
            }
            StoreError::Invalid { .. } | StoreError::NotFound { .. } | StoreError::Conflict(_) => {
                String::new()
            }
        }
    }

    /// The coarse kind, for exit codes: a missing or wrong key is an authentication problem.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            StoreError::KeyMissing { .. }
            | StoreError::Keychain { .. }
            | StoreError::CannotDecrypt { .. } => ErrorKind::Locked,
            StoreError::Invalid { .. } => ErrorKind::Invalid,
            StoreError::NotFound { .. } => ErrorKind::NotFound,
            StoreError::Conflict(_) => ErrorKind::Conflict,
            _ => ErrorKind::Storage,
        }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        StoreError::Invalid {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn decode(what: &'static str, err: &serde_json::Error) -> Self {
        // serde_json's message can quote the offending value, which may be PHI: keep the
        // category and position only.
        StoreError::Decode {
            what,
            detail: format!(
                "{:?} error at line {} column {}",
                err.classify(),
                err.line(),
                err.column()
            ),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt {
                detail: err.to_string(),
            },
            _ => StoreError::Sqlite(err),
        }
    }
}

impl From<StoreError> for CoreError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Invalid { field, message } => CoreError::Invalid {
                field: field.to_owned(),
                message,
            },
            StoreError::NotFound { what } => CoreError::NotFound { what },
            StoreError::Conflict(message) => CoreError::Conflict { message },
            other => CoreError::Storage {
                way_out: other.way_out(),
                message: other.to_string(),
            },
        }
    }
}
