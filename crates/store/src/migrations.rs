//! Versioned schema migrations, each applied in one transaction with its version number, so a
//! crash mid-upgrade leaves the previous schema intact. A file written by a newer Frontdesk is
//! refused rather than half-understood.

use crate::error::StoreError;
use rusqlite::Connection;
use std::path::Path;

/// Every migration in order; the last version is what this build writes.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("schema/0001_initial.sql")),
    (2, include_str!("schema/0002_staff.sql")),
    (3, include_str!("schema/0003_second_factor.sql")),
    (4, include_str!("schema/0004_staff_provider.sql")),
    (5, include_str!("schema/0005_retention_holds.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Brings the cache at `path` up to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            path: path.to_owned(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        let apply = |conn: &mut Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()
        };
        apply(conn).map_err(|source| StoreError::Migration { version, source })?;
        tracing::info!(version, "cache_schema_migrated");
    }
    Ok(())
}
