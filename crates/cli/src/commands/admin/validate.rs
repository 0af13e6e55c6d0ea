//! Argument checks shared by the admin commands, used as clap value parsers so a bad value
//! exits 2 with a message naming the flag before anything is sent to a vendor. The rules
//! themselves are core's (`frontdesk_core::setup::rules`), shared with the app's setup forms.

pub use frontdesk_core::setup::rules::{
    DayList, DayWindow, Window, date, day_window, days, text, window,
};

/// Two windows on one day that overlap are refused (the rule is core's); the message names
/// the flag they came from.
pub fn no_overlaps(windows: &[DayWindow]) -> Result<(), String> {
    frontdesk_core::setup::rules::no_overlaps(windows)
        .map_err(|o| format!("--hours: {}", o.message))
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
