//! The practice admin's view of the desk's webhook subscriptions at each vendor: list them,
//! register the desk's receiver, remove one. Registering is refused (field-level `Invalid`)
//! unless a receiver is configured with a public URL that is https (plain http only for a
//! loopback address, which only a vendor on this machine — the sandbox — can call) and that
//! answers as this receiver. How each vendor subscribes differs:
//! - CXone: `POST /webhooks` with a secret the desk generates and keeps in the keychain.
//! - NexHealth: one webhook endpoint for the desk's URL (its `secret_key` comes back and goes
//!   to the keychain) and a subscription per event the desk applies.
//! - Zoom: apps subscribe to events in the Zoom App Marketplace, not through the API; the desk
//!   can only keep the app's secret token, which the admin copies from there.

use crate::desk::Desk;
use crate::webhooks::{path_for, secret_name};
use frontdesk_core::config::WebhookSettings;
use frontdesk_core::ports::SecretStore;
use frontdesk_core::{CoreError, Vendor};
use frontdesk_vendors::cxone::wire::{NewWebhook, WebhookId};
use frontdesk_vendors::nexhealth::wire::{
    NewWebhookEndpoint, NewWebhookSubscription, WebhookEndpointId, WebhookSubscriptionId,
};
use secrecy::ExposeSecret;
use std::time::Duration;

/// CXone's events, all of which the receiver reads.
pub const CXONE_EVENTS: [&str; 4] = [
    "appointment.created",
    "appointment.canceled",
    "patient.updated",
    "contact.completed",
];

/// NexHealth's `(resource_type, event)` pairs the receiver applies.
pub const NEXHEALTH_EVENTS: [(&str, &str); 5] = [
    ("Appointment", "appointment_insertion"),
    ("Appointment", "appointment_created"),
    ("Appointment", "appointment_updated"),
    ("Patient", "patient_created"),
    ("Patient", "patient_updated"),
];

/// One subscription as the vendor reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// What [`remove`] takes (NexHealth: `endpoint/subscription`).
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    /// Whether it points at this desk's receiver.
    pub ours: bool,
}

/// What a vendor says about the desk's subscriptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    Subscriptions(Vec<Subscription>),
    /// Zoom: subscribed in the App Marketplace; whether the secret token is in the keychain.
    Marketplace {
        secret_stored: bool,
    },
    /// The vendor's API cannot list them (a CXone tenant without `GET /webhooks`).
    NotListable,
}

fn not_offered(vendor: Vendor) -> CoreError {
    CoreError::invalid(
        "vendor",
        format!("{} sends no webhooks", vendor.display_name()),
    )
}

fn not_connected(vendor: Vendor) -> CoreError {
    CoreError::invalid(
        "vendor",
        format!("{} is not connected to this desk", vendor.display_name()),
    )
}

/// The URL `vendor` is told to call, from the configured public URL.
pub fn delivery_url(
    settings: Option<&WebhookSettings>,
    vendor: Vendor,
) -> Result<String, CoreError> {
    let settings = settings.ok_or_else(|| {
        CoreError::invalid(
            "webhooks",
            "no webhook receiver is configured: add a [webhooks] section with listen and public_url",
        )
    })?;
    let base = settings.public_url.as_deref().ok_or_else(|| {
        CoreError::invalid(
            "webhooks.public_url",
            "the receiver has no public URL the vendors could call: set webhooks.public_url",
        )
    })?;
    Ok(format!("{base}{}", path_for(vendor)))
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Refuses a public URL that is not https (http only on loopback) or that does not answer as
/// a Frontdesk receiver (as `instance`, when the receiver runs in this process).
pub async fn check_reachable(public_url: &str, instance: Option<&str>) -> Result<(), CoreError> {
    const FIELD: &str = "webhooks.public_url";
    let parsed = url::Url::parse(public_url)
        .map_err(|_| CoreError::invalid(FIELD, "is not an absolute URL"))?;
    match parsed.scheme() {
        "https" => {}
        "http" if is_loopback(&parsed) => {}
        _ => {
            return Err(CoreError::invalid(
                FIELD,
                "must be an https URL: vendors deliver patient data only over TLS",
            ));
        }
    }
    let health = format!("{}/webhooks/health", public_url.trim_end_matches('/'));
    let unreachable = |why: &str| {
        CoreError::invalid(
            FIELD,
            format!("{public_url} does not reach this desk's webhook receiver: {why}"),
        )
    };
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|_| unreachable("no HTTP client"))?;
    let reply = client.get(&health).send().await.map_err(|e| {
        unreachable(if e.is_timeout() {
            "no answer within 5 seconds"
        } else {
            "the connection failed"
        })
    })?;
    if !reply.status().is_success() {
        return Err(unreachable(&format!(
            "it answered HTTP {}",
            reply.status().as_u16()
        )));
    }
    let body: serde_json::Value = reply
        .json()
        .await
        .map_err(|_| unreachable("what answered is not a Frontdesk receiver"))?;
    if body.get("receiver").and_then(serde_json::Value::as_str) != Some("frontdesk") {
        return Err(unreachable("what answered is not a Frontdesk receiver"));
    }
    if let Some(expected) = instance
        && body.get("instance").and_then(serde_json::Value::as_str) != Some(expected)
    {
        return Err(unreachable("another Frontdesk receiver answered"));
    }
    Ok(())
}

