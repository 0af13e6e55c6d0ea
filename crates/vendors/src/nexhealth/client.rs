//! The NexHealth Synchronizer client. Two generations behind one set of methods, chosen by
//! configuration: the current API of the published spec (default: `Nex-Api-Version`,
//! `/available_slots`, `/working_hours`, cursor paging) and the doc's `version=2` names
//! (`Accept: application/vnd.Nexhealth+json;version=2`, `/appointment_slots`,
//! `/availabilities`, page numbers).

use crate::http::transport::parse_url;
use crate::http::{Authenticator, Call, HttpSettings, RateBudget, TokenCache, VendorHttp};
use crate::nexhealth::auth::{ApiKeyAuth, V2_ACCEPT};
use crate::nexhealth::error::{NexhealthError, NexhealthErrorBody};
use crate::nexhealth::wire::{
    Appointment, AppointmentData, AppointmentId, AppointmentPatch, AppointmentType,
    AvailabilityBody, CreatedAppointment, CreatedPatient, CreatedWorkingHour, Envelope,
    Institution, LocationId, NewAppointment, NewAppointmentType, NewPatient, NewWebhookEndpoint,
    NewWebhookSubscription, NewWorkingHour, Operatory, Patient, PatientId, PatientQuery,
    PatientsData, Provider, SlotGroup, SlotQuery, WebhookEndpoint, WebhookEndpointId,
    WebhookSubscription, WebhookSubscriptionId, WorkingHour, WorkingHourBody, WorkingHourId,
    WorkingHourPatch, WorkingHourPatchBody,
};
use chrono::{DateTime, Utc};
use frontdesk_core::Vendor;
use frontdesk_core::ports::SecretStore;
use reqwest::header::{ACCEPT, HeaderName, HeaderValue};
use serde::Deserialize;
use std::sync::Arc;

/// Which NexHealth API generation to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NexhealthApi {
    /// The published spec: `Nex-Api-Version: v3.0.0`.
    #[default]
    Current,
    /// The doc's `version=2` media type and endpoint names.
    V2,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NexhealthConfig {
    /// `https://nexhealth.info`
    pub base_url: String,
    pub subdomain: String,
    pub location_ids: Vec<LocationId>,
    #[serde(default)]
    pub api: NexhealthApi,
    #[serde(default = "default_version")]
    pub api_version: String,
    #[serde(default = "default_per_minute")]
    pub per_minute: u32,
    #[serde(default = "one")]
    pub share: f64,
    #[serde(default = "default_key_name")]
    pub api_key_name: String,
}

fn default_version() -> String {
    "v3.0.0".to_owned()
}
fn default_per_minute() -> u32 {
    600
}
fn one() -> f64 {
    1.0
}
fn default_key_name() -> String {
    "nexhealth.api_key".to_owned()
}

/// One page of a listing: items and the cursor (current) or page number (v2) of the next.
#[derive(Debug, Clone)]
pub struct Listing<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

#[derive(Clone)]
pub struct NexhealthClient {
    http: Arc<VendorHttp>,
    auth: Arc<TokenCache<ApiKeyAuth>>,
    subdomain: String,
    location_ids: Vec<LocationId>,
    api: NexhealthApi,
}

pub struct NexhealthClientBuilder {
    config: NexhealthConfig,
    settings: Option<HttpSettings>,
    secrets: Option<Arc<dyn SecretStore>>,
}

opaque_debug!(NexhealthClient, NexhealthClientBuilder);

