//! The OS keychain as a `KeyProvider` (macOS Keychain, Windows Credential Manager, the Secret
//! Service on Linux), through the `keyring` crate. Which backend is compiled in is the
//! application's choice, made with `keyring`'s features in its own manifest.

use crate::error::StoreError;
use crate::key::{CacheKey, KEYCHAIN_SERVICE, KeyProvider};

/// Cache keys in the OS keychain under service [`KEYCHAIN_SERVICE`].
#[derive(Debug, Default, Clone, Copy)]
pub struct KeychainKeyProvider;

impl KeychainKeyProvider {
    fn entry(entry: &str) -> Result<keyring::Entry, StoreError> {
        keyring::Entry::new(KEYCHAIN_SERVICE, entry).map_err(|e| keychain_error(&e))
    }
}

impl KeyProvider for KeychainKeyProvider {
    fn load(&self, entry: &str) -> Result<Option<CacheKey>, StoreError> {
        match Self::entry(entry)?.get_password() {
            Ok(hex) => CacheKey::from_hex(&hex).map(Some),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(&e)),
        }
    }

    fn save(&self, entry: &str, key: &CacheKey) -> Result<(), StoreError> {
        Self::entry(entry)?
            .set_password(key.to_hex().as_str())
            .map_err(|e| keychain_error(&e))
    }
}

fn keychain_error(err: &keyring::Error) -> StoreError {
    // keyring's messages name the platform failure, never the secret.
    StoreError::Keychain {
        detail: err.to_string(),
    }
}
