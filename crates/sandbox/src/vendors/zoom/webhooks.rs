//! Zoom event notifications. Zoom subscribes apps to events in its Marketplace, not through
//! the API, so the sandbox registers them through its admin API. Deliveries are signed the way
//! Zoom signs them: `x-zm-request-timestamp: <ts>` and
//! `x-zm-signature: v0=<hex HMAC-SHA256(secret token, "v0:<ts>:<body>")>`.

use chrono::Utc;
use serde_json::{Value, json};

use crate::state::{Shared, lock};
use crate::vendors::Vendor;
use crate::webhooks::hmac_sha256_hex;

pub fn emit(s: &Shared, event: &str, object: &Value) {
    let hooks = lock(&s.world).zoom_webhooks.clone();
    for h in hooks
        .iter()
        .filter(|h| h.events.is_empty() || h.events.iter().any(|e| e == event))
    {
        let ts = Utc::now().timestamp_millis();
        let payload = json!({"event": event, "event_ts": ts, "payload": {"account_id": s.creds.zoom_account_id, "object": object}});
        let body = serde_json::to_vec(&payload).unwrap_or_default();
        let mut msg = format!("v0:{ts}:").into_bytes();
        msg.extend_from_slice(&body);
        let headers = vec![
            ("x-zm-request-timestamp".to_string(), ts.to_string()),
            (
                "x-zm-signature".to_string(),
                format!("v0={}", hmac_sha256_hex(&h.secret_token, &msg)),
            ),
        ];
        s.webhooks.send(Vendor::Zoom, event, &h.url, body, headers);
    }
}
