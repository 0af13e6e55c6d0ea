//! The command tree, declared with clap's derive so each subcommand's arguments live beside its
//! name. Each family's behaviour lives in its own file in `commands/`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use frontdesk_core::Vendor;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "frontdesk",
    version,
    about = "Frontdesk without a window: for a practice's IT admin and for scripts"
)]
pub struct Cli {
    /// Configuration file (TOML) [default: `$FRONTDESK_CONFIG`, else the OS config directory +
    /// `frontdesk/config.toml`].
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
    /// Run the demo practice (every vendor simulated on loopback) until Ctrl+C.
    Demo(DemoArgs),
    /// Vendor credentials in the OS keychain (values are read from stdin, never printed).
    #[command(subcommand)]
    Secrets(SecretsCommand),
    /// One sync pass from the vendors into the local cache.
    Sync(SyncArgs),
    /// The day's appointments from the local cache (works offline).
    Schedule(ScheduleArgs),
    /// Check each vendor, the keychain, the cache and the outbox.
    Doctor(DoctorArgs),
    /// Ask CXone to call a patient back; waits in the outbox while CXone is unreachable.
    Callback(CallbackArgs),
    /// Open slots across every vendor at once (in person, telehealth, referral).
    Slots(SlotsArgs),
    /// Book a slot from `frontdesk slots` for a patient; waits for the vendor's confirmation.
    Book(BookArgs),
    /// Cancel an appointment at its vendor.
    Cancel(CancelArgs),
    /// The practice admin's scripting surface over vendor setup endpoints (IVR flows,
    /// webhooks, availability, appointment types, directories), grouped by vendor.
    #[command(subcommand)]
    Admin(crate::commands::admin::AdminCommand),
    /// The webhook receiver (`[webhooks]` in the config) without the app.
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Seed of the simulated practice (the same seed gives the same practice).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// How many patients the simulated practice has.
    #[arg(long, default_value_t = 500)]
    pub patients: usize,
    /// Where to write the demo's config file [default: <data dir>/demo/config.toml].
    #[arg(long, value_name = "FILE")]
    pub write_config: Option<PathBuf>,
    /// Overwrite vendor secrets already in the keychain that are not the demo's (a real
    /// practice's credentials, on a machine set up for one).
    #[arg(long)]
    pub replace_secrets: bool,
}

#[derive(Debug, Subcommand)]
pub enum SecretsCommand {
    /// Store a secret, read from stdin (one line; a trailing newline is dropped).
    Set {
        /// `vendor.name`, e.g. `cxone.client_secret`.
        name: String,
    },
    /// Remove a secret from the keychain (nothing happens if it is absent).
    Delete { name: String },
    /// Which known secrets are present, in the keychain or the environment.
    List {
        #[arg(long)]
        json: bool,
    },
}

/// Vendors as they are named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VendorArg {
    Cxone,
    Zoom,
    Nextech,
    Nexhealth,
    Wellhive,
}

