//! Staff credentials: what a PIN or password must look like, and its Argon2id hash (the PHC
//! string, salt and parameters included), which is all the store ever keeps. Recovery codes are
//! hashed the same way.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// The shortest PIN (digits only) the desk accepts.
pub const MIN_PIN_DIGITS: usize = 6;
/// The shortest password (anything but all digits) the desk accepts.
pub const MIN_PASSWORD_CHARS: usize = 10;
const MAX_CHARS: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    #[error(
        "a PIN needs at least {MIN_PIN_DIGITS} digits, a password at least {MIN_PASSWORD_CHARS} characters"
    )]
    TooShort,
    #[error("a PIN or password may have at most {MAX_CHARS} characters")]
    TooLong,
    #[error("a PIN must not be one digit repeated or a run like 123456")]
    Guessable,
    #[error("the credential could not be hashed")]
    Hash,
}

impl From<CredentialError> for crate::CoreError {
    fn from(error: CredentialError) -> Self {
        match error {
            CredentialError::Hash => crate::CoreError::Internal {
                message: error.to_string(),
            },
            other => crate::CoreError::invalid("credential", other.to_string()),
        }
    }
}

/// Refuses credentials a passer-by would guess first.
pub fn check_credential(secret: &str) -> Result<(), CredentialError> {
    let chars = secret.chars().count();
    if chars > MAX_CHARS {
        return Err(CredentialError::TooLong);
    }
    let digits: Vec<u32> = secret.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() == chars {
        if chars < MIN_PIN_DIGITS {
            return Err(CredentialError::TooShort);
        }
        let steps: Vec<i64> = digits
            .windows(2)
            .map(|w| i64::from(w[1]) - i64::from(w[0]))
            .collect();
        let run = |step: i64| steps.iter().all(|s| *s == step);
        if run(0) || run(1) || run(-1) {
            return Err(CredentialError::Guessable);
        }
    } else if chars < MIN_PASSWORD_CHARS {
        return Err(CredentialError::TooShort);
    }
    Ok(())
}

/// Checks `secret` and returns its Argon2id PHC string with a fresh random salt.
pub fn hash_credential(secret: &str) -> Result<String, CredentialError> {
    check_credential(secret)?;
    hash_unchecked(secret)
}

/// Hashes without the PIN rules (recovery codes, the timing decoy for unknown usernames).
pub fn hash_unchecked(secret: &str) -> Result<String, CredentialError> {
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|_| CredentialError::Hash)?;
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| CredentialError::Hash)
}

/// Whether `secret` matches the stored PHC string; a malformed hash matches nothing.
#[must_use]
pub fn verify_credential(secret: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &hash)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_and_passwords_have_minimums_and_no_obvious_runs() {
        assert_eq!(check_credential("12345"), Err(CredentialError::TooShort));
        assert_eq!(check_credential("111111"), Err(CredentialError::Guessable));
        assert_eq!(check_credential("123456"), Err(CredentialError::Guessable));
        assert_eq!(check_credential("987654"), Err(CredentialError::Guessable));
        assert_eq!(check_credential("short-pw"), Err(CredentialError::TooShort));
        assert_eq!(
            check_credential(&"x".repeat(129)),
            Err(CredentialError::TooLong)
        );
        assert!(check_credential("246810").is_ok());
        assert!(check_credential("correct horse").is_ok());
    }

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_only_its_secret() {
        let first = hash_credential("246810").unwrap();
        let second = hash_credential("246810").unwrap();
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(!first.contains("246810"));
        assert!(verify_credential("246810", &first));
        assert!(!verify_credential("246811", &first));
        assert!(!verify_credential("246810", "not a hash"));
    }
}
