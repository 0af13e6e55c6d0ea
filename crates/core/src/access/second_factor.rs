//! The second factor: a TOTP authenticator (RFC 6238: SHA-1, six digits, 30-second steps, one
//! step of clock skew either way, which is what every phone authenticator speaks) and ten
//! one-use recovery codes for a lost phone. The secret is made here and kept by the store in the
//! encrypted cache; recovery codes are hashed like credentials. The QR code is drawn here as an
//! SVG, so enrolment needs no network and no image library. Nothing here does I/O.

use super::credential::{CredentialError, hash_unchecked};
use qrcodegen::{QrCode, QrCodeEcc};
use std::fmt::Write as _;
use totp_rs::{Algorithm, Secret, TOTP};

/// How many recovery codes an enrolment hands out.
pub const RECOVERY_CODES: usize = 10;
const STEP_SECS: u64 = 30;
const DIGITS: usize = 6;
const SKEW_STEPS: u64 = 1;
/// 160 bits, the HMAC-SHA1 block the RFC recommends.
const SECRET_BYTES: usize = 20;
const ISSUER: &str = "Frontdesk";
/// Recovery codes avoid letters that read alike (0/O, 1/I/L).
const RECOVERY_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecondFactorError {
    #[error("the authenticator secret is not usable")]
    Secret,
    #[error("the enrolment QR code could not be drawn")]
    Qr,
    #[error("a recovery code could not be hashed")]
    Hash,
}

impl From<CredentialError> for SecondFactorError {
    fn from(_: CredentialError) -> Self {
        SecondFactorError::Hash
    }
}

/// A fresh random secret, base32 (what the store keeps and the person may type by hand).
#[must_use]
pub fn new_secret() -> String {
    let bytes: [u8; SECRET_BYTES] = rand::random();
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret_base32: &str, account: &str) -> Result<TOTP, SecondFactorError> {
    let bytes = Secret::Encoded(secret_base32.to_owned())
        .to_bytes()
        .map_err(|_| SecondFactorError::Secret)?;
    // A colon would split the otpauth label; usernames cannot hold one, but be sure.
    let account = account.replace(':', "");
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        u8::try_from(SKEW_STEPS).unwrap_or(1),
        STEP_SECS,
        bytes,
        Some(ISSUER.to_owned()),
        account,
    )
    .map_err(|_| SecondFactorError::Secret)
}

/// The `otpauth://totp/...` URI an authenticator app reads from the QR code.
pub fn otpauth_uri(secret_base32: &str, account: &str) -> Result<String, SecondFactorError> {
    Ok(totp(secret_base32, account)?.get_url())
}

/// The QR code of `text` as a standalone SVG document (dark modules on white, quiet zone kept).
pub fn qr_svg(text: &str) -> Result<String, SecondFactorError> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).map_err(|_| SecondFactorError::Qr)?;
    let border = 4;
    let size = qr.size() + border * 2;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                let _ = write!(path, "M{},{}h1v1h-1z", x + border, y + border);
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// The 30-second step a code typed at `unix_secs` matches (within one step either way), or
/// `None`. The step lets the store refuse a code seen before (a replay).
#[must_use]
pub fn matching_step(secret_base32: &str, code: &str, unix_secs: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret_base32, "desk").ok()?;
    let now = unix_secs / STEP_SECS;
    let mut found = None;
    // Every candidate is computed and compared (no early return) so timing says nothing.
    for step in now.saturating_sub(SKEW_STEPS)..=now + SKEW_STEPS {
        let expected = totp.generate(step * STEP_SECS);
        if constant_eq(expected.as_bytes(), code.as_bytes()) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

/// The code an authenticator shows at `unix_secs` (tests and the demo's own checks).
pub fn code_at(secret_base32: &str, unix_secs: u64) -> Result<String, SecondFactorError> {
    Ok(totp(secret_base32, "desk")?.generate(unix_secs))
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether what was typed looks like a recovery code rather than an authenticator code.
#[must_use]
pub fn is_recovery_code(typed: &str) -> bool {
    normalise_recovery(typed).len() == 10
}

/// Recovery codes are compared without dashes, spaces or case.
#[must_use]
pub fn normalise_recovery(typed: &str) -> String {
    typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Ten fresh recovery codes as shown (`XXXXX-XXXXX`), with their Argon2id hashes to store.
pub fn new_recovery_codes() -> Result<Vec<(String, String)>, SecondFactorError> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let raw: String = (0..10)
                .map(|_| {
                    let i = usize::from(rand::random::<u8>()) % RECOVERY_ALPHABET.len();
                    char::from(RECOVERY_ALPHABET[i])
                })
                .collect();
            let shown = format!("{}-{}", &raw[..5], &raw[5..]);
            Ok((shown, hash_unchecked(&raw)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::verify_credential;

    /// RFC 6238 appendix B's SHA-1 seed ("12345678901234567890") in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_follow_rfc_6238_test_vectors() {
        // Appendix B lists eight digits; six are the last six of them.
        assert_eq!(code_at(RFC_SECRET, 59).unwrap(), "287082");
        assert_eq!(code_at(RFC_SECRET, 1_111_111_109).unwrap(), "081804");
        assert_eq!(code_at(RFC_SECRET, 1_234_567_890).unwrap(), "005924");
    }

    #[test]
    fn a_code_matches_its_step_and_one_either_side_only() {
        let secret = new_secret();
        let t = 1_700_000_000;
        let code = code_at(&secret, t).unwrap();
        assert_eq!(matching_step(&secret, &code, t), Some(t / 30));
        assert_eq!(matching_step(&secret, &code, t + 30), Some(t / 30));
        assert_eq!(matching_step(&secret, &code, t - 30), Some(t / 30));
        assert_eq!(matching_step(&secret, &code, t + 90), None);
        assert_eq!(matching_step(&secret, "12345", t), None);
        assert_eq!(matching_step(&secret, "abcdef", t), None);
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(matching_step(&secret, &spaced, t), Some(t / 30));
    }

    #[test]
    fn the_uri_and_qr_carry_the_secret_for_an_authenticator() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32, "160 bits in base32");
        let uri = otpauth_uri(&secret, "dr.lee").unwrap();
        assert!(uri.starts_with("otpauth://totp/Frontdesk:dr.lee?"), "{uri}");
        assert!(uri.contains(&format!("secret={secret}")));
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_stored_only_as_hashes() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let (shown, hash) = &codes[0];
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains(&normalise_recovery(shown)));
        assert!(verify_credential(&normalise_recovery(shown), hash));
        assert!(is_recovery_code(&shown.to_lowercase()));
        assert!(!is_recovery_code("123456"));
        let mut all: Vec<_> = codes.iter().map(|(s, _)| s.clone()).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), RECOVERY_CODES);
    }
}
