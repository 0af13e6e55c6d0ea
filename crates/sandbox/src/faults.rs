//! Fault injection, per vendor: latency, random 500/503s, 429 bursts with `Retry-After`,
//! hangs, connection resets, malformed JSON, truncated pages and tokens that die early. Set
//! by flags, by the admin endpoint, or from tests through [`FaultControl`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::http::ConnHandle;
use crate::state::{Shared, lock};
use crate::vendors::{self, Vendor};

/// What can go wrong with one vendor. Counters (`…Next`, `burst429`) are used up one request
/// at a time; rates and flags stay until changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FaultConfig {
    /// Added to every response.
    pub latency_ms: u64,
    /// Share of requests (0.0 to 1.0) answered 500 or 503 with the vendor's error body.
    pub error_rate: f64,
    /// The next N requests are answered 503.
    pub fail_next: u32,
    /// The next N requests are answered 429 with `Retry-After: retryAfterSecs`.
    pub burst_429: u32,
    pub retry_after_secs: u64,
    /// The next N requests never get an answer (until the sandbox shuts down).
    pub hang_next: u32,
    /// The next N requests have their connection reset under them.
    pub reset_next: u32,
    /// The next N responses carry cut-off JSON with a 200 status.
    pub malformed_next: u32,
    /// Paged responses lose half their items while their paging metadata still counts them.
    pub truncate_pages: bool,
    /// Tokens issued from now on stop working after this many seconds, whatever
    /// `expires_in` says.
    pub token_lifetime_secs: Option<u64>,
}

/// How many times each fault has fired, so a test can see it happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultStats {
    pub errors: u32,
    pub too_many: u32,
    pub hangs: u32,
    pub resets: u32,
    pub malformed: u32,
    pub truncated: u32,
}

#[derive(Debug)]
pub struct FaultRegistry {
    configs: Mutex<HashMap<Vendor, FaultConfig>>,
    stats: Mutex<HashMap<Vendor, FaultStats>>,
    rng: Mutex<StdRng>,
}

enum Action {
    Pass,
    Error(StatusCode),
    TooMany(u64),
    Hang,
    Reset,
    Malformed,
}

impl FaultRegistry {
    pub fn new(seed: u64, initial: &[(Vendor, FaultConfig)]) -> Self {
        FaultRegistry {
            configs: Mutex::new(initial.iter().cloned().collect()),
            stats: Mutex::new(HashMap::new()),
            rng: Mutex::new(StdRng::seed_from_u64(seed ^ 0x00fa_0175)),
        }
    }

    pub fn get(&self, v: Vendor) -> FaultConfig {
        lock(&self.configs).get(&v).cloned().unwrap_or_default()
    }

    pub fn set(&self, v: Vendor, cfg: FaultConfig) {
        lock(&self.configs).insert(v, cfg);
    }

    pub fn stats(&self, v: Vendor) -> FaultStats {
        lock(&self.stats).get(&v).cloned().unwrap_or_default()
    }

    fn bump(&self, v: Vendor, f: impl FnOnce(&mut FaultStats)) {
        f(lock(&self.stats).entry(v).or_default());
    }

    pub fn truncating(&self, v: Vendor) -> bool {
        let on = self.get(v).truncate_pages;
        if on {
            self.bump(v, |s| s.truncated += 1);
        }
        on
    }

    fn decide(&self, v: Vendor) -> (Duration, Action) {
        let mut configs = lock(&self.configs);
        let Some(c) = configs.get_mut(&v) else {
            return (Duration::ZERO, Action::Pass);
        };
        let latency = Duration::from_millis(c.latency_ms);
        let action = if c.reset_next > 0 {
            c.reset_next -= 1;
            Action::Reset
        } else if c.hang_next > 0 {
            c.hang_next -= 1;
            Action::Hang
        } else if c.burst_429 > 0 {
            c.burst_429 -= 1;
            Action::TooMany(c.retry_after_secs.max(1))
        } else if c.fail_next > 0 {
            c.fail_next -= 1;
            Action::Error(StatusCode::SERVICE_UNAVAILABLE)
        } else if c.error_rate > 0.0 && lock(&self.rng).random_bool(c.error_rate.clamp(0.0, 1.0)) {
            if lock(&self.rng).random_bool(0.5) {
                Action::Error(StatusCode::INTERNAL_SERVER_ERROR)
            } else {
                Action::Error(StatusCode::SERVICE_UNAVAILABLE)
            }
        } else if c.malformed_next > 0 {
            c.malformed_next -= 1;
            Action::Malformed
        } else {
            Action::Pass
        };
        (latency, action)
    }
}

