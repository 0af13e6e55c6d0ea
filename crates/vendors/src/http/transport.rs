//! The call pipeline of one vendor client: the process's pooled rustls client (`pool.rs`), the
//! vendor's request deadline, the rate gate, the auth header (marked sensitive), the retry
//! decision, and one structured log line per attempt with vendor, method, path template,
//! status, latency and trace id: never the URL, the query or a body.

use crate::http::auth::Authenticator;
use crate::http::call::{Body, Call};
use crate::http::decode::decode;
use crate::http::error::{Endpoint, ErrorBody, HttpError};
use crate::http::pool::shared_client;
use crate::http::rate::{RateGate, retry_after};
use crate::http::retry::{Decision, Outcome, RetryPolicy, decide};
use crate::http::sensitive::Sensitive;
use crate::http::settings::HttpSettings;
use frontdesk_core::Vendor;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use std::time::{Duration, Instant, SystemTime};
use url::Url;

/// A 2xx answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub trace_id: Option<String>,
    pub(crate) bytes: Vec<u8>,
}

/// The transport of one vendor client. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct VendorHttp {
    vendor: Vendor,
    base: Url,
    /// Shared with the other vendors (`pool.rs`); the deadline below is this vendor's.
    client: reqwest::Client,
    /// Whole-request deadline, connect to last body byte.
    request_timeout: Duration,
    gate: RateGate,
    retry: RetryPolicy,
    trace_header: Option<HeaderName>,
    default_headers: Vec<(HeaderName, HeaderValue)>,
}

/// Only loopback may be spoken to in plain HTTP (the sandbox); anything else needs TLS.
fn check_base(vendor: Vendor, url: &Url, https_only: bool) -> Result<(), String> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if !https_only => {
            let loopback = match url.host() {
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                Some(url::Host::Domain(d)) => d == "localhost",
                None => false,
            };
            if loopback {
                Ok(())
            } else {
                Err(format!(
                    "{vendor} base URL must use https unless it is loopback"
                ))
            }
        }
        other => Err(format!("{vendor} base URL scheme {other} is not allowed")),
    }
}

/// Parses and checks a configured URL (base or token URL) for `vendor`.
pub fn parse_url(vendor: Vendor, text: &str, https_only: bool) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|e| format!("{vendor} URL does not parse: {e}"))?;
    check_base(vendor, &url, https_only)?;
    Ok(url)
}

impl VendorHttp {
    pub fn new<B: ErrorBody>(
        vendor: Vendor,
        base: &str,
        settings: &HttpSettings,
    ) -> Result<Self, HttpError<B>> {
        let config = |what: String| HttpError::Config { vendor, what };
        let base = parse_url(vendor, base, settings.https_only).map_err(config)?;
        let client = shared_client(settings).map_err(|e| {
            config(format!(
                "HTTP client could not be built: {}",
                e.without_url()
            ))
        })?;
        Ok(Self {
            vendor,
            base,
            client,
            request_timeout: settings.request_timeout,
            gate: RateGate::new(settings.rate),
            retry: settings.retry.clone(),
            trace_header: None,
            default_headers: Vec::new(),
        })
    }

    /// The response header carrying the vendor's support trace id (`x-wellhive-trace-id`).
    #[must_use]
    pub fn with_trace_header(mut self, name: &'static str) -> Self {
        self.trace_header = Some(HeaderName::from_static(name));
        self
    }

