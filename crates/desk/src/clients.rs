//! Each enabled vendor's client, built from its checked settings: the base URL, ids, API
//! generation and this desk's share of the rate budget. A loopback `http://` URL (the sandbox)
//! gets the loopback transport; anything else must be HTTPS.

use crate::error::DeskError;
use crate::probes::{NextechProbe, WellhiveProbe};
use frontdesk_core::config::{
    Config, CxonePlan, CxoneSettings, NexhealthGeneration, NexhealthSettings, NextechSettings,
    SigningAlgorithm, WellhiveSettings, ZoomGeneration, ZoomSettings, secrets,
};
use frontdesk_core::ports::SecretStore;
use frontdesk_core::sync::VendorSources;
use frontdesk_core::{CoreError, Vendor};
use frontdesk_vendors::cxone::{self, CxoneClient};
use frontdesk_vendors::http::HttpSettings;
use frontdesk_vendors::nexhealth::wire::LocationId;
use frontdesk_vendors::nexhealth::{NexhealthApi, NexhealthClient};
use frontdesk_vendors::nextech::NextechClient;
use frontdesk_vendors::wellhive::{self, KeySource, WellhiveClient};
use frontdesk_vendors::zoom::{ZoomApi, ZoomClient};
use std::sync::Arc;

// The clients' own documented defaults, used when the file gives no per-minute figure.
const ZOOM_PER_MINUTE: u32 = 1_200;
const NEXTECH_PER_MINUTE: u32 = 300;
const NEXHEALTH_PER_MINUTE: u32 = 600;
const WELLHIVE_PER_MINUTE: u32 = 300;

/// The built clients; `None` for vendors that are disabled.
#[derive(Debug, Clone, Default)]
pub struct Clients {
    pub cxone: Option<Arc<CxoneClient>>,
    pub zoom: Option<Arc<ZoomClient>>,
    pub nextech: Option<Arc<NextechClient>>,
    pub nexhealth: Option<Arc<NexhealthClient>>,
    pub wellhive: Option<Arc<WellhiveClient>>,
}

fn failed(vendor: Vendor) -> impl FnOnce(CoreError) -> DeskError {
    move |source| DeskError::Client { vendor, source }
}

/// Loopback sandboxes speak plain HTTP with short deadlines; real tenants get HTTPS only.
fn transport(base_url: &str, per_minute: u32) -> HttpSettings {
    let loopback = url::Url::parse(base_url).ok().is_some_and(|u| {
        u.scheme() == "http" && matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
    });
    if loopback {
        HttpSettings::loopback()
    } else {
        HttpSettings::production(per_minute)
    }
}

impl Clients {
    pub fn build(config: &Config, secrets: &Arc<dyn SecretStore>) -> Result<Self, DeskError> {
        Ok(Self {
            cxone: config
                .cxone
                .as_ref()
                .map(|c| cxone(c, secrets))
                .transpose()?,
            zoom: config.zoom.as_ref().map(|c| zoom(c, secrets)).transpose()?,
            nextech: config
                .nextech
                .as_ref()
                .map(|c| nextech(c, secrets))
                .transpose()?,
            nexhealth: config
                .nexhealth
                .as_ref()
                .map(|c| nexhealth(c, secrets))
                .transpose()?,
            wellhive: config
                .wellhive
                .as_ref()
                .map(|c| wellhive(c, secrets))
                .transpose()?,
        })
    }

    /// The roles each client plays in the sync pass. CXone lists patients only; Nextech and
    /// WellHive have nothing to list (their records are fetched per patient by the card), so
    /// a probe gives them a status.
    #[must_use]
    pub fn sync_sources(&self) -> Vec<VendorSources> {
        let mut out = Vec::new();
        if let Some(c) = &self.cxone {
            out.push(
                VendorSources::new(Vendor::Cxone)
                    .patients(c.clone())
                    .lookup(c.clone()),
            );
        }
        if let Some(z) = &self.zoom {
            out.push(VendorSources::new(Vendor::Zoom).appointments(z.clone()));
        }
        if let Some(n) = &self.nextech {
            out.push(VendorSources::new(Vendor::Nextech).probe(Arc::new(NextechProbe(n.clone()))));
        }
        if let Some(n) = &self.nexhealth {
            out.push(
                VendorSources::new(Vendor::Nexhealth)
                    .practice(n.clone())
                    .patients(n.clone())
                    .appointments(n.clone())
                    .lookup(n.clone()),
            );
        }
        if let Some(w) = &self.wellhive {
            out.push(
                VendorSources::new(Vendor::Wellhive).probe(Arc::new(WellhiveProbe(w.clone()))),
            );
        }
        out
    }
}

