//! Binds the six loopback ports (admin plus one per vendor) and serves each vendor's router
//! behind its fault, rate-limit and trace layers until the shutdown signal.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::SandboxError;
use crate::http::{ConnHandle, FaultyListener};
use crate::state::Shared;
use crate::vendors::{self, Vendor};
use crate::{faults, ratelimit};

#[derive(Debug)]
pub struct Bound {
    pub admin: TcpListener,
    pub vendors: Vec<(Vendor, TcpListener)>,
}

async fn bind_one(port: u16, what: &'static str) -> Result<TcpListener, SandboxError> {
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .await
        .map_err(|source| SandboxError::Bind { what, source })
}

pub async fn bind(port_base: Option<u16>) -> Result<Bound, SandboxError> {
    let port = |i: u16| port_base.map_or(0, |b| b.saturating_add(i));
    let admin = bind_one(port(0), "admin").await?;
    let mut list = Vec::new();
    for (i, v) in Vendor::ALL.into_iter().enumerate() {
        let i = u16::try_from(i + 1).unwrap_or(1);
        list.push((v, bind_one(port(i), v.as_str()).await?));
    }
    Ok(Bound {
        admin,
        vendors: list,
    })
}

pub fn origin(l: &TcpListener) -> String {
    l.local_addr()
        .map(|a| format!("http://{a}"))
        .unwrap_or_default()
}

fn vendor_router(shared: &Arc<Shared>, v: Vendor) -> Router {
    let routes = match v {
        Vendor::Cxone => vendors::cxone::router(),
        Vendor::Zoom => vendors::zoom::router(),
        Vendor::Nextech => vendors::nextech::router(),
        Vendor::Nexhealth => vendors::nexhealth::router(),
        Vendor::Wellhive => vendors::wellhive::router(),
    };
    let fallback = move || async move {
        vendors::error_response(v, StatusCode::NOT_FOUND, "No such endpoint")
    };
    let mut app = routes
        .fallback(fallback)
        .with_state(shared.clone())
        .layer(from_fn_with_state((shared.clone(), v), ratelimit::layer))
        .layer(from_fn_with_state((shared.clone(), v), faults::layer));
    if v == Vendor::Wellhive {
        app = app.layer(from_fn(vendors::wellhive::trace_layer));
    }
    app
}

pub fn spawn(
    listener: TcpListener,
    app: Router,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let svc = app.into_make_service_with_connect_info::<ConnHandle>();
        let shutdown = async move {
            let _ = stop.wait_for(|s| *s).await;
        };
        if let Err(e) = axum::serve(FaultyListener::new(listener), svc)
            .with_graceful_shutdown(shutdown)
            .await
        {
            tracing::warn!(error = %e, "server_stopped_with_error");
        }
    })
}

pub fn spawn_all(
    bound: Bound,
    shared: &Arc<Shared>,
    admin: Router,
    stop: &watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    let mut tasks = vec![spawn(bound.admin, admin, stop.clone())];
    for (v, l) in bound.vendors {
        tasks.push(spawn(l, vendor_router(shared, v), stop.clone()));
    }
    tasks
}
