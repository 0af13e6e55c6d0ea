//! The Zoom client: the healthcare visits API of the Zoom doc (every endpoint) and, for
//! accounts without Zoom for Healthcare, the meetings API of the published spec. Which one
//! the `Telehealth` port uses is a setting.

use crate::http::transport::parse_url;
use crate::http::{Authenticator, Call, HttpSettings, RateBudget, TokenCache, VendorHttp};
use crate::zoom::auth::AccountCredentials;
use crate::zoom::error::{ZoomError, ZoomErrorBody};
use crate::zoom::wire::{
    Availability, AvailabilityUpdate, Encryption, Invitation, Meeting, MeetingId, MeetingList,
    MeetingUpdate, NewMeeting, NewPatient, NewVisit, Patient, PatientId, PatientUpdate, ProviderId,
    ProviderList, Visit, VisitId, VisitList, VisitQuery, VisitUpdate, WaitingRoom,
    WaitingRoomNotice,
};
use frontdesk_core::Vendor;
use frontdesk_core::ports::SecretStore;
use serde::Deserialize;
use std::sync::Arc;

/// Which Zoom API carries telehealth visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ZoomApi {
    /// `/healthcare/visits` (Zoom for Healthcare licence), per the doc.
    #[default]
    HealthcareVisits,
    /// `POST /users/{userId}/meetings`, per the spec.
    Meetings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZoomConfig {
    /// `https://api.zoom.us/v2`
    pub base_url: String,
    /// `https://zoom.us/oauth/token`
    pub token_url: String,
    pub account_id: String,
    pub client_id: String,
    /// The host user for meetings (`me` or a user id).
    #[serde(default = "me")]
    pub user_id: String,
    #[serde(default)]
    pub api: ZoomApi,
    /// The account's request budget per minute (Zoom's limits depend on the plan).
    #[serde(default = "default_per_minute")]
    pub per_minute: u32,
    #[serde(default = "one")]
    pub share: f64,
    #[serde(default = "default_secret_name")]
    pub client_secret_name: String,
}

fn me() -> String {
    "me".to_owned()
}
fn default_per_minute() -> u32 {
    1_200
}
fn one() -> f64 {
    1.0
}
fn default_secret_name() -> String {
    "zoom.client_secret".to_owned()
}

#[derive(Clone)]
pub struct ZoomClient {
    http: Arc<VendorHttp>,
    auth: Arc<TokenCache<AccountCredentials>>,
    user_id: String,
    api: ZoomApi,
    encryption: Encryption,
}

pub struct ZoomClientBuilder {
    config: ZoomConfig,
    settings: Option<HttpSettings>,
    secrets: Option<Arc<dyn SecretStore>>,
    encryption: Encryption,
}

opaque_debug!(ZoomClient, ZoomClientBuilder);

impl ZoomClientBuilder {
    #[must_use]
    pub fn token_url(mut self, v: impl Into<String>) -> Self {
        self.config.token_url = v.into();
        self
    }
    #[must_use]
    pub fn account_id(mut self, v: impl Into<String>) -> Self {
        self.config.account_id = v.into();
        self
    }
    #[must_use]
    pub fn client_id(mut self, v: impl Into<String>) -> Self {
        self.config.client_id = v.into();
        self
    }
    #[must_use]
    pub fn user_id(mut self, v: impl Into<String>) -> Self {
        self.config.user_id = v.into();
        self
    }
    #[must_use]
    pub fn api(mut self, api: ZoomApi) -> Self {
        self.config.api = api;
        self
    }
    #[must_use]
    pub fn budget(mut self, per_minute: u32, share: f64) -> Self {
        self.config.per_minute = per_minute;
        self.config.share = share;
        self
    }
    /// Meeting encryption; end-to-end (the doc's HIPAA setting) unless chosen otherwise.
    #[must_use]
    pub fn encryption(mut self, e: Encryption) -> Self {
        self.encryption = e;
        self
    }
    #[must_use]
    pub fn client_secret_name(mut self, v: impl Into<String>) -> Self {
        self.config.client_secret_name = v.into();
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

    pub fn build(self) -> Result<ZoomClient, ZoomError> {
        let c = self.config;
        let config_err = |what: String| ZoomError::Config {
            vendor: Vendor::Zoom,
            what,
        };
        let settings = self
            .settings
            .unwrap_or_else(|| HttpSettings::production(c.per_minute))
            .with_rate(RateBudget::new(c.per_minute, c.share));
        let secrets = self
            .secrets
            .ok_or_else(|| config_err("no secret store".to_owned()))?;
        let token_url =
            parse_url(Vendor::Zoom, &c.token_url, settings.https_only).map_err(config_err)?;
        let http = Arc::new(VendorHttp::new::<ZoomErrorBody>(
            Vendor::Zoom,
            &c.base_url,
            &settings,
        )?);
        let auth = Arc::new(TokenCache::new(AccountCredentials {
            http: http.clone(),
            token_url,
            account_id: c.account_id,
            client_id: c.client_id,
            secrets,
            secret_name: c.client_secret_name,
        }));
        Ok(ZoomClient {
            http,
            auth,
            user_id: c.user_id,
            api: c.api,
            encryption: self.encryption,
        })
    }
}

/// Zoom's largest page.
pub const PAGE_SIZE: u32 = 300;

impl ZoomClient {
    #[must_use]
    pub fn builder(base_url: impl Into<String>) -> ZoomClientBuilder {
        Self::from_config(ZoomConfig {
            base_url: base_url.into(),
            token_url: String::new(),
            account_id: String::new(),
            client_id: String::new(),
            user_id: me(),
            api: ZoomApi::default(),
            per_minute: default_per_minute(),
            share: 1.0,
            client_secret_name: default_secret_name(),
        })
    }

