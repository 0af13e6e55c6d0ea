//! What a caller can choose when starting a sandbox: the seed and size of the practice, the
//! ports, the CXone plan, and how long the vendors' asynchronous work takes.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::faults::FaultConfig;
use crate::vendors::Vendor;

/// CXone's documented plans and their per-minute request limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CxonePlan {
    Basic,
    #[default]
    Professional,
    Enterprise,
}

impl CxonePlan {
    pub fn per_minute(self) -> u32 {
        match self {
            CxonePlan::Basic => 100,
            CxonePlan::Professional => 500,
            CxonePlan::Enterprise => 2000,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CxonePlan::Basic => "basic",
            CxonePlan::Professional => "professional",
            CxonePlan::Enterprise => "enterprise",
        }
    }
}

/// How long the vendors take to do what they do in the background.
#[derive(Debug, Clone)]
pub struct Timings {
    /// NexHealth: from `POST /appointments` to the appointment being in the EHR (or failing).
    pub nexhealth_insertion: Duration,
    /// WellHive: from `submit` to `submitted` (or `error`).
    pub wellhive_submit: Duration,
    /// WellHive: from `cancel` to `completed`/`cancelled` (or `error`).
    pub wellhive_cancel: Duration,
    /// Lifetime of every issued access token (what `expires_in` says).
    pub token_ttl: Duration,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            nexhealth_insertion: Duration::from_secs(3),
            wellhive_submit: Duration::from_secs(3),
            wellhive_cancel: Duration::from_secs(2),
            token_ttl: Duration::from_hours(1),
        }
    }
}

impl Timings {
    /// Short delays for tests.
    pub fn fast() -> Self {
        Timings {
            nexhealth_insertion: Duration::from_millis(150),
            wellhive_submit: Duration::from_millis(150),
            wellhive_cancel: Duration::from_millis(150),
            token_ttl: Duration::from_hours(1),
        }
    }
}

/// Everything [`crate::Sandbox::start`] needs. `Default` is the demo practice.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub seed: u64,
    pub patients: usize,
    pub providers: usize,
    pub locations: usize,
    pub operatories: usize,
    /// Days of appointments, centred on `today`.
    pub days: u32,
    /// The practice's "today"; `None` means the wall clock's date in America/New_York.
    pub today: Option<NaiveDate>,
    /// First port to bind; the admin API takes it and the vendors the next five. `None` binds
    /// ephemeral ports.
    pub port_base: Option<u16>,
    /// Where the WellHive demo key is written; `None` makes a temporary directory that lives
    /// as long as the handle.
    pub state_dir: Option<PathBuf>,
    pub cxone_plan: CxonePlan,
    /// NexHealth requests per minute (its doc gives no figure; configurable).
    pub nexhealth_per_minute: u32,
    /// WellHive utilization quota per action (search, slots, book, cancel, drive time).
    pub wellhive_quota: u32,
    /// Scopes the Zoom server-to-server app was granted.
    pub zoom_scopes: Vec<String>,
    /// Share of NexHealth insertions that fail on their own (0.0 to 1.0).
    pub nexhealth_insertion_failure_rate: f64,
    /// Page size of WellHive searches (`nextToken` paging).
    pub wellhive_page_size: usize,
    pub timings: Timings,
    /// Faults in force from the start, per vendor.
    pub faults: Vec<(Vendor, FaultConfig)>,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            seed: 42,
            patients: 5000,
            providers: 12,
            locations: 3,
            operatories: 8,
            days: 60,
            today: None,
            port_base: None,
            state_dir: None,
            cxone_plan: CxonePlan::Professional,
            nexhealth_per_minute: 1000,
            wellhive_quota: 10_000,
            zoom_scopes: vec![
                "healthcare:read".into(),
                "healthcare:write".into(),
                "meeting:read".into(),
                "meeting:write".into(),
            ],
            nexhealth_insertion_failure_rate: 0.0,
            wellhive_page_size: 20,
            timings: Timings::default(),
            faults: Vec::new(),
        }
    }
}

impl SandboxOptions {
    /// A small practice with short delays, for tests.
    pub fn small(seed: u64) -> Self {
        SandboxOptions {
            seed,
            patients: 200,
            days: 14,
            timings: Timings::fast(),
            ..SandboxOptions::default()
        }
    }
}
