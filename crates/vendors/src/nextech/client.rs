//! The Nextech EHR client: patient search by `term`, encounter CCDs by date range and
//! section, and the CCD section list; every call carries `x-nextech-practice-id`.

use crate::http::transport::parse_url;
use crate::http::{Authenticator, Call, HttpSettings, RateBudget, RawBody, TokenCache, VendorHttp};
use crate::nextech::auth::{NextechAuth, OpenBrowser};
use crate::nextech::error::NextechError;
use crate::nextech::wire::{Category, Encounter, EncounterQuery, Patient, PatientId};
use crate::normalize::nextech_query_date;
use frontdesk_core::Vendor;
use frontdesk_core::ports::SecretStore;
use reqwest::header::{HeaderName, HeaderValue};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NextechConfig {
    /// `https://saas.nextech-api.com/ehr/api`
    pub base_url: String,
    /// `https://login.microsoftonline.com/{tenant}/oauth2/authorize`
    pub authorize_url: String,
    /// `https://login.microsoftonline.com/{tenant}/oauth2/token`
    pub token_url: String,
    pub client_id: String,
    /// The app to consume the token (Azure AD `resource`).
    pub resource: String,
    pub practice_id: String,
    #[serde(default = "default_per_minute")]
    pub per_minute: u32,
    #[serde(default = "one")]
    pub share: f64,
    #[serde(default = "default_refresh_name")]
    pub refresh_token_name: String,
}

fn default_per_minute() -> u32 {
    300
}
fn one() -> f64 {
    1.0
}
fn default_refresh_name() -> String {
    "nextech.refresh_token".to_owned()
}

#[derive(Clone)]
pub struct NextechClient {
    http: Arc<VendorHttp>,
    auth: Arc<TokenCache<NextechAuth>>,
}

pub struct NextechClientBuilder {
    config: NextechConfig,
    settings: Option<HttpSettings>,
    secrets: Option<Arc<dyn SecretStore>>,
    login_timeout: Duration,
}

opaque_debug!(NextechClient, NextechClientBuilder);

impl NextechClientBuilder {
    #[must_use]
    pub fn authorize_url(mut self, v: impl Into<String>) -> Self {
        self.config.authorize_url = v.into();
        self
    }
    #[must_use]
    pub fn token_url(mut self, v: impl Into<String>) -> Self {
        self.config.token_url = v.into();
        self
    }
    #[must_use]
    pub fn client_id(mut self, v: impl Into<String>) -> Self {
        self.config.client_id = v.into();
        self
    }
    #[must_use]
    pub fn resource(mut self, v: impl Into<String>) -> Self {
        self.config.resource = v.into();
        self
    }
    #[must_use]
    pub fn practice_id(mut self, v: impl Into<String>) -> Self {
        self.config.practice_id = v.into();
        self
    }
    #[must_use]
    pub fn budget(mut self, per_minute: u32, share: f64) -> Self {
        self.config.per_minute = per_minute;
        self.config.share = share;
        self
    }
    /// How long the browser sign-in may take.
    #[must_use]
    pub fn login_timeout(mut self, t: Duration) -> Self {
        self.login_timeout = t;
        self
    }
    #[must_use]
    pub fn secrets(mut self, store: Arc<dyn SecretStore>) -> Self {
        self.secrets = Some(store);
        self
    }
    #[must_use]
    pub fn http_settings(mut self, s: HttpSettings) -> Self {
        self.settings = Some(s);
        self
    }

