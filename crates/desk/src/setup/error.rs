//! Why a setup action did not happen: the vendor it needs is not configured, or core's kinds
//! (invalid input, the vendor's own refusal, offline, …).

use frontdesk_core::{CoreError, Vendor};

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The practice has not configured this vendor.
    #[error("{} is not set up", .0.key())]
    NotConfigured(Vendor),
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl From<frontdesk_store::StoreError> for SetupError {
    fn from(e: frontdesk_store::StoreError) -> Self {
        SetupError::Core(e.into())
    }
}
