//! One file per command family; `dispatch` only routes.

mod audit;
mod patients;

use crate::cli::{Cli, Command};
use crate::exit::Failure;

pub fn dispatch(cli: &Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Patients(cmd) => patients::run(cli, cmd),
        Command::Audit(cmd) => audit::run(cli, cmd),
    }
}
