//! Rate limits as the vendors document them: CXone's per-plan requests per minute with
//! `X-RateLimit-*` headers, NexHealth's per-minute limit, WellHive's per-action utilization
//! quotas. Fixed windows, because that is what `X-RateLimit-Reset` describes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::{Shared, lock};
use crate::vendors::{self, Vendor};

#[derive(Debug, Clone, Copy)]
pub struct Verdict {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    pub reset_epoch: i64,
    pub retry_after: u64,
}

#[derive(Debug)]
struct Window {
    started: Instant,
    started_epoch: i64,
    count: u32,
}

#[derive(Debug)]
pub struct RateLimiter {
    period: Duration,
    windows: Mutex<HashMap<String, Window>>,
}

impl RateLimiter {
    pub fn new(period: Duration) -> Self {
        RateLimiter {
            period,
            windows: Mutex::new(HashMap::new()),
        }
    }

    pub fn hit(&self, key: &str, limit: u32) -> Verdict {
        let mut windows = lock(&self.windows);
        let now = Instant::now();
        let w = windows.entry(key.to_string()).or_insert_with(|| Window {
            started: now,
            started_epoch: chrono::Utc::now().timestamp(),
            count: 0,
        });
        if now.duration_since(w.started) >= self.period {
            *w = Window {
                started: now,
                started_epoch: chrono::Utc::now().timestamp(),
                count: 0,
            };
        }
        let period = i64::try_from(self.period.as_secs()).unwrap_or(60);
        let reset_epoch = w.started_epoch + period;
        let retry_after = self
            .period
            .saturating_sub(now.duration_since(w.started))
            .as_secs()
            .max(1);
        if w.count >= limit {
            return Verdict {
                allowed: false,
                limit,
                remaining: 0,
                reset_epoch,
                retry_after,
            };
        }
        w.count += 1;
        Verdict {
            allowed: true,
            limit,
            remaining: limit - w.count,
            reset_epoch,
            retry_after,
        }
    }

    pub fn reset(&self) {
        lock(&self.windows).clear();
    }
}

fn put(headers: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        headers.insert(name, v);
    }
}

/// Middleware: per-vendor requests-per-minute (CXone and NexHealth).
pub async fn layer(
    State((shared, vendor)): State<(Arc<Shared>, Vendor)>,
    req: Request,
    next: Next,
) -> Response {
    let limit = shared.rate_limit(vendor);
    let Some(limit) = limit else {
        return next.run(req).await;
    };
    let verdict = shared.limiter.hit(vendor.as_str(), limit);
    let mut resp = if verdict.allowed {
        next.run(req).await
    } else {
        let mut r =
            vendors::error_response(vendor, StatusCode::TOO_MANY_REQUESTS, "Rate limit exceeded");
        put(
            r.headers_mut(),
            "retry-after",
            &verdict.retry_after.to_string(),
        );
        r
    };
    if vendor == Vendor::Cxone {
        let h = resp.headers_mut();
        put(h, "x-ratelimit-limit", &verdict.limit.to_string());
        put(h, "x-ratelimit-remaining", &verdict.remaining.to_string());
        put(h, "x-ratelimit-reset", &verdict.reset_epoch.to_string());
    }
    resp
}
