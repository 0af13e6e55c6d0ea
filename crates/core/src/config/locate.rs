//! Where the configuration file is: given explicitly, else named by `FRONTDESK_CONFIG`, else
//! `<OS config dir>/frontdesk/config.toml`. The environment and the OS directory are passed in
//! so this stays a pure function the CLI, the app and tests share.

use crate::config::ConfigError;
use std::path::{Path, PathBuf};

/// The environment variable that names the configuration file for headless runs.
pub const CONFIG_ENV: &str = "FRONTDESK_CONFIG";

/// Which rule found the file (shown by `frontdesk config path`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationSource {
    Explicit,
    Environment,
    OsConfigDir,
}

/// Resolves the file from an explicit path, the value of `FRONTDESK_CONFIG`, and the OS
/// configuration directory, in that order. Empty values count as absent.
pub fn config_path(
    explicit: Option<&Path>,
    env_value: Option<&str>,
    os_config_dir: Option<&Path>,
) -> Result<(PathBuf, LocationSource), ConfigError> {
    if let Some(p) = explicit.filter(|p| !p.as_os_str().is_empty()) {
        return Ok((p.to_path_buf(), LocationSource::Explicit));
    }
    if let Some(v) = env_value.map(str::trim).filter(|v| !v.is_empty()) {
        return Ok((PathBuf::from(v), LocationSource::Environment));
    }
    os_config_dir
        .map(|d| {
            (
                d.join("frontdesk").join("config.toml"),
                LocationSource::OsConfigDir,
            )
        })
        .ok_or(ConfigError::NoLocation)
}
