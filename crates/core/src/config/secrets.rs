//! Names of the secrets each vendor needs, and a `SecretStore` that lets environment variables
//! (`FRONTDESK_CXONE_CLIENT_SECRET` for `cxone.client_secret`) stand in for the keychain in
//! headless automation. The environment is passed in as a function so core reads none itself.

use crate::error::CoreError;
use crate::ports::SecretStore;
use std::sync::Arc;

pub const CXONE_CLIENT_SECRET: &str = "cxone.client_secret";
pub const ZOOM_CLIENT_SECRET: &str = "zoom.client_secret";
pub const NEXTECH_REFRESH_TOKEN: &str = "nextech.refresh_token";
pub const NEXHEALTH_API_KEY: &str = "nexhealth.api_key";
pub const WELLHIVE_PRIVATE_KEY: &str = "wellhive.private_key";

/// `cxone.client_secret` -> `FRONTDESK_CXONE_CLIENT_SECRET`.
#[must_use]
pub fn env_var_name(secret: &str) -> String {
    let body: String = secret
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("FRONTDESK_{body}")
}

/// Reads one environment variable (the caller decides where the environment comes from).
pub type EnvLookup = dyn Fn(&str) -> Option<String> + Send + Sync;

/// The environment first, then the keychain. Writes and deletes go to the keychain only: the
/// environment is the automation's, not the desk's.
pub struct EnvOverKeychain {
    env: Box<EnvLookup>,
    keychain: Arc<dyn SecretStore>,
}

impl EnvOverKeychain {
    pub fn new(env: Box<EnvLookup>, keychain: Arc<dyn SecretStore>) -> Self {
        Self { env, keychain }
    }
}

impl std::fmt::Debug for EnvOverKeychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnvOverKeychain").finish_non_exhaustive()
    }
}

impl SecretStore for EnvOverKeychain {
    fn get(&self, name: &str) -> Result<Option<String>, CoreError> {
        if let Some(v) = (self.env)(&env_var_name(name)).filter(|v| !v.is_empty()) {
            return Ok(Some(v));
        }
        self.keychain.get(name)
    }

    fn set(&self, name: &str, value: &str) -> Result<(), CoreError> {
        self.keychain.set(name, value)
    }

    fn delete(&self, name: &str) -> Result<(), CoreError> {
        self.keychain.delete(name)
    }
}