    pub fn build(self) -> Result<NextechClient, NextechError> {
        let c = self.config;
        let config_err = |what: String| NextechError::Config {
            vendor: Vendor::Nextech,
            what,
        };
        let settings = self
            .settings
            .unwrap_or_else(|| HttpSettings::production(c.per_minute))
            .with_rate(RateBudget::new(c.per_minute, c.share));
        let secrets = self
            .secrets
            .ok_or_else(|| config_err("no secret store".to_owned()))?;
        let authorize_url = parse_url(Vendor::Nextech, &c.authorize_url, settings.https_only)
            .map_err(config_err)?;
        let token_url =
            parse_url(Vendor::Nextech, &c.token_url, settings.https_only).map_err(config_err)?;
        let practice = HeaderValue::from_str(&c.practice_id)
            .map_err(|_| config_err("practice id is not header-safe".to_owned()))?;
        let http = Arc::new(
            VendorHttp::new::<RawBody>(Vendor::Nextech, &c.base_url, &settings)?
                .with_header(HeaderName::from_static("x-nextech-practice-id"), practice),
        );
        let auth = Arc::new(TokenCache::new(NextechAuth {
            http: http.clone(),
            authorize_url,
            token_url,
            client_id: c.client_id,
            resource: c.resource,
            secrets,
            refresh_name: c.refresh_token_name,
            login_timeout: self.login_timeout,
        }));
        Ok(NextechClient { http, auth })
    }
}

impl NextechClient {
    #[must_use]
    pub fn builder(base_url: impl Into<String>) -> NextechClientBuilder {
        Self::from_config(NextechConfig {
            base_url: base_url.into(),
            authorize_url: String::new(),
            token_url: String::new(),
            client_id: String::new(),
            resource: String::new(),
            practice_id: String::new(),
            per_minute: default_per_minute(),
            share: 1.0,
            refresh_token_name: default_refresh_name(),
        })
    }

    #[must_use]
    pub fn from_config(config: NextechConfig) -> NextechClientBuilder {
        NextechClientBuilder {
            config,
            settings: None,
            secrets: None,
            login_timeout: Duration::from_mins(5),
        }
    }

    /// The interactive sign-in (PKCE, loopback redirect). Needed once; afterwards the stored
    /// refresh token keeps the client signed in until it is revoked or expires.
    pub async fn login(&self, open_browser: OpenBrowser<'_>) -> Result<(), NextechError> {
        let token = self
            .auth
            .fetcher()
            .login(open_browser)
            .await
            .map_err(|source| NextechError::Auth {
                endpoint: crate::http::error::Endpoint {
                    vendor: Vendor::Nextech,
                    method: "GET",
                    template: "/oauth2/authorize",
                },
                source,
            })?;
        self.auth.seed(token).await;
        Ok(())
    }

    /// Signs out: forgets the cached token and the stored refresh token.
    pub async fn sign_out(&self) -> Result<(), NextechError> {
        self.auth.clear().await;
        self.auth
            .fetcher()
            .sign_out()
            .map_err(|source| NextechError::Auth {
                endpoint: crate::http::error::Endpoint {
                    vendor: Vendor::Nextech,
                    method: "POST",
                    template: "/oauth2/token",
                },
                source,
            })
    }

    async fn json<T: serde::de::DeserializeOwned>(&self, call: Call) -> Result<T, NextechError> {
        let auth: &dyn Authenticator = self.auth.as_ref();
        self.http.json::<T, RawBody>(&call, Some(auth)).await
    }

    /// `GET /search?term=` — name or chart number.
    pub async fn search_patients(&self, term: &str) -> Result<Vec<Patient>, NextechError> {
        self.json(Call::get("/search", &[]).query("term", term))
            .await
    }

    /// `GET /{patientId}/encounters/search` with `start`/`end` in the doc's `M-D-YYYY` form.
    pub async fn encounters(
        &self,
        patient: PatientId,
        query: &EncounterQuery,
    ) -> Result<Vec<Encounter>, NextechError> {
        let call = Call::get("/{patientId}/encounters/search", &[&patient.to_string()])
            .query_opt("start", query.start.map(nextech_query_date))
            .query_opt("end", query.end.map(nextech_query_date))
            .query_opt("section", query.section.as_deref());
        self.json(call).await
    }

    /// `GET /encounters/categories`
    pub async fn encounter_categories(&self) -> Result<Vec<Category>, NextechError> {
        self.json(Call::get("/encounters/categories", &[])).await
    }
}
