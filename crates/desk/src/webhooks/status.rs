//! What the receiver has seen, per vendor, for the admin screen: when the last event arrived
//! and which it was, how many were accepted and refused, and why the last refusal happened.
//! Counts and event names only: never a payload value.

use chrono::{DateTime, Utc};
use frontdesk_core::Vendor;
use std::sync::{Mutex, PoisonError};

/// The webhook vendors, in the order the admin screen lists them.
pub const VENDORS: [Vendor; 3] = [Vendor::Cxone, Vendor::Zoom, Vendor::Nexhealth];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorActivity {
    pub vendor: Vendor,
    pub last_event_at: Option<DateTime<Utc>>,
    /// The vendor's event name (`appointment.created`).
    pub last_event: Option<String>,
    pub accepted: u64,
    pub rejected: u64,
    /// Why the last refused delivery was refused (`bad_signature`, `stale`, …).
    pub last_rejection: Option<String>,
}

impl VendorActivity {
    fn new(vendor: Vendor) -> Self {
        Self {
            vendor,
            last_event_at: None,
            last_event: None,
            accepted: 0,
            rejected: 0,
            last_rejection: None,
        }
    }
}

#[derive(Debug)]
pub struct Activity(Mutex<Vec<VendorActivity>>);

impl Default for Activity {
    fn default() -> Self {
        Self(Mutex::new(
            VENDORS.iter().map(|v| VendorActivity::new(*v)).collect(),
        ))
    }
}

impl Activity {
    fn update(&self, vendor: Vendor, f: impl FnOnce(&mut VendorActivity)) {
        let mut all = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(a) = all.iter_mut().find(|a| a.vendor == vendor) {
            f(a);
        }
    }

    pub fn accepted(&self, vendor: Vendor, event: &str) {
        self.update(vendor, |a| {
            a.accepted += 1;
            a.last_event_at = Some(Utc::now());
            a.last_event = Some(event.to_owned());
        });
    }

    pub fn rejected(&self, vendor: Vendor, reason: &str) {
        self.update(vendor, |a| {
            a.rejected += 1;
            a.last_rejection = Some(reason.to_owned());
        });
    }

    #[must_use]
    pub fn snapshot(&self) -> Vec<VendorActivity> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