/// The tests' and admin API's hold on one sandbox's faults.
#[derive(Debug, Clone)]
pub struct FaultControl {
    pub(crate) shared: Arc<Shared>,
}

impl FaultControl {
    pub fn get(&self, vendor: Vendor) -> FaultConfig {
        self.shared.faults.get(vendor)
    }

    pub fn set(&self, vendor: Vendor, config: FaultConfig) {
        self.shared.faults.set(vendor, config);
    }

    /// Change one vendor's faults in place.
    pub fn update(&self, vendor: Vendor, f: impl FnOnce(&mut FaultConfig)) {
        let mut c = self.get(vendor);
        f(&mut c);
        self.set(vendor, c);
    }

    pub fn clear(&self, vendor: Vendor) {
        self.set(vendor, FaultConfig::default());
    }

    pub fn clear_all(&self) {
        for v in Vendor::ALL {
            self.clear(v);
        }
    }

    pub fn stats(&self, vendor: Vendor) -> FaultStats {
        self.shared.faults.stats(vendor)
    }

    /// Every access token of the vendor stops working now.
    pub fn expire_tokens(&self, vendor: Vendor) {
        self.shared.tokens.expire_all(vendor);
    }
}

/// Middleware in front of every vendor route.
pub async fn layer(
    State((shared, vendor)): State<(Arc<Shared>, Vendor)>,
    req: Request,
    next: Next,
) -> Response {
    let (latency, action) = shared.faults.decide(vendor);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match action {
        Action::Pass => next.run(req).await,
        Action::Error(status) => {
            shared.faults.bump(vendor, |s| s.errors += 1);
            vendors::error_response(vendor, status, "sandbox fault: injected server error")
        }
        Action::TooMany(secs) => {
            shared.faults.bump(vendor, |s| s.too_many += 1);
            let mut resp =
                vendors::error_response(vendor, StatusCode::TOO_MANY_REQUESTS, "Too many requests");
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                resp.headers_mut().insert("retry-after", v);
            }
            resp
        }
        Action::Hang => {
            shared.faults.bump(vendor, |s| s.hangs += 1);
            let mut rx = shared.shutdown.clone();
            tokio::select! {
                _ = rx.wait_for(|stop| *stop) => {},
                () = tokio::time::sleep(Duration::from_hours(1)) => {},
            }
            vendors::error_response(
                vendor,
                StatusCode::GATEWAY_TIMEOUT,
                "sandbox fault: hung request released",
            )
        }
        Action::Reset => {
            shared.faults.bump(vendor, |s| s.resets += 1);
            if let Some(conn) = req
                .extensions()
                .get::<axum::extract::ConnectInfo<ConnHandle>>()
            {
                tracing::info!(vendor = %vendor, peer = %conn.0.peer, "connection_reset");
                conn.0.reset();
            }
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Action::Malformed => {
            shared.faults.bump(vendor, |s| s.malformed += 1);
            let resp = next.run(req).await;
            let (mut parts, body) = resp.into_parts();
            let bytes = to_bytes(body, 4 << 20).await.unwrap_or_default();
            let cut = (bytes.len() / 2).max(1).min(bytes.len());
            let mut broken = bytes.slice(..cut).to_vec();
            if broken.is_empty() {
                broken = b"{\"data\": [".to_vec();
            }
            parts.status = StatusCode::OK;
            parts.headers.remove(axum::http::header::CONTENT_LENGTH);
            parts.headers.insert(
                axum::http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            Response::from_parts(parts, Body::from(broken))
        }
    }
}
