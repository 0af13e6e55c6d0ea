//! Reading credentials from core's `SecretStore` straight into `secrecy` types, at the moment
//! they are needed (so a rotated secret is picked up on the next token fetch), with an error
//! that names the missing secret and never its value.

use crate::http::AuthError;
use frontdesk_core::ports::SecretStore;
use secrecy::SecretString;

pub fn require(store: &dyn SecretStore, name: &str) -> Result<SecretString, AuthError> {
    match store.get(name).map_err(AuthError::SecretStore)? {
        Some(v) if !v.is_empty() => Ok(SecretString::from(v)),
        _ => Err(AuthError::MissingSecret {
            name: name.to_owned(),
        }),
    }
}

pub fn optional(store: &dyn SecretStore, name: &str) -> Result<Option<SecretString>, AuthError> {
    Ok(store
        .get(name)
        .map_err(AuthError::SecretStore)?
        .filter(|v| !v.is_empty())
        .map(SecretString::from))
}

/// An in-memory `SecretStore` for tests, the sandbox demo and the CLI's `--insecure-memory`.
#[derive(Debug, Default)]
pub struct MemorySecrets {
    map: std::sync::Mutex<std::collections::HashMap<String, String>>,
}

impl MemorySecrets {
    #[must_use]
    pub fn with(pairs: &[(&str, &str)]) -> Self {
        let s = Self::default();
        for (k, v) in pairs {
            let _ = s.set(k, v);
        }
        s
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, name: &str) -> Result<Option<String>, frontdesk_core::CoreError> {
        Ok(self
            .map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(name)
            .cloned())
    }

    fn set(&self, name: &str, value: &str) -> Result<(), frontdesk_core::CoreError> {
        self.map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(name.to_owned(), value.to_owned());
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), frontdesk_core::CoreError> {
        self.map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(name);
        Ok(())
    }
}