    #[must_use]
    pub fn from_config(config: ZoomConfig) -> ZoomClientBuilder {
        ZoomClientBuilder {
            config,
            settings: None,
            secrets: None,
            encryption: Encryption::E2ee,
        }
    }

    #[must_use]
    pub fn api(&self) -> ZoomApi {
        self.api
    }

    #[must_use]
    pub fn encryption(&self) -> Encryption {
        self.encryption
    }

    #[must_use]
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    async fn json<T: serde::de::DeserializeOwned>(&self, call: Call) -> Result<T, ZoomError> {
        let auth: &dyn Authenticator = self.auth.as_ref();
        self.http.json::<T, ZoomErrorBody>(&call, Some(auth)).await
    }

    async fn no_content(&self, call: Call) -> Result<(), ZoomError> {
        let auth: &dyn Authenticator = self.auth.as_ref();
        self.http
            .send::<ZoomErrorBody>(&call, Some(auth))
            .await
            .map(|_| ())
    }

    // ---- virtual visits ----

    /// `POST /healthcare/visits`
    pub async fn create_visit(&self, body: &NewVisit) -> Result<Visit, ZoomError> {
        self.json(Call::post("/healthcare/visits", &[]).json(body))
            .await
    }

    /// `GET /healthcare/visits/{visitId}`
    pub async fn visit(&self, id: &VisitId) -> Result<Visit, ZoomError> {
        self.json(Call::get("/healthcare/visits/{visitId}", &[id.as_str()]))
            .await
    }

    /// `PATCH /healthcare/visits/{visitId}`
    pub async fn update_visit(&self, id: &VisitId, body: &VisitUpdate) -> Result<Visit, ZoomError> {
        self.json(Call::patch("/healthcare/visits/{visitId}", &[id.as_str()]).json(body))
            .await
    }

    /// `DELETE /healthcare/visits/{visitId}`
    pub async fn cancel_visit(&self, id: &VisitId) -> Result<(), ZoomError> {
        self.no_content(Call::delete("/healthcare/visits/{visitId}", &[id.as_str()]))
            .await
    }

    /// `GET /healthcare/visits`, one page.
    pub async fn list_visits(
        &self,
        query: &VisitQuery,
        next_page_token: Option<&str>,
    ) -> Result<VisitList, ZoomError> {
        let call = Call::get("/healthcare/visits", &[])
            .query("page_size", PAGE_SIZE)
            .query_opt("next_page_token", next_page_token)
            .query_opt("from", query.from)
            .query_opt("to", query.to)
            .query_opt("provider_id", query.provider_id.as_ref())
            .query_opt("patient_id", query.patient_id.as_ref())
            .query_opt("status", query.status.as_deref());
        self.json(call).await
    }

    // ---- patients ----

    /// `POST /healthcare/patients`
    pub async fn create_patient(&self, body: &NewPatient) -> Result<Patient, ZoomError> {
        self.json(Call::post("/healthcare/patients", &[]).json(body))
            .await
    }

    /// `GET /healthcare/patients/{patientId}`
    pub async fn patient(&self, id: &PatientId) -> Result<Patient, ZoomError> {
        self.json(Call::get(
            "/healthcare/patients/{patientId}",
            &[id.as_str()],
        ))
        .await
    }

