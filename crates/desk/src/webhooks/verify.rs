//! Is a delivery really from the vendor, and recent? Each vendor signs differently (see
//! `crates/vendors/NOTES.md`): Zoom signs `v0:{timestamp}:{body}` and sends the timestamp in a
//! header; CXone and NexHealth sign the raw body and carry the event time inside it, so their
//! freshness is judged after the signature has vouched for the body. Comparisons go through
//! `Mac::verify_slice`, which is constant-time.

use chrono::{DateTime, Utc};
use frontdesk_core::Vendor;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How far a delivery's own time may be from ours (either way: clocks drift).
pub const TOLERANCE_SECONDS: i64 = 300;

/// Why a delivery was refused. Says nothing about the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// The vendor's signature header is missing or not in its format.
    Unsigned,
    /// The signature does not match the body under the stored secret.
    BadSignature,
    /// The delivery's time is outside the tolerance (a replay, or a very late retry).
    Stale,
    /// No secret is stored for this vendor, so nothing can be verified.
    NoSecret,
    /// The body is not the vendor's JSON.
    Malformed,
}

impl Rejection {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Rejection::Unsigned => "unsigned",
            Rejection::BadSignature => "bad_signature",
            Rejection::Stale => "stale",
            Rejection::NoSecret => "no_secret",
            Rejection::Malformed => "malformed",
        }
    }
}

/// Lower-case hex HMAC-SHA256 of `parts` (concatenated) under `secret`.
#[must_use]
pub fn hmac_hex(secret: &str, parts: &[&[u8]]) -> String {
    match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            for p in parts {
                mac.update(p);
            }
            hex::encode(mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length; this arm cannot be reached.
        Err(_) => String::new(),
    }
}