impl NexhealthClientBuilder {
    #[must_use]
    pub fn subdomain(mut self, v: impl Into<String>) -> Self {
        self.config.subdomain = v.into();
        self
    }
    #[must_use]
    pub fn location_ids(mut self, ids: Vec<LocationId>) -> Self {
        self.config.location_ids = ids;
        self
    }
    #[must_use]
    pub fn api(mut self, api: NexhealthApi) -> Self {
        self.config.api = api;
        self
    }
    #[must_use]
    pub fn budget(mut self, per_minute: u32, share: f64) -> Self {
        self.config.per_minute = per_minute;
        self.config.share = share;
        self
    }
    #[must_use]
    pub fn api_key_name(mut self, v: impl Into<String>) -> Self {
        self.config.api_key_name = v.into();
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

    pub fn build(self) -> Result<NexhealthClient, NexhealthError> {
        let c = self.config;
        let config_err = |what: String| NexhealthError::Config {
            vendor: Vendor::Nexhealth,
            what,
        };
        let settings = self
            .settings
            .unwrap_or_else(|| HttpSettings::production(c.per_minute))
            .with_rate(RateBudget::new(c.per_minute, c.share));
        let secrets = self
            .secrets
            .ok_or_else(|| config_err("no secret store".to_owned()))?;
        parse_url(Vendor::Nexhealth, &c.base_url, settings.https_only).map_err(config_err)?;
        let mut http =
            VendorHttp::new::<NexhealthErrorBody>(Vendor::Nexhealth, &c.base_url, &settings)?;
        http = match c.api {
            NexhealthApi::Current => {
                let version = HeaderValue::from_str(&c.api_version)
                    .map_err(|_| config_err("API version is not header-safe".to_owned()))?;
                http.with_header(HeaderName::from_static("nex-api-version"), version)
            }
            NexhealthApi::V2 => http.with_header(ACCEPT, HeaderValue::from_static(V2_ACCEPT)),
        };
        let http = Arc::new(http);
        let auth = Arc::new(TokenCache::new(ApiKeyAuth {
            http: http.clone(),
            secrets,
            key_name: c.api_key_name,
        }));
        Ok(NexhealthClient {
            http,
            auth,
            subdomain: c.subdomain,
            location_ids: c.location_ids,
            api: c.api,
        })
    }
}

/// Page size the desk asks for.
pub const PER_PAGE: u32 = 100;

impl NexhealthClient {
    #[must_use]
    pub fn builder(base_url: impl Into<String>) -> NexhealthClientBuilder {
        Self::from_config(NexhealthConfig {
            base_url: base_url.into(),
            subdomain: String::new(),
            location_ids: Vec::new(),
            api: NexhealthApi::default(),
            api_version: default_version(),
            per_minute: default_per_minute(),
            share: 1.0,
            api_key_name: default_key_name(),
        })
    }

    #[must_use]
    pub fn from_config(config: NexhealthConfig) -> NexhealthClientBuilder {
        NexhealthClientBuilder {
            config,
            settings: None,
            secrets: None,
        }
    }

    #[must_use]
    pub fn api(&self) -> NexhealthApi {
        self.api
    }

    #[must_use]
    pub fn location_ids(&self) -> &[LocationId] {
        &self.location_ids
    }

    async fn envelope<T: serde::de::DeserializeOwned>(
        &self,
        call: Call,
    ) -> Result<Envelope<T>, NexhealthError> {
        let auth: &dyn Authenticator = self.auth.as_ref();
        self.http
            .json::<Envelope<T>, NexhealthErrorBody>(&call, Some(auth))
            .await
    }

    fn base(&self, call: Call) -> Call {
        call.query("subdomain", &self.subdomain)
    }

    /// The spec defines appointment types, locations and showing one appointment only with the
    /// `version=2` media type, in either API generation.
    fn v2_only(call: Call) -> Call {
        call.header(ACCEPT, HeaderValue::from_static(V2_ACCEPT))
    }

    /// Adds the paging parameters of the configured generation.
    fn paged(&self, call: Call, cursor: Option<&str>) -> Call {
        match self.api {
            NexhealthApi::Current => call
                .query("per_page", PER_PAGE)
                // The next page is the one after the last item of this one (`end_cursor`).
                .query_opt("end_cursor", cursor),
            NexhealthApi::V2 => call
                .query("page", cursor.unwrap_or("1"))
                .query("per_page", PER_PAGE),
        }
    }

    fn next<T>(
        &self,
        envelope: &Envelope<T>,
        cursor: Option<&str>,
        returned: usize,
    ) -> Option<String> {
        match self.api {
            NexhealthApi::Current => envelope
                .page_info
                .as_ref()
                .filter(|p| p.has_next_page)
                .and_then(|p| p.end_cursor.clone()),
            NexhealthApi::V2 => {
                let page: u64 = cursor.and_then(|c| c.parse().ok()).unwrap_or(1);
                let seen = page * u64::from(PER_PAGE);
                let more = match envelope.count {
                    Some(total) => seen < total && returned > 0,
                    None => returned >= PER_PAGE as usize,
                };
                more.then(|| (page + 1).to_string())
            }
        }
    }

