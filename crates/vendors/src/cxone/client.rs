//! The CXone Healthcare Integration API client: every endpoint of the doc as a typed method.
//! Built from a base URL, so the sandbox and a real tenant are one setting apart.

use crate::cxone::auth::ClientCredentials;
use crate::cxone::error::{CxoneError, CxoneErrorBody};
use crate::cxone::wire::{
    Appointment, AppointmentQuery, Callback, Contact, ContactQuery, DataList, IvrFlow, IvrTemplate,
    ListResponse, NewAppointment, NewCallback, NewIvrFlow, NewReminder, NewWebhook, Patient,
    PatientId, PatientQuery, Reminder, Webhook, WebhookId,
};
use crate::http::transport::parse_url;
use crate::http::{Authenticator, Call, HttpSettings, RateBudget, TokenCache, VendorHttp};
use frontdesk_core::Vendor;
use frontdesk_core::ports::SecretStore;
use serde::Deserialize;
use std::sync::Arc;

/// The CXone plan, which sets the documented rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CxonePlan {
    Basic,
    Professional,
    Enterprise,
}

impl CxonePlan {
    /// Requests per minute, from the doc's rate-limit table.
    #[must_use]
    pub fn per_minute(self) -> u32 {
        match self {
            CxonePlan::Basic => 100,
            CxonePlan::Professional => 500,
            CxonePlan::Enterprise => 2000,
        }
    }
}

/// Non-secret settings; the client secret lives in the keychain under `client_secret_name`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CxoneConfig {
    /// `https://api.cxone.com/healthcare/v1`
    pub base_url: String,
    /// `https://auth.cxone.com/oauth/token`
    pub token_url: String,
    pub client_id: String,
    pub plan: CxonePlan,
    /// This desk's share of the plan's budget (several desks share one tenant).
    #[serde(default = "one")]
    pub share: f64,
    #[serde(default = "default_secret_name")]
    pub client_secret_name: String,
}

fn one() -> f64 {
    1.0
}

fn default_secret_name() -> String {
    "cxone.client_secret".to_owned()
}

#[derive(Clone)]
pub struct CxoneClient {
    http: Arc<VendorHttp>,
    auth: Arc<TokenCache<ClientCredentials>>,
}

opaque_debug!(CxoneClient, CxoneClientBuilder);

/// Builds a `CxoneClient`.
pub struct CxoneClientBuilder {
    config: CxoneConfig,
    settings: Option<HttpSettings>,
    secrets: Option<Arc<dyn SecretStore>>,
}

impl CxoneClientBuilder {
    #[must_use]
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.config.token_url = url.into();
        self
    }

    #[must_use]
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.config.client_id = id.into();
        self
    }

    #[must_use]
    pub fn plan(mut self, plan: CxonePlan) -> Self {
        self.config.plan = plan;
        self
    }

    #[must_use]
    pub fn share(mut self, share: f64) -> Self {
        self.config.share = share;
        self
    }

    #[must_use]
    pub fn client_secret_name(mut self, name: impl Into<String>) -> Self {
        self.config.client_secret_name = name.into();
        self
    }

    #[must_use]
    pub fn secrets(mut self, store: Arc<dyn SecretStore>) -> Self {
        self.secrets = Some(store);
        self
    }

    /// Transport settings; the rate budget is always the plan's times the share.
    #[must_use]
    pub fn http_settings(mut self, settings: HttpSettings) -> Self {
        self.settings = Some(settings);
        self
    }

    pub fn build(self) -> Result<CxoneClient, CxoneError> {
        let config = self.config;
        let settings = self
            .settings
            .unwrap_or_else(|| HttpSettings::production(config.plan.per_minute()))
            .with_rate(RateBudget::new(config.plan.per_minute(), config.share));
        let secrets = self.secrets.ok_or_else(|| CxoneError::Config {
            vendor: Vendor::Cxone,
            what: "no secret store".to_owned(),
        })?;
        let token_url =
            parse_url(Vendor::Cxone, &config.token_url, settings.https_only).map_err(|what| {
                CxoneError::Config {
                    vendor: Vendor::Cxone,
                    what,
                }
            })?;
        let http = Arc::new(VendorHttp::new::<CxoneErrorBody>(
            Vendor::Cxone,
            &config.base_url,
            &settings,
        )?);
        let auth = Arc::new(TokenCache::new(ClientCredentials {
            http: http.clone(),
            token_url,
            client_id: config.client_id,
            secrets,
            secret_name: config.client_secret_name,
        }));
        Ok(CxoneClient { http, auth })
    }
}

/// The most the doc allows per page.
pub const MAX_LIMIT: u32 = 100;

impl CxoneClient {
    #[must_use]
    pub fn builder(base_url: impl Into<String>) -> CxoneClientBuilder {
        CxoneClientBuilder {
            config: CxoneConfig {
                base_url: base_url.into(),
                token_url: String::new(),
                client_id: String::new(),
                plan: CxonePlan::Basic,
                share: 1.0,
                client_secret_name: default_secret_name(),
            },
            settings: None,
            secrets: None,
        }
    }

    /// A builder from a loaded config.
    #[must_use]
    pub fn from_config(config: CxoneConfig) -> CxoneClientBuilder {
        CxoneClientBuilder {
            config,
            settings: None,
            secrets: None,
        }
    }