    /// `PATCH /healthcare/patients/{patientId}`
    pub async fn update_patient(
        &self,
        id: &PatientId,
        body: &PatientUpdate,
    ) -> Result<Patient, ZoomError> {
        self.json(Call::patch("/healthcare/patients/{patientId}", &[id.as_str()]).json(body))
            .await
    }

    /// `POST /healthcare/patients/{patientId}/invite`
    pub async fn invite_patient(&self, id: &PatientId, body: &Invitation) -> Result<(), ZoomError> {
        self.no_content(
            Call::post("/healthcare/patients/{patientId}/invite", &[id.as_str()]).json(body),
        )
        .await
    }

    // ---- waiting room ----

    /// `GET /healthcare/waiting_room`
    pub async fn waiting_room(&self) -> Result<WaitingRoom, ZoomError> {
        self.json(Call::get("/healthcare/waiting_room", &[])).await
    }

    /// `POST /healthcare/waiting_room/{patientId}/admit`. Admitting twice is harmless.
    pub async fn admit(&self, id: &PatientId) -> Result<(), ZoomError> {
        self.no_content(
            Call::post("/healthcare/waiting_room/{patientId}/admit", &[id.as_str()]).idempotent(),
        )
        .await
    }

    /// `POST /healthcare/waiting_room/{patientId}/notify`
    pub async fn notify_waiting(
        &self,
        id: &PatientId,
        body: &WaitingRoomNotice,
    ) -> Result<(), ZoomError> {
        self.no_content(
            Call::post(
                "/healthcare/waiting_room/{patientId}/notify",
                &[id.as_str()],
            )
            .json(body),
        )
        .await
    }

    // ---- providers ----

    /// `GET /healthcare/providers`, one page.
    pub async fn list_providers(
        &self,
        next_page_token: Option<&str>,
    ) -> Result<ProviderList, ZoomError> {
        let call = Call::get("/healthcare/providers", &[])
            .query("page_size", PAGE_SIZE)
            .query_opt("next_page_token", next_page_token);
        self.json(call).await
    }

    /// `GET /healthcare/providers/{providerId}/availability`
    pub async fn provider_availability(&self, id: &ProviderId) -> Result<Availability, ZoomError> {
        self.json(Call::get(
            "/healthcare/providers/{providerId}/availability",
            &[id.as_str()],
        ))
        .await
    }

    /// `PATCH /healthcare/providers/{providerId}/availability`
    pub async fn set_provider_availability(
        &self,
        id: &ProviderId,
        body: &AvailabilityUpdate,
    ) -> Result<Availability, ZoomError> {
        self.json(
            Call::patch(
                "/healthcare/providers/{providerId}/availability",
                &[id.as_str()],
            )
            .json(body),
        )
        .await
    }

    // ---- meetings (spec) ----

    /// `POST /users/{userId}/meetings` for the configured host.
    pub async fn create_meeting(&self, body: &NewMeeting) -> Result<Meeting, ZoomError> {
        self.json(Call::post("/users/{userId}/meetings", &[&self.user_id]).json(body))
            .await
    }

    /// `GET /meetings/{meetingId}`
    pub async fn meeting(&self, id: MeetingId) -> Result<Meeting, ZoomError> {
        self.json(Call::get("/meetings/{meetingId}", &[&id.to_string()]))
            .await
    }

    /// `PATCH /meetings/{meetingId}` (answers 204).
    pub async fn update_meeting(
        &self,
        id: MeetingId,
        body: &MeetingUpdate,
    ) -> Result<(), ZoomError> {
        self.no_content(Call::patch("/meetings/{meetingId}", &[&id.to_string()]).json(body))
            .await
    }

    /// `DELETE /meetings/{meetingId}`
    pub async fn delete_meeting(&self, id: MeetingId) -> Result<(), ZoomError> {
        self.no_content(Call::delete("/meetings/{meetingId}", &[&id.to_string()]))
            .await
    }

    /// `GET /users/{userId}/meetings` (`type=scheduled`), one page.
    pub async fn list_meetings(
        &self,
        next_page_token: Option<&str>,
    ) -> Result<MeetingList, ZoomError> {
        let call = Call::get("/users/{userId}/meetings", &[&self.user_id])
            .query("type", "scheduled")
            .query("page_size", PAGE_SIZE)
            .query_opt("next_page_token", next_page_token);
        self.json(call).await
    }
}
