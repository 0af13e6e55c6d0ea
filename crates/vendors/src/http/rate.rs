//! Client-side rate limiting. Each vendor client keeps under a share of the tenant's plan
//! (several desks of one practice share one vendor quota, so each takes its slice), and also
//! listens to what the vendor says: `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset`, or a
//! `Retry-After`, pauses every call of this client until the window reopens.

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use reqwest::header::HeaderMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The request budget of one client: the vendor plan's per-minute limit times this desk's share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateBudget {
    pub plan_per_minute: u32,
    /// 0 < share <= 1: e.g. 0.25 when four desks share the practice's plan.
    pub share: f64,
}

impl RateBudget {
    #[must_use]
    pub fn new(plan_per_minute: u32, share: f64) -> Self {
        Self {
            plan_per_minute,
            share,
        }
    }

    /// Requests per minute this client may send: at least one, never above the plan.
    #[must_use]
    pub fn per_minute(&self) -> NonZeroU32 {
        let share = if self.share.is_finite() {
            self.share.clamp(0.0, 1.0)
        } else {
            1.0
        };
        // Truncation is the point: a share never rounds up past the plan.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = (f64::from(self.plan_per_minute) * share).floor() as u32;
        NonZeroU32::new(n.min(self.plan_per_minute)).unwrap_or(NonZeroU32::MIN)
    }
}

/// Gate every call of one client passes before it is sent.
#[derive(Debug)]
pub struct RateGate {
    limiter: DefaultDirectRateLimiter,
    paused_until: Mutex<Option<Instant>>,
}

impl RateGate {
    #[must_use]
    pub fn new(budget: RateBudget) -> Self {
        // A burst of a tenth of the minute's budget keeps a sync from front-loading the window.
        let per_minute = budget.per_minute();
        let burst = NonZeroU32::new(per_minute.get() / 10).unwrap_or(NonZeroU32::MIN);
        Self {
            limiter: RateLimiter::direct(Quota::per_minute(per_minute).allow_burst(burst)),
            paused_until: Mutex::new(None),
        }
    }

    /// Waits until this client may send.
    pub async fn acquire(&self) {
        if let Some(until) = self.pause() {
            tokio::time::sleep_until(until.into()).await;
        }
        self.limiter.until_ready().await;
    }

    fn pause(&self) -> Option<Instant> {
        let guard = self
            .paused_until
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.filter(|until| *until > Instant::now())
    }

    /// Pauses all calls for `wait` (from a 429's `Retry-After`).
    pub fn pause_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut guard = self
            .paused_until
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if guard.is_none_or(|current| current < until) {
            *guard = Some(until);
        }
    }

    /// Reads the vendor's `X-RateLimit-*` headers from any answer.
    pub fn observe(&self, headers: &HeaderMap) {
        let remaining = header_u64(headers, "x-ratelimit-remaining");
        if remaining == Some(0)
            && let Some(wait) = reset_wait(headers, SystemTime::now())
        {
            self.pause_for(wait);
        }
    }
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// How long until `X-RateLimit-Reset`, which vendors send either as epoch seconds (CXone's
/// `1619723400`) or as seconds from now.
#[must_use]
pub fn reset_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let reset = header_u64(headers, "x-ratelimit-reset")?;
    // Anything past 2001-09-09 is an epoch time rather than a delay.
    if reset > 1_000_000_000 {
        let now_secs = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
        Some(Duration::from_secs(reset.saturating_sub(now_secs)))
    } else {
        Some(Duration::from_secs(reset))
    }
}

/// `Retry-After` as seconds or an HTTP date; falls back to `X-RateLimit-Reset`.
#[must_use]
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    if let Some(text) = headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
    {
        let text = text.trim();
        if let Ok(secs) = text.parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        if let Ok(at) = chrono::DateTime::parse_from_rfc2822(text) {
            let now = chrono::DateTime::<chrono::Utc>::from(now);
            return Some((at.to_utc() - now).to_std().unwrap_or(Duration::ZERO));
        }
    }
    reset_wait(headers, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn budget_is_a_share_of_the_plan() {
        assert_eq!(RateBudget::new(100, 1.0).per_minute().get(), 100);
        assert_eq!(RateBudget::new(100, 0.25).per_minute().get(), 25);
        assert_eq!(RateBudget::new(2000, 0.333).per_minute().get(), 666);
        assert_eq!(RateBudget::new(100, 0.0).per_minute().get(), 1);
        assert_eq!(RateBudget::new(100, 7.0).per_minute().get(), 100);
        assert_eq!(RateBudget::new(100, f64::NAN).per_minute().get(), 100);
    }

    #[test]
    fn reset_reads_epoch_and_delta_forms() {
        let now = UNIX_EPOCH + Duration::from_secs(1_619_723_390);
        let h = headers(&[("x-ratelimit-reset", "1619723400")]);
        assert_eq!(reset_wait(&h, now), Some(Duration::from_secs(10)));
        let h = headers(&[("x-ratelimit-reset", "7")]);
        assert_eq!(reset_wait(&h, now), Some(Duration::from_secs(7)));
    }

    #[test]
    fn retry_after_reads_seconds_dates_and_falls_back_to_reset() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // 1994-11-06T08:49:37Z
        assert_eq!(
            retry_after(&headers(&[("retry-after", "3")]), now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "Sun, 06 Nov 1994 08:49:47 GMT")]),
                now
            ),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            retry_after(&headers(&[("x-ratelimit-reset", "4")]), now),
            Some(Duration::from_secs(4))
        );
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[tokio::test(start_paused = true)]
    async fn remaining_zero_pauses_until_reset() {
        let gate = RateGate::new(RateBudget::new(6000, 1.0));
        gate.observe(&headers(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "5"),
        ]));
        assert!(gate.pause().is_some());
        gate.observe(&headers(&[("x-ratelimit-remaining", "10")]));
        assert!(
            gate.pause().is_some(),
            "a later healthy answer does not cancel the pause"
        );
    }
}