fn cxone(c: &CxoneSettings, secrets: &Arc<dyn SecretStore>) -> Result<Arc<CxoneClient>, DeskError> {
    let plan = match c.plan {
        CxonePlan::Basic => cxone::CxonePlan::Basic,
        CxonePlan::Professional => cxone::CxonePlan::Professional,
        CxonePlan::Enterprise => cxone::CxonePlan::Enterprise,
    };
    CxoneClient::builder(&c.base_url)
        .token_url(&c.token_url)
        .client_id(&c.client_id)
        .plan(plan)
        .share(c.rate_share.get())
        .client_secret_name(secrets::CXONE_CLIENT_SECRET)
        .secrets(secrets.clone())
        .http_settings(transport(&c.base_url, plan.per_minute()))
        .build()
        .map(Arc::new)
        .map_err(|e| failed(Vendor::Cxone)(e.into()))
}

fn zoom(c: &ZoomSettings, secrets: &Arc<dyn SecretStore>) -> Result<Arc<ZoomClient>, DeskError> {
    let per_minute = c.per_minute.unwrap_or(ZOOM_PER_MINUTE);
    ZoomClient::builder(&c.base_url)
        .token_url(&c.token_url)
        .account_id(&c.account_id)
        .client_id(&c.client_id)
        .user_id(&c.user_id)
        .api(match c.api {
            ZoomGeneration::Healthcare => ZoomApi::HealthcareVisits,
            ZoomGeneration::Meetings => ZoomApi::Meetings,
        })
        .budget(per_minute, c.rate_share.get())
        .client_secret_name(secrets::ZOOM_CLIENT_SECRET)
        .secrets(secrets.clone())
        .http_settings(transport(&c.base_url, per_minute))
        .build()
        .map(Arc::new)
        .map_err(|e| failed(Vendor::Zoom)(e.into()))
}

fn nextech(
    c: &NextechSettings,
    secrets: &Arc<dyn SecretStore>,
) -> Result<Arc<NextechClient>, DeskError> {
    let per_minute = c.per_minute.unwrap_or(NEXTECH_PER_MINUTE);
    NextechClient::builder(&c.base_url)
        .authorize_url(&c.authorize_url)
        .token_url(&c.token_url)
        .client_id(&c.client_id)
        .resource(&c.resource)
        .practice_id(&c.practice_id)
        .budget(per_minute, c.rate_share.get())
        .secrets(secrets.clone())
        .http_settings(transport(&c.base_url, per_minute))
        .build()
        .map(Arc::new)
        .map_err(|e| failed(Vendor::Nextech)(e.into()))
}

fn nexhealth(
    c: &NexhealthSettings,
    secrets: &Arc<dyn SecretStore>,
) -> Result<Arc<NexhealthClient>, DeskError> {
    let per_minute = c.per_minute.unwrap_or(NEXHEALTH_PER_MINUTE);
    NexhealthClient::builder(&c.base_url)
        .subdomain(&c.subdomain)
        .location_ids(c.location_ids.iter().copied().map(LocationId).collect())
        .api(match c.api {
            NexhealthGeneration::Current => NexhealthApi::Current,
            NexhealthGeneration::V2 => NexhealthApi::V2,
        })
        .budget(per_minute, c.rate_share.get())
        .api_key_name(secrets::NEXHEALTH_API_KEY)
        .secrets(secrets.clone())
        .http_settings(transport(&c.base_url, per_minute))
        .build()
        .map(Arc::new)
        .map_err(|e| failed(Vendor::Nexhealth)(e.into()))
}

fn wellhive(
    c: &WellhiveSettings,
    secrets: &Arc<dyn SecretStore>,
) -> Result<Arc<WellhiveClient>, DeskError> {
    let per_minute = c.per_minute.unwrap_or(WELLHIVE_PER_MINUTE);
    let key = c.private_key_path.clone().map_or_else(
        || KeySource::Secret(secrets::WELLHIVE_PRIVATE_KEY.to_owned()),
        KeySource::File,
    );
    WellhiveClient::builder(&c.base_url)
        .token_url(&c.token_url)
        .audience(&c.audience)
        .client_id(&c.client_id)
        .algorithm(match c.algorithm {
            SigningAlgorithm::Rs256 => wellhive::SigningAlgorithm::RS256,
            SigningAlgorithm::Es256 => wellhive::SigningAlgorithm::ES256,
        })
        .private_key(key)
        .budget(per_minute, c.rate_share.get())
        .secrets(secrets.clone())
        .http_settings(transport(&c.base_url, per_minute))
        .build()
        .map(Arc::new)
        .map_err(|e| failed(Vendor::Wellhive)(e.into()))
}
