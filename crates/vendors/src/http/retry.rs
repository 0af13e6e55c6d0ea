//! The retry decision as a pure function, so every rule can be read in one table and tested
//! without a server. The rules protect a practice from double bookings: a call that might
//! have changed something on the vendor's side is never repeated blind.

use rand::Rng;
use std::time::Duration;

/// How hard to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts after the first (not counting the one re-auth after a 401).
    pub max_retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is not waited out: the caller gets `RateLimited`.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
            max_wait: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// For tests and the sandbox: same rules, millisecond waits.
    #[must_use]
    pub fn fast() -> Self {
        Self {
            max_retries: 2,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(50),
            max_wait: Duration::from_secs(2),
        }
    }

    /// The jittered ("full jitter") backoff before retry number `attempt` (0-based).
    #[must_use]
    pub fn backoff(&self, attempt: u32) -> Duration {
        let cap = self.ceiling(attempt);
        let millis = u64::try_from(cap.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(rand::rng().random_range(0..=millis))
    }

    fn ceiling(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.min(16));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// What happened to one attempt, as far as the retry rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The vendor answered with this status.
    Status {
        status: u16,
        /// From `Retry-After` or `X-RateLimit-Reset`.
        retry_after: Option<Duration>,
    },
    /// The connection could not be made: nothing reached the vendor.
    ConnectFailed,
    /// The request was (or may have been) sent, then the deadline passed or the connection
    /// broke before a full answer arrived.
    TimedOut,
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Hand the answer (success or error) to the caller.
    Finish,
    /// Fetch a fresh token and send again, once.
    ReAuthenticate,
    /// Send again after this pause.
    RetryAfter(Duration),
    /// A non-idempotent call may or may not have taken effect: the caller must look before
    /// trying again (e.g. list the patient's appointments before re-booking).
    OutcomeUnknown,
}

