//! What every command needs before it starts: the data directory (flag, then
//! `FRONTDESK_DATA_DIR`, then the OS data directory), the configuration file (flag, then
//! `FRONTDESK_CONFIG`, then the OS config directory), the secrets (environment over keychain),
//! the store opened with its key from the OS keychain, and an async runtime for the commands
//! that talk to vendors.

use crate::cli::Cli;
use crate::exit::{ExitCode, Failure};
use frontdesk_core::config::Config;
use frontdesk_core::ports::SecretStore;
use frontdesk_store::{KeychainKeyProvider, KeychainSecrets, Store};
use std::path::PathBuf;
use std::sync::Arc;

pub fn data_dir(cli: &Cli) -> Result<PathBuf, Failure> {
    // clap already folded FRONTDESK_DATA_DIR into the flag.
    if let Some(dir) = cli.data_dir.as_ref().filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir.clone());
    }
    frontdesk_desk::default_data_dir().ok_or_else(|| {
        Failure::new(
            ExitCode::BadInput,
            "no OS data directory: pass --data-dir or set FRONTDESK_DATA_DIR",
        )
    })
}

/// The checked configuration; a bad file names its path, line and key (exit 2).
pub fn config(cli: &Cli) -> Result<Config, Failure> {
    Ok(frontdesk_desk::load_config(cli.config.as_deref())?)
}

/// The configuration if there is one: commands that read only the cache still run without.
/// A file that exists but is wrong is still an error.
pub fn config_if_present(cli: &Cli) -> Result<Option<Config>, Failure> {
    let (path, _) = frontdesk_desk::config_path(cli.config.as_deref())?;
    if cli.config.is_none() && !path.exists() {
        return Ok(None);
    }
    config(cli).map(Some)
}

/// Vendor credentials: `FRONTDESK_<VENDOR>_<NAME>` variables first, then the OS keychain.
pub fn secrets() -> Arc<dyn SecretStore> {
    frontdesk_desk::secrets_with_env(Arc::new(KeychainSecrets))
}

/// Who the audit log records for CLI actions.
pub fn actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".to_owned());
    format!("cli:{user}")
}

pub fn open_store(cli: &Cli) -> Result<Store, Failure> {
    let dir = data_dir(cli)?;
    Ok(Store::open(&dir, &KeychainKeyProvider, &actor())?)
}

/// A small runtime: the CLI runs one command, and the machine may be a two-core front-desk PC.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::new(
                ExitCode::Other,
                format!("could not start the async runtime: {e}"),
            )
        })
}
