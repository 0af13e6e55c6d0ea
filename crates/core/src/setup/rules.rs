//! The rules a practice-setup value must meet before it goes to a vendor: calendar dates, 24 h
//! times, day names, weekly windows that do not overlap. One copy, used by the app's forms
//! (through [`super::forms`]) and by `frontdesk admin` (as clap value parsers), so a value the
//! CLI refuses is one the app refuses too, with the same words.
//!
//! Each rule answers a plain sentence without naming the field: the caller knows whether it
//! was `--holiday` or the form's "Holiday dates" and says so.

use chrono::{NaiveDate, NaiveTime};

/// A calendar date written exactly `YYYY-MM-DD` (chrono alone would also take `2026-1-5`).
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let parsed = shape
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten();
    parsed.ok_or_else(|| format!("`{s}` is not a calendar date written YYYY-MM-DD"))
}

/// A 24-hour time written exactly `HH:MM`.
pub fn time(s: &str) -> Result<NaiveTime, String> {
    let shape = s.len() == 5
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 2 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        });
    let parsed = shape
        .then(|| NaiveTime::parse_from_str(s, "%H:%M").ok())
        .flatten();
    parsed.ok_or_else(|| format!("`{s}` is not a 24-hour time written HH:MM (00:00 to 23:59)"))
}

/// `HH:MM-HH:MM`, the start before the end (a window cannot run past midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Window {
    /// A window from its two ends, each `HH:MM`; the start must come first.
    pub fn new(start: &str, end: &str) -> Result<Self, String> {
        let (start, end) = (time(start.trim())?, time(end.trim())?);
        if start >= end {
            return Err(format!(
                "{}-{}: the start must be before the end",
                start.format("%H:%M"),
                end.format("%H:%M")
            ));
        }
        Ok(Self { start, end })
    }
    #[must_use]
    pub fn start_text(self) -> String {
        self.start.format("%H:%M").to_string()
    }
    #[must_use]
    pub fn end_text(self) -> String {
        self.end.format("%H:%M").to_string()
    }
    #[must_use]
    pub fn overlaps(self, other: Window) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// `HH:MM-HH:MM` in one piece.
pub fn window(s: &str) -> Result<Window, String> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| format!("`{s}` is not a time range written HH:MM-HH:MM"))?;
    Window::new(a, b).map_err(|e| {
        if e.ends_with("before the end") {
            format!("`{s}`: the start must be before the end")
        } else {
            e
        }
    })
}

/// The week as the vendors spell it.
pub const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A day name in any case, returned as the vendors spell it (`Monday`).
pub fn day(s: &str) -> Result<String, String> {
    DAYS.iter()
        .find(|d| d.eq_ignore_ascii_case(s.trim()))
        .map(|d| (*d).to_owned())
        .ok_or_else(|| format!("`{s}` is not a day name (Monday … Sunday)"))
}

/// Day names, one value; a newtype because clap reads a bare `Vec` as repeated values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayList(pub Vec<String>);

/// A comma-separated list of day names (`Monday,Tuesday`).
pub fn days(s: &str) -> Result<DayList, String> {
    s.split(',').map(day).collect::<Result<_, _>>().map(DayList)
}

/// Day names each once, in week order: `["friday", "Monday", "monday"]` → Monday, Friday.
/// A repeated day is harmless and folded; an unknown one is refused.
pub fn day_set<S: AsRef<str>>(names: &[S]) -> Result<Vec<String>, String> {
    let mut picked = [false; 7];
    for n in names {
        let d = day(n.as_ref())?;
        if let Some(i) = DAYS.iter().position(|x| *x == d) {
            picked[i] = true;
        }
    }
    Ok(DAYS
        .iter()
        .zip(picked)
        .filter(|(_, on)| *on)
        .map(|(d, _)| (*d).to_owned())
        .collect())
}

/// `monday=09:00-12:00`: one weekly window of a provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayWindow {
    pub day: String,
    pub window: Window,
}