impl From<VendorArg> for Vendor {
    fn from(v: VendorArg) -> Self {
        match v {
            VendorArg::Cxone => Vendor::Cxone,
            VendorArg::Zoom => Vendor::Zoom,
            VendorArg::Nextech => Vendor::Nextech,
            VendorArg::Nexhealth => Vendor::Nexhealth,
            VendorArg::Wellhive => Vendor::Wellhive,
        }
    }
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only these vendors (repeatable) [default: every configured vendor].
    #[arg(long = "vendor", value_enum, value_name = "VENDOR")]
    pub vendors: Vec<VendorArg>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The day, YYYY-MM-DD [default: today in each location's zone].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    /// Only this location (the desk's id, e.g. `nexhealth:1001`).
    #[arg(long, value_name = "ID")]
    pub location: Option<String>,
    /// Only this provider (the desk's id).
    #[arg(long, value_name = "ID")]
    pub provider: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CallbackArgs {
    /// The desk's patient id (as `patients search` prints it).
    #[arg(long, value_name = "ID")]
    pub patient: String,
    /// When CXone should call, RFC 3339 (`2026-11-21T14:30:00-05:00`).
    #[arg(long, value_name = "DATETIME")]
    pub at: chrono::DateTime<chrono::FixedOffset>,
    /// Why (shown to the agent).
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[arg(long)]
    pub json: bool,
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

/// A slot's visit kind as it is named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    InPerson,
    Telehealth,
    Referral,
}

impl From<ModeArg> for frontdesk_core::appointment::VisitMode {
    fn from(m: ModeArg) -> Self {
        match m {
            ModeArg::InPerson => Self::InPerson,
            ModeArg::Telehealth => Self::Telehealth,
            ModeArg::Referral => Self::Referral,
        }
    }
}

#[derive(Debug, Args)]
pub struct SlotsArgs {
    /// First local day, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: chrono::NaiveDate,
    /// Last local day, YYYY-MM-DD (inclusive).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: chrono::NaiveDate,
    /// Only this kind of visit (repeatable) [default: every kind].
    #[arg(long = "mode", value_enum, value_name = "MODE")]
    pub modes: Vec<ModeArg>,
    /// Only this provider (the desk's id, e.g. `nexhealth:12`; repeatable).
    #[arg(long = "provider", value_name = "ID")]
    pub providers: Vec<String>,
    /// Only this location (the desk's id, e.g. `nexhealth:1`; repeatable).
    #[arg(long = "location", value_name = "ID")]
    pub locations: Vec<String>,
    /// Only this appointment type (the desk's id, e.g. `nexhealth:7`).
    #[arg(long = "type", value_name = "ID")]
    pub appointment_type: Option<String>,
    /// The patient (desk id); referral slots are searched under their referral.
    #[arg(long, value_name = "ID")]
    pub patient: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BookArgs {
    /// A slot id as `frontdesk slots` prints it.
    #[arg(long, value_name = "ID")]
    pub slot: String,
    /// The desk's patient id (as `patients search` prints it).
    #[arg(long, value_name = "ID")]
    pub patient: String,
    /// Return once the vendor has accepted the booking, without waiting for its confirmation.
    #[arg(long)]
    pub no_wait: bool,
    /// Idempotency key: run again with the same key after a timeout and the first attempt is
    /// looked for instead of booking twice [default: a fresh one].
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// Telehealth: Zoom visit type (`follow_up`, `initial_consultation`, ...).
    #[arg(long, value_name = "TYPE")]
    pub visit_type: Option<String>,
    /// Telehealth: visit length in minutes [default: 30].
    #[arg(long, value_name = "MINUTES")]
    pub minutes: Option<u32>,
    /// Telehealth: the patient's consent to recording is on file (the visit is recorded).
    #[arg(long)]
    pub recording_consent: bool,
    /// Referral: the referral (id or number) [default: the patient's approved referral].
    #[arg(long, value_name = "ID")]
    pub referral: Option<String>,
    /// Referral: a patient attribute the provider service requires, `name=value` (repeatable).
    #[arg(long = "attribute", value_name = "NAME=VALUE")]
    pub attributes: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CancelArgs {
    /// The appointment's desk id (`nexhealth:123`, as `schedule` and `book` print it).
    pub appointment: String,
    /// The vendor's cancel reason id (WellHive) [default: the vendor's first reason].
    #[arg(long, value_name = "ID")]
    pub reason: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// Receive the vendors' webhooks into the cache until Ctrl+C, with a sync pass at start and
    /// every few minutes; prints one JSON line once listening.
    Serve(WebhooksServeArgs),
}

#[derive(Debug, Args)]
pub struct WebhooksServeArgs {
    /// Minutes between sync passes (0: webhooks only, no pass).
    #[arg(long, default_value_t = 5)]
    pub sync_every: u64,
}
