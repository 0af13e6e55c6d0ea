//! The desk's domain: the types every other crate speaks (patients with their vendor links,
//! providers, locations, appointments, slots, contacts), the error kinds a vendor or the cache
//! can fail with, and the ports (traits named by role, not by vendor) that the vendor clients
//! and the store implement. It depends on no other crate of ours and knows no HTTP, SQL or Tauri,
//! so the services built on it can be tested with in-memory ports.

pub mod access;
pub mod appointment;
pub mod booking;
pub mod config;
pub mod contact;
pub mod error;
pub mod identity;
pub mod ids;
pub mod outbox;
pub mod patient;
pub mod ports;
pub mod practice;
pub mod setup;
pub mod slot;
pub mod slots;
pub mod sync;

pub use error::{CoreError, ErrorKind};
pub use ids::{ExternalId, PatientId, Vendor};
