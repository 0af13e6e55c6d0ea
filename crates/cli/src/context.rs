//! What every command needs before it starts: the data directory (flag, then environment, then
//! the config file, then the OS default) and the store opened with its key from the OS keychain.

use crate::cli::Cli;
use crate::exit::{ExitCode, Failure};
use frontdesk_store::{KeychainKeyProvider, Store};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Default, Deserialize)]
struct ConfigFile {
    data_dir: Option<PathBuf>,
}

pub fn data_dir(cli: &Cli) -> Result<PathBuf, Failure> {
    if let Some(dir) = &cli.data_dir {
        return Ok(dir.clone());
    }
    if let Some(path) = &cli.config {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::new(
                ExitCode::BadInput,
                format!("cannot read config {}: {e}", path.display()),
            )
        })?;
        let config: ConfigFile = toml::from_str(&text).map_err(|e| {
            Failure::new(
                ExitCode::BadInput,
                format!("config {}: {}", path.display(), e.message()),
            )
        })?;
        if let Some(dir) = config.data_dir {
            return Ok(dir);
        }
    }
    dirs::data_dir()
        .map(|d| d.join("frontdesk"))
        .ok_or_else(|| {
            Failure::new(
                ExitCode::BadInput,
                "no OS data directory: pass --data-dir or set FRONTDESK_DATA_DIR",
            )
        })
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