    async fn json<T: serde::de::DeserializeOwned>(&self, call: Call) -> Result<T, CxoneError> {
        let auth: &dyn Authenticator = self.auth.as_ref();
        self.http.json::<T, CxoneErrorBody>(&call, Some(auth)).await
    }

    /// `GET /patients/{id}`
    pub async fn patient(&self, id: &PatientId) -> Result<Patient, CxoneError> {
        self.json(Call::get("/patients/{id}", &[id.as_str()])).await
    }

    /// `GET /patients` with filters, one page.
    pub async fn search_patients(
        &self,
        query: &PatientQuery,
        offset: u64,
        limit: u32,
    ) -> Result<ListResponse<Patient>, CxoneError> {
        let call = Call::get("/patients", &[])
            .query_opt("mrn", query.mrn.as_deref())
            .query_opt("phoneNumber", query.phone_number.as_deref())
            .query_opt("email", query.email.as_deref())
            .query_opt("lastName", query.last_name.as_deref())
            .query_opt(
                "dateOfBirth",
                query.date_of_birth.map(|d| d.format("%Y-%m-%d")),
            )
            .query("limit", limit.clamp(1, MAX_LIMIT))
            .query("offset", offset);
        self.json(call).await
    }

    /// `GET /patients/{patientId}/appointments`
    pub async fn patient_appointments(
        &self,
        patient: &PatientId,
        query: &AppointmentQuery,
    ) -> Result<ListResponse<Appointment>, CxoneError> {
        let call = Call::get("/patients/{patientId}/appointments", &[patient.as_str()])
            .query_opt("startDate", query.start_date.map(|d| d.format("%Y-%m-%d")))
            .query_opt("endDate", query.end_date.map(|d| d.format("%Y-%m-%d")))
            .query_opt("status", query.status.as_deref());
        self.json(call).await
    }

    /// `POST /appointments`. Not retried on a timeout: the error says the outcome is unknown.
    pub async fn create_appointment(
        &self,
        body: &NewAppointment,
    ) -> Result<Appointment, CxoneError> {
        self.json(Call::post("/appointments", &[]).json(body)).await
    }

    /// `POST /integrations/cxone/callbacks`
    pub async fn create_callback(&self, body: &NewCallback) -> Result<Callback, CxoneError> {
        self.json(Call::post("/integrations/cxone/callbacks", &[]).json(body))
            .await
    }

    /// `POST /integrations/cxone/reminders`
    pub async fn send_reminder(&self, body: &NewReminder) -> Result<Reminder, CxoneError> {
        self.json(Call::post("/integrations/cxone/reminders", &[]).json(body))
            .await
    }

    /// `GET /integrations/cxone/patients/{patientId}/contacts`, one page.
    pub async fn contact_history(
        &self,
        patient: &PatientId,
        query: &ContactQuery,
        offset: u64,
        limit: u32,
    ) -> Result<ListResponse<Contact>, CxoneError> {
        let call = Call::get(
            "/integrations/cxone/patients/{patientId}/contacts",
            &[patient.as_str()],
        )
        .query_opt("startDate", query.start_date.map(|d| d.format("%Y-%m-%d")))
        .query_opt("endDate", query.end_date.map(|d| d.format("%Y-%m-%d")))
        .query_opt("channel", query.channel.as_deref())
        .query("limit", limit.clamp(1, MAX_LIMIT))
        .query("offset", offset);
        self.json(call).await
    }

    /// `GET /integrations/cxone/ivr/templates`
    pub async fn ivr_templates(&self) -> Result<Vec<IvrTemplate>, CxoneError> {
        let list: DataList<IvrTemplate> = self
            .json(Call::get("/integrations/cxone/ivr/templates", &[]))
            .await?;
        Ok(list.data)
    }

    /// `POST /integrations/cxone/ivr/flows`
    pub async fn create_ivr_flow(&self, body: &NewIvrFlow) -> Result<IvrFlow, CxoneError> {
        self.json(Call::post("/integrations/cxone/ivr/flows", &[]).json(body))
            .await
    }

    /// `POST /webhooks`
    pub async fn register_webhook(&self, body: &NewWebhook) -> Result<Webhook, CxoneError> {
        self.json(Call::post("/webhooks", &[]).json(body)).await
    }

    /// `GET /webhooks`. Not in the doc, which shows only registration: REST's listing of the
    /// registered resource, which the sandbox answers; a tenant without it answers 404/405,
    /// which the caller reports as "CXone does not list webhooks".
    pub async fn webhooks(&self) -> Result<Vec<Webhook>, CxoneError> {
        let list: DataList<Webhook> = self.json(Call::get("/webhooks", &[])).await?;
        Ok(list.data)
    }

    /// `DELETE /webhooks/{id}`. Not in the doc either (see [`Self::webhooks`]).
    pub async fn delete_webhook(&self, id: &WebhookId) -> Result<(), CxoneError> {
        let auth: &dyn Authenticator = self.auth.as_ref();
        self.http
            .send::<CxoneErrorBody>(&Call::delete("/webhooks/{id}", &[id.as_str()]), Some(auth))
            .await
            .map(|_| ())
    }
}
