//! NICE CXone Healthcare Integration API: patients, appointments, callbacks, reminders,
//! contact history, IVR templates and flows, webhooks. OAuth client credentials; offset
//! paging (max 100); `X-RateLimit-*` headers; errors carry a `requestId`.

pub mod auth;
pub mod client;
pub mod error;
pub mod map;
pub mod ports;
pub mod wire;

pub use client::{CxoneClient, CxoneClientBuilder, CxoneConfig, CxonePlan};
pub use error::{CxoneError, CxoneErrorBody};
