//! WellHive Care Navigation: draft appointments, provider services and their slots, networks,
//! specialties, drive times, asynchronous submit and cancel, referrals. Private-key JWT
//! client assertion (RS256/ES256) for a `care-nav` bearer; `nextToken` paging.

pub mod auth;
pub mod client;
pub mod error;
pub mod keys;
pub mod map;
pub mod ports;
pub mod wire;

pub use auth::KeySource;
pub use client::{WellhiveClient, WellhiveClientBuilder, WellhiveConfig};
pub use error::{WellhiveError, WellhiveErrorBody};
pub use keys::SigningAlgorithm;
