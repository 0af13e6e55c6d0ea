//! The file exactly as written: every key optional where the vendor may be disabled, unknown
//! keys refused (a typo must not silently disable a setting). `settings.rs` turns this into
//! checked settings.

use crate::config::values::{
    CxonePlan, NexhealthGeneration, RateShare, SigningAlgorithm, Zone, ZoomGeneration,
};
use serde::Deserialize;

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    pub practice: RawPractice,
    #[serde(default)]
    pub sync: RawSync,
    pub cxone: Option<RawCxone>,
    pub zoom: Option<RawZoom>,
    pub nextech: Option<RawNextech>,
    pub nexhealth: Option<RawNexhealth>,
    pub wellhive: Option<RawWellhive>,
    pub webhooks: Option<RawWebhooks>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPractice {
    pub name: String,
    pub reminder_offsets_minutes: Option<Vec<u32>>,
    #[serde(default)]
    pub timezone: Zone,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSync {
    pub appointments_days_back: Option<u32>,
    pub appointments_days_ahead: Option<u32>,
}

// A section that is present is meant to be used unless it says `enabled = false`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCxone {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub base_url: Option<String>,
    pub token_url: Option<String>,
    pub client_id: Option<String>,
    pub plan: Option<CxonePlan>,
    #[serde(default)]
    pub rate_share: RateShare,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawZoom {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub base_url: Option<String>,
    pub token_url: Option<String>,
    pub account_id: Option<String>,
    pub client_id: Option<String>,
    pub user_id: Option<String>,
    #[serde(default)]
    pub api: ZoomGeneration,
    pub per_minute: Option<u32>,
    #[serde(default)]
    pub rate_share: RateShare,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNextech {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub base_url: Option<String>,
    pub tenant_id: Option<String>,
    pub authorize_url: Option<String>,
    pub token_url: Option<String>,
    pub client_id: Option<String>,
    pub resource: Option<String>,
    pub practice_id: Option<String>,
    pub per_minute: Option<u32>,
    #[serde(default)]
    pub rate_share: RateShare,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNexhealth {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub base_url: Option<String>,
    pub subdomain: Option<String>,
    #[serde(default)]
    pub location_ids: Vec<i64>,
    #[serde(default)]
    pub api: NexhealthGeneration,
    pub per_minute: Option<u32>,
    #[serde(default)]
    pub rate_share: RateShare,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWellhive {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub base_url: Option<String>,
    pub token_url: Option<String>,
    pub audience: Option<String>,
    pub client_id: Option<String>,
    #[serde(default)]
    pub algorithm: SigningAlgorithm,
    pub private_key_path: Option<std::path::PathBuf>,
    pub per_minute: Option<u32>,
    #[serde(default)]
    pub rate_share: RateShare,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWebhooks {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub listen: Option<String>,
    pub public_url: Option<String>,
}