/// The vendor's subscriptions.
pub async fn list(
    desk: &Desk,
    secrets: &dyn SecretStore,
    settings: Option<&WebhookSettings>,
    vendor: Vendor,
) -> Result<Listing, CoreError> {
    let ours = delivery_url(settings, vendor).ok();
    let is_ours = |url: &str| ours.as_deref() == Some(url);
    match vendor {
        Vendor::Cxone => {
            let cx = desk
                .clients()
                .cxone
                .as_ref()
                .ok_or_else(|| not_connected(vendor))?;
            match cx.webhooks().await {
                Ok(hooks) => Ok(Listing::Subscriptions(
                    hooks
                        .into_iter()
                        .map(|h| Subscription {
                            ours: is_ours(&h.url),
                            id: h.id.0,
                            url: h.url,
                            events: h.events,
                            active: h.status == "active",
                        })
                        .collect(),
                )),
                Err(e) if matches!(e.status(), Some(404 | 405)) => Ok(Listing::NotListable),
                Err(e) => Err(e.into()),
            }
        }
        Vendor::Nexhealth => {
            let nh = desk
                .clients()
                .nexhealth
                .as_ref()
                .ok_or_else(|| not_connected(vendor))?;
            let mut out = Vec::new();
            for endpoint in nh.webhook_endpoints().await? {
                for sub in nh.webhook_subscriptions(endpoint.id).await? {
                    out.push(Subscription {
                        id: format!("{}/{}", endpoint.id, sub.id),
                        url: endpoint.target_url.clone(),
                        events: vec![sub.event],
                        active: endpoint.active && sub.active,
                        ours: is_ours(&endpoint.target_url),
                    });
                }
            }
            Ok(Listing::Subscriptions(out))
        }
        Vendor::Zoom => {
            if desk.clients().zoom.is_none() {
                return Err(not_connected(vendor));
            }
            Ok(Listing::Marketplace {
                secret_stored: stored(secrets, vendor)?,
            })
        }
        Vendor::Nextech | Vendor::Wellhive => Err(not_offered(vendor)),
    }
}

fn stored(secrets: &dyn SecretStore, vendor: Vendor) -> Result<bool, CoreError> {
    let name = secret_name(vendor).ok_or_else(|| not_offered(vendor))?;
    Ok(secrets.get(name)?.is_some_and(|v| !v.is_empty()))
}

/// Points `vendor` at the desk's receiver. `zoom_secret_token` is Zoom's (from the Marketplace);
/// the others' secrets are generated or returned by the vendor and kept in the keychain.
/// `instance` is the receiver running in this process, when one is.
pub async fn register(
    desk: &Desk,
    secrets: &dyn SecretStore,
    settings: Option<&WebhookSettings>,
    instance: Option<&str>,
    vendor: Vendor,
    zoom_secret_token: Option<&str>,
) -> Result<Listing, CoreError> {
    if secret_name(vendor).is_none() {
        return Err(not_offered(vendor));
    }
    let url = delivery_url(settings, vendor)?;
    let public = settings
        .and_then(|s| s.public_url.as_deref())
        .unwrap_or_default();
    check_reachable(public, instance).await?;
    match vendor {
        Vendor::Cxone => register_cxone(desk, secrets, &url).await?,
        Vendor::Nexhealth => register_nexhealth(desk, secrets, &url).await?,
        Vendor::Zoom => {
            if desk.clients().zoom.is_none() {
                return Err(not_connected(vendor));
            }
            let token = zoom_secret_token
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or_else(|| {
                    CoreError::invalid(
                        "secretToken",
                        "paste the Zoom app's secret token from the App Marketplace",
                    )
                })?;
            secrets.set(
                frontdesk_core::config::secrets::WEBHOOK_ZOOM_SECRET_TOKEN,
                token,
            )?;
        }
        Vendor::Nextech | Vendor::Wellhive => return Err(not_offered(vendor)),
    }
    list(desk, secrets, settings, vendor).await
}

