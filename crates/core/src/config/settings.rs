//! The checked settings the desk is built from: one struct per enabled vendor with every id it
//! needs present, defaults filled in (each vendor's public production URLs), nothing secret.

use crate::config::error::{ConfigError, section_position};
use crate::config::raw::{RawCxone, RawNexhealth, RawNextech, RawWellhive, RawZoom};
use crate::config::values::{
    CxonePlan, NexhealthGeneration, RateShare, SigningAlgorithm, ZoomGeneration,
};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct CxoneSettings {
    pub base_url: String,
    pub token_url: String,
    pub client_id: String,
    pub plan: CxonePlan,
    pub rate_share: RateShare,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ZoomSettings {
    pub base_url: String,
    pub token_url: String,
    pub account_id: String,
    pub client_id: String,
    /// The host user for meetings (`me` by default).
    pub user_id: String,
    pub api: ZoomGeneration,
    pub per_minute: Option<u32>,
    pub rate_share: RateShare,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NextechSettings {
    pub base_url: String,
    pub authorize_url: String,
    pub token_url: String,
    pub client_id: String,
    pub resource: String,
    pub practice_id: String,
    pub per_minute: Option<u32>,
    pub rate_share: RateShare,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NexhealthSettings {
    pub base_url: String,
    pub subdomain: String,
    pub location_ids: Vec<i64>,
    pub api: NexhealthGeneration,
    pub per_minute: Option<u32>,
    pub rate_share: RateShare,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WellhiveSettings {
    pub base_url: String,
    pub token_url: String,
    pub audience: String,
    pub client_id: String,
    pub algorithm: SigningAlgorithm,
    /// A PEM or JWK file holding the signing key (a path is not a secret: the file's
    /// permissions guard it). Without it the key is read from the keychain as
    /// `wellhive.private_key`.
    pub private_key_path: Option<std::path::PathBuf>,
    pub per_minute: Option<u32>,
    pub rate_share: RateShare,
}

/// Checks one section's required keys against the file it came from.
pub(crate) struct Checker<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub section: &'static str,
}

impl Checker<'_> {
    fn required(&self, key: &str, value: Option<String>) -> Result<String, ConfigError> {
        match value {
            Some(v) if !v.trim().is_empty() => Ok(v),
            _ => Err(self.missing(key, "is required when the vendor is enabled")),
        }
    }

    pub(crate) fn invalid(&self, key: &str, why: &str) -> ConfigError {
        self.missing(key, why)
    }

    fn missing(&self, key: &str, why: &str) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            position: section_position(self.text, self.section),
            key: format!("{}.{key}", self.section),
            message: format!("`{key}` {why}"),
        }
    }

    pub fn cxone(&self, raw: RawCxone) -> Result<Option<CxoneSettings>, ConfigError> {
        if !raw.enabled {
            return Ok(None);
        }
        Ok(Some(CxoneSettings {
            base_url: raw
                .base_url
                .unwrap_or_else(|| "https://api.cxone.com/healthcare/v1".to_owned()),
            token_url: raw
                .token_url
                .unwrap_or_else(|| "https://auth.cxone.com/oauth/token".to_owned()),
            client_id: self.required("client_id", raw.client_id)?,
            plan: raw.plan.ok_or_else(|| {
                self.missing("plan", "is required: basic, professional or enterprise")
            })?,
            rate_share: raw.rate_share,
        }))
    }

    pub fn zoom(&self, raw: RawZoom) -> Result<Option<ZoomSettings>, ConfigError> {
        if !raw.enabled {
            return Ok(None);
        }
        Ok(Some(ZoomSettings {
            base_url: raw
                .base_url
                .unwrap_or_else(|| "https://api.zoom.us/v2".to_owned()),
            token_url: raw
                .token_url
                .unwrap_or_else(|| "https://zoom.us/oauth/token".to_owned()),
            account_id: self.required("account_id", raw.account_id)?,
            client_id: self.required("client_id", raw.client_id)?,
            user_id: raw.user_id.unwrap_or_else(|| "me".to_owned()),
            api: raw.api,
            per_minute: raw.per_minute,
            rate_share: raw.rate_share,
        }))
    }

    pub fn nextech(&self, raw: RawNextech) -> Result<Option<NextechSettings>, ConfigError> {
        if !raw.enabled {
            return Ok(None);
        }
        // Azure AD's URLs carry the tenant; either give the tenant or both URLs.
        let azure = |kind: &str| {
            raw.tenant_id
                .as_ref()
                .map(|t| format!("https://login.microsoftonline.com/{t}/oauth2/{kind}"))
        };
        let authorize_url = raw.authorize_url.clone().or_else(|| azure("authorize"));
        let token_url = raw.token_url.clone().or_else(|| azure("token"));
        let need_tenant = "is required unless tenant_id is given";
        Ok(Some(NextechSettings {
            base_url: raw
                .base_url
                .unwrap_or_else(|| "https://saas.nextech-api.com/ehr/api".to_owned()),
            authorize_url: authorize_url
                .ok_or_else(|| self.missing("authorize_url", need_tenant))?,
            token_url: token_url.ok_or_else(|| self.missing("token_url", need_tenant))?,
            client_id: self.required("client_id", raw.client_id)?,
            resource: self.required("resource", raw.resource)?,
            practice_id: self.required("practice_id", raw.practice_id)?,
            per_minute: raw.per_minute,
            rate_share: raw.rate_share,
        }))
    }

    pub fn nexhealth(&self, raw: RawNexhealth) -> Result<Option<NexhealthSettings>, ConfigError> {
        if !raw.enabled {
            return Ok(None);
        }
        if raw.location_ids.is_empty() {
            return Err(self.missing("location_ids", "needs at least one NexHealth location id"));
        }
        Ok(Some(NexhealthSettings {
            base_url: raw
                .base_url
                .unwrap_or_else(|| "https://nexhealth.info".to_owned()),
            subdomain: self.required("subdomain", raw.subdomain)?,
            location_ids: raw.location_ids,
            api: raw.api,
            per_minute: raw.per_minute,
            rate_share: raw.rate_share,
        }))
    }

    pub fn wellhive(&self, raw: RawWellhive) -> Result<Option<WellhiveSettings>, ConfigError> {
        if !raw.enabled {
            return Ok(None);
        }
        let token_url = self.required("token_url", raw.token_url)?;
        Ok(Some(WellhiveSettings {
            base_url: self.required("base_url", raw.base_url)?,
            audience: raw.audience.unwrap_or_else(|| token_url.clone()),
            token_url,
            client_id: self.required("client_id", raw.client_id)?,
            algorithm: raw.algorithm,
            private_key_path: raw.private_key_path,
            per_minute: raw.per_minute,
            rate_share: raw.rate_share,
        }))
    }
}
