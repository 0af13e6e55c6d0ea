//! A stand-in for the five vendor APIs, served over real HTTP on loopback so the desk can be
//! demonstrated and tested without a real tenant. It speaks the vendors' wire formats as their
//! docs and published specs describe them, written independently of `frontdesk-vendors` so a
//! mistake in a client model cannot hide behind the same mistake here.
//!
//! Start it with [`Sandbox::start`]; the returned [`SandboxHandle`] carries every base URL and
//! demo credential ([`SandboxInfo`], the same JSON the binary prints), a fault-control API and
//! the admin actions tests need (take a slot, fail the next insertion, read an entity's state).
//!
//! ```no_run
//! use frontdesk_sandbox::{FaultConfig, Sandbox, SandboxOptions, Vendor};
//!
//! # async fn demo() -> Result<(), frontdesk_sandbox::SandboxError> {
//! let sandbox = Sandbox::start(SandboxOptions::small(7)).await?;
//! let cxone = &sandbox.info().cxone; // base URL, token URL, demo client id and secret
//! sandbox.faults().update(Vendor::Cxone, |f| f.burst_429 = 2);
//! sandbox.fail_next_nexhealth_insertion("Operatory closed");
//! let _state = sandbox.entity(Vendor::Nexhealth, "appointment", "500001");
//! # let _ = (cxone, FaultConfig::default());
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! The admin API's routes are listed in `admin.rs`; where the vendors' docs and specs differ,
//! and what the sandbox chose where they are silent, is in `NOTES.md`.

// Axum handlers answer `Result<Response, Response>`: the error side is a whole HTTP answer
// (a vendor's error body), which is as large as the success side by design.
#![allow(clippy::result_large_err)]
// The docs name vendors and wire fields in prose (NexHealth, CXone, nextToken) constantly.
#![allow(clippy::doc_markdown)]
// Handlers use the same short names throughout: s (shared state), c (request context),
// w (world), q (query), a/v (the entity at hand).
#![allow(clippy::many_single_char_names)]

mod admin;
mod error;
mod faults;
mod handle;
mod http;
mod keys;
mod lapsed;
mod options;
mod paging;
mod ratelimit;
mod seed;
mod server;
mod slots;
mod state;
mod tokens;
mod vendors;
mod webhooks;
mod world;

pub use error::SandboxError;
pub use faults::{FaultConfig, FaultControl, FaultStats};
pub use handle::{
    CxoneInfo, NexhealthInfo, NextechInfo, Sandbox, SandboxHandle, SandboxInfo, TakeSlot,
    WellhiveInfo, ZoomInfo,
};
pub use lapsed::LapsedPatient;
pub use options::{CxonePlan, SandboxOptions, Timings};
pub use vendors::Vendor;
pub use webhooks::WebhookDelivery;