/// Whether `given_hex` is the HMAC of `parts` under `secret`, compared in constant time.
fn matches(secret: &str, parts: &[&[u8]], given_hex: &str) -> bool {
    let Ok(given) = hex::decode(given_hex.trim()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    for p in parts {
        mac.update(p);
    }
    mac.verify_slice(&given).is_ok()
}

/// The headers a signature check reads, lower-case names.
pub type HeaderLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Checks `body`'s signature for `vendor`. Zoom's freshness is checked here too (its time is
/// a header); the others' once the body is parsed ([`check_fresh`]).
pub fn verify(
    vendor: Vendor,
    secret: &str,
    header: HeaderLookup<'_>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<(), Rejection> {
    match vendor {
        Vendor::Zoom => {
            let ts = header("x-zm-request-timestamp").ok_or(Rejection::Unsigned)?;
            let sig = header("x-zm-signature").ok_or(Rejection::Unsigned)?;
            let hex = sig.strip_prefix("v0=").ok_or(Rejection::Unsigned)?;
            let message_head = format!("v0:{ts}:");
            if !matches(secret, &[message_head.as_bytes(), body], hex) {
                return Err(Rejection::BadSignature);
            }
            let when = zoom_timestamp(&ts).ok_or(Rejection::Unsigned)?;
            check_fresh(when, now)
        }
        Vendor::Cxone => {
            let sig = header("x-cxone-signature").ok_or(Rejection::Unsigned)?;
            let hex = sig.strip_prefix("sha256=").ok_or(Rejection::Unsigned)?;
            if matches(secret, &[body], hex) {
                Ok(())
            } else {
                Err(Rejection::BadSignature)
            }
        }
        Vendor::Nexhealth => {
            let sig = header("x-nexhealth-signature").ok_or(Rejection::Unsigned)?;
            if matches(secret, &[body], &sig) {
                Ok(())
            } else {
                Err(Rejection::BadSignature)
            }
        }
        Vendor::Nextech | Vendor::Wellhive => Err(Rejection::NoSecret),
    }
}

/// Zoom documents seconds; the sandbox (and some Zoom deliveries) send milliseconds.
fn zoom_timestamp(ts: &str) -> Option<DateTime<Utc>> {
    let n: i64 = ts.trim().parse().ok()?;
    if n > 100_000_000_000 {
        DateTime::from_timestamp_millis(n)
    } else {
        DateTime::from_timestamp(n, 0)
    }
}

/// Whether `when` is within [`TOLERANCE_SECONDS`] of `now`.
pub fn check_fresh(when: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), Rejection> {
    if (now - when).num_seconds().abs() <= TOLERANCE_SECONDS {
        Ok(())
    } else {
        Err(Rejection::Stale)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use chrono::Duration;

    fn headers(pairs: &[(&str, String)]) -> impl Fn(&str) -> Option<String> + use<> {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        move |name: &str| {
            owned
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        assert_eq!(
            hmac_hex("Jefe", &[b"what do ya want ", b"for nothing?"]),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn zoom_signature_covers_the_timestamp_and_the_body() {
        let now = Utc::now();
        let ts = now.timestamp().to_string();
        let body = br#"{"event":"healthcare.visit.started"}"#;
        let sig = format!(
            "v0={}",
            hmac_hex("tok", &[format!("v0:{ts}:").as_bytes(), body])
        );
        let h = headers(&[
            ("x-zm-request-timestamp", ts.clone()),
            ("x-zm-signature", sig.clone()),
        ]);
        assert_eq!(verify(Vendor::Zoom, "tok", &h, body, now), Ok(()));
        assert_eq!(
            verify(Vendor::Zoom, "other", &h, body, now),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            verify(Vendor::Zoom, "tok", &h, b"{}", now),
            Err(Rejection::BadSignature)
        );
        // A replay an hour later carries a valid signature and a stale time.
        assert_eq!(
            verify(Vendor::Zoom, "tok", &h, body, now + Duration::hours(1)),
            Err(Rejection::Stale)
        );
        let unsigned = headers(&[("x-zm-request-timestamp", ts)]);
        assert_eq!(
            verify(Vendor::Zoom, "tok", &unsigned, body, now),
            Err(Rejection::Unsigned)
        );
    }

    #[test]
    fn zoom_timestamps_in_milliseconds_are_read_as_such() {
        let now = Utc::now();
        let ms = now.timestamp_millis().to_string();
        assert_eq!(
            zoom_timestamp(&ms).map(|t| t.timestamp()),
            Some(now.timestamp())
        );
    }

    #[test]
    fn cxone_and_nexhealth_sign_the_raw_body() {
        let now = Utc::now();
        let body = br#"{"eventId":"evt-1"}"#;
        let cx = headers(&[(
            "x-cxone-signature",
            format!("sha256={}", hmac_hex("s", &[body])),
        )]);
        assert_eq!(verify(Vendor::Cxone, "s", &cx, body, now), Ok(()));
        assert_eq!(
            verify(Vendor::Cxone, "s", &cx, b"{\"eventId\":\"evt-2\"}", now),
            Err(Rejection::BadSignature)
        );
        let bare = headers(&[("x-cxone-signature", hmac_hex("s", &[body]))]);
        assert_eq!(
            verify(Vendor::Cxone, "s", &bare, body, now),
            Err(Rejection::Unsigned)
        );
        let nh = headers(&[("x-nexhealth-signature", hmac_hex("k", &[body]))]);
        assert_eq!(verify(Vendor::Nexhealth, "k", &nh, body, now), Ok(()));
        let garbage = headers(&[("x-nexhealth-signature", "zz".to_owned())]);
        assert_eq!(
            verify(Vendor::Nexhealth, "k", &garbage, body, now),
            Err(Rejection::BadSignature)
        );
    }

    #[test]
    fn freshness_allows_drift_both_ways_within_the_tolerance() {
        let now = Utc::now();
        assert!(check_fresh(now - Duration::seconds(TOLERANCE_SECONDS), now).is_ok());
        assert!(check_fresh(now + Duration::seconds(60), now).is_ok());
        assert_eq!(
            check_fresh(now - Duration::seconds(TOLERANCE_SECONDS + 1), now),
            Err(Rejection::Stale)
        );
    }
}
