//! Normalisations every vendor's `map.rs` needs: phones to E.164 (vendors send `+12025551234`,
//! `5163042196`, `555-555-1000`), dates of birth from whole timestamps, the `M-D-YYYY` query
//! dates of the Nextech doc, and vendor local times with offsets to UTC instants.

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::patient::{Phone, PhoneKind};

/// E.164 for North American numbers (the practices this desk serves); other numbers keep
/// their `+` form if they had one, else the vendor's text.
#[must_use]
pub fn e164(raw: &str) -> String {
    let trimmed = raw.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed.starts_with('+') && (8..=15).contains(&digits.len()) {
        return format!("+{digits}");
    }
    match digits.len() {
        10 if !digits.starts_with(['0', '1']) => format!("+1{digits}"),
        11 if digits.starts_with('1') => format!("+{digits}"),
        _ => trimmed.to_owned(),
    }
}

/// A `Phone` from an optional vendor field, dropping blanks.
#[must_use]
pub fn phone(raw: Option<&str>, kind: PhoneKind) -> Option<Phone> {
    let raw = raw?.trim();
    (!raw.is_empty()).then(|| Phone {
        number: e164(raw),
        kind,
    })
}

/// A date of birth from `1980-05-15` or a timestamp like Nextech's `2017-12-14T15:08:59.934Z`.
/// The calendar date is taken as written: a birthday is not an instant and must not shift
/// with a time zone.
#[must_use]
pub fn birth_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    let date_part = raw.get(..10).unwrap_or(raw);
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()
}

/// The `M-D-YYYY` form of the Nextech doc's query examples (`start=2-2-2000`).
#[must_use]
pub fn nextech_query_date(date: NaiveDate) -> String {
    date.format("%-m-%-d-%Y").to_string()
}

/// An instant from RFC 3339 with any offset (`2017-10-09T07:00:00.000-04:00`, `...Z`).
#[must_use]
pub fn instant(raw: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Non-blank text.
#[must_use]
pub fn text(raw: Option<&str>) -> Option<String> {
    raw.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_to_e164() {
        for (raw, want) in [
            ("+12025551234", "+12025551234"),
            ("5163042196", "+15163042196"),
            ("555-555-1000", "+15555551000"),
            ("(202) 555-1234", "+12025551234"),
            ("1 202 555 1234", "+12025551234"),
            ("+44 20 7946 0958", "+442079460958"),
            ("0123", "0123"),
            ("ext. 12", "ext. 12"),
        ] {
            assert_eq!(e164(raw), want, "{raw}");
        }
        assert_eq!(phone(Some("  "), PhoneKind::Home), None);
    }

    #[test]
    fn birth_dates_are_calendar_dates() {
        let d = NaiveDate::from_ymd_opt(2017, 12, 14).unwrap();
        assert_eq!(birth_date("2017-12-14T15:08:59.934Z"), Some(d));
        assert_eq!(
            birth_date("2017-12-14T23:30:00-08:00"),
            Some(d),
            "no zone shift"
        );
        assert_eq!(birth_date("2017-12-14"), Some(d));
        assert_eq!(birth_date("14/12/2017"), None);
    }

    #[test]
    fn nextech_dates_use_the_doc_form() {
        let d = NaiveDate::from_ymd_opt(2000, 2, 2).unwrap();
        assert_eq!(nextech_query_date(d), "2-2-2000");
        let d = NaiveDate::from_ymd_opt(2010, 12, 25).unwrap();
        assert_eq!(nextech_query_date(d), "12-25-2010");
    }

    #[test]
    fn local_times_with_offsets_become_utc() {
        let t = instant("2017-10-09T07:00:00.000-04:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2017-10-09T11:00:00+00:00");
        assert_eq!(
            instant("2023-05-10T14:30:00Z").unwrap().to_rfc3339(),
            "2023-05-10T14:30:00+00:00"
        );
        assert_eq!(instant("2023-05-10 14:30"), None);
    }
}
