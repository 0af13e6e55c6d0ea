//! Outgoing webhooks: delivery to registered URLs in each vendor's payload shape, signed with
//! the registered secret where the vendor signs, and a log tests can read. Only loopback URLs
//! are ever called: the sandbox never touches the network beyond this machine.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::Serialize;
use serde_json::Value;
use sha2::Sha256;

use crate::state::lock;
use crate::vendors::Vendor;

/// One attempt to deliver an event, as recorded for tests and the admin API.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDelivery {
    pub vendor: Vendor,
    pub event: String,
    pub url: String,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

#[derive(Debug, Clone)]
pub struct Webhooks {
    client: reqwest::Client,
    log: Arc<Mutex<Vec<WebhookDelivery>>>,
}

pub fn hmac_sha256_hex(secret: &str, message: &[u8]) -> String {
    match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(message);
            hex::encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

fn is_loopback(url: &str) -> bool {
    url::Url::parse(url).ok().is_some_and(|u| {
        matches!(u.scheme(), "http" | "https")
            && match u.host() {
                Some(url::Host::Domain(d)) => d == "localhost",
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            }
    })
}

impl Default for Webhooks {
    fn default() -> Self {
        Self::new()
    }
}

impl Webhooks {
    pub fn new() -> Self {
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_default();
        Webhooks {
            client,
            log: Arc::new(Mutex::new(Vec::new())),
        }
    }

    pub fn deliveries(&self) -> Vec<WebhookDelivery> {
        lock(&self.log).clone()
    }

    /// Sends `body` (already serialised, so a signature covers the exact bytes) in the
    /// background, with up to three attempts.
    pub fn send(
        &self,
        vendor: Vendor,
        event: &str,
        url: &str,
        body: Vec<u8>,
        headers: Vec<(String, String)>,
    ) {
        let client = self.client.clone();
        let log = self.log.clone();
        let mut record = WebhookDelivery {
            vendor,
            event: event.to_string(),
            url: url.to_string(),
            status: None,
            error: None,
            headers: headers.clone(),
            body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        };
        if !is_loopback(url) {
            record.error = Some("not delivered: the sandbox only calls loopback URLs".into());
            lock(&log).push(record);
            return;
        }
        // Called from the Rust handle, this may run outside a runtime: record, do not panic.
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            record.error = Some("not delivered: no async runtime to deliver from".into());
            lock(&log).push(record);
            return;
        };
        let url = url.to_string();
        rt.spawn(async move {
            for attempt in 0..3u32 {
                let mut req = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body.clone());
                for (k, v) in &headers {
                    req = req.header(k, v);
                }
                match req.send().await {
                    Ok(resp) if resp.status().is_success() => {
                        record.status = Some(resp.status().as_u16());
                        record.error = None;
                        break;
                    }
                    Ok(resp) => {
                        record.status = Some(resp.status().as_u16());
                        record.error =
                            Some(format!("attempt {}: HTTP {}", attempt + 1, resp.status()));
                    }
                    Err(e) => record.error = Some(format!("attempt {}: {e}", attempt + 1)),
                }
                tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt + 1))).await;
            }
            tracing::info!(vendor = %record.vendor, event = %record.event, status = ?record.status, "webhook_delivered");
            lock(&log).push(record);
        });
    }
}
