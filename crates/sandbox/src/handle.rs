//! Starting a sandbox and holding it: [`Sandbox::start`] seeds the practice, binds the ports
//! and serves; the [`SandboxHandle`] it returns describes every vendor ([`SandboxInfo`], the
//! same JSON the binary prints), drives faults and admin actions, and shuts everything down on
//! drop or [`SandboxHandle::shutdown`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::admin;
use crate::error::SandboxError;
use crate::faults::{FaultControl, FaultRegistry};
use crate::keys::DemoKeys;
use crate::options::SandboxOptions;
use crate::ratelimit::RateLimiter;
use crate::state::{Credentials, Origins, Shared};
use crate::tokens::TokenStore;
use crate::vendors::{Vendor, wellhive};
use crate::webhooks::{WebhookDelivery, Webhooks};
use crate::{seed, server};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CxoneInfo {
    pub base_url: String,
    pub token_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub plan: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ZoomInfo {
    pub base_url: String,
    pub token_url: String,
    pub account_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub user_id: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextechInfo {
    pub base_url: String,
    pub authorize_url: String,
    pub token_url: String,
    pub client_id: String,
    pub resource: String,
    pub practice_id: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NexhealthInfo {
    pub base_url: String,
    pub api_key: String,
    pub subdomain: String,
    pub location_ids: Vec<u32>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WellhiveInfo {
    pub base_url: String,
    pub token_url: String,
    pub audience: String,
    pub client_id: String,
    pub private_key_path: PathBuf,
    pub algorithm: String,
}

/// Every base URL and demo credential; serialises to the binary's one-line JSON.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxInfo {
    pub seed: u64,
    pub admin_url: String,
    pub cxone: CxoneInfo,
    pub zoom: ZoomInfo,
    pub nextech: NextechInfo,
    pub nexhealth: NexhealthInfo,
    pub wellhive: WellhiveInfo,
}

/// Entry point of the library.
#[derive(Debug)]
pub struct Sandbox;

/// A running sandbox. Dropping it stops the servers.
#[derive(Debug)]
pub struct SandboxHandle {
    info: SandboxInfo,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    _state_dir: Option<tempfile::TempDir>,
}

/// Another desk books this time (admin "take a slot").
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TakeSlot {
    pub location_id: u32,
    pub provider_id: u32,
    pub operatory_id: Option<u32>,
    pub start_time: DateTime<Utc>,
    pub minutes: Option<u32>,
}

impl Sandbox {
    pub async fn start(opts: SandboxOptions) -> Result<SandboxHandle, SandboxError> {
        if opts.providers == 0 || opts.locations == 0 || opts.operatories == 0 {
            return Err(SandboxError::InvalidOption(
                "providers, locations and operatories must be at least 1".into(),
            ));
        }
        if opts.locations > opts.providers || opts.locations > opts.operatories {
            return Err(SandboxError::InvalidOption(
                "every location needs at least one provider and one operatory".into(),
            ));
        }
        let (dir, temp) = if let Some(d) = &opts.state_dir {
            std::fs::create_dir_all(d).map_err(SandboxError::StateDir)?;
            (d.clone(), None)
        } else {
            let t = tempfile::Builder::new()
                .prefix("frontdesk-sandbox-")
                .tempdir()
                .map_err(SandboxError::StateDir)?;
            (t.path().to_path_buf(), Some(t))
        };
        let keys = DemoKeys::install(&dir)?;
        let bound = server::bind(opts.port_base).await?;
        let mut origins = Origins {
            admin: server::origin(&bound.admin),
            ..Origins::default()
        };
        for (v, l) in &bound.vendors {
            let o = server::origin(l);
            match v {
                Vendor::Cxone => origins.cxone = o,
                Vendor::Zoom => origins.zoom = o,
                Vendor::Nextech => origins.nextech = o,
                Vendor::Nexhealth => origins.nexhealth = o,
                Vendor::Wellhive => origins.wellhive = o,
            }
        }
        let world = seed::build(&opts);
        let (stop, stop_rx) = watch::channel(false);
        let mut limits = HashMap::new();
        limits.insert(Vendor::Cxone, opts.cxone_plan.per_minute());
        limits.insert(Vendor::Nexhealth, opts.nexhealth_per_minute);
        let shared = Arc::new(Shared {
            world: Mutex::new(world),
            tokens: TokenStore::default(),
            faults: FaultRegistry::new(opts.seed, &opts.faults),
            limiter: RateLimiter::new(Duration::from_mins(1)),
            quotas: RateLimiter::new(Duration::from_hours(24)),
            limits: Mutex::new(limits),
            wellhive_quota: Mutex::new(opts.wellhive_quota),
            webhooks: Webhooks::new(),
            creds: Credentials::from_seed(opts.seed),
            origins,
            opts: opts.clone(),
            keys,
            shutdown: stop_rx.clone(),
            jti_seen: Mutex::new(HashMap::new()),
            auth_codes: Mutex::new(HashMap::new()),
            refresh_tokens: Mutex::new(HashMap::new()),
        });
        let info = describe(&shared);
        let tasks = server::spawn_all(
            bound,
            &shared,
            admin::router(shared.clone(), info.clone()),
            &stop_rx,
        );
        tracing::info!(seed = opts.seed, admin = %shared.origins.admin, "sandbox_started");
        Ok(SandboxHandle {
            info,
            shared,
            stop,
            tasks,
            _state_dir: temp,
        })
    }
}

fn describe(s: &Shared) -> SandboxInfo {
    let c = &s.creds;
    let o = &s.origins;
    let location_ids = crate::state::lock(&s.world)
        .locations
        .iter()
        .map(|l| l.id)
        .collect();
    SandboxInfo {
        seed: s.opts.seed,
        admin_url: format!("{}/admin", o.admin),
        cxone: CxoneInfo {
            base_url: format!("{}{}", o.cxone, crate::vendors::cxone::BASE),
            token_url: format!("{}/oauth/token", o.cxone),
            client_id: c.cxone_client_id.clone(),
            client_secret: c.cxone_client_secret.clone(),
            plan: s.opts.cxone_plan.as_str().into(),
        },
        zoom: ZoomInfo {
            base_url: format!("{}/v2", o.zoom),
            token_url: format!("{}/oauth/token", o.zoom),
            account_id: c.zoom_account_id.clone(),
            client_id: c.zoom_client_id.clone(),
            client_secret: c.zoom_client_secret.clone(),
            user_id: c.zoom_user_id.clone(),
        },
        nextech: NextechInfo {
            base_url: format!("{}{}", o.nextech, crate::vendors::nextech::BASE),
            authorize_url: format!("{}/{}/oauth2/authorize", o.nextech, c.nextech_tenant),
            token_url: format!("{}/{}/oauth2/token", o.nextech, c.nextech_tenant),
            client_id: c.nextech_client_id.clone(),
            resource: c.nextech_resource.clone(),
            practice_id: c.nextech_practice_id.clone(),
        },
        nexhealth: NexhealthInfo {
            base_url: o.nexhealth.clone(),
            api_key: c.nexhealth_api_key.clone(),
            subdomain: crate::state::lock(&s.world).subdomain.clone(),
            location_ids,
        },
        wellhive: WellhiveInfo {
            base_url: format!("{}{}", o.wellhive, wellhive::BASE),
            token_url: wellhive::auth::audience(s),
            audience: wellhive::auth::audience(s),
            client_id: c.wellhive_client_id.clone(),
            private_key_path: s.keys.rsa_private_path.clone(),
            algorithm: "RS256".into(),
        },
    }
}

impl SandboxHandle {
    pub fn info(&self) -> &SandboxInfo {
        &self.info
    }

    /// The info as the binary prints it: JSON on one line.
    pub fn json_line(&self) -> String {
        serde_json::to_string(&self.info).unwrap_or_default()
    }

    pub fn faults(&self) -> FaultControl {
        FaultControl {
            shared: self.shared.clone(),
        }
    }

    /// Path of the registered ES256 demo key (the RS256 one is in `info().wellhive`).
    pub fn wellhive_es256_key_path(&self) -> PathBuf {
        self.shared.keys.ec_private_path.clone()
    }

    /// Requests per minute for a vendor (`None` lifts the limit); restarts the window.
    pub fn set_rate_limit(&self, vendor: Vendor, per_minute: Option<u32>) {
        self.shared.set_rate_limit(vendor, per_minute);
    }

    /// WellHive's per-action utilization quota; restarts the counts.
    pub fn set_wellhive_quota(&self, quota: u32) {
        admin::set_wellhive_quota(&self.shared, quota);
    }

    /// Another desk books this time at NexHealth; returns the blocking appointment's id.
    pub fn take_nexhealth_slot(&self, slot: &TakeSlot) -> Result<u64, SandboxError> {
        admin::take_slot(&self.shared, slot)
    }

    /// Adds a patient to CXone and Nextech dated two years back, whom an incremental sync never
    /// brings into a desk's cache (see `lapsed`). Answers `{"cxoneId","nextechId"}`.
    pub fn add_lapsed_patient(
        &self,
        patient: &crate::lapsed::LapsedPatient,
    ) -> Result<Value, SandboxError> {
        crate::lapsed::add(&self.shared, patient)
    }

    pub fn fail_next_nexhealth_insertion(&self, reason: &str) {
        admin::fail_next_insertion(&self.shared, reason);
    }

    /// The next WellHive submit ends with this spec `error` code (e.g. `conflict`).
    pub fn fail_next_wellhive_submit(&self, error: &str) -> Result<(), SandboxError> {
        admin::fail_next_submit(&self.shared, error)
    }

    /// The next WellHive cancel ends with this spec `error` code (e.g. `too-late-to-cancel`).
    pub fn fail_next_wellhive_cancel(&self, error: &str) -> Result<(), SandboxError> {
        admin::fail_next_cancel(&self.shared, error)
    }

    /// Subscribes a URL to Zoom events (Zoom does this in its Marketplace, not its API).
    pub fn register_zoom_webhook(&self, url: &str, secret_token: &str, events: &[&str]) {
        admin::register_zoom_webhook(
            &self.shared,
            url,
            secret_token,
            events.iter().map(|e| (*e).to_string()).collect(),
        );
    }

    /// The patient of a Zoom visit enters the waiting room.
    pub fn zoom_patient_waiting(&self, visit_id: &str) -> Result<(), SandboxError> {
        admin::patient_waiting(&self.shared, visit_id)
    }

    /// The current state of one entity, as the admin API answers it.
    pub fn entity(&self, vendor: Vendor, kind: &str, id: &str) -> Option<Value> {
        admin::entity(&self.shared, vendor, kind, id)
    }

    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.shared.webhooks.deliveries()
    }

    /// Stops serving and waits (up to five seconds) for the servers to finish.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        for t in std::mem::take(&mut self.tasks) {
            let abort = t.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), t)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
