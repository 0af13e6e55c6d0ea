//! The practice admin's webhooks: whether this desk runs a receiver (and what each vendor has
//! delivered to it), the desk's subscriptions at CXone, Zoom and NexHealth, registering the
//! receiver with a vendor and removing a subscription. Thin shims over
//! `frontdesk_desk::webhooks`, which refuses a registration (field-level `invalid`) unless the
//! receiver's public URL is https and answers as this receiver.

use crate::error::AppError;
use crate::practice::WebhookReceiverState;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use frontdesk_core::Vendor;
use frontdesk_core::ports::SecretStore;
use frontdesk_desk::Desk;
use frontdesk_desk::webhooks::subscriptions::{self, Listing};
use frontdesk_desk::webhooks::{VENDORS, secret_name};
use serde::Serialize;
use specta::Type;
use std::sync::Arc;
use tauri::State;

/// What one vendor has delivered to the receiver since the app started.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WebhookVendorActivity {
    pub vendor: Vendor,
    pub last_event_at: Option<DateTime<Utc>>,
    /// The vendor's event name (`appointment_insertion.complete`).
    pub last_event: Option<String>,
    pub accepted: u32,
    pub rejected: u32,
    /// Why the last refused delivery was refused (`bad_signature`, `stale`, `malformed`, …).
    pub last_rejection: Option<String>,
    /// Whether the signing secret for this vendor is in the keychain.
    pub secret_stored: bool,
}

/// The desk's webhook receiver, as the admin screen shows it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WebhookReceiverStatus {
    /// `false`: no `[webhooks]` section, the desk polls each vendor.
    pub configured: bool,
    /// The address the receiver listens on, while it runs.
    pub listening: Option<String>,
    pub public_url: Option<String>,
    /// Why a configured receiver is not running (its address in use, …).
    pub problem: Option<String>,
    pub vendors: Vec<WebhookVendorActivity>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSubscription {
    /// What `remove_webhook_subscription` takes.
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    /// Whether it points at this desk's receiver.
    pub ours: bool,
}

/// A vendor's answer about the desk's subscriptions.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum WebhookListing {
    Subscriptions {
        subscriptions: Vec<WebhookSubscription>,
    },
    /// Zoom: events are subscribed in the Zoom App Marketplace; the desk keeps the app's
    /// secret token.
    Marketplace { secret_stored: bool },
    /// The vendor cannot list them (a CXone tenant without `GET /webhooks`).
    NotListable,
}

impl From<Listing> for WebhookListing {
    fn from(l: Listing) -> Self {
        match l {
            Listing::Subscriptions(list) => WebhookListing::Subscriptions {
                subscriptions: list
                    .into_iter()
                    .map(|s| WebhookSubscription {
                        id: s.id,
                        url: s.url,
                        events: s.events,
                        active: s.active,
                        ours: s.ours,
                    })
                    .collect(),
            },
            Listing::Marketplace { secret_stored } => WebhookListing::Marketplace { secret_stored },
            Listing::NotListable => WebhookListing::NotListable,
        }
    }
}

/// The connected practice and the secret store its clients read.
fn practice(state: &AppState) -> Result<(Arc<Desk>, Arc<dyn SecretStore>), AppError> {
    let desk = state.desk().ok_or_else(|| {
        state.problem().unwrap_or(AppError::NotConfigured {
            what: "a practice".into(),
        })
    })?;
    let secrets =
        state
            .settings_target()
            .map(|t| t.secrets)
            .ok_or_else(|| AppError::NotConfigured {
                what: "a secret store".into(),
            })?;
    Ok((desk, secrets))
}

fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[tauri::command]
#[specta::specta]
pub fn webhook_receiver_status(
    state: State<'_, AppState>,
) -> Result<WebhookReceiverStatus, AppError> {
    let secrets = state.settings_target().map(|t| t.secrets);
    let stored = |vendor: Vendor| {
        secret_name(vendor)
            .zip(secrets.as_ref())
            .is_some_and(|(name, s)| s.get(name).ok().flatten().is_some_and(|v| !v.is_empty()))
    };
    let public_url = state.desk().and_then(|d| {
        d.config()
            .webhooks
            .as_ref()
            .and_then(|w| w.public_url.clone())
    });
    let (configured, listening, problem, activity) = match state.webhook_receiver() {
        WebhookReceiverState::Off => (false, None, None, Vec::new()),
        WebhookReceiverState::Failed(why) => (true, None, Some(why), Vec::new()),
        WebhookReceiverState::Running(r) => {
            (true, Some(r.address().to_string()), None, r.activity())
        }
    };
    let vendors = VENDORS
        .iter()
        .map(|v| {
            let a = activity.iter().find(|a| a.vendor == *v);
            WebhookVendorActivity {
                vendor: *v,
                last_event_at: a.and_then(|a| a.last_event_at),
                last_event: a.and_then(|a| a.last_event.clone()),
                accepted: a.map_or(0, |a| count(a.accepted)),
                rejected: a.map_or(0, |a| count(a.rejected)),
                last_rejection: a.and_then(|a| a.last_rejection.clone()),
                secret_stored: stored(*v),
            }
        })
        .collect();
    Ok(WebhookReceiverStatus {
        configured,
        listening,
        public_url,
        problem,
        vendors,
    })
}

/// The desk's subscriptions at `vendor` (CXone, Zoom or NexHealth).
#[tauri::command]
#[specta::specta]
pub async fn webhook_subscriptions(
    state: State<'_, AppState>,
    vendor: Vendor,
) -> Result<WebhookListing, AppError> {
    let (desk, secrets) = practice(&state)?;
    let listing = subscriptions::list(
        &desk,
        secrets.as_ref(),
        desk.config().webhooks.as_ref(),
        vendor,
    )
    .await?;
    Ok(listing.into())
}

/// Points `vendor` at this desk's receiver. Refused, naming `webhooks` or
/// `webhooks.public_url`, when no receiver is configured or its public URL is not https or does
/// not reach it. Zoom takes the app's secret token (`secretToken`) from the Marketplace.
#[tauri::command]
#[specta::specta]
pub async fn register_webhooks(
    state: State<'_, AppState>,
    vendor: Vendor,
    secret_token: Option<String>,
) -> Result<WebhookListing, AppError> {
    let (desk, secrets) = practice(&state)?;
    let instance = match state.webhook_receiver() {
        WebhookReceiverState::Running(r) => Some(r.instance().to_owned()),
        WebhookReceiverState::Off | WebhookReceiverState::Failed(_) => None,
    };
    let listing = subscriptions::register(
        &desk,
        secrets.as_ref(),
        desk.config().webhooks.as_ref(),
        instance.as_deref(),
        vendor,
        secret_token.as_deref(),
    )
    .await?;
    tracing::info!(vendor = %vendor.key(), "webhooks_registered");
    Ok(listing.into())
}

/// Removes one of `vendor`'s subscriptions (for Zoom: forgets the secret token).
#[tauri::command]
#[specta::specta]
pub async fn remove_webhook_subscription(
    state: State<'_, AppState>,
    vendor: Vendor,
    id: String,
) -> Result<(), AppError> {
    let (desk, secrets) = practice(&state)?;
    subscriptions::remove(&desk, secrets.as_ref(), vendor, &id).await?;
    tracing::info!(vendor = %vendor.key(), "webhook_subscription_removed");
    Ok(())
}
