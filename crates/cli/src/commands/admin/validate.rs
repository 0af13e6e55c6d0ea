//! Argument checks shared by the admin commands, used as clap value parsers so a bad value
//! exits 2 with a message naming the flag before anything is sent to a vendor.

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
    pub fn start_text(self) -> String {
        self.start.format("%H:%M").to_string()
    }
    pub fn end_text(self) -> String {
        self.end.format("%H:%M").to_string()
    }
    fn overlaps(self, other: Window) -> bool {
        self.start < other.end && other.start < self.end
    }
}

pub fn window(s: &str) -> Result<Window, String> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| format!("`{s}` is not a time range written HH:MM-HH:MM"))?;
    let (start, end) = (time(a.trim())?, time(b.trim())?);
    if start >= end {
        return Err(format!("`{s}`: the start must be before the end"));
    }
    Ok(Window { start, end })
}

const DAYS: [&str; 7] = [
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

/// Day names, one flag value; a newtype because clap reads a bare `Vec` as repeated values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayList(pub Vec<String>);

/// A comma-separated list of day names (`Monday,Tuesday`).
pub fn days(s: &str) -> Result<DayList, String> {
    s.split(',').map(day).collect::<Result<_, _>>().map(DayList)
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

/// Two windows on one day that overlap are refused: the vendor would double-book the hours
/// or keep only one of them, and neither is what the admin meant.
pub fn no_overlaps(windows: &[DayWindow]) -> Result<(), String> {
    for (i, a) in windows.iter().enumerate() {
        if let Some(b) = windows[i + 1..]
            .iter()
            .find(|b| b.day == a.day && a.window.overlaps(b.window))
        {
            return Err(format!(
                "--hours: {} {}-{} overlaps {}-{}",
                a.day,
                a.window.start_text(),
                a.window.end_text(),
                b.window.start_text(),
                b.window.end_text()
            ));
        }
    }
    Ok(())
}

/// A webhook URL CXone can call: `https`, with a host that is not this machine or a private
/// network (CXone's servers could never reach it, and every event would be lost).
pub fn webhook_url(s: &str) -> Result<String, String> {
    let rest = s.strip_prefix("https://").ok_or_else(|| {
        "--url must be an https:// URL (CXone signs and sends events over TLS)".to_owned()
    })?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err("--url has no host".to_owned());
    }
    let unreachable = || {
        format!("--url host `{host}` is this machine or a private network: CXone cannot reach it")
    };
    let lower = host.to_ascii_lowercase();
    if lower == "localhost"
        || lower.ends_with(".localhost")
        || lower.rsplit('.').next() == Some("local")
    {
        return Err(unreachable());
    }
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip))
            if ip.is_loopback()
                || ip.is_private()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip.is_broadcast() =>
        {
            Err(unreachable())
        }
        Ok(std::net::IpAddr::V6(ip))
            if ip.is_loopback()
                || ip.is_unspecified()
                || (ip.segments()[0] & 0xfe00) == 0xfc00
                || (ip.segments()[0] & 0xffc0) == 0xfe80 =>
        {
            Err(unreachable())
        }
        _ => Ok(s.to_owned()),
    }
}

/// A non-empty line of text (names, messages) with a length bound.
pub fn text(s: &str, max: usize) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > max {
        return Err(format!("must be 1 to {max} characters"));
    }
    Ok(t.to_owned())
}
