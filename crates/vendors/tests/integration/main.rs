//! The crate's integration tests, one module per former test file, in one binary: each test
//! binary links the whole dependency graph again, and nextest runs every test in a process of
//! its own anyway, so one binary per crate costs nothing in isolation and saves the links.

// Tests may unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod against_sandbox;
mod auth_flows;
mod common;
mod http_edges;
mod patient_lookup;
mod phi_canary;
mod prism_validation;
mod vendor_search_wiremock;
mod zoom_meetings_wiremock;
