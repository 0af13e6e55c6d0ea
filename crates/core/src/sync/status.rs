//! Each vendor's connection state as the header shows it, with the time the desk's copy is
//! from and the last error in words (no PHI: `CoreError` messages name vendors and endpoints
//! only). Errors map to states once, here.

use crate::contact::{ConnectionState, VendorStatus};
use crate::error::{CoreError, ErrorKind};
use crate::ids::Vendor;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The state a failure leaves a vendor in: unreachable is `Offline`, refused credentials are
/// `NeedsAuth` (a person must act), anything else the vendor did wrong is `Degraded`.
#[must_use]
pub fn state_for(error: &CoreError) -> ConnectionState {
    match error.kind() {
        ErrorKind::Offline => ConnectionState::Offline,
        ErrorKind::Unauthorized | ErrorKind::Forbidden => ConnectionState::NeedsAuth,
        ErrorKind::RateLimited
        | ErrorKind::Unavailable
        | ErrorKind::NotFound
        | ErrorKind::Invalid
        | ErrorKind::Conflict
        | ErrorKind::Storage
        | ErrorKind::Locked
        | ErrorKind::Internal => ConnectionState::Degraded,
    }
}

/// Shared, cheap to clone; read by the UI while the engine writes.
#[derive(Debug, Clone, Default)]
pub struct StatusBoard {
    inner: Arc<Mutex<BTreeMap<Vendor, VendorStatus>>>,
}

impl StatusBoard {
    /// A board listing `configured` vendors as not yet synced and the rest as not configured.
    #[must_use]
    pub fn new(configured: &[Vendor]) -> Self {
        let board = Self::default();
        for v in Vendor::ALL {
            let state = if configured.contains(&v) {
                ConnectionState::Syncing
            } else {
                ConnectionState::NotConfigured
            };
            board.put(VendorStatus {
                vendor: v,
                state,
                as_of: None,
                last_error: None,
            });
        }
        board
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<Vendor, VendorStatus>> {
        // A panic elsewhere cannot leave a status half-written: each update is one insert.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    #[must_use]
    pub fn get(&self, vendor: Vendor) -> Option<VendorStatus> {
        self.lock().get(&vendor).cloned()
    }

    /// Every vendor's status, in `Vendor` order.
    #[must_use]
    pub fn snapshot(&self) -> Vec<VendorStatus> {
        self.lock().values().cloned().collect()
    }

    pub fn put(&self, status: VendorStatus) {
        self.lock().insert(status.vendor, status);
    }

    /// A pass began; the copy stays as of its last success.
    pub fn syncing(&self, vendor: Vendor) -> VendorStatus {
        self.update(vendor, |s| s.state = ConnectionState::Syncing)
    }

    /// A pass completed at `at`.
    pub fn ok(&self, vendor: Vendor, at: DateTime<Utc>) -> VendorStatus {
        self.update(vendor, |s| {
            s.state = ConnectionState::Ok;
            s.as_of = Some(at);
            s.last_error = None;
        })
    }

    /// A pass failed; `as_of` keeps the time of the last good copy.
    pub fn failed(&self, vendor: Vendor, error: &CoreError) -> VendorStatus {
        self.update(vendor, |s| {
            s.state = state_for(error);
            s.last_error = Some(error.to_string());
        })
    }

    fn update(&self, vendor: Vendor, change: impl FnOnce(&mut VendorStatus)) -> VendorStatus {
        let mut map = self.lock();
        let status = map.entry(vendor).or_insert_with(|| VendorStatus {
            vendor,
            state: ConnectionState::Syncing,
            as_of: None,
            last_error: None,
        });
        change(status);
        status.clone()
    }

    /// For a write that must reach `vendor` now (booking, cancelling): refuses with `Offline`
    /// when the last pass could not reach it, instead of letting the receptionist wait for a
    /// timeout.
    pub fn ensure_reachable(&self, vendor: Vendor) -> Result<(), CoreError> {
        match self.get(vendor).map(|s| s.state) {
            Some(ConnectionState::Offline) => Err(CoreError::Offline {
                vendor: Some(vendor),
            }),
            Some(ConnectionState::NotConfigured) | None => Err(CoreError::invalid(
                vendor.key(),
                format!("{vendor} is not configured on this desk"),
            )),
            Some(_) => Ok(()),
        }
    }
}
