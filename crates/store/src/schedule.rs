//! Appointments from every source and the last slot-search answers. Day boundaries are the
//! location's local midnight in its own zone, daylight saving included, because that is the
//! day the board shows.

use crate::codec::{ms, now_ms, to_json};
use crate::error::StoreError;
use crate::practice::bodies;
use crate::store::Store;
use chrono::{DateTime, Days, LocalResult, NaiveDate, TimeZone, Utc};
use frontdesk_core::appointment::Appointment;
use frontdesk_core::slot::Slot;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Stores appointments (any source, any state) in one transaction.
    pub fn upsert_appointments(&self, appointments: &[Appointment]) -> Result<(), StoreError> {
        self.in_transaction(|tx| write_appointments(tx, appointments))
    }

    /// The location's appointments overlapping its local `day`, by start time.
    pub fn appointments_for_location_day(
        &self,
        location_id: &str,
        day: NaiveDate,
    ) -> Result<Vec<Appointment>, StoreError> {
        let conn = self.reader();
        let zone: String = conn
            .query_row(
                "SELECT time_zone FROM locations WHERE id = ?1",
                [location_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("location {location_id}"),
            })?;
        let tz: chrono_tz::Tz = zone.parse().map_err(|_| {
            StoreError::invalid(
                "timeZone",
                format!("location {location_id} has an unknown time zone"),
            )
        })?;
        let (from, to) = local_day_bounds(&tz, day);
        // Appointments never last a day, so starting a day early bounds the index range.
        bodies(
            &conn,
            "SELECT body FROM appointments WHERE location_id = ?1 AND start_ms >= ?2 AND start_ms < ?3 AND end_ms > ?4
             ORDER BY start_ms, id",
            params![location_id, ms(from) - 86_400_000, ms(to), ms(from)],
            "appointment",
        )
    }

    /// A provider's appointments overlapping `[from, to)`, by start time.
    pub fn appointments_for_provider(
        &self,
        provider_id: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Appointment>, StoreError> {
        bodies(
            &self.reader(),
            "SELECT body FROM appointments WHERE provider_id = ?1 AND start_ms >= ?2 AND start_ms < ?3 AND end_ms > ?4
             ORDER BY start_ms, id",
            params![provider_id, ms(from) - 86_400_000, ms(to), ms(from)],
            "appointment",
        )
    }

    /// Replaces the cached answer to one slot search (`query_key` is the caller's canonical key).
    pub fn replace_slots(&self, query_key: &str, slots: &[Slot]) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute("DELETE FROM slots_cache WHERE query_key = ?1", [query_key])?;
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO slots_cache (query_key, slot_id, start_ms, body, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let now = now_ms();
            for s in slots {
                stmt.execute(params![query_key, s.id, ms(s.start), to_json("slot", s)?, now])?;
            }
            Ok(())
        })
    }

    /// The cached answer to one slot search, by start time.
    pub fn cached_slots(&self, query_key: &str) -> Result<Vec<Slot>, StoreError> {
        bodies(
            &self.reader(),
            "SELECT body FROM slots_cache WHERE query_key = ?1 ORDER BY start_ms, slot_id",
            [query_key],
            "slot",
        )
    }
}

/// Writes appointments inside the caller's transaction.
pub(crate) fn write_appointments(
    tx: &rusqlite::Connection,
    appointments: &[Appointment],
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO appointments (id, vendor, patient_id, provider_id, location_id, start_ms, end_ms, status, body, as_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for a in appointments {
        stmt.execute(params![
            a.id,
            a.vendor.key(),
            a.patient_id.as_ref().map(|p| p.0.as_str()),
            a.provider_id,
            a.location_id,
            ms(a.start),
            ms(a.end),
            to_json("status", &a.status)?,
            to_json("appointment", a)?,
            ms(a.as_of)
        ])?;
    }
    Ok(())
}

/// `[local midnight of day, local midnight of the next day)` as UTC instants. Where midnight
/// does not exist (a zone that springs forward at 00:00) the day starts at the first instant
/// that does.
pub(crate) fn local_day_bounds<Z: TimeZone>(
    tz: &Z,
    day: NaiveDate,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let start_of = |d: NaiveDate| -> DateTime<Utc> {
        let midnight = d.and_time(chrono::NaiveTime::MIN);
        for minutes in (0..=180).step_by(15) {
            let local = midnight + chrono::Duration::minutes(minutes);
            match tz.from_local_datetime(&local) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                    return t.with_timezone(&Utc);
                }
                LocalResult::None => {}
            }
        }
        Utc.from_utc_datetime(&midnight)
    };
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    (start_of(day), start_of(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spring_forward_day_is_23_hours_and_a_fall_back_day_25() {
        let tz = chrono_tz::America::Chicago;
        let (a, b) = local_day_bounds(&tz, NaiveDate::from_ymd_opt(2026, 3, 8).unwrap());
        assert_eq!((b - a).num_hours(), 23);
        let (a, b) = local_day_bounds(&tz, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!((b - a).num_hours(), 25);
        assert_eq!(a.to_rfc3339(), "2026-11-01T05:00:00+00:00");
    }
}
