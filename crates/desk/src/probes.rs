//! Reachability probes for the vendors the sync has nothing to list from. Each is the cheapest
//! call that proves both the network path and the credentials: Nextech's encounter categories
//! (a small, unmetered list), and for WellHive a token from its token endpoint, because every
//! WellHive API call counts against the practice's daily utilization quota.

use async_trait::async_trait;
use frontdesk_core::sync::Probe;
use frontdesk_core::{CoreError, Vendor};
use frontdesk_vendors::http::TokenFetcher;
use frontdesk_vendors::nextech::NextechClient;
use frontdesk_vendors::wellhive::WellhiveClient;
use std::sync::Arc;

#[derive(Debug)]
pub(crate) struct NextechProbe(pub Arc<NextechClient>);

#[async_trait]
impl Probe for NextechProbe {
    async fn probe(&self) -> Result<(), CoreError> {
        self.0.encounter_categories().await?;
        Ok(())
    }
}

#[derive(Debug)]
pub(crate) struct WellhiveProbe(pub Arc<WellhiveClient>);

#[async_trait]
impl Probe for WellhiveProbe {
    async fn probe(&self) -> Result<(), CoreError> {
        self.0
            .assertion_signer()
            .fetch()
            .await
            .map(drop)
            .map_err(|e| e.into_core(Vendor::Wellhive))
    }
}