    /// `GET /patients` at one location, one page.
    pub async fn patients(
        &self,
        location: LocationId,
        query: &PatientQuery,
        cursor: Option<&str>,
    ) -> Result<Listing<Patient>, NexhealthError> {
        let call = self
            .base(Call::get("/patients", &[]))
            .query("location_id", location)
            .query_opt("name", query.name.as_deref())
            .query_opt("email", query.email.as_deref())
            .query_opt("phone_number", query.phone_number.as_deref())
            .query_opt("date_of_birth", query.date_of_birth)
            .query_opt("updated_since", query.updated_since.map(|t| t.to_rfc3339()))
            .query_opt("new_patient", query.new_patient);
        let call = self.paged(call, cursor);
        let envelope: Envelope<PatientsData> = self.envelope(call).await?;
        let next_probe = Envelope {
            data: (),
            count: envelope.count,
            page_info: envelope.page_info.clone(),
        };
        let items = envelope.data.into_patients();
        let next = self.next(&next_probe, cursor, items.len());
        Ok(Listing { items, next })
    }

    /// `GET /patients/{id}`: one patient, at whichever location they are.
    pub async fn patient(&self, id: PatientId) -> Result<Patient, NexhealthError> {
        let call = self.base(Call::get("/patients/{id}", &[&id.to_string()]));
        Ok(self.envelope(call).await?.data)
    }

    /// `POST /patients` (new patient). Not retried on a timeout.
    pub async fn create_patient(
        &self,
        location: LocationId,
        body: &NewPatient,
    ) -> Result<Patient, NexhealthError> {
        let call = self
            .base(Call::post("/patients", &[]))
            .query("location_id", location)
            .json(body);
        let created: Envelope<CreatedPatient> = self.envelope(call).await?;
        Ok(created.data.user)
    }

    /// `GET /providers`, one page.
    pub async fn providers(
        &self,
        location: Option<LocationId>,
        cursor: Option<&str>,
    ) -> Result<Listing<Provider>, NexhealthError> {
        let call = self
            .base(Call::get("/providers", &[]))
            .query_opt("location_id", location);
        let envelope: Envelope<Vec<Provider>> = self.envelope(self.paged(call, cursor)).await?;
        let next = self.next(&envelope, cursor, envelope.data.len());
        Ok(Listing {
            items: envelope.data,
            next,
        })
    }

    /// `POST /appointment_types`
    pub async fn create_appointment_type(
        &self,
        body: &NewAppointmentType,
    ) -> Result<AppointmentType, NexhealthError> {
        let call = Self::v2_only(self.base(Call::post("/appointment_types", &[]))).json(body);
        Ok(self.envelope(call).await?.data)
    }

    /// `GET /appointment_types`
    pub async fn appointment_types(
        &self,
        location: Option<LocationId>,
    ) -> Result<Vec<AppointmentType>, NexhealthError> {
        let call = Self::v2_only(self.base(Call::get("/appointment_types", &[])))
            .query_opt("location_id", location);
        Ok(self.envelope(call).await?.data)
    }

    /// `GET /locations` (institutions with their locations).
    pub async fn locations(&self) -> Result<Vec<Institution>, NexhealthError> {
        Ok(self
            .envelope(Self::v2_only(self.base(Call::get("/locations", &[]))))
            .await?
            .data)
    }

    /// `GET /operatories` at one location, one page.
    pub async fn operatories(
        &self,
        location: LocationId,
        cursor: Option<&str>,
    ) -> Result<Listing<Operatory>, NexhealthError> {
        let call = self
            .base(Call::get("/operatories", &[]))
            .query("location_id", location);
        let envelope: Envelope<Vec<Operatory>> = self.envelope(self.paged(call, cursor)).await?;
        let next = self.next(&envelope, cursor, envelope.data.len());
        Ok(Listing {
            items: envelope.data,
            next,
        })
    }

    /// `POST /working_hours` (current) or `POST /availabilities` (v2).
    pub async fn create_working_hour(
        &self,
        location: LocationId,
        body: &NewWorkingHour,
    ) -> Result<WorkingHour, NexhealthError> {
        let call = match self.api {
            NexhealthApi::Current => self
                .base(Call::post("/working_hours", &[]))
                .query("location_id", location)
                .json(&WorkingHourBody { working_hour: body }),
            NexhealthApi::V2 => self
                .base(Call::post("/availabilities", &[]))
                .query("location_id", location)
                .json(&AvailabilityBody { availability: body }),
        };
        let created: Envelope<CreatedWorkingHour> = self.envelope(call).await?;
        Ok(created.data.into_inner())
    }

