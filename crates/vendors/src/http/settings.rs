//! Transport settings one vendor client is built with. Defaults suit a front desk on an office
//! network; tests shrink the timeouts so a hung sandbox fails in a second, not thirty.

use crate::http::rate::RateBudget;
use crate::http::retry::RetryPolicy;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub connect_timeout: Duration,
    /// Whole-request deadline, connect to last body byte.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    pub rate: RateBudget,
    /// Refuse plain `http://` base URLs. Off only for loopback sandboxes and tests.
    pub https_only: bool,
}

impl HttpSettings {
    /// Settings for a real tenant with the vendor's documented rate limit.
    #[must_use]
    pub fn production(plan_per_minute: u32) -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            retry: RetryPolicy::default(),
            rate: RateBudget::new(plan_per_minute, 1.0),
            https_only: true,
        }
    }

    /// Settings for the loopback sandbox and tests: plain HTTP allowed, short deadlines.
    #[must_use]
    pub fn loopback() -> Self {
        Self {
            connect_timeout: Duration::from_secs(1),
            request_timeout: Duration::from_secs(2),
            retry: RetryPolicy::fast(),
            rate: RateBudget::new(6_000, 1.0),
            https_only: false,
        }
    }

    #[must_use]
    pub fn with_rate(mut self, rate: RateBudget) -> Self {
        self.rate = rate;
        self
    }

    #[must_use]
    pub fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    #[must_use]
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
}
