//! Bookable time, computed the way NexHealth describes it: each provider's working hours at a
//! location, per operatory, in the location's own time zone, minus the appointments already
//! holding that provider or that operatory.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::world::{NexAppointment, WorkingHour, World};

/// Whether a working-hours row applies on a local date.
pub fn applies_on(wh: &WorkingHour, date: NaiveDate) -> bool {
    wh.active
        && (wh.specific_date == Some(date)
            || (wh.specific_date.is_none() && wh.days.contains(&date.weekday())))
}

/// A local wall-clock time as an instant; in the gap of a spring-forward day, the first valid
/// instant after it.
pub fn local_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let naive = date.and_time(time);
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(a, _) => Some(a.with_timezone(&Utc)),
        chrono::LocalResult::None => tz
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc)),
    }
}

#[derive(Debug, Clone)]
pub struct FreeSlot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub provider_id: u32,
    pub operatory_id: Option<u32>,
    pub location_id: u32,
}

#[derive(Debug, Clone)]
pub struct SlotQuery {
    pub location_ids: Vec<u32>,
    pub provider_ids: Vec<u32>,
    pub operatory_ids: Vec<u32>,
    pub start_date: NaiveDate,
    pub days: u32,
    pub appointment_type_id: Option<u32>,
    pub slot_length: Option<u32>,
    pub slot_interval: Option<u32>,
    pub not_before: DateTime<Utc>,
}

pub fn overlaps(
    a_start: DateTime<Utc>,
    a_end: DateTime<Utc>,
    b_start: DateTime<Utc>,
    b_end: DateTime<Utc>,
) -> bool {
    a_start < b_end && b_start < a_end
}

/// Whether an appointment holding `provider`/`operatory` over the interval already exists.
pub fn is_taken(
    appts: &[NexAppointment],
    provider: u32,
    operatory: Option<u32>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> bool {
    appts.iter().any(|a| {
        a.blocks()
            && (a.provider_id == provider || (operatory.is_some() && a.operatory_id == operatory))
            && overlaps(a.start, a.end, start, end)
    })
}

pub fn free_slots(world: &World, q: &SlotQuery) -> Vec<FreeSlot> {
    let type_minutes = q
        .appointment_type_id
        .and_then(|id| world.appointment_types.iter().find(|t| t.id == id))
        .map(|t| t.minutes);
    let length = q.slot_length.or(type_minutes).unwrap_or(30).max(5);
    let interval = q.slot_interval.unwrap_or(length).max(5);
    let mut out = Vec::new();
    for &loc_id in &q.location_ids {
        let Some(loc) = world.location(loc_id) else {
            continue;
        };
        let window_start =
            local_instant(loc.tz, q.start_date, NaiveTime::MIN).unwrap_or(q.not_before);
        let window_end = window_start + Duration::days(i64::from(q.days) + 1);
        let booked: Vec<NexAppointment> = world
            .nex_appointments
            .iter()
            .filter(|a| a.blocks() && a.end > window_start && a.start < window_end)
            .cloned()
            .collect();
        for day in 0..q.days {
            let date = q.start_date + Duration::days(i64::from(day));
            for wh in world
                .working_hours
                .iter()
                .filter(|w| w.location_id == loc_id && applies_on(w, date))
            {
                if !q.provider_ids.is_empty() && !q.provider_ids.contains(&wh.provider_id) {
                    continue;
                }
                if !q.operatory_ids.is_empty()
                    && !wh
                        .operatory_id
                        .is_some_and(|o| q.operatory_ids.contains(&o))
                {
                    continue;
                }
                if let Some(t) = q.appointment_type_id
                    && !wh.appointment_type_ids.is_empty()
                    && !wh.appointment_type_ids.contains(&t)
                {
                    continue;
                }
                let (Some(begin), Some(end)) = (
                    local_instant(loc.tz, date, wh.begin),
                    local_instant(loc.tz, date, wh.end),
                ) else {
                    continue;
                };
                let mut t = begin;
                while t + Duration::minutes(i64::from(length)) <= end {
                    let e = t + Duration::minutes(i64::from(length));
                    if t >= q.not_before
                        && !is_taken(&booked, wh.provider_id, wh.operatory_id, t, e)
                    {
                        out.push(FreeSlot {
                            start: t,
                            end: e,
                            provider_id: wh.provider_id,
                            operatory_id: wh.operatory_id,
                            location_id: loc_id,
                        });
                    }
                    t += Duration::minutes(i64::from(interval));
                }
            }
        }
    }
    out.sort_by_key(|s| (s.location_id, s.provider_id, s.operatory_id, s.start));
    out
}
