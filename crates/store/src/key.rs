//! The cache key and where it lives. The key is 32 random bytes made on first run and kept in the
//! OS keychain, never on disk beside the cache; a `KeyProvider` port keeps the keychain out of
//! tests. The key is used in SQLCipher's raw-key form, so no passphrase KDF runs on every open.

use crate::error::StoreError;
use rand::RngCore;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Mutex;
use zeroize::Zeroizing;

/// A 256-bit SQLCipher key, wiped from memory when dropped and never printed.
pub struct CacheKey(Zeroizing<[u8; 32]>);

impl CacheKey {
    /// A fresh key from the operating system's CSPRNG (through `rand`'s thread RNG, seeded from it).
    #[must_use]
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(bytes.as_mut());
        Self(bytes)
    }

    /// Parses the 64-hex-digit form the keychain holds.
    pub fn from_hex(text: &str) -> Result<Self, StoreError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(text.trim(), bytes.as_mut()).map_err(|_| StoreError::Keychain {
            detail: "the stored cache key is not 64 hex digits".to_owned(),
        })?;
        Ok(Self(bytes))
    }

    #[must_use]
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0.as_ref()))
    }

    /// `PRAGMA key` in raw-key form: `x'<64 hex>'` in double quotes.
    pub(crate) fn pragma(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", self.to_hex().as_str()))
    }
}

impl fmt::Debug for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CacheKey(..)")
    }
}

impl Clone for CacheKey {
    fn clone(&self) -> Self {
        Self(Zeroizing::new(*self.0))
    }
}

/// Where cache keys are kept: the OS keychain in the app and the CLI, memory in tests.
/// `entry` names one cache (see [`key_entry_name`]).
pub trait KeyProvider: Send + Sync + fmt::Debug {
    /// The key stored under `entry`, `None` when there is none.
    fn load(&self, entry: &str) -> Result<Option<CacheKey>, StoreError>;
    fn save(&self, entry: &str, key: &CacheKey) -> Result<(), StoreError>;
}

/// The keychain service every Frontdesk secret is filed under.
pub const KEYCHAIN_SERVICE: &str = "frontdesk";

/// The keychain entry of the cache in `canonical_data_dir`: one key per data directory, so a
/// second profile or a test directory never reuses (or overwrites) another cache's key.
#[must_use]
pub fn key_entry_name(canonical_data_dir: &Path) -> String {
    format!("cache-key:{}", canonical_data_dir.display())
}

/// Keys in memory, for tests and throwaway caches.
#[derive(Debug, Default)]
pub struct MemoryKeyProvider {
    keys: Mutex<HashMap<String, CacheKey>>,
}

impl MemoryKeyProvider {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Every key currently held, for tests that open the file by hand.
    #[must_use]
    pub fn keys(&self) -> Vec<(String, CacheKey)> {
        self.lock()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Forgets or replaces a key, for wrong-key and missing-key tests.
    pub fn set(&self, entry: &str, key: Option<CacheKey>) {
        let mut keys = self.lock();
        match key {
            Some(key) => keys.insert(entry.to_owned(), key),
            None => keys.remove(entry),
        };
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CacheKey>> {
        // A poisoned map still holds valid keys; a panic elsewhere must not lock the desk out.
        self.keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl KeyProvider for MemoryKeyProvider {
    fn load(&self, entry: &str) -> Result<Option<CacheKey>, StoreError> {
        Ok(self.lock().get(entry).cloned())
    }

    fn save(&self, entry: &str, key: &CacheKey) -> Result<(), StoreError> {
        self.lock().insert(entry.to_owned(), key.clone());
        Ok(())
    }
}
