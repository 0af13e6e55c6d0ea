//! What every handler shares: the world under one lock, issued tokens, faults, limits,
//! webhooks, demo credentials and the sandbox's own URLs.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use tokio::sync::watch;

use crate::faults::FaultRegistry;
use crate::keys::DemoKeys;
use crate::options::SandboxOptions;
use crate::ratelimit::RateLimiter;
use crate::tokens::TokenStore;
use crate::vendors::Vendor;
use crate::webhooks::Webhooks;
use crate::world::World;

/// A poisoned lock only means a handler panicked mid-change; the sandbox keeps serving.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Demo credentials, derived from the seed so a demo script can be written once.
#[derive(Debug, Clone, Serialize)]
pub struct Credentials {
    pub cxone_client_id: String,
    pub cxone_client_secret: String,
    pub zoom_account_id: String,
    pub zoom_client_id: String,
    pub zoom_client_secret: String,
    pub zoom_user_id: String,
    pub zoom_user_email: String,
    pub nextech_tenant: String,
    pub nextech_client_id: String,
    pub nextech_resource: String,
    pub nextech_practice_id: String,
    pub nexhealth_api_key: String,
    pub wellhive_client_id: String,
}

fn alnum(rng: &mut StdRng, n: usize) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..n)
        .map(|_| char::from(A[rng.random_range(0..A.len())]))
        .collect()
}

impl Credentials {
    pub fn from_seed(seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed ^ 0xC4ED_0000);
        let uuid = |rng: &mut StdRng| {
            uuid::Builder::from_random_bytes(rng.random())
                .into_uuid()
                .to_string()
        };
        Credentials {
            cxone_client_id: format!("cxone-demo-{}", alnum(&mut rng, 8).to_lowercase()),
            cxone_client_secret: alnum(&mut rng, 32),
            zoom_account_id: alnum(&mut rng, 22),
            zoom_client_id: alnum(&mut rng, 20),
            zoom_client_secret: alnum(&mut rng, 32),
            zoom_user_id: alnum(&mut rng, 22),
            zoom_user_email: "grace.lee@frontdesk-demo.example".into(),
            nextech_tenant: "frontdesk-sandbox.onmicrosoft.com".into(),
            nextech_client_id: uuid(&mut rng),
            nextech_resource: format!(
                "https://frontdesk-sandbox.onmicrosoft.com/{}",
                uuid(&mut rng)
            ),
            nextech_practice_id: uuid(&mut rng),
            nexhealth_api_key: alnum(&mut rng, 40),
            wellhive_client_id: format!("0oa{}", alnum(&mut rng, 17)),
        }
    }
}

/// `http://127.0.0.1:PORT` of each vendor, known once the ports are bound.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub admin: String,
    pub cxone: String,
    pub zoom: String,
    pub nextech: String,
    pub nexhealth: String,
    pub wellhive: String,
}

#[derive(Debug, Clone)]
pub struct AuthCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub resource: String,
    pub challenge: Option<(String, String)>,
    pub expires: std::time::Instant,
}

#[derive(Debug)]
pub struct Shared {
    pub world: Mutex<World>,
    pub tokens: TokenStore,
    pub faults: FaultRegistry,
    pub limiter: RateLimiter,
    pub quotas: RateLimiter,
    pub limits: Mutex<HashMap<Vendor, u32>>,
    pub wellhive_quota: Mutex<u32>,
    pub webhooks: Webhooks,
    pub creds: Credentials,
    pub origins: Origins,
    pub opts: SandboxOptions,
    pub keys: DemoKeys,
    pub shutdown: watch::Receiver<bool>,
    pub jti_seen: Mutex<HashMap<String, i64>>,
    pub auth_codes: Mutex<HashMap<String, AuthCode>>,
    pub refresh_tokens: Mutex<HashMap<String, String>>,
}

impl Shared {
    pub fn rate_limit(&self, v: Vendor) -> Option<u32> {
        lock(&self.limits).get(&v).copied()
    }

    pub fn set_rate_limit(&self, v: Vendor, per_minute: Option<u32>) {
        let mut l = lock(&self.limits);
        match per_minute {
            Some(n) => l.insert(v, n),
            None => l.remove(&v),
        };
        self.limiter.reset();
    }

    /// How long a token issued now really lives: `expires_in`, unless a fault shortens it.
    pub fn token_lifetime(&self, v: Vendor) -> Duration {
        self.faults
            .get(v)
            .token_lifetime_secs
            .map_or(self.opts.timings.token_ttl, Duration::from_secs)
    }

    pub fn expires_in(&self) -> u64 {
        self.opts.timings.token_ttl.as_secs()
    }

    pub fn today(&self) -> chrono::NaiveDate {
        lock(&self.world)
            .today
            .unwrap_or_else(crate::seed::default_today)
    }
}