    /// `PATCH /working_hours/{id}` (spec; the doc has no way to change an availability, so
    /// both generations use it). Sending the same change twice is harmless.
    pub async fn update_working_hour(
        &self,
        id: WorkingHourId,
        patch: &WorkingHourPatch,
    ) -> Result<WorkingHour, NexhealthError> {
        let call = self
            .base(Call::patch("/working_hours/{id}", &[&id.to_string()]))
            .json(&WorkingHourPatchBody {
                working_hour: patch,
            })
            .idempotent();
        let updated: Envelope<CreatedWorkingHour> = self.envelope(call).await?;
        Ok(updated.data.into_inner())
    }

    /// `GET /working_hours` (current) or `GET /availabilities` (v2) at one location, one page.
    pub async fn working_hours(
        &self,
        location: LocationId,
        cursor: Option<&str>,
    ) -> Result<Listing<WorkingHour>, NexhealthError> {
        let call = match self.api {
            NexhealthApi::Current => Call::get("/working_hours", &[]),
            NexhealthApi::V2 => Call::get("/availabilities", &[]),
        };
        let call = self.base(call).query("location_id", location);
        let envelope: Envelope<Vec<WorkingHour>> = self.envelope(self.paged(call, cursor)).await?;
        let next = self.next(&envelope, cursor, envelope.data.len());
        Ok(Listing {
            items: envelope.data,
            next,
        })
    }

    /// `GET /working_hours` (current) or `GET /availabilities` (v2) at one location, one page,
    /// switched on or off as asked (the vendor lists only active ones unless told), each with
    /// its appointment types (`include[]=appointment_types`).
    pub async fn working_hours_where(
        &self,
        location: LocationId,
        active: bool,
        cursor: Option<&str>,
    ) -> Result<Listing<WorkingHour>, NexhealthError> {
        let call = match self.api {
            NexhealthApi::Current => Call::get("/working_hours", &[]),
            NexhealthApi::V2 => Call::get("/availabilities", &[]),
        };
        let call = self
            .base(call)
            .query("location_id", location)
            .query("active", active)
            .query("include[]", "appointment_types");
        let envelope: Envelope<Vec<WorkingHour>> = self.envelope(self.paged(call, cursor)).await?;
        let next = self.next(&envelope, cursor, envelope.data.len());
        Ok(Listing {
            items: envelope.data,
            next,
        })
    }

    /// `GET /available_slots` (current) or `GET /appointment_slots` (v2).
    pub async fn slots(&self, query: &SlotQuery) -> Result<Vec<SlotGroup>, NexhealthError> {
        let call = match self.api {
            NexhealthApi::Current => Call::get("/available_slots", &[]),
            NexhealthApi::V2 => Call::get("/appointment_slots", &[]),
        };
        let call = self
            .base(call)
            .query("start_date", query.start_date)
            .query("days", query.days)
            .query_all("lids[]", &query.location_ids)
            .query_all("pids[]", &query.provider_ids)
            .query_all("operatory_ids[]", &query.operatory_ids)
            .query_opt("appointment_type_id", query.appointment_type_id);
        Ok(self.envelope(call).await?.data)
    }

    /// `POST /appointments`. The insertion into the EHR is asynchronous: the answer is
    /// pending until `foreign_id` appears (poll `appointment`). Never retried blind.
    pub async fn create_appointment(
        &self,
        location: LocationId,
        body: &NewAppointment,
    ) -> Result<Appointment, NexhealthError> {
        let call = self
            .base(Call::post("/appointments", &[]))
            .query("location_id", location)
            .query("notify_patient", false)
            .json(body);
        let created: Envelope<CreatedAppointment> = self.envelope(call).await?;
        Ok(created.data.appt)
    }

