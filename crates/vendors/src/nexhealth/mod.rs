//! NexHealth Synchronizer: patients, providers, locations, operatories, appointment types,
//! working hours (availabilities), slots and appointments. API-key exchange for a bearer;
//! current API by default, the doc's `version=2` by configuration; insertion is asynchronous.

pub mod auth;
pub mod client;
pub mod error;
pub mod map;
pub mod ports;
pub mod wire;

pub use client::{NexhealthApi, NexhealthClient, NexhealthClientBuilder, NexhealthConfig};
pub use error::{NexhealthError, NexhealthErrorBody};
