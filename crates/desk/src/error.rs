//! Why the desk could not be put together, mapped once from each part's own error.

use frontdesk_core::config::ConfigError;
use frontdesk_core::{CoreError, Vendor};
use frontdesk_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("the local cache could not be opened: {0}")]
    Store(#[from] StoreError),
    #[error("the {vendor} client could not be built: {source}")]
    Client {
        vendor: Vendor,
        #[source]
        source: CoreError,
    },
}

impl From<DeskError> for CoreError {
    fn from(e: DeskError) -> Self {
        match e {
            DeskError::Config(c) => c.into(),
            DeskError::Store(s) => s.into(),
            DeskError::Client { source, .. } => source,
        }
    }
}
