//! `frontdesk admin …`: the practice admin's scripting surface over vendor endpoints the desk
//! itself never calls (IVR flows, webhooks, provider availability, appointment types, the
//! WellHive directory, …). Each subcommand is a thin shim over the existing vendor client
//! method: arguments are checked here (exit 2 with a plain message), the request is the
//! client's own, and vendor errors keep their exit codes (3 unreachable, 4 auth, …).

mod cxone;
mod nexhealth;
mod validate;
mod wellhive;
mod zoom;

use crate::cli::Cli;
use crate::context;
use crate::exit::{ExitCode, Failure};
use crate::output;
use clap::Subcommand;
use frontdesk_core::CoreError;
use frontdesk_desk::Clients;
use std::future::Future;
use std::sync::Arc;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// CXone: IVR templates and flows, webhooks, patients' appointments.
    #[command(subcommand)]
    Cxone(cxone::CxoneCommand),
    /// Zoom for Healthcare: provider availability, waiting room, patients, visits.
    #[command(subcommand)]
    Zoom(zoom::ZoomCommand),
    /// NexHealth: availabilities (working hours) and appointment types.
    #[command(subcommand)]
    Nexhealth(nexhealth::NexhealthCommand),
    /// WellHive: the care-navigation directory (networks, organizations, specialties).
    #[command(subcommand)]
    Wellhive(wellhive::WellhiveCommand),
}

pub fn run(cli: &Cli, cmd: &AdminCommand) -> Result<(), Failure> {
    match cmd {
        AdminCommand::Cxone(c) => cxone::run(cli, c),
        AdminCommand::Zoom(c) => zoom::run(cli, c),
        AdminCommand::Nexhealth(c) => nexhealth::run(cli, c),
        AdminCommand::Wellhive(c) => wellhive::run(cli, c),
    }
}

/// The configured vendors' clients. Admin commands talk to vendors only, so the local cache
/// (and its key) is not opened: an admin can script a vendor from a machine with no cache.
fn clients(cli: &Cli) -> Result<Clients, Failure> {
    let config = context::config(cli)?;
    Ok(Clients::build(&config, &context::secrets())?)
}

/// The one client a command needs, or exit 2 naming the missing section.
fn need<T>(client: Option<Arc<T>>, section: &str) -> Result<Arc<T>, Failure> {
    client.ok_or_else(|| {
        Failure::new(
            ExitCode::BadInput,
            format!("{section} is not configured: add a [{section}] section to the config file"),
        )
    })
}

/// Vendor errors go through the same mapping as everywhere else; their messages are already
/// redacted of anything a vendor may echo back (patient data).
fn vendor<E: Into<CoreError>>(err: E) -> Failure {
    Failure::from(err.into())
}

fn block_on<T>(fut: impl Future<Output = Result<T, Failure>>) -> Result<T, Failure> {
    context::runtime()?.block_on(fut)
}

/// JSON for scripts, or the text form for people.
fn show(
    json: bool,
    value: &serde_json::Value,
    text: impl FnOnce() -> String,
) -> Result<(), Failure> {
    if json {
        output::json(value)
    } else {
        output::line(&text())
    }
}

/// Cursor-paged listings are followed to the end, with a bound so a vendor that keeps
/// answering the same cursor cannot keep the command running forever.
const MAX_PAGES: usize = 1_000;

fn too_many_pages() -> Failure {
    Failure::new(
        ExitCode::Other,
        format!("the vendor kept paging past {MAX_PAGES} pages; stopped"),
    )
}
