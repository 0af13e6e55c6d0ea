//! One HTTP client per transport shape for the whole process, shared by the vendor clients.
//!
//! Building a rustls client reads and parses the system's trust roots, about 8 ms on a desk
//! machine. A desk builds its five vendor clients while it opens, before its window can
//! appear, and again after every settings save: 40 ms of start-up spent reading the same file
//! five times. reqwest's own advice is one client reused; its pool keys connections by
//! scheme, host and port, so vendors sharing a client share no connection. What differs per
//! vendor (rate, retry, request deadline) lives in `VendorHttp` and on each request.

use crate::http::settings::HttpSettings;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

/// What a client is built with; everything else is set per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Shape {
    https_only: bool,
    connect_timeout: Duration,
}

/// Clients by shape; the process holds one (`shared_client`), tests their own.
#[derive(Default)]
struct Clients(Mutex<HashMap<Shape, reqwest::Client>>);

impl Clients {
    fn get(&self, settings: &HttpSettings) -> Result<reqwest::Client, reqwest::Error> {
        let shape = Shape {
            https_only: settings.https_only,
            connect_timeout: settings.connect_timeout,
        };
        // Held while building, so two vendors opening at once load the trust roots once.
        let mut clients = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(client) = clients.get(&shape) {
            return Ok(client.clone());
        }
        let client = build(shape)?;
        clients.insert(shape, client.clone());
        Ok(client)
    }
}

/// The process's client for `settings`' shape, built on first use: TLS 1.2 at least, no
/// redirects (a bearer token never follows a `Location` elsewhere), plain HTTP refused unless
/// the settings allow it for loopback.
pub(crate) fn shared_client(settings: &HttpSettings) -> Result<reqwest::Client, reqwest::Error> {
    static CLIENTS: OnceLock<Clients> = OnceLock::new();
    CLIENTS.get_or_init(Clients::default).get(settings)
}

fn build(shape: Shape) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .tls_backend_rustls()
        .tls_version_min(reqwest::tls::Version::TLS_1_2)
        .https_only(shape.https_only)
        .connect_timeout(shape.connect_timeout)
        .pool_idle_timeout(Duration::from_secs(90))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("frontdesk/", env!("CARGO_PKG_VERSION")))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Clients {
        fn len(&self) -> usize {
            self.0.lock().unwrap().len()
        }
    }

    #[test]
    fn a_shape_is_built_once_and_the_request_deadline_is_not_part_of_it() {
        let clients = Clients::default();
        let loopback = HttpSettings::loopback();
        clients.get(&loopback).unwrap();
        clients
            .get(
                &loopback
                    .clone()
                    .with_request_timeout(Duration::from_secs(9)),
            )
            .unwrap();
        assert_eq!(clients.len(), 1);
        clients.get(&HttpSettings::production(60)).unwrap();
        assert_eq!(clients.len(), 2);
    }
}
