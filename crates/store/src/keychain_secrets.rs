//! Vendor credentials in the OS keychain, as core's `SecretStore` port: the app and the CLI keep
//! client secrets, API keys, private keys and refresh tokens here, never in the config file. One
//! keychain entry per secret name (`cxone.client_secret`, ...), under the desk's service name.

use crate::key::KEYCHAIN_SERVICE;
use frontdesk_core::CoreError;
use frontdesk_core::ports::SecretStore;

/// Secrets in the OS keychain under service [`KEYCHAIN_SERVICE`].
#[derive(Debug, Default, Clone, Copy)]
pub struct KeychainSecrets;

fn entry(name: &str) -> Result<keyring::Entry, CoreError> {
    keyring::Entry::new(KEYCHAIN_SERVICE, name).map_err(|e| unavailable(&e))
}

fn unavailable(error: &keyring::Error) -> CoreError {
    // keyring's messages name the platform failure, never the secret itself.
    CoreError::Storage {
        message: format!("the OS keychain cannot be used: {error}"),
        way_out: "Unlock the keychain (sign in to the desktop session) and try again.".into(),
    }
}

impl SecretStore for KeychainSecrets {
    fn get(&self, name: &str) -> Result<Option<String>, CoreError> {
        match entry(name)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(&e)),
        }
    }

    fn set(&self, name: &str, value: &str) -> Result<(), CoreError> {
        entry(name)?
            .set_password(value)
            .map_err(|e| unavailable(&e))
    }

    fn delete(&self, name: &str) -> Result<(), CoreError> {
        match entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(&e)),
        }
    }
}
