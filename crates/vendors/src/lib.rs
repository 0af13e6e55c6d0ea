//! Typed async HTTP clients for the five vendor systems the desk sits over (NICE CXone
//! Healthcare, Zoom for Healthcare, Nextech EHR, NexHealth Synchronizer, WellHive Care
//! Navigation), each with the vendor's own auth flow, paging, rate limits and error shape, and
//! the implementations of `frontdesk-core`'s ports on top of them. The base URL is a setting,
//! so the same code talks to the sandbox and to a real tenant.

// Vendor and product names (CXone, NexHealth, WellHive) run through every doc comment as
// prose; backticking each one would make the docs harder to read, not easier.
#![allow(clippy::doc_markdown)]
// Vendor errors keep the vendor's body, status and trace id for support; they are rare next
// to the network round trip that produced them, so their size is not worth boxing away.
#![allow(clippy::result_large_err)]

#[macro_use]
mod ids;
pub mod cxone;
pub mod http;
pub mod lookup;
pub mod nexhealth;
pub mod nextech;
pub mod normalize;
pub mod secrets;
pub mod wellhive;
pub mod zoom;
