//! Bearer tokens: fetched by a vendor-specific `TokenFetcher`, cached until shortly before
//! they expire, and replaced once when the vendor refuses one (a 401). Concurrent callers share
//! one fetch, and a 401 on an already-replaced token does not trigger a second fetch.

use crate::http::error::AuthError;
use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// A bearer token and when to stop using it.
#[derive(Debug, Clone)]
pub struct AccessToken {
    pub secret: SecretString,
    pub expires_at: Instant,
}

impl AccessToken {
    #[must_use]
    pub fn new(secret: SecretString, lifetime: Duration) -> Self {
        Self {
            secret,
            expires_at: Instant::now() + lifetime,
        }
    }
}

/// How one vendor gets a fresh token.
#[async_trait]
pub trait TokenFetcher: Send + Sync {
    async fn fetch(&self) -> Result<AccessToken, AuthError>;
}

/// What the pipeline asks for before each authenticated call.
#[async_trait]
pub trait Authenticator: Send + Sync {
    /// A valid bearer token, from cache when it has some life left.
    async fn bearer(&self) -> Result<SecretString, AuthError>;
    /// The vendor refused `rejected`: a different token, fetched fresh unless another caller
    /// already replaced it.
    async fn replace(&self, rejected: &SecretString) -> Result<SecretString, AuthError>;
}

/// Caches one token for a `TokenFetcher`.
pub struct TokenCache<F> {
    fetcher: F,
    slot: Mutex<Option<AccessToken>>,
    /// Refresh this long before the vendor's expiry, so a token never dies mid-request.
    skew: Duration,
}

impl<F> std::fmt::Debug for TokenCache<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("skew", &self.skew)
            .finish_non_exhaustive()
    }
}

impl<F: TokenFetcher> TokenCache<F> {
    pub fn new(fetcher: F) -> Self {
        Self {
            fetcher,
            slot: Mutex::new(None),
            skew: Duration::from_mins(1),
        }
    }

    pub fn fetcher(&self) -> &F {
        &self.fetcher
    }

    /// Puts a token obtained outside `fetch` (an interactive sign-in) in the cache.
    pub async fn seed(&self, token: AccessToken) {
        *self.slot.lock().await = Some(token);
    }

    /// Forgets the cached token (sign-out, credentials changed).
    pub async fn clear(&self) {
        *self.slot.lock().await = None;
    }
}

#[async_trait]
impl<F: TokenFetcher> Authenticator for TokenCache<F> {
    async fn bearer(&self) -> Result<SecretString, AuthError> {
        let mut slot = self.slot.lock().await;
        if let Some(token) = slot.as_ref()
            && token.expires_at > Instant::now() + self.skew
        {
            return Ok(token.secret.clone());
        }
        let fresh = self.fetcher.fetch().await?;
        let secret = fresh.secret.clone();
        *slot = Some(fresh);
        Ok(secret)
    }

    async fn replace(&self, rejected: &SecretString) -> Result<SecretString, AuthError> {
        let mut slot = self.slot.lock().await;
        if let Some(token) = slot.as_ref() {
            let same = token.secret.expose_secret() == rejected.expose_secret();
            if !same && token.expires_at > Instant::now() + self.skew {
                return Ok(token.secret.clone());
            }
        }
        let fresh = self.fetcher.fetch().await?;
        let secret = fresh.secret.clone();
        *slot = Some(fresh);
        Ok(secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    struct Counting(AtomicU32, Duration);

    #[async_trait]
    impl TokenFetcher for Counting {
        async fn fetch(&self) -> Result<AccessToken, AuthError> {
            let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(AccessToken::new(
                SecretString::from(format!("t{n}")),
                self.1,
            ))
        }
    }

    #[tokio::test]
    async fn caches_until_near_expiry_then_refetches() {
        let cache = TokenCache::new(Counting(AtomicU32::new(0), Duration::from_hours(1)));
        assert_eq!(cache.bearer().await.unwrap().expose_secret(), "t1");
        assert_eq!(cache.bearer().await.unwrap().expose_secret(), "t1");
        let short = TokenCache::new(Counting(AtomicU32::new(0), Duration::from_secs(30)));
        assert_eq!(short.bearer().await.unwrap().expose_secret(), "t1");
        assert_eq!(
            short.bearer().await.unwrap().expose_secret(),
            "t2",
            "inside the skew"
        );
    }

    #[tokio::test]
    async fn replace_fetches_once_for_the_same_rejected_token() {
        let cache = TokenCache::new(Counting(AtomicU32::new(0), Duration::from_hours(1)));
        let first = cache.bearer().await.unwrap();
        let second = cache.replace(&first).await.unwrap();
        assert_eq!(second.expose_secret(), "t2");
        let again = cache.replace(&first).await.unwrap();
        assert_eq!(
            again.expose_secret(),
            "t2",
            "already replaced by another caller"
        );
    }
}