    /// `GET /appointments` in a time range, one page.
    pub async fn appointments(
        &self,
        location: Option<LocationId>,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        cursor: Option<&str>,
    ) -> Result<Listing<Appointment>, NexhealthError> {
        let call = self
            .base(Call::get("/appointments", &[]))
            .query_opt("location_id", location)
            .query("start", start.to_rfc3339())
            .query("end", end.to_rfc3339());
        let envelope: Envelope<Vec<Appointment>> = self.envelope(self.paged(call, cursor)).await?;
        let next = self.next(&envelope, cursor, envelope.data.len());
        Ok(Listing {
            items: envelope.data,
            next,
        })
    }

    /// `GET /appointments/{id}`
    pub async fn appointment(&self, id: AppointmentId) -> Result<Appointment, NexhealthError> {
        let call = Self::v2_only(self.base(Call::get("/appointments/{id}", &[&id.to_string()])));
        Ok(self.envelope(call).await?.data)
    }

    /// `PATCH /appointments/{id}` (cancel or confirm). Setting the same flag twice is harmless.
    pub async fn patch_appointment(
        &self,
        id: AppointmentId,
        body: &AppointmentPatch,
    ) -> Result<Appointment, NexhealthError> {
        let call = self
            .base(Call::patch("/appointments/{id}", &[&id.to_string()]))
            .json(body)
            .idempotent();
        let patched: Envelope<AppointmentData> = self.envelope(call).await?;
        Ok(patched.data.into_inner())
    }

    // ---- webhooks (spec only: the doc links to them without describing them) ----

    /// `GET /webhook_endpoints` (`version=2` media type, no subdomain: endpoints are the API
    /// user's, not an institution's).
    pub async fn webhook_endpoints(&self) -> Result<Vec<WebhookEndpoint>, NexhealthError> {
        let call = Self::v2_only(Call::get("/webhook_endpoints", &[]));
        Ok(self.envelope(call).await?.data)
    }

    /// `POST /webhook_endpoints`: the answer carries the `secret_key` deliveries are signed
    /// with. Not retried on a timeout (a retry would create a second endpoint).
    pub async fn create_webhook_endpoint(
        &self,
        body: &NewWebhookEndpoint,
    ) -> Result<WebhookEndpoint, NexhealthError> {
        let call = Self::v2_only(Call::post("/webhook_endpoints", &[])).json(body);
        Ok(self.envelope(call).await?.data)
    }

    /// `DELETE /webhook_endpoints/{id}` (its subscriptions go with it).
    pub async fn delete_webhook_endpoint(
        &self,
        id: WebhookEndpointId,
    ) -> Result<(), NexhealthError> {
        let call = Self::v2_only(Call::delete("/webhook_endpoints/{id}", &[&id.to_string()]));
        let auth: &dyn Authenticator = self.auth.as_ref();
        self.http
            .send::<NexhealthErrorBody>(&call, Some(auth))
            .await
            .map(|_| ())
    }

    /// `GET /webhook_endpoints/{id}/webhook_subscriptions` for this institution.
    pub async fn webhook_subscriptions(
        &self,
        endpoint: WebhookEndpointId,
    ) -> Result<Vec<WebhookSubscription>, NexhealthError> {
        let call = self.base(Call::get(
            "/webhook_endpoints/{id}/webhook_subscriptions",
            &[&endpoint.to_string()],
        ));
        Ok(self.envelope(call).await?.data)
    }

    /// `POST /webhook_endpoints/{id}/webhook_subscriptions`.
    pub async fn create_webhook_subscription(
        &self,
        endpoint: WebhookEndpointId,
        body: &NewWebhookSubscription,
    ) -> Result<WebhookSubscription, NexhealthError> {
        let call = self
            .base(Call::post(
                "/webhook_endpoints/{id}/webhook_subscriptions",
                &[&endpoint.to_string()],
            ))
            .json(body);
        Ok(self.envelope(call).await?.data)
    }

    /// `DELETE /webhook_endpoints/{id}/webhook_subscriptions/{subscription_id}`.
    pub async fn delete_webhook_subscription(
        &self,
        endpoint: WebhookEndpointId,
        subscription: WebhookSubscriptionId,
    ) -> Result<(), NexhealthError> {
        let call = self.base(Call::delete(
            "/webhook_endpoints/{id}/webhook_subscriptions/{subscription_id}",
            &[&endpoint.to_string(), &subscription.to_string()],
        ));
        let auth: &dyn Authenticator = self.auth.as_ref();
        self.http
            .send::<NexhealthErrorBody>(&call, Some(auth))
            .await
            .map(|_| ())
    }
}
