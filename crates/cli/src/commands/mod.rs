//! One file per command family; `dispatch` only routes.

pub mod admin;
mod audit;
mod book;
mod callback;
mod cancel;
mod demo;
mod doctor;
mod patients;
mod progress;
mod schedule;
mod secrets;
mod slots;
mod sync;
mod webhooks;

use crate::cli::{Cli, Command};
use crate::exit::Failure;

pub fn dispatch(cli: &Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Patients(cmd) => patients::run(cli, cmd),
        Command::Audit(cmd) => audit::run(cli, cmd),
        Command::Demo(args) => demo::run(cli, args),
        Command::Secrets(cmd) => secrets::run(cmd),
        Command::Sync(args) => sync::run(cli, args),
        Command::Schedule(args) => schedule::run(cli, args),
        Command::Doctor(args) => doctor::run(cli, args),
        Command::Callback(args) => callback::run(cli, args),
        Command::Slots(args) => slots::run(cli, args),
        Command::Book(args) => book::run(cli, args),
        Command::Cancel(args) => cancel::run(cli, args),
        Command::Admin(cmd) => admin::run(cli, cmd),
        Command::Webhooks(crate::cli::WebhooksCommand::Serve(args)) => webhooks::serve(cli, args),
    }
}
