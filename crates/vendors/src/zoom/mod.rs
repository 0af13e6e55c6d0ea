//! Zoom: the healthcare visits API (doc) and the meetings API (spec) behind one client,
//! server-to-server OAuth, `next_page_token` paging.

pub mod auth;
pub mod client;
pub mod error;
pub mod map;
pub mod ports;
pub mod wire;

pub use client::{ZoomApi, ZoomClient, ZoomClientBuilder, ZoomConfig};
pub use error::{ZoomError, ZoomErrorBody};
