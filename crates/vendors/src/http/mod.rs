//! What every vendor client shares: one pooled rustls client for them all, the call pipeline
//! (rate gate, auth header, retry, response check, tracing), typed errors and paging. Vendor
//! modules only describe their endpoints and payloads on top of it.

pub mod auth;
pub mod call;
pub mod decode;
pub mod error;
pub mod oauth;
pub mod paging;
mod pool;
pub mod rate;
pub mod retry;
pub mod sensitive;
pub mod settings;
pub mod transport;

pub use auth::{AccessToken, Authenticator, TokenCache, TokenFetcher};
pub use call::{Body, Call};
pub use error::{AuthError, ErrorBody, HttpError, RawBody};
pub use rate::{RateBudget, RateGate};
pub use retry::RetryPolicy;
pub use sensitive::Sensitive;
pub use settings::HttpSettings;
pub use transport::{Reply, VendorHttp};
