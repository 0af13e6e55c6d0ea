//! Pure merge and grouping: slots from every vendor in one time order (UTC instants compared),
//! then grouped by the local day of each slot's location, so a 23:30 UTC slot in Chicago
//! lands on the day a receptionist in Chicago would say, and a daylight-saving day is one day.

use crate::slot::Slot;
use crate::slots::zones::Zones;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeMap, HashSet};

/// One slot with the wall-clock time it is shown at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DaySlot {
    pub slot: Slot,
    /// IANA zone of the slot's location.
    pub zone: String,
    pub local_start: NaiveDateTime,
    pub local_end: NaiveDateTime,
}

/// Every slot of one local day, earliest instant first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SlotDay {
    pub date: NaiveDate,
    pub slots: Vec<DaySlot>,
}

/// One list from many: duplicates (same vendor, same slot id) dropped, sorted by start
/// instant, then vendor, provider and id so equal times keep a stable order.
#[must_use]
pub fn merge(batches: Vec<Vec<Slot>>) -> Vec<Slot> {
    let mut seen = HashSet::new();
    let mut all: Vec<Slot> = batches
        .into_iter()
        .flatten()
        .filter(|s| seen.insert((s.vendor, s.id.clone())))
        .collect();
    all.sort_by(|a, b| {
        (a.start, a.vendor, &a.provider_id, &a.id).cmp(&(b.start, b.vendor, &b.provider_id, &b.id))
    });
    all
}

/// Groups merged slots by their location's local day, keeping only days in `from..=to`
/// (vendors answer in UTC days; the desk asks in local ones).
#[must_use]
pub fn group_by_day(slots: &[Slot], zones: &Zones, from: NaiveDate, to: NaiveDate) -> Vec<SlotDay> {
    let mut days: BTreeMap<NaiveDate, Vec<DaySlot>> = BTreeMap::new();
    for slot in slots {
        let zone = zones.of(slot);
        let local_start = slot.start.with_timezone(&zone).naive_local();
        let date = local_start.date();
        if date < from || date > to {
            continue;
        }
        days.entry(date).or_default().push(DaySlot {
            slot: slot.clone(),
            zone: zone.name().to_owned(),
            local_start,
            local_end: slot.end.with_timezone(&zone).naive_local(),
        });
    }
    days.into_iter()
        .map(|(date, mut slots)| {
            slots.sort_by_key(|s| s.slot.start);
            SlotDay { date, slots }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appointment::VisitMode;
    use crate::ids::Vendor;
    use chrono::{DateTime, TimeZone, Utc};
    use chrono_tz::America::{Chicago, New_York};

    fn slot(id: &str, vendor: Vendor, location: &str, start: DateTime<Utc>) -> Slot {
        Slot {
            id: id.into(),
            vendor,
            mode: VisitMode::InPerson,
            provider_id: Some("p".into()),
            location_id: Some(location.into()),
            operatory_id: None,
            appointment_type: None,
            start,
            end: start + chrono::Duration::minutes(30),
            drive_time_minutes: None,
        }
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn zones() -> Zones {
        Zones::new(New_York)
            .with_location("ny", New_York)
            .with_location("chi", Chicago)
    }

    #[test]
    fn merge_orders_by_instant_and_drops_duplicates() {
        let a = slot("a", Vendor::Zoom, "ny", utc(2026, 3, 9, 15, 0));
        let b = slot("b", Vendor::Nexhealth, "chi", utc(2026, 3, 9, 14, 0));
        let merged = merge(vec![vec![a.clone(), a.clone()], vec![b.clone()]]);
        assert_eq!(merged, vec![b, a]);
    }

    #[test]
    fn spring_forward_day_is_one_local_day_with_shifted_offsets() {
        // 2026-03-08: New York jumps from 02:00 EST to 03:00 EDT.
        let before = slot("1", Vendor::Nexhealth, "ny", utc(2026, 3, 8, 6, 30)); // 01:30 EST
        let after = slot("2", Vendor::Nexhealth, "ny", utc(2026, 3, 8, 7, 30)); // 03:30 EDT
        let late = slot("3", Vendor::Nexhealth, "ny", utc(2026, 3, 9, 3, 30)); // 23:30 EDT
        let days = group_by_day(
            &merge(vec![vec![late, after, before]]),
            &zones(),
            day(2026, 3, 8),
            day(2026, 3, 8),
        );
        assert_eq!(days.len(), 1);
        let times: Vec<String> = days[0]
            .slots
            .iter()
            .map(|s| s.local_start.format("%H:%M").to_string())
            .collect();
        assert_eq!(times, ["01:30", "03:30", "23:30"]);
    }

    #[test]
    fn fall_back_day_keeps_both_one_thirties_in_instant_order() {
        // 2026-11-01: 01:00-02:00 happens twice in New York (EDT, then EST).
        let first = slot("edt", Vendor::Nexhealth, "ny", utc(2026, 11, 1, 5, 30));
        let second = slot("est", Vendor::Nexhealth, "ny", utc(2026, 11, 1, 6, 30));
        let days = group_by_day(
            &merge(vec![vec![second, first]]),
            &zones(),
            day(2026, 11, 1),
            day(2026, 11, 1),
        );
        let ids: Vec<&str> = days[0].slots.iter().map(|s| s.slot.id.as_str()).collect();
        assert_eq!(ids, ["edt", "est"]);
        assert!(
            days[0]
                .slots
                .iter()
                .all(|s| s.local_start.format("%H:%M").to_string() == "01:30")
        );
        // The day after the change ends at local midnight EST (05:00 UTC), not 04:00.
        let edge = slot("edge", Vendor::Nexhealth, "ny", utc(2026, 11, 2, 4, 30)); // 23:30 EST Nov 1
        let days = group_by_day(&[edge], &zones(), day(2026, 11, 1), day(2026, 11, 2));
        assert_eq!(days[0].date, day(2026, 11, 1));
    }

    #[test]
    fn two_zones_group_by_each_locations_own_day() {
        // 04:30 UTC on the 10th is 23:30 on the 9th in Chicago but 00:30 on the 10th in New York.
        let chi = slot("chi", Vendor::Nexhealth, "chi", utc(2026, 3, 10, 4, 30));
        let ny = slot("ny", Vendor::Zoom, "ny", utc(2026, 3, 10, 4, 30));
        let early_ny = slot("ny-early", Vendor::Zoom, "ny", utc(2026, 3, 9, 13, 0));
        let days = group_by_day(
            &merge(vec![vec![chi], vec![ny, early_ny]]),
            &zones(),
            day(2026, 3, 9),
            day(2026, 3, 10),
        );
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].date, day(2026, 3, 9));
        let ids: Vec<&str> = days[0].slots.iter().map(|s| s.slot.id.as_str()).collect();
        assert_eq!(ids, ["ny-early", "chi"]);
        assert_eq!(days[0].slots[1].zone, "America/Chicago");
        assert_eq!(days[1].slots[0].slot.id, "ny");
    }

    #[test]
    fn days_outside_the_asked_range_are_dropped() {
        let s = slot("x", Vendor::Nexhealth, "ny", utc(2026, 3, 12, 15, 0));
        assert!(group_by_day(&[s], &zones(), day(2026, 3, 9), day(2026, 3, 10)).is_empty());
    }
}