pub fn day_window(s: &str) -> Result<DayWindow, String> {
    let (d, w) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not DAY=HH:MM-HH:MM (e.g. monday=09:00-17:00)"))?;
    Ok(DayWindow {
        day: day(d)?,
        window: window(w)?,
    })
}

/// Two windows on one day that overlap, by their positions in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlap {
    pub first: usize,
    pub second: usize,
    pub message: String,
}

/// Two windows on one day that overlap are refused: the vendor would double-book the hours
/// or keep only one of them, and neither is what the admin meant. Windows that touch
/// (`09:00-12:00` and `12:00-17:00`) do not overlap.
pub fn no_overlaps(windows: &[DayWindow]) -> Result<(), Overlap> {
    for (i, a) in windows.iter().enumerate() {
        if let Some((j, b)) = windows
            .iter()
            .enumerate()
            .skip(i + 1)
            .find(|(_, b)| b.day == a.day && a.window.overlaps(b.window))
        {
            return Err(Overlap {
                first: i,
                second: j,
                message: format!(
                    "{} {}-{} overlaps {}-{}",
                    a.day,
                    a.window.start_text(),
                    a.window.end_text(),
                    b.window.start_text(),
                    b.window.end_text()
                ),
            });
        }
    }
    Ok(())
}

/// A non-empty line of text (names, messages) with a length bound.
pub fn text(s: &str, max: usize) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > max {
        return Err(format!("must be 1 to {max} characters"));
    }
    Ok(t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_written_in_full() {
        assert_eq!(
            date("2026-12-25").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()
        );
        for bad in ["2026-02-30", "2026-1-5", "25/12/2026", "2026-13-01", ""] {
            let e = date(bad).unwrap_err();
            assert!(e.contains("calendar date"), "{bad}: {e}");
        }
    }

    #[test]
    fn times_are_24_hour_hh_mm() {
        assert!(time("00:00").is_ok());
        assert!(time("23:59").is_ok());
        for bad in ["24:00", "9:00", "09:60", "5pm", "09:00:00"] {
            assert!(time(bad).unwrap_err().contains("24-hour"), "{bad}");
        }
    }

    #[test]
    fn a_window_starts_before_it_ends() {
        let w = window("08:00-17:00").unwrap();
        assert_eq!(
            (w.start_text(), w.end_text()),
            ("08:00".into(), "17:00".into())
        );
        assert!(
            window("17:00-08:00")
                .unwrap_err()
                .contains("before the end")
        );
        assert!(window("09:00-09:00").is_err());
        assert!(
            Window::new("12:00", "11:00")
                .unwrap_err()
                .contains("before the end")
        );
    }

    #[test]
    fn day_names_fold_case_and_refuse_the_unknown() {
        assert_eq!(day(" monday ").unwrap(), "Monday");
        assert!(day("Mon").unwrap_err().contains("day name"));
        assert_eq!(
            day_set(&["friday", "Monday", "monday"]).unwrap(),
            vec!["Monday".to_owned(), "Friday".to_owned()]
        );
        assert!(day_set(&["Funday"]).is_err());
    }

    #[test]
    fn overlapping_windows_on_one_day_are_refused_touching_ones_are_not() {
        let w = |s: &str| day_window(s).unwrap();
        assert!(no_overlaps(&[w("monday=09:00-12:00"), w("monday=12:00-17:00")]).is_ok());
        assert!(no_overlaps(&[w("monday=09:00-12:00"), w("tuesday=10:00-11:00")]).is_ok());
        let e = no_overlaps(&[
            w("monday=09:00-12:00"),
            w("tuesday=09:00-12:00"),
            w("monday=11:00-13:00"),
        ])
        .unwrap_err();
        assert_eq!((e.first, e.second), (0, 2));
        assert_eq!(e.message, "Monday 09:00-12:00 overlaps 11:00-13:00");
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(text("  Cardiology ", 20).unwrap(), "Cardiology");
        assert!(text("   ", 20).is_err());
        assert!(text(&"x".repeat(21), 20).is_err());
    }
}
