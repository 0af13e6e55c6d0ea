//! The crate's integration tests, one module per former test file, in one binary: each test
//! binary links the whole dependency graph again, and nextest runs every test in a process of
//! its own anyway, so one binary per crate costs nothing in isolation and saves the links.

// Tests may unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod booking_against_sandbox;
mod booking_desk;
mod card_records;
mod connections;
mod example_config;
mod outbox_store;
mod retention_against_sandbox;
mod sandbox_sync;
mod setup_against_sandbox;
mod sync_faults;
mod telehealth_links;
mod vendor_search_against_sandbox;
mod webhooks_receiver;
