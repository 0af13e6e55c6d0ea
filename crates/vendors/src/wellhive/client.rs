//! The WellHive Care Navigation client: all 17 operations of the published spec plus the
//! doc's `/referrals`, `nextToken` paging, `x-wellhive-trace-id` kept on every answer.

use crate::http::transport::parse_url;
use crate::http::{Authenticator, Call, HttpSettings, RateBudget, TokenCache, VendorHttp};
use crate::wellhive::auth::{KeySource, PrivateKeyJwt};
use crate::wellhive::error::{TRACE_HEADER, WellhiveError, WellhiveErrorBody};
use crate::wellhive::keys::SigningAlgorithm;
use crate::wellhive::wire::{
    Appointment, AppointmentCancelPayload, AppointmentCreatePayload, AppointmentId,
    AppointmentQuery, AppointmentSearchResult, AppointmentSubmitPayload, CancelReasonsResult,
    DriveTimePayload, DriveTimeResult, Network, NetworkId, NetworkSearchResult, PatientId,
    ProviderOrganizationSearchResult, ProviderService, ProviderServiceId, ProviderServiceQuery,
    ProviderServiceSearchResult, ReferralSearchResult, Slot, SlotId, SlotQuery, SlotSearchResult,
    Specialty, SpecialtyGroup, SpecialtyGroupId, SpecialtyGroupSearchResult, SpecialtyId,
    SpecialtySearchResult,
};
use frontdesk_core::Vendor;
use frontdesk_core::ports::SecretStore;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WellhiveConfig {
    /// `https://api.wellhive.com`
    pub base_url: String,
    /// `https://login.wellhive.com/oauth2/default/v1/token`
    pub token_url: String,
    /// The assertion's `aud`; the token URL when not set.
    #[serde(default)]
    pub audience: Option<String>,
    pub client_id: String,
    pub algorithm: SigningAlgorithm,
    pub private_key: KeySource,
    #[serde(default = "default_per_minute")]
    pub per_minute: u32,
    #[serde(default = "one")]
    pub share: f64,
}

fn default_per_minute() -> u32 {
    300
}
fn one() -> f64 {
    1.0
}

/// The spec's paths all sit under this prefix of the server URL.
pub const API_PREFIX: &str = "/care-navigation/v1";

/// `https://api.wellhive.com` and `https://api.wellhive.com/care-navigation/v1` both work.
#[must_use]
pub fn api_base(base_url: &str) -> String {
    let trimmed = base_url.trim_end_matches('/');
    if trimmed.ends_with(API_PREFIX) {
        trimmed.to_owned()
    } else {
        format!("{trimmed}{API_PREFIX}")
    }
}

#[derive(Clone)]
pub struct WellhiveClient {
    http: Arc<VendorHttp>,
    auth: Arc<TokenCache<PrivateKeyJwt>>,
}

pub struct WellhiveClientBuilder {
    config: WellhiveConfig,
    settings: Option<HttpSettings>,
    secrets: Option<Arc<dyn SecretStore>>,
}

opaque_debug!(WellhiveClient, WellhiveClientBuilder);

