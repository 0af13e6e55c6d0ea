//! The only place the desk reads the process environment and the OS directories: where the
//! configuration file and the cache are, and secrets given as `FRONTDESK_<VENDOR>_<NAME>` for
//! headless runs.

use frontdesk_core::config::secrets::EnvOverKeychain;
use frontdesk_core::config::{CONFIG_ENV, Config, ConfigError, LocationSource};
use frontdesk_core::ports::SecretStore;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The configuration file: `explicit`, else `$FRONTDESK_CONFIG`, else
/// `<OS config dir>/frontdesk/config.toml`.
pub fn config_path(explicit: Option<&Path>) -> Result<(PathBuf, LocationSource), ConfigError> {
    let env = std::env::var(CONFIG_ENV).ok();
    frontdesk_core::config::config_path(explicit, env.as_deref(), dirs::config_dir().as_deref())
}

/// Finds and reads the configuration file by the rules of [`config_path`].
pub fn load_config(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let (path, _) = config_path(explicit)?;
    Config::load(&path)
}

/// Where the cache lives by default: `<OS data dir>/frontdesk`.
#[must_use]
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("frontdesk"))
}

/// `keychain`, with environment variables taking precedence for automation.
pub fn secrets_with_env(keychain: Arc<dyn SecretStore>) -> Arc<dyn SecretStore> {
    Arc::new(EnvOverKeychain::new(
        Box::new(|name: &str| std::env::var(name).ok()),
        keychain,
    ))
}