    /// A header sent on every call (`x-nextech-practice-id`, `Nex-Api-Version`, `Accept`).
    #[must_use]
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.default_headers.push((name, value));
        self
    }

    #[must_use]
    pub fn vendor(&self) -> Vendor {
        self.vendor
    }

    #[must_use]
    pub fn base(&self) -> &Url {
        &self.base
    }

    fn endpoint(&self, call: &Call) -> Endpoint {
        Endpoint {
            vendor: self.vendor,
            method: method_name(&call.method),
            template: call.template,
        }
    }

    fn build(&self, call: &Call, token: Option<&SecretString>) -> reqwest::RequestBuilder {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        // Default headers belong to the vendor's API (Nextech's practice id, NexHealth's API
        // version); an absolute URL is a token endpoint on another host, which gets only what
        // the call itself sets.
        let defaults = self
            .default_headers
            .iter()
            .filter(|_| call.absolute.is_none());
        for (k, v) in defaults.chain(call.headers.iter()) {
            headers.insert(k.clone(), v.clone());
        }
        if let Some(token) = token
            && let Ok(mut value) =
                HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
        {
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        let mut req = self
            .client
            .request(call.method.clone(), call.url(&self.base))
            .timeout(self.request_timeout)
            .headers(headers);
        match &call.body {
            Some(Body::Json(v)) => req = req.json(v),
            Some(Body::Form(fields)) => {
                req = req
                    .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Call::form_pairs(fields));
            }
            None => {}
        }
        req
    }

    /// Sends `call` through the gate, with auth and the retry rules; a 2xx comes back as a
    /// `Reply`, anything else as the vendor's typed error.
    pub async fn send<B: ErrorBody>(
        &self,
        call: &Call,
        auth: Option<&dyn Authenticator>,
    ) -> Result<Reply, HttpError<B>> {
        let endpoint = self.endpoint(call);
        let auth_err = |source| HttpError::Auth {
            endpoint: endpoint.clone(),
            source,
        };
        let auth = if call.authenticated { auth } else { None };
        let mut token = match auth {
            Some(a) => Some(a.bearer().await.map_err(auth_err)?),
            None => None,
        };
        let mut retries = 0u32;
        let mut reauthenticated = false;
        loop {
            self.gate.acquire().await;
            let started = Instant::now();
            let attempt = self.attempt(call, token.as_ref()).await;
            let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let outcome = match &attempt {
                Attempt::Answered {
                    status, headers, ..
                } => {
                    self.gate.observe(headers);
                    Outcome::Status {
                        status: *status,
                        retry_after: retry_after(headers, SystemTime::now()),
                    }
                }
                Attempt::NotConnected(_) => Outcome::ConnectFailed,
                Attempt::Broken(_) => Outcome::TimedOut,
            };
            self.log(call, &attempt, latency_ms, retries);
            match decide(
                &self.retry,
                retries,
                call.idempotent,
                reauthenticated,
                outcome,
            ) {
                Decision::Finish => return self.finish(endpoint, attempt),
                Decision::OutcomeUnknown => return Err(HttpError::OutcomeUnknown { endpoint }),
                Decision::ReAuthenticate => {
                    reauthenticated = true;
                    match (auth, token.as_ref()) {
                        (Some(a), Some(t)) => token = Some(a.replace(t).await.map_err(auth_err)?),
                        _ => return self.finish(endpoint, attempt),
                    }
                }
                Decision::RetryAfter(wait) => {
                    if let Outcome::Status { status: 429, .. } = outcome {
                        self.gate.pause_for(wait);
                    }
                    retries += 1;
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    async fn attempt(&self, call: &Call, token: Option<&SecretString>) -> Attempt {
        let response = match self.build(call, token).send().await {
            Ok(r) => r,
            Err(e) if e.is_connect() => return Attempt::NotConnected(e.without_url()),
            Err(e) => return Attempt::Broken(e.without_url()),
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        match response.bytes().await {
            Ok(bytes) => Attempt::Answered {
                status,
                headers,
                bytes: bytes.to_vec(),
            },
            Err(e) => Attempt::Broken(e.without_url()),
        }
    }

    fn header_trace(&self, headers: &HeaderMap) -> Option<String> {
        let name = self.trace_header.as_ref()?;
        headers.get(name)?.to_str().ok().map(str::to_owned)
    }

    fn log(&self, call: &Call, attempt: &Attempt, latency_ms: u64, retries: u32) {
        let vendor = self.vendor.key();
        let method = method_name(&call.method);
        match attempt {
            Attempt::Answered {
                status, headers, ..
            } => {
                let trace_id = self.header_trace(headers);
                tracing::info!(
                    vendor,
                    method,
                    endpoint = call.template,
                    status,
                    latency_ms,
                    trace_id = trace_id.as_deref().unwrap_or(""),
                    retries,
                    "vendor_call"
                );
            }
            Attempt::NotConnected(_) | Attempt::Broken(_) => {
                let failure = if matches!(attempt, Attempt::NotConnected(_)) {
                    "connect"
                } else {
                    "timeout_or_broken"
                };
                tracing::warn!(
                    vendor,
                    method,
                    endpoint = call.template,
                    failure,
                    latency_ms,
                    retries,
                    "vendor_call_failed"
                );
            }
        }
    }

    fn finish<B: ErrorBody>(
        &self,
        endpoint: Endpoint,
        attempt: Attempt,
    ) -> Result<Reply, HttpError<B>> {
        match attempt {
            Attempt::Answered {
                status,
                headers,
                bytes,
            } => {
                let header_trace = self.header_trace(&headers);
                if (200..300).contains(&status) {
                    return Ok(Reply {
                        status,
                        headers,
                        trace_id: header_trace,
                        bytes,
                    });
                }
                let body: Option<B> = serde_json::from_slice(&bytes).ok();
                let trace_id = header_trace.or_else(|| {
                    body.as_ref()
                        .and_then(ErrorBody::trace_id)
                        .map(str::to_owned)
                });
                Err(HttpError::Status {
                    endpoint,
                    status,
                    trace_id,
                    retry_after: retry_after(&headers, SystemTime::now()),
                    body,
                    raw: Sensitive::new(String::from_utf8_lossy(&bytes).into_owned()),
                })
            }
            Attempt::NotConnected(source) => Err(HttpError::Connect { endpoint, source }),
            Attempt::Broken(source) if source.is_timeout() => Err(HttpError::Timeout { endpoint }),
            Attempt::Broken(source) => Err(HttpError::Transport { endpoint, source }),
        }
    }

    /// Sends and decodes a JSON answer.
    pub async fn json<T: DeserializeOwned, B: ErrorBody>(
        &self,
        call: &Call,
        auth: Option<&dyn Authenticator>,
    ) -> Result<T, HttpError<B>> {
        let reply = self.send::<B>(call, auth).await?;
        self.decode(call, &reply)
    }

    /// Decodes a reply, naming the field on failure.
    pub fn decode<T: DeserializeOwned, B: ErrorBody>(
        &self,
        call: &Call,
        reply: &Reply,
    ) -> Result<T, HttpError<B>> {
        decode(&reply.bytes).map_err(|f| HttpError::Decode {
            endpoint: self.endpoint(call),
            path: f.path,
            problem: f.problem,
            line: f.line,
            column: f.column,
            trace_id: reply.trace_id.clone(),
        })
    }
}

enum Attempt {
    Answered {
        status: u16,
        headers: HeaderMap,
        bytes: Vec<u8>,
    },
    NotConnected(reqwest::Error),
    Broken(reqwest::Error),
}

fn method_name(m: &reqwest::Method) -> &'static str {
    match *m {
        reqwest::Method::GET => "GET",
        reqwest::Method::POST => "POST",
        reqwest::Method::PUT => "PUT",
        reqwest::Method::PATCH => "PATCH",
        reqwest::Method::DELETE => "DELETE",
        reqwest::Method::HEAD => "HEAD",
        _ => "OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_for_loopback() {
        assert!(parse_url(Vendor::Cxone, "http://127.0.0.1:8080/x", false).is_ok());
        assert!(parse_url(Vendor::Cxone, "http://localhost:8080/x", false).is_ok());
        assert!(parse_url(Vendor::Cxone, "http://[::1]:8080/x", false).is_ok());
        assert!(parse_url(Vendor::Cxone, "http://api.cxone.com/x", false).is_err());
        assert!(parse_url(Vendor::Cxone, "http://127.0.0.1:8080/x", true).is_err());
        assert!(parse_url(Vendor::Cxone, "https://api.cxone.com/x", true).is_ok());
        assert!(parse_url(Vendor::Cxone, "ftp://api.cxone.com/x", false).is_err());
    }
}
