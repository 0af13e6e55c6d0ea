//! The `frontdesk` command line: argument parsing and the exit-code contract (0 ok, 2 bad
//! input, 3 vendor unreachable, 4 locked or auth, 5 conflict, 1 anything else) over the same
//! core services the desktop app uses. Each subcommand lives in its own file under `commands/`.

mod cli;
mod commands;
mod context;
mod exit;
mod output;

use clap::Parser;

pub use cli::{Cli, Command};
pub use exit::ExitCode;

/// Runs the command line and returns the process exit code.
#[must_use]
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout with success, usage errors to stderr.
            let code = if err.use_stderr() {
                ExitCode::BadInput
            } else {
                ExitCode::Ok
            };
            let _ = err.print();
            return code as i32;
        }
    };
    match commands::dispatch(&cli) {
        Ok(()) => ExitCode::Ok as i32,
        Err(failure) => {
            output::error(&failure);
            failure.code as i32
        }
    }
}
