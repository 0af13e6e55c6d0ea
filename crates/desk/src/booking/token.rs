//! Slot ids the desk hands out carry the whole slot (base64url of its JSON), so "book this id"
//! works in another process (`frontdesk slots` then `frontdesk book`) or after a restart, with
//! no memory of the search kept anywhere. A forged or stale id costs nothing: every booking
//! re-checks its slot with the vendor first.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use frontdesk_core::CoreError;
use frontdesk_core::slot::Slot;

const PREFIX: &str = "s1.";

/// The desk id of `slot` (the vendor's own id stays inside).
#[must_use]
pub fn encode(slot: &Slot) -> String {
    // A Slot is plain data; encoding it cannot fail.
    let json = serde_json::to_vec(slot).unwrap_or_default();
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
}

/// The slot a desk id names.
pub fn decode(id: &str) -> Result<Slot, CoreError> {
    let bad = || CoreError::invalid("slotId", "not a slot id from a slot search");
    let body = id.trim().strip_prefix(PREFIX).ok_or_else(bad)?;
    let json = URL_SAFE_NO_PAD.decode(body).map_err(|_| bad())?;
    serde_json::from_slice(&json).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use frontdesk_core::Vendor;
    use frontdesk_core::appointment::VisitMode;

    #[test]
    fn a_slot_survives_the_round_trip_and_junk_is_refused() {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap();
        let slot = Slot {
            id: "nexhealth|1|2|-|-|2026-11-23T09:00:00.000-05:00|-".into(),
            vendor: Vendor::Nexhealth,
            mode: VisitMode::InPerson,
            provider_id: Some("nexhealth:2".into()),
            location_id: Some("nexhealth:1".into()),
            operatory_id: None,
            appointment_type: None,
            start,
            end: start + chrono::Duration::minutes(30),
            drive_time_minutes: None,
        };
        let id = encode(&slot);
        assert!(id.starts_with("s1.") && !id.contains('|'));
        assert_eq!(decode(&id).unwrap(), slot);
        assert!(decode("nexhealth|1|2").is_err());
        assert!(decode("s1.!!!").is_err());
    }
}
