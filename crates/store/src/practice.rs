//! The practice's furniture as the vendors describe it: providers, locations with their time
//! zones, operatories, appointment types. Replaced wholesale by each sync, read by the board.

use crate::codec::{from_json, ms, to_json};
use crate::error::StoreError;
use crate::store::Store;
use frontdesk_core::practice::{AppointmentType, Location, Operatory, Provider};
use rusqlite::{Connection, params};
use serde::de::DeserializeOwned;

impl Store {
    pub fn providers(&self) -> Result<Vec<Provider>, StoreError> {
        all(
            &self.reader(),
            "SELECT body FROM providers ORDER BY id",
            "provider",
        )
    }

    pub fn locations(&self) -> Result<Vec<Location>, StoreError> {
        all(
            &self.reader(),
            "SELECT body FROM locations ORDER BY id",
            "location",
        )
    }

    pub fn operatories(&self) -> Result<Vec<Operatory>, StoreError> {
        all(
            &self.reader(),
            "SELECT body FROM operatories ORDER BY id",
            "operatory",
        )
    }

    pub fn appointment_types(&self) -> Result<Vec<AppointmentType>, StoreError> {
        all(
            &self.reader(),
            "SELECT body FROM appointment_types ORDER BY id",
            "appointment type",
        )
    }

    /// Runs `work` in one write transaction: all of it lands or none of it.
    pub(crate) fn in_transaction<T>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let out = work(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

pub(crate) fn all<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    what: &'static str,
) -> Result<Vec<T>, StoreError> {
    bodies(conn, sql, [], what)
}

pub(crate) fn bodies<T: DeserializeOwned, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    what: &'static str,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for body in rows {
        out.push(from_json(what, &body?)?);
    }
    Ok(out)
}

// The writers take the caller's transaction, so one sync page can put several tables and its
// cursor in a single commit (see `sync_batch.rs`).

pub(crate) fn write_providers(tx: &Connection, providers: &[Provider]) -> Result<(), StoreError> {
    let mut stmt = tx
        .prepare_cached("INSERT OR REPLACE INTO providers (id, body, as_of) VALUES (?1, ?2, ?3)")?;
    for p in providers {
        stmt.execute(params![p.id, to_json("provider", p)?, ms(p.as_of)])?;
    }
    Ok(())
}

pub(crate) fn write_locations(tx: &Connection, locations: &[Location]) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO locations (id, time_zone, body) VALUES (?1, ?2, ?3)",
    )?;
    for l in locations {
        // A zone the desk cannot read would put every appointment on the wrong day.
        l.tz().map_err(|_| {
            StoreError::invalid(
                "timeZone",
                format!("location {} has an unknown time zone", l.id),
            )
        })?;
        stmt.execute(params![l.id, l.time_zone, to_json("location", l)?])?;
    }
    Ok(())
}

pub(crate) fn write_operatories(
    tx: &Connection,
    operatories: &[Operatory],
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO operatories (id, location_id, body) VALUES (?1, ?2, ?3)",
    )?;
    for o in operatories {
        stmt.execute(params![o.id, o.location_id, to_json("operatory", o)?])?;
    }
    Ok(())
}

pub(crate) fn write_appointment_types(
    tx: &Connection,
    types: &[AppointmentType],
) -> Result<(), StoreError> {
    let mut stmt =
        tx.prepare_cached("INSERT OR REPLACE INTO appointment_types (id, body) VALUES (?1, ?2)")?;
    for t in types {
        stmt.execute(params![t.id, to_json("appointment type", t)?])?;
    }
    Ok(())
}
