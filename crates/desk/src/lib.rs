//! The desk assembled: from a [`Config`](frontdesk_core::config::Config) and a secret store it
//! builds each enabled vendor's client, opens the encrypted cache, and runs core's sync engine
//! and outbox over them. The app and the CLI both start here, so they cannot drift apart in
//! how a vendor is reached or where its data lands. Core keeps the rules; this crate only
//! adapts the store and the vendor clients to core's ports.

pub mod booking;
mod clients;
pub mod connections;
pub mod demo;
mod desk;
mod env;
mod error;
mod outbox;
pub mod patient_lookup;
mod probes;
mod records;
pub mod retention;
pub mod setup;
mod sink;
mod telehealth_links;
pub mod webhooks;

pub use clients::Clients;
pub use desk::Desk;
pub use env::{config_path, default_data_dir, load_config, secrets_with_env};
pub use error::DeskError;
pub use outbox::{CxoneOutbox, StoreOutbox};
pub use records::RecordsOutcome;
pub use sink::StoreSink;
