//! Access tokens the sandbox has issued, for every vendor: who holds them, which scopes, and
//! when they stop working (which a fault can make sooner than `expires_in` said).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rand::Rng;

use crate::state::lock;
use crate::vendors::Vendor;

#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub vendor: Vendor,
    pub scopes: Vec<String>,
    pub expires_at: Instant,
}

impl TokenInfo {
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    Missing,
    Invalid,
    Expired,
}

#[derive(Debug, Default)]
pub struct TokenStore {
    tokens: Mutex<HashMap<String, TokenInfo>>,
}

pub fn random_token(prefix: &str) -> String {
    let bytes: [u8; 24] = rand::rng().random();
    format!("{prefix}{}", hex::encode(bytes))
}

impl TokenStore {
    pub fn issue(
        &self,
        vendor: Vendor,
        prefix: &str,
        scopes: Vec<String>,
        lifetime: Duration,
    ) -> String {
        let token = random_token(prefix);
        lock(&self.tokens).insert(
            token.clone(),
            TokenInfo {
                vendor,
                scopes,
                expires_at: Instant::now() + lifetime,
            },
        );
        token
    }

    pub fn check(&self, vendor: Vendor, token: Option<&str>) -> Result<TokenInfo, TokenError> {
        let token = token.ok_or(TokenError::Missing)?;
        let tokens = lock(&self.tokens);
        let info = tokens
            .get(token)
            .filter(|t| t.vendor == vendor)
            .ok_or(TokenError::Invalid)?;
        if Instant::now() >= info.expires_at {
            return Err(TokenError::Expired);
        }
        Ok(info.clone())
    }

    /// Every token of a vendor stops working now (the "token expires early" fault).
    pub fn expire_all(&self, vendor: Vendor) {
        let now = Instant::now();
        for t in lock(&self.tokens)
            .values_mut()
            .filter(|t| t.vendor == vendor)
        {
            t.expires_at = now;
        }
    }
}
