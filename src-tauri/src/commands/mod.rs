//! The typed commands the UI invokes, one file per domain. Each is a thin shim: it takes the
//! managed state, calls into core or the store, and maps failure into `AppError` once.

#![allow(
    clippy::needless_pass_by_value,
    reason = "Tauri hands managed state and arguments to commands by value"
)]

pub mod access;
pub mod app;
pub mod appointment_types;
pub mod audit;
pub mod availability;
mod blocking;
pub mod booking;
pub mod clinician;
pub mod connections;
pub mod ivr;
pub mod patients;
pub mod printing;
pub mod records;
pub mod retention;
pub mod schedule;
pub mod second_factor;
pub mod staff;
pub mod telehealth;
pub mod vendor_search;
pub mod webhooks;
pub mod zoom_patients;