impl WellhiveClientBuilder {
    #[must_use]
    pub fn token_url(mut self, v: impl Into<String>) -> Self {
        self.config.token_url = v.into();
        self
    }
    #[must_use]
    pub fn audience(mut self, v: impl Into<String>) -> Self {
        self.config.audience = Some(v.into());
        self
    }
    #[must_use]
    pub fn client_id(mut self, v: impl Into<String>) -> Self {
        self.config.client_id = v.into();
        self
    }
    #[must_use]
    pub fn algorithm(mut self, a: SigningAlgorithm) -> Self {
        self.config.algorithm = a;
        self
    }
    #[must_use]
    pub fn private_key(mut self, k: KeySource) -> Self {
        self.config.private_key = k;
        self
    }
    #[must_use]
    pub fn budget(mut self, per_minute: u32, share: f64) -> Self {
        self.config.per_minute = per_minute;
        self.config.share = share;
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

    pub fn build(self) -> Result<WellhiveClient, WellhiveError> {
        let c = self.config;
        let config_err = |what: String| WellhiveError::Config {
            vendor: Vendor::Wellhive,
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
            parse_url(Vendor::Wellhive, &c.token_url, settings.https_only).map_err(config_err)?;
        let http = Arc::new(
            VendorHttp::new::<WellhiveErrorBody>(
                Vendor::Wellhive,
                &api_base(&c.base_url),
                &settings,
            )?
            .with_trace_header(TRACE_HEADER),
        );
        let auth = Arc::new(TokenCache::new(PrivateKeyJwt {
            http: http.clone(),
            audience: c.audience.unwrap_or_else(|| token_url.to_string()),
            token_url,
            client_id: c.client_id,
            algorithm: c.algorithm,
            key: c.private_key,
            secrets,
        }));
        Ok(WellhiveClient { http, auth })
    }
}

impl WellhiveClient {
    #[must_use]
    pub fn builder(base_url: impl Into<String>) -> WellhiveClientBuilder {
        Self::from_config(WellhiveConfig {
            base_url: base_url.into(),
            token_url: String::new(),
            audience: None,
            client_id: String::new(),
            algorithm: SigningAlgorithm::RS256,
            private_key: KeySource::Secret("wellhive.private_key".to_owned()),
            per_minute: default_per_minute(),
            share: 1.0,
        })
    }

    #[must_use]
    pub fn from_config(config: WellhiveConfig) -> WellhiveClientBuilder {
        WellhiveClientBuilder {
            config,
            settings: None,
            secrets: None,
        }
    }

    /// The token fetcher, for tests that inspect the client assertion.
    #[must_use]
    pub fn assertion_signer(&self) -> &PrivateKeyJwt {
        self.auth.fetcher()
    }

    async fn json<T: serde::de::DeserializeOwned>(&self, call: Call) -> Result<T, WellhiveError> {
        let auth: &dyn Authenticator = self.auth.as_ref();
        self.http
            .json::<T, WellhiveErrorBody>(&call, Some(auth))
            .await
    }

    // ---- appointments ----

    /// `GET /care-navigation/v1/appointments` (`Appointment#search`), one page; with `next_token` the filters are
    /// ignored, as the spec says.
    pub async fn search_appointments(
        &self,
        query: &AppointmentQuery,
        next_token: Option<&str>,
    ) -> Result<AppointmentSearchResult, WellhiveError> {
        let mut call = Call::get("/appointments", &[]);
        call = match next_token {
            Some(t) => call.query("nextToken", t),
            None => call
                .query_all("id", &query.ids)
                .query_opt("patientId", query.patient_id.as_ref())
                .query_opt("referralNumber", query.referral_number.as_deref())
                .query_opt(
                    "onOrAfter",
                    query
                        .on_or_after
                        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                )
                .query_opt("state", query.state.as_deref()),
        };
        self.json(call).await
    }

    /// `POST /appointments` (`Appointment#create`): a draft.
    pub async fn create_appointment(
        &self,
        body: &AppointmentCreatePayload,
    ) -> Result<Appointment, WellhiveError> {
        self.json(Call::post("/appointments", &[]).json(body)).await
    }

    /// `GET /appointments/{appointmentId}` (`Appointment#show`). `retrieve_latest` costs quota.
    pub async fn appointment(
        &self,
        id: &AppointmentId,
        retrieve_latest: bool,
    ) -> Result<Appointment, WellhiveError> {
        let call = Call::get("/appointments/{appointmentId}", &[id.as_str()])
            .query_opt("retrieveLatestDetails", retrieve_latest.then_some(true));
        self.json(call).await
    }

    /// `POST /appointments/{appointmentId}/submit` (`Appointment#submit`): accepted (202),
    /// processed in the background; poll `appointment` until `submitted` or `error`.
    pub async fn submit_appointment(
        &self,
        id: &AppointmentId,
        body: &AppointmentSubmitPayload,
    ) -> Result<Appointment, WellhiveError> {
        self.json(Call::post("/appointments/{appointmentId}/submit", &[id.as_str()]).json(body))
            .await
    }

    /// `GET /appointments/{appointmentId}/cancel-reasons` (`Appointment#cancelReasons`).
    pub async fn cancel_reasons(
        &self,
        id: &AppointmentId,
    ) -> Result<CancelReasonsResult, WellhiveError> {
        self.json(Call::get(
            "/appointments/{appointmentId}/cancel-reasons",
            &[id.as_str()],
        ))
        .await
    }

    /// `POST /appointments/{appointmentId}/cancel` (`Appointment#cancel`): accepted (202).
    pub async fn cancel_appointment(
        &self,
        id: &AppointmentId,
        body: &AppointmentCancelPayload,
    ) -> Result<Appointment, WellhiveError> {
        self.json(Call::post("/appointments/{appointmentId}/cancel", &[id.as_str()]).json(body))
            .await
    }

    // ---- search helpers ----

    /// `POST /drive-times` (`DriveTime#calculate`): a calculation, safe to repeat.
    pub async fn drive_times(
        &self,
        body: &DriveTimePayload,
    ) -> Result<DriveTimeResult, WellhiveError> {
        self.json(Call::post("/drive-times", &[]).json(body).idempotent())
            .await
    }

    /// `GET /networks` (`Network#search`), one page.
    pub async fn networks(
        &self,
        ids: &[NetworkId],
        name: Option<&str>,
        next_token: Option<&str>,
    ) -> Result<NetworkSearchResult, WellhiveError> {
        let call = Call::get("/networks", &[]);
        let call = match next_token {
            Some(t) => call.query("nextToken", t),
            None => call.query_all("id", ids).query_opt("name", name),
        };
        self.json(call).await
    }

    /// `GET /networks/{networkId}` (`Network#show`).
    pub async fn network(&self, id: &NetworkId) -> Result<Network, WellhiveError> {
        self.json(Call::get("/networks/{networkId}", &[id.as_str()]))
            .await
    }

    /// `GET /provider-organizations` (`ProviderOrganization#search`), one page.
    pub async fn provider_organizations(
        &self,
        name: Option<&str>,
        network_ids: &[NetworkId],
        next_token: Option<&str>,
    ) -> Result<ProviderOrganizationSearchResult, WellhiveError> {
        let call = Call::get("/provider-organizations", &[]);
        let call = match next_token {
            Some(t) => call.query("nextToken", t),
            None => call
                .query_opt("name", name)
                .query_all("networkId", network_ids),
        };
        self.json(call).await
    }

    /// `GET /provider-services` (`ProviderService#search`), one page.
    pub async fn provider_services(
        &self,
        q: &ProviderServiceQuery,
        next_token: Option<&str>,
    ) -> Result<ProviderServiceSearchResult, WellhiveError> {
        let call = Call::get("/provider-services", &[]);
        let call = match next_token {
            Some(t) => call.query("nextToken", t),
            None => call
                .query_opt("appointmentId", q.appointment_id.as_ref())
                .query_all("id", &q.ids)
                .query_opt("searchText", q.search_text.as_deref())
                .query_opt("maxMilesFromNear", q.max_miles_from_near)
                .query_opt(
                    "nearLocation",
                    q.near.map(|g| format!("{},{}", g.latitude, g.longitude)),
                )
                .query_all("networkId", &q.network_ids)
                .query_all("organizationName", &q.organization_names)
                .query_all("specialtyId", &q.specialty_ids)
                .query_all("visitMode", &q.visit_modes)
                .query_opt("includeInactive", q.include_inactive)
                .query_opt("digitalOrNot", q.digital_or_not.as_deref())
                .query_opt("isSelfSchedulable", q.is_self_schedulable),
        };
        self.json(call).await
    }

    /// `GET /provider-services/{providerServiceId}` (`ProviderService#show`).
    pub async fn provider_service(
        &self,
        id: &ProviderServiceId,
    ) -> Result<ProviderService, WellhiveError> {
        self.json(Call::get(
            "/provider-services/{providerServiceId}",
            &[id.as_str()],
        ))
        .await
    }

    /// `GET /provider-services/{providerServiceId}/slots` (`ProviderService#slotSearch`).
    pub async fn slots(
        &self,
        service: &ProviderServiceId,
        q: &SlotQuery,
        next_token: Option<&str>,
    ) -> Result<SlotSearchResult, WellhiveError> {
        let call = Call::get(
            "/provider-services/{providerServiceId}/slots",
            &[service.as_str()],
        );
        let fmt =
            |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let call = match next_token {
            Some(t) => call.query("nextToken", t),
            None => call
                .query_opt("appointmentTypeId", q.appointment_type_id.as_ref())
                .query_opt("appointmentId", q.appointment_id.as_ref())
                .query_all("id", &q.ids)
                .query_opt("startOnOrAfter", q.start_on_or_after.map(fmt))
                .query_opt("startBefore", q.start_before.map(fmt)),
        };
        self.json(call).await
    }

    /// `GET /provider-services/{providerServiceId}/slots/{slotId}` (`ProviderService#slotShow`).
    pub async fn slot(
        &self,
        service: &ProviderServiceId,
        slot: &SlotId,
    ) -> Result<Slot, WellhiveError> {
        self.json(Call::get(
            "/provider-services/{providerServiceId}/slots/{slotId}",
            &[service.as_str(), slot.as_str()],
        ))
        .await
    }

    /// `GET /specialties` (`Specialty#search`), one page.
    pub async fn specialties(
        &self,
        ids: &[SpecialtyId],
        next_token: Option<&str>,
    ) -> Result<SpecialtySearchResult, WellhiveError> {
        let call = Call::get("/specialties", &[]);
        let call = match next_token {
            Some(t) => call.query("nextToken", t),
            None => call.query_all("id", ids),
        };
        self.json(call).await
    }

    /// `GET /specialties/{specialtyId}` (`Specialty#show`).
    pub async fn specialty(&self, id: &SpecialtyId) -> Result<Specialty, WellhiveError> {
        self.json(Call::get("/specialties/{specialtyId}", &[id.as_str()]))
            .await
    }

    /// `GET /specialty-groups` (`SpecialtyGroup#search`), one page.
    pub async fn specialty_groups(
        &self,
        ids: &[SpecialtyGroupId],
        next_token: Option<&str>,
    ) -> Result<SpecialtyGroupSearchResult, WellhiveError> {
        let call = Call::get("/specialty-groups", &[]);
        let call = match next_token {
            Some(t) => call.query("nextToken", t),
            None => call.query_all("id", ids),
        };
        self.json(call).await
    }

    /// `GET /specialty-groups/{specialtyGroupId}` (`SpecialtyGroup#show`).
    pub async fn specialty_group(
        &self,
        id: &SpecialtyGroupId,
    ) -> Result<SpecialtyGroup, WellhiveError> {
        self.json(Call::get(
            "/specialty-groups/{specialtyGroupId}",
            &[id.as_str()],
        ))
        .await
    }

    /// `GET /referrals?patientId=` — named by the doc, absent from the spec.
    pub async fn referrals(
        &self,
        patient: &PatientId,
        next_token: Option<&str>,
    ) -> Result<ReferralSearchResult, WellhiveError> {
        let call = Call::get("/referrals", &[]);
        let call = match next_token {
            Some(t) => call.query("nextToken", t),
            None => call.query("patientId", patient),
        };
        self.json(call).await
    }
}

#[cfg(test)]
mod tests {
    use super::api_base;

    #[test]
    fn base_urls_with_or_without_the_prefix() {
        assert_eq!(
            api_base("https://api.wellhive.com"),
            "https://api.wellhive.com/care-navigation/v1"
        );
        assert_eq!(
            api_base("https://api.wellhive.com/"),
            "https://api.wellhive.com/care-navigation/v1"
        );
        assert_eq!(
            api_base("http://127.0.0.1:9/care-navigation/v1/"),
            "http://127.0.0.1:9/care-navigation/v1"
        );
    }
}