async fn register_cxone(
    desk: &Desk,
    secrets: &dyn SecretStore,
    url: &str,
) -> Result<(), CoreError> {
    let cx = desk
        .clients()
        .cxone
        .as_ref()
        .ok_or_else(|| not_connected(Vendor::Cxone))?;
    // A second registration would deliver every event twice: replace the desk's old one.
    if let Ok(existing) = cx.webhooks().await {
        for hook in existing.into_iter().filter(|h| h.url == url) {
            cx.delete_webhook(&hook.id).await?;
        }
    }
    let secret = hex::encode(rand::random::<[u8; 32]>());
    // Kept before CXone has it: a delivery may arrive before `register_webhook` returns.
    secrets.set(
        frontdesk_core::config::secrets::WEBHOOK_CXONE_SECRET,
        &secret,
    )?;
    cx.register_webhook(&NewWebhook {
        url: url.to_owned(),
        events: CXONE_EVENTS.iter().map(|e| (*e).to_owned()).collect(),
        description: Some("Frontdesk: appointment, patient and contact changes".to_owned()),
        secret: secret.into(),
    })
    .await?;
    Ok(())
}

async fn register_nexhealth(
    desk: &Desk,
    secrets: &dyn SecretStore,
    url: &str,
) -> Result<(), CoreError> {
    let name = frontdesk_core::config::secrets::WEBHOOK_NEXHEALTH_SECRET_KEY;
    let nh = desk
        .clients()
        .nexhealth
        .as_ref()
        .ok_or_else(|| not_connected(Vendor::Nexhealth))?;
    let existing = nh
        .webhook_endpoints()
        .await?
        .into_iter()
        .find(|e| e.target_url == url);
    let endpoint = match existing {
        Some(e) => e,
        None => {
            nh.create_webhook_endpoint(&NewWebhookEndpoint {
                target_url: url.to_owned(),
                active: true,
            })
            .await?
        }
    };
    match &endpoint.secret_key {
        Some(key) => secrets.set(name, key.expose_secret())?,
        None if stored(secrets, Vendor::Nexhealth)? => {}
        None => {
            return Err(CoreError::invalid(
                "nexhealth",
                "NexHealth did not return the endpoint's signing key: remove the endpoint and register again",
            ));
        }
    }
    let have = nh.webhook_subscriptions(endpoint.id).await?;
    for (resource, event) in NEXHEALTH_EVENTS {
        if have
            .iter()
            .any(|s| s.event == event && s.resource_type == resource)
        {
            continue;
        }
        nh.create_webhook_subscription(
            endpoint.id,
            &NewWebhookSubscription {
                resource_type: resource.to_owned(),
                event: event.to_owned(),
                active: true,
            },
        )
        .await?;
    }
    Ok(())
}

/// Removes one subscription (`id` as [`list`] gave it). For Zoom, forgets the secret token (the
/// Marketplace subscription itself is the Zoom admin's to remove).
pub async fn remove(
    desk: &Desk,
    secrets: &dyn SecretStore,
    vendor: Vendor,
    id: &str,
) -> Result<(), CoreError> {
    match vendor {
        Vendor::Cxone => {
            let cx = desk
                .clients()
                .cxone
                .as_ref()
                .ok_or_else(|| not_connected(vendor))?;
            cx.delete_webhook(&WebhookId(id.to_owned())).await?;
        }
        Vendor::Nexhealth => {
            let nh = desk
                .clients()
                .nexhealth
                .as_ref()
                .ok_or_else(|| not_connected(vendor))?;
            let bad = || {
                CoreError::invalid(
                    "id",
                    "not a NexHealth subscription id (endpoint/subscription)",
                )
            };
            let (endpoint, sub) = id.split_once('/').ok_or_else(bad)?;
            let endpoint: i64 = endpoint.parse().map_err(|_| bad())?;
            let sub: i64 = sub.parse().map_err(|_| bad())?;
            nh.delete_webhook_subscription(WebhookEndpointId(endpoint), WebhookSubscriptionId(sub))
                .await?;
        }
        Vendor::Zoom => {
            secrets.delete(frontdesk_core::config::secrets::WEBHOOK_ZOOM_SECRET_TOKEN)?;
        }
        Vendor::Nextech | Vendor::Wellhive => return Err(not_offered(vendor)),
    }
    Ok(())
}
