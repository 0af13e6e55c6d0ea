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

#[cfg(test)]
mod tests {
    use chrono::{NaiveTime, TimeZone, Weekday};

    use super::*;
    use crate::world::{Address, Location, Provider};

    fn world(begin: (u32, u32), end: (u32, u32)) -> World {
        let mut w = World::default();
        w.locations.push(Location {
            id: 11,
            cx_id: "loc-450".into(),
            name: "Midtown".into(),
            tz: chrono_tz::America::New_York,
            address: Address {
                street: String::new(),
                city: String::new(),
                state: String::new(),
                zip: String::new(),
                lat: 0.0,
                lon: 0.0,
            },
            phone: String::new(),
        });
        w.providers.push(Provider {
            id: 101,
            cx_id: "dr-700".into(),
            zoom_id: "prov_1".into(),
            nextech_id: 5101,
            first: "Grace".into(),
            last: "Lee".into(),
            designation: "MD".into(),
            specialty: String::new(),
            npi: String::new(),
            email: String::new(),
            location: 11,
            telehealth: true,
        });
        w.working_hours.push(WorkingHour {
            id: 401,
            provider_id: 101,
            location_id: 11,
            operatory_id: Some(201),
            begin: NaiveTime::from_hms_opt(begin.0, begin.1, 0).unwrap(),
            end: NaiveTime::from_hms_opt(end.0, end.1, 0).unwrap(),
            days: vec![Weekday::Sat, Weekday::Sun],
            specific_date: None,
            appointment_type_ids: Vec::new(),
            active: true,
            source: "synced",
            created_at: Utc::now(),
        });
        w
    }

    fn query(date: NaiveDate) -> SlotQuery {
        SlotQuery {
            location_ids: vec![11],
            provider_ids: Vec::new(),
            operatory_ids: Vec::new(),
            start_date: date,
            days: 1,
            appointment_type_id: None,
            slot_length: Some(30),
            slot_interval: None,
            not_before: Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap(),
        }
    }

    #[test]
    fn should_start_the_day_at_local_nine_on_both_sides_of_a_dst_change() {
        let w = world((9, 0), (17, 0));
        let first = |d: NaiveDate| free_slots(&w, &query(d))[0].start;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            first(d(2026, 3, 7)),
            Utc.with_ymd_and_hms(2026, 3, 7, 14, 0, 0).unwrap()
        );
        assert_eq!(
            first(d(2026, 3, 8)),
            Utc.with_ymd_and_hms(2026, 3, 8, 13, 0, 0).unwrap()
        );
        assert_eq!(
            first(d(2026, 10, 31)),
            Utc.with_ymd_and_hms(2026, 10, 31, 13, 0, 0).unwrap()
        );
        assert_eq!(
            first(d(2026, 11, 1)),
            Utc.with_ymd_and_hms(2026, 11, 1, 14, 0, 0).unwrap()
        );
        assert_eq!(free_slots(&w, &query(d(2026, 3, 8))).len(), 16);
    }

    #[test]
    fn should_offer_no_slot_in_the_missing_hour_of_spring_forward() {
        let w = world((1, 0), (4, 0));
        let slots = free_slots(&w, &query(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()));
        // 01:00-04:00 local is two real hours that day: 01:00, 01:30, 03:00, 03:30.
        assert_eq!(slots.len(), 4);
        assert_eq!(
            slots[2].start,
            Utc.with_ymd_and_hms(2026, 3, 8, 7, 0, 0).unwrap()
        );
    }

    #[test]
    fn should_not_offer_time_held_by_the_provider_or_the_operatory() {
        let mut w = world((9, 0), (10, 0));
        let day = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        let start = Utc.with_ymd_and_hms(2026, 3, 7, 14, 0, 0).unwrap();
        w.nex_appointments.push(NexAppointment {
            id: 1,
            patient_id: None,
            provider_id: 999,
            location_id: 11,
            operatory_id: Some(201),
            appointment_type_id: None,
            start,
            end: start + Duration::minutes(30),
            note: None,
            confirmed: true,
            cancelled: false,
            cancelled_at: None,
            unavailable: false,
            insertion: crate::world::Insertion::Synced,
            foreign_id: None,
            created_at: start,
            updated_at: start,
        });
        let slots = free_slots(&w, &query(day));
        assert_eq!(slots.len(), 1);
        assert_eq!(slots[0].start, start + Duration::minutes(30));
        w.nex_appointments[0].insertion = crate::world::Insertion::Failed("no".into());
        assert_eq!(
            free_slots(&w, &query(day)).len(),
            2,
            "a failed insertion holds no time"
        );
    }
}
