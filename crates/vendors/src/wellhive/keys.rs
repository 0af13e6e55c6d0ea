//! The WellHive signing key, from PEM (PKCS#8 or PKCS#1 RSA, PKCS#8 EC) or from a private JWK
//! (what the doc's key generator produces). jsonwebtoken 9 signs only from PEM/DER, so a JWK
//! is turned into DER here: PKCS#1 `RSAPrivateKey` for RSA, PKCS#8 for P-256.

use crate::http::AuthError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey};
use serde::Deserialize;

/// The assertion algorithms the desk supports (the doc's list includes these two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum SigningAlgorithm {
    RS256,
    ES256,
}

impl SigningAlgorithm {
    #[must_use]
    pub fn jwt(self) -> Algorithm {
        match self {
            SigningAlgorithm::RS256 => Algorithm::RS256,
            SigningAlgorithm::ES256 => Algorithm::ES256,
        }
    }
}

#[derive(Deserialize)]
struct Jwk {
    kty: String,
    #[serde(default)]
    crv: Option<String>,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    e: Option<String>,
    #[serde(default)]
    d: Option<String>,
    #[serde(default)]
    p: Option<String>,
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    dp: Option<String>,
    #[serde(default)]
    dq: Option<String>,
    #[serde(default)]
    qi: Option<String>,
    #[serde(default)]
    x: Option<String>,
    #[serde(default)]
    y: Option<String>,
}

/// A loaded key and the `kid` to put in the JWT header, if the JWK named one.
pub struct SigningKey {
    pub key: EncodingKey,
    pub kid: Option<String>,
}

opaque_debug!(SigningKey);

fn key_err(what: &str) -> AuthError {
    AuthError::Key(what.to_owned())
}

/// Loads `text` (PEM or JWK JSON, or a JWKS with one key) for `alg`.
pub fn load(text: &str, alg: SigningAlgorithm) -> Result<SigningKey, AuthError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return from_jwk(trimmed, alg);
    }
    let key = match alg {
        SigningAlgorithm::RS256 => EncodingKey::from_rsa_pem(text.as_bytes()),
        SigningAlgorithm::ES256 => EncodingKey::from_ec_pem(text.as_bytes()),
    }
    .map_err(|_| key_err("the PEM key does not match the configured algorithm"))?;
    Ok(SigningKey { key, kid: None })
}

fn from_jwk(json: &str, alg: SigningAlgorithm) -> Result<SigningKey, AuthError> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrSet {
        Set { keys: Vec<Jwk> },
        One(Box<Jwk>),
    }
    let jwk = match serde_json::from_str::<OneOrSet>(json)
        .map_err(|_| key_err("the JWK does not parse"))?
    {
        OneOrSet::One(k) => *k,
        OneOrSet::Set { keys } => keys
            .into_iter()
            .find(|k| k.d.is_some())
            .ok_or_else(|| key_err("the JWKS holds no private key"))?,
    };
    let b = |v: &Option<String>, name: &str| -> Result<Vec<u8>, AuthError> {
        let s = v
            .as_deref()
            .ok_or_else(|| AuthError::Key(format!("the JWK lacks `{name}`")))?;
        URL_SAFE_NO_PAD
            .decode(s.trim_end_matches('='))
            .map_err(|_| AuthError::Key(format!("the JWK member `{name}` is not base64url")))
    };
    let key = match (alg, jwk.kty.as_str()) {
        (SigningAlgorithm::RS256, "RSA") => {
            let parts = [
                vec![0u8],
                b(&jwk.n, "n")?,
                b(&jwk.e, "e")?,
                b(&jwk.d, "d")?,
                b(&jwk.p, "p")?,
                b(&jwk.q, "q")?,
                b(&jwk.dp, "dp")?,
                b(&jwk.dq, "dq")?,
                b(&jwk.qi, "qi")?,
            ];
            let body: Vec<u8> = parts.iter().flat_map(|p| der_integer(p)).collect();
            EncodingKey::from_rsa_der(&der(0x30, &body))
        }
        (SigningAlgorithm::ES256, "EC") => {
            if jwk.crv.as_deref() != Some("P-256") {
                return Err(key_err("ES256 needs a P-256 key"));
            }
            let (d, x, y) = (b(&jwk.d, "d")?, b(&jwk.x, "x")?, b(&jwk.y, "y")?);
            if d.len() != 32 || x.len() != 32 || y.len() != 32 {
                return Err(key_err("a P-256 JWK has 32-byte members"));
            }
            EncodingKey::from_ec_der(&p256_pkcs8(&d, &x, &y))
        }
        _ => {
            return Err(key_err(
                "the JWK type does not match the configured algorithm",
            ));
        }
    };
    Ok(SigningKey { key, kid: jwk.kid })
}

fn der_len(len: usize) -> Vec<u8> {
    if len < 0x80 {
        // Lengths below 128 are one byte in DER.
        return vec![u8::try_from(len).unwrap_or(0)];
    }
    let bytes: Vec<u8> = len
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    let mut out = vec![0x80 | u8::try_from(bytes.len()).unwrap_or(0)];
    out.extend(bytes);
    out
}

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    out.extend(der_len(content.len()));
    out.extend_from_slice(content);
    out
}

/// A DER INTEGER from unsigned big-endian bytes.
fn der_integer(bytes: &[u8]) -> Vec<u8> {
    let trimmed: &[u8] = {
        let first = bytes
            .iter()
            .position(|b| *b != 0)
            .unwrap_or(bytes.len().saturating_sub(1));
        &bytes[first.min(bytes.len().saturating_sub(1))..]
    };
    let mut content = Vec::with_capacity(trimmed.len() + 1);
    if trimmed.first().is_some_and(|b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(trimmed);
    if content.is_empty() {
        content.push(0);
    }
    der(0x02, &content)
}

/// PKCS#8 `PrivateKeyInfo` wrapping a SEC1 `ECPrivateKey` for P-256, public key included.
fn p256_pkcs8(d: &[u8], x: &[u8], y: &[u8]) -> Vec<u8> {
    const EC_PUBLIC_KEY: &[u8] = &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    const PRIME256V1: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    let mut point = vec![0x00, 0x04];
    point.extend_from_slice(x);
    point.extend_from_slice(y);
    let mut ec = der(0x02, &[1]);
    ec.extend(der(0x04, d));
    ec.extend(der(0xa1, &der(0x03, &point)));
    let ec_private_key = der(0x30, &ec);
    let mut algo = EC_PUBLIC_KEY.to_vec();
    algo.extend_from_slice(PRIME256V1);
    let mut info = der(0x02, &[0]);
    info.extend(der(0x30, &algo));
    info.extend(der(0x04, &ec_private_key));
    der(0x30, &info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_integers_are_minimal_and_positive() {
        assert_eq!(der_integer(&[0]), vec![2, 1, 0]);
        assert_eq!(der_integer(&[0, 0, 5]), vec![2, 1, 5]);
        assert_eq!(der_integer(&[0x80]), vec![2, 2, 0, 0x80]);
        assert_eq!(der_len(200), vec![0x81, 200]);
        assert_eq!(der_len(300), vec![0x82, 1, 44]);
    }

    #[test]
    fn p256_pkcs8_has_the_fixed_layout() {
        let der = p256_pkcs8(&[1; 32], &[2; 32], &[3; 32]);
        assert_eq!(der.len(), 138);
        assert_eq!(&der[..3], &[0x30, 0x81, 0x87]);
    }
}