/// The rules:
/// - 2xx and ordinary 4xx finish;
/// - 401 re-authenticates once, for any method (a refused token means nothing was done);
/// - 429 is retried for any method (the vendor did nothing), after `Retry-After`;
/// - 503 is retried for idempotent calls, and for others only when the vendor says when
///   (`Retry-After`), which is its statement that the request was not processed;
/// - 500/502/504 and timeouts are retried only for idempotent calls; for a write, a 502/504 or
///   a timeout means the outcome is unknown, a 500 finishes as an error;
/// - a failed connect is retried for any method: nothing was sent;
/// - waits longer than `max_wait`, or more than `max_retries` retries, finish.
#[must_use]
pub fn decide(
    policy: &RetryPolicy,
    retries_so_far: u32,
    idempotent: bool,
    reauthenticated: bool,
    outcome: Outcome,
) -> Decision {
    let exhausted = retries_so_far >= policy.max_retries;
    let wait_or_backoff = |hint: Option<Duration>| -> Decision {
        let wait = hint.unwrap_or_else(|| policy.backoff(retries_so_far));
        if exhausted || wait > policy.max_wait {
            Decision::Finish
        } else {
            Decision::RetryAfter(wait)
        }
    };
    match outcome {
        Outcome::Status { status, .. } if status < 400 => Decision::Finish,
        Outcome::Status { status: 401, .. } => {
            if reauthenticated {
                Decision::Finish
            } else {
                Decision::ReAuthenticate
            }
        }
        Outcome::Status {
            status: 429,
            retry_after,
        } => wait_or_backoff(retry_after),
        Outcome::Status {
            status: 503,
            retry_after,
        } => {
            if idempotent || retry_after.is_some() {
                wait_or_backoff(retry_after)
            } else {
                Decision::Finish
            }
        }
        Outcome::Status {
            status: 500 | 502 | 504,
            retry_after,
        } if idempotent => wait_or_backoff(retry_after),
        Outcome::Status {
            status: 502 | 504, ..
        } => Decision::OutcomeUnknown,
        Outcome::Status { .. } => Decision::Finish,
        Outcome::ConnectFailed => wait_or_backoff(None),
        Outcome::TimedOut if idempotent => wait_or_backoff(None),
        Outcome::TimedOut => Decision::OutcomeUnknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(status: u16) -> Outcome {
        Outcome::Status {
            status,
            retry_after: None,
        }
    }

    fn st_after(status: u16, secs: u64) -> Outcome {
        Outcome::Status {
            status,
            retry_after: Some(Duration::from_secs(secs)),
        }
    }

    #[derive(Debug, PartialEq)]
    enum Want {
        Finish,
        ReAuth,
        Retry,
        RetryExactly(Duration),
        Unknown,
    }

    #[test]
    #[allow(clippy::too_many_lines)] // one row per rule reads better than split tables
    fn decision_table() {
        let p = RetryPolicy::default();
        // (case, retries so far, idempotent, reauthed, outcome, want)
        let table: Vec<(&str, u32, bool, bool, Outcome, Want)> = vec![
            ("200 finishes", 0, true, false, st(200), Want::Finish),
            ("201 write finishes", 0, false, false, st(201), Want::Finish),
            ("404 finishes", 0, true, false, st(404), Want::Finish),
            ("400 finishes", 0, false, false, st(400), Want::Finish),
            ("409 finishes", 0, false, false, st(409), Want::Finish),
            ("401 reauths a read", 0, true, false, st(401), Want::ReAuth),
            (
                "401 reauths a write",
                0,
                false,
                false,
                st(401),
                Want::ReAuth,
            ),
            ("second 401 finishes", 0, true, true, st(401), Want::Finish),
            ("403 finishes", 0, true, false, st(403), Want::Finish),
            (
                "429 waits Retry-After",
                0,
                true,
                false,
                st_after(429, 3),
                Want::RetryExactly(Duration::from_secs(3)),
            ),
            (
                "429 on a write too",
                0,
                false,
                false,
                st_after(429, 1),
                Want::RetryExactly(Duration::from_secs(1)),
            ),
            (
                "429 without hint backs off",
                0,
                false,
                false,
                st(429),
                Want::Retry,
            ),
            (
                "429 too long finishes",
                0,
                true,
                false,
                st_after(429, 3600),
                Want::Finish,
            ),
            (
                "429 exhausted finishes",
                3,
                true,
                false,
                st_after(429, 1),
                Want::Finish,
            ),
            ("503 read retried", 0, true, false, st(503), Want::Retry),
            (
                "503 write with hint retried",
                0,
                false,
                false,
                st_after(503, 2),
                Want::RetryExactly(Duration::from_secs(2)),
            ),
            (
                "503 write without hint finishes",
                0,
                false,
                false,
                st(503),
                Want::Finish,
            ),
            ("500 read retried", 0, true, false, st(500), Want::Retry),
            ("500 read exhausted", 3, true, false, st(500), Want::Finish),
            (
                "500 write never retried",
                0,
                false,
                false,
                st(500),
                Want::Finish,
            ),
            ("502 write unknown", 0, false, false, st(502), Want::Unknown),
            ("504 write unknown", 0, false, false, st(504), Want::Unknown),
            ("504 read retried", 1, true, false, st(504), Want::Retry),
            (
                "connect failure retried for writes",
                0,
                false,
                false,
                Outcome::ConnectFailed,
                Want::Retry,
            ),
            (
                "connect failure exhausted",
                3,
                false,
                false,
                Outcome::ConnectFailed,
                Want::Finish,
            ),
            (
                "timeout read retried",
                0,
                true,
                false,
                Outcome::TimedOut,
                Want::Retry,
            ),
            (
                "timeout write unknown",
                0,
                false,
                false,
                Outcome::TimedOut,
                Want::Unknown,
            ),
            (
                "timeout read exhausted",
                3,
                true,
                false,
                Outcome::TimedOut,
                Want::Finish,
            ),
        ];
        for (case, n, idem, reauthed, outcome, want) in table {
            let got = match decide(&p, n, idem, reauthed, outcome) {
                Decision::Finish => Want::Finish,
                Decision::ReAuthenticate => Want::ReAuth,
                Decision::OutcomeUnknown => Want::Unknown,
                Decision::RetryAfter(d) => match want {
                    Want::RetryExactly(_) => Want::RetryExactly(d),
                    _ => Want::Retry,
                },
            };
            assert_eq!(got, want, "{case}");
        }
    }

    #[test]
    fn backoff_is_jittered_below_an_exponential_ceiling() {
        let p = RetryPolicy::default();
        for attempt in 0..10 {
            let d = p.backoff(attempt);
            assert!(d <= p.ceiling(attempt), "attempt {attempt}: {d:?}");
        }
        assert_eq!(p.ceiling(0), Duration::from_millis(250));
        assert_eq!(p.ceiling(2), Duration::from_secs(1));
        assert_eq!(p.ceiling(30), p.max_delay);
    }
}
