//! Nextech EHR: patients by `term`, encounters with their CCD, CCD sections. Azure AD
//! authorization code with PKCE through a loopback redirect, then refresh tokens.

pub mod auth;
pub mod client;
pub mod error;
pub mod loopback;
pub mod map;
pub mod pkce;
pub mod ports;
pub mod wire;

pub use client::{NextechClient, NextechClientBuilder, NextechConfig};
pub use error::NextechError;
