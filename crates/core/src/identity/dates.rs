//! Dates of birth as people type them. A caller says "born 5/3/64" and the receptionist types
//! it as heard; the desk tries every reading a front desk would mean, most likely first, and
//! leaves ranking to the search.

use chrono::{Datelike, NaiveDate};

/// Every date of birth `token` can plausibly mean, most likely reading first, none if it is
/// not a date. Slashes read month first (US), dots day first (Europe), dashes year first
/// when the year leads; the day/month swap is always offered as a second reading because
/// swapped fields are the commonest date-of-birth error. Two-digit years are the latest year
/// not after `today`, since nobody is born in the future.
#[must_use]
pub fn dob_candidates(token: &str, today: NaiveDate) -> Vec<NaiveDate> {
    let token = token.trim();
    if token.is_empty() || token.len() > 10 {
        return Vec::new();
    }
    let separator = token.chars().find(|c| matches!(c, '/' | '.' | '-'));
    let parts: Vec<&str> = match separator {
        Some(sep) => token.split(sep).collect(),
        None if token.len() == 8 && token.chars().all(|c| c.is_ascii_digit()) => {
            vec![&token[0..4], &token[4..6], &token[6..8]]
        }
        None => return Vec::new(),
    };
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Vec::new();
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let (Some(a), Some(b), Some(c)) = (num(parts[0]), num(parts[1]), num(parts[2])) else {
        return Vec::new();
    };
    let mut readings: Vec<(u32, u32, u32)> = Vec::new();
    if parts[0].len() == 4 {
        // Year first: 1980-05-15, 1980/05/15, 19800515.
        readings.push((a, b, c));
        readings.push((a, c, b));
    } else {
        let year = if parts[2].len() <= 2 {
            expand_year(c, today)
        } else {
            c
        };
        if separator == Some('.') {
            readings.push((year, b, a));
            readings.push((year, a, b));
        } else {
            readings.push((year, a, b));
            readings.push((year, b, a));
        }
    }
    let mut out: Vec<NaiveDate> = Vec::new();
    for (y, m, d) in readings {
        let Ok(y) = i32::try_from(y) else { continue };
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
            && (1880..=today.year()).contains(&y)
            && date <= today
            && !out.contains(&date)
        {
            out.push(date);
        }
    }
    out
}

fn expand_year(two_digits: u32, today: NaiveDate) -> u32 {
    let this_year = u32::try_from(today.year()).unwrap_or(2000);
    let century = this_year / 100 * 100;
    if century + two_digits <= this_year {
        century + two_digits
    } else {
        century - 100 + two_digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: fn() -> NaiveDate = || d(2026, 11, 21);

    #[test]
    fn common_formats_read_the_same_date() {
        for text in [
            "1980-05-15",
            "05/15/1980",
            "15.05.1980",
            "5/15/80",
            "19800515",
            "1980/5/15",
        ] {
            assert_eq!(
                dob_candidates(text, TODAY()),
                vec![d(1980, 5, 15)],
                "{text}"
            );
        }
    }

    #[test]
    fn ambiguous_dates_offer_both_readings_us_first() {
        assert_eq!(
            dob_candidates("5/3/64", TODAY()),
            vec![d(1964, 5, 3), d(1964, 3, 5)]
        );
        assert_eq!(
            dob_candidates("5.3.64", TODAY()),
            vec![d(1964, 3, 5), d(1964, 5, 3)]
        );
    }

    #[test]
    fn two_digit_years_are_never_in_the_future() {
        assert_eq!(dob_candidates("1/2/25", TODAY())[0], d(2025, 1, 2));
        assert_eq!(dob_candidates("1/2/27", TODAY())[0], d(1927, 1, 2));
    }

    #[test]
    fn non_dates_give_nothing() {
        for text in [
            "",
            "smith",
            "5551234",
            "13/13/1980",
            "1/2",
            "1/2/3/4",
            "99999999",
            "--/--/--",
        ] {
            assert!(dob_candidates(text, TODAY()).is_empty(), "{text}");
        }
    }
}
