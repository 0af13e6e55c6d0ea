//! The command tree, declared with clap's derive so each subcommand's arguments live beside its
//! name. Others add subcommands (demo, sync, schedule, slots, book, cancel, callback, doctor,
//! secrets) as new variants here and new files in `commands/`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "frontdesk",
    version,
    about = "Frontdesk without a window: for a practice's IT admin and for scripts"
)]
pub struct Cli {
    /// Configuration file (TOML); its `data_dir` is used when neither --data-dir nor
    /// `FRONTDESK_DATA_DIR` is given.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where the encrypted local cache lives [default: the OS data directory + "frontdesk"].
    #[arg(long, global = true, value_name = "DIR", env = "FRONTDESK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find and open patients in the local cache.
    #[command(subcommand)]
    Patients(PatientsCommand),
    /// Check and export the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Debug, Subcommand)]
pub enum PatientsCommand {
    /// Type-ahead search: names, MRN, phone digits, e-mail, date of birth.
    Search(SearchArgs),
    /// One patient's card.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    pub query: String,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The desk's patient id (as `patients search` prints it).
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain; exit 1 naming the first bad row when it is broken.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Every entry, oldest first (the export itself is recorded).
    Export {
        #[arg(long)]
        json: bool,
    },
}
