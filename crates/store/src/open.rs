//! The open path, in the order that keeps failures honest: the key first and verified (a wrong
//! key must fail here, loudly, not later as "no such table"), then the pragmas, then the
//! migrations. Nothing here deletes or resets a cache: every failure is a typed error whose way
//! out is for a person to take.

use crate::error::StoreError;
use crate::key::{CacheKey, KeyProvider, key_entry_name};
use crate::migrations;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The cache file's name inside the data directory.
pub const CACHE_FILE: &str = "cache.db";

/// SQLite's page cache per connection, in KiB: type-ahead touches the same upper B-tree pages
/// over and over, and decrypting a page again costs more than keeping it.
const CACHE_KIB: i64 = 64 * 1024;

/// Resolves the key for the cache in `data_dir`, creating one on first run.
pub(crate) fn resolve_key(
    data_dir: &Path,
    keys: &dyn KeyProvider,
) -> Result<(PathBuf, CacheKey), StoreError> {
    create_private_dir(data_dir)?;
    let canonical = data_dir.canonicalize().map_err(|source| StoreError::Io {
        path: data_dir.to_owned(),
        source,
    })?;
    let path = canonical.join(CACHE_FILE);
    let entry = key_entry_name(&canonical);
    let has_file = std::fs::metadata(&path).is_ok_and(|m| m.len() > 0);
    match keys.load(&entry)? {
        Some(key) => Ok((path, key)),
        None if has_file => Err(StoreError::KeyMissing { path }),
        None => {
            let key = CacheKey::generate();
            keys.save(&entry, &key)?;
            // Read it back: a keychain that accepts a write and forgets it would otherwise leave
            // a cache nobody can open after the next restart.
            match keys.load(&entry)? {
                Some(stored) if stored.to_hex() == key.to_hex() => Ok((path, key)),
                _ => Err(StoreError::Keychain {
                    detail: "the keychain did not keep the new cache key".to_owned(),
                }),
            }
        }
    }
}

/// Opens one connection to the cache at `path` with `key`, verified and configured.
pub(crate) fn connect(
    path: &Path,
    key: &CacheKey,
    read_only: bool,
) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.execute_batch(key.pragma().as_str())?;
    verify_key(&conn, path)?;
    conn.execute_batch(&format!(
        "PRAGMA temp_store = MEMORY;
         PRAGMA foreign_keys = ON;
         PRAGMA synchronous = NORMAL;
         PRAGMA cache_size = -{CACHE_KIB};
         PRAGMA busy_timeout = 5000;"
    ))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(mode = %mode, "cache_not_in_wal_mode");
    }
    if read_only {
        conn.execute_batch("PRAGMA query_only = ON;")?;
    }
    Ok(conn)
}

/// Opens the writer connection and migrates the schema.
pub(crate) fn connect_and_migrate(path: &Path, key: &CacheKey) -> Result<Connection, StoreError> {
    let mut conn = connect(path, key, false)?;
    migrations::migrate(&mut conn, path)?;
    Ok(conn)
}

fn verify_key(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(err) => match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
                if is_plaintext_sqlite(path) =>
            {
                Err(StoreError::NotEncrypted {
                    path: path.to_owned(),
                })
            }
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                Err(StoreError::CannotDecrypt {
                    path: path.to_owned(),
                })
            }
            _ => Err(err.into()),
        },
    }
}

fn is_plaintext_sqlite(path: &Path) -> bool {
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|()| &header == b"SQLite format 3\0")
}

fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: dir.to_owned(),
        source,
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(io)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir).map_err(io)
    }
}

/// Owner-only access to the cache file; SQLite gives the -wal and -shm files the same mode.
pub(crate) fn restrict_permissions(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(
            |source| StoreError::Io {
                path: path.to_owned(),
                source,
            },
        )?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
