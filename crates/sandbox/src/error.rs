//! The one error type of the library's public API: what can go wrong while starting the
//! sandbox or driving it from a test.

use std::io;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("could not bind a loopback port for {what}: {source}")]
    Bind {
        what: &'static str,
        source: io::Error,
    },
    #[error("could not write the demo key file {path}: {source}")]
    KeyFile { path: String, source: io::Error },
    #[error("could not create the state directory: {0}")]
    StateDir(io::Error),
    #[error("the demo keys embedded in the sandbox are unreadable: {0}")]
    Keys(#[from] jsonwebtoken::errors::Error),
    #[error("invalid option: {0}")]
    InvalidOption(String),
    #[error("not found: {0}")]
    NotFound(String),
}
