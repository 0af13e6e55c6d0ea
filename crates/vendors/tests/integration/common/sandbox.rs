//! Clients pointed at a running sandbox, configured from the `SandboxInfo` it publishes (the
//! same JSON the demo binary prints), with its demo credentials put in an in-memory keychain.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use frontdesk_sandbox::{Sandbox, SandboxHandle, SandboxInfo, SandboxOptions};
use frontdesk_vendors::cxone::{CxoneClient, CxonePlan};
use frontdesk_vendors::http::HttpSettings;
use frontdesk_vendors::nexhealth::wire::LocationId;
use frontdesk_vendors::nexhealth::{NexhealthApi, NexhealthClient};
use frontdesk_vendors::nextech::NextechClient;
use frontdesk_vendors::secrets::MemorySecrets;
use frontdesk_vendors::wellhive::{KeySource, SigningAlgorithm, WellhiveClient};
use frontdesk_vendors::zoom::{ZoomApi, ZoomClient};
use std::sync::Arc;
use std::time::Duration;

pub async fn start(seed: u64) -> SandboxHandle {
    Sandbox::start(SandboxOptions::small(seed)).await.unwrap()
}

pub fn settings() -> HttpSettings {
    HttpSettings::loopback().with_request_timeout(Duration::from_secs(2))
}

pub fn secrets(info: &SandboxInfo) -> Arc<MemorySecrets> {
    Arc::new(MemorySecrets::with(&[
        ("cxone.client_secret", &info.cxone.client_secret),
        ("zoom.client_secret", &info.zoom.client_secret),
        ("nexhealth.api_key", &info.nexhealth.api_key),
    ]))
}

pub fn cxone(info: &SandboxInfo, secrets: Arc<MemorySecrets>) -> CxoneClient {
    let plan = match info.cxone.plan.as_str() {
        "basic" => CxonePlan::Basic,
        "enterprise" => CxonePlan::Enterprise,
        _ => CxonePlan::Professional,
    };
    CxoneClient::builder(&info.cxone.base_url)
        .token_url(&info.cxone.token_url)
        .client_id(&info.cxone.client_id)
        .plan(plan)
        .secrets(secrets)
        .http_settings(settings())
        .build()
        .unwrap()
}

pub fn zoom(info: &SandboxInfo, secrets: Arc<MemorySecrets>, api: ZoomApi) -> ZoomClient {
    ZoomClient::builder(&info.zoom.base_url)
        .token_url(&info.zoom.token_url)
        .account_id(&info.zoom.account_id)
        .client_id(&info.zoom.client_id)
        .user_id(&info.zoom.user_id)
        .api(api)
        .budget(6_000, 1.0)
        .secrets(secrets)
        .http_settings(settings())
        .build()
        .unwrap()
}

pub fn nextech(info: &SandboxInfo, secrets: Arc<MemorySecrets>) -> NextechClient {
    NextechClient::builder(&info.nextech.base_url)
        .authorize_url(&info.nextech.authorize_url)
        .token_url(&info.nextech.token_url)
        .client_id(&info.nextech.client_id)
        .resource(&info.nextech.resource)
        .practice_id(&info.nextech.practice_id)
        .login_timeout(Duration::from_secs(5))
        .budget(6_000, 1.0)
        .secrets(secrets)
        .http_settings(settings())
        .build()
        .unwrap()
}

pub fn nexhealth(
    info: &SandboxInfo,
    secrets: Arc<MemorySecrets>,
    api: NexhealthApi,
) -> NexhealthClient {
    NexhealthClient::builder(&info.nexhealth.base_url)
        .subdomain(&info.nexhealth.subdomain)
        .location_ids(
            info.nexhealth
                .location_ids
                .iter()
                .map(|l| LocationId(i64::from(*l)))
                .collect(),
        )
        .api(api)
        // The sandbox allows NexHealth 1000 requests a minute.
        .budget(1_000, 1.0)
        .secrets(secrets)
        .http_settings(settings())
        .build()
        .unwrap()
}

pub fn wellhive(info: &SandboxInfo, secrets: Arc<MemorySecrets>) -> WellhiveClient {
    let alg = if info.wellhive.algorithm == "ES256" {
        SigningAlgorithm::ES256
    } else {
        SigningAlgorithm::RS256
    };
    WellhiveClient::builder(&info.wellhive.base_url)
        .token_url(&info.wellhive.token_url)
        .audience(&info.wellhive.audience)
        .client_id(&info.wellhive.client_id)
        .algorithm(alg)
        .private_key(KeySource::File(info.wellhive.private_key_path.clone()))
        .budget(6_000, 1.0)
        .secrets(secrets)
        .http_settings(settings())
        .build()
        .unwrap()
}

/// A browser that follows the authorize URL (the sandbox approves and redirects) back to the
/// desk's loopback listener.
pub fn browser() -> impl Fn(&url::Url) -> Result<(), String> + Send + Sync {
    |url: &url::Url| {
        let url = url.clone();
        tokio::spawn(async move {
            let _ = reqwest::get(url.as_str()).await;
        });
        Ok(())
    }
}
