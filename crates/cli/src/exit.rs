//! The exit-code contract scripts rely on, and the one mapping from errors to it.

use frontdesk_core::{CoreError, ErrorKind};
use frontdesk_store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum ExitCode {
    Ok = 0,
    Other = 1,
    BadInput = 2,
    Unreachable = 3,
    LockedOrAuth = 4,
    Conflict = 5,
}

impl ExitCode {
    #[must_use]
    pub fn for_kind(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::Invalid | ErrorKind::NotFound => ExitCode::BadInput,
            ErrorKind::Offline | ErrorKind::Unavailable | ErrorKind::RateLimited => {
                ExitCode::Unreachable
            }
            ErrorKind::Locked | ErrorKind::Unauthorized | ErrorKind::Forbidden => {
                ExitCode::LockedOrAuth
            }
            ErrorKind::Conflict => ExitCode::Conflict,
            ErrorKind::Storage | ErrorKind::Internal => ExitCode::Other,
        }
    }
}

/// A failed command: what to print and how to exit.
#[derive(Debug)]
pub struct Failure {
    pub code: ExitCode,
    pub message: String,
    pub way_out: Option<String>,
}

impl Failure {
    pub fn new(code: ExitCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            way_out: None,
        }
    }
}

impl From<StoreError> for Failure {
    fn from(err: StoreError) -> Self {
        // The store knows which of its failures are about keys (exit 4) before they are
        // flattened into CoreError::Storage.
        let code = ExitCode::for_kind(err.kind());
        let way_out = err.way_out();
        Self {
            code,
            message: err.to_string(),
            way_out: (!way_out.is_empty()).then_some(way_out),
        }
    }
}

impl From<CoreError> for Failure {
    fn from(err: CoreError) -> Self {
        let way_out = match &err {
            CoreError::Storage { way_out, .. } => Some(way_out.clone()),
            _ => None,
        };
        Self {
            code: ExitCode::for_kind(err.kind()),
            message: err.to_string(),
            way_out,
        }
    }
}

impl From<frontdesk_core::config::ConfigError> for Failure {
    fn from(err: frontdesk_core::config::ConfigError) -> Self {
        // Every configuration problem is the admin's to fix: exit 2, with the file, line and
        // key already in the message.
        Self {
            code: ExitCode::BadInput,
            message: err.to_string(),
            way_out: Some(
                "Fix the configuration file (see crates/desk/config.example.toml).".to_owned(),
            ),
        }
    }
}

impl From<frontdesk_desk::DeskError> for Failure {
    fn from(err: frontdesk_desk::DeskError) -> Self {
        match err {
            frontdesk_desk::DeskError::Config(c) => c.into(),
            frontdesk_desk::DeskError::Store(s) => s.into(),
            other @ frontdesk_desk::DeskError::Client { .. } => CoreError::from(other).into(),
        }
    }
}

impl From<frontdesk_desk::demo::DemoError> for Failure {
    fn from(err: frontdesk_desk::demo::DemoError) -> Self {
        CoreError::from(err).into()
    }
}

impl From<frontdesk_desk::booking::BookError> for Failure {
    fn from(err: frontdesk_desk::booking::BookError) -> Self {
        match err {
            taken @ frontdesk_desk::booking::BookError::SlotTaken { .. } => {
                Failure::new(ExitCode::Conflict, taken.to_string())
            }
            frontdesk_desk::booking::BookError::Core(e) => e.into(),
        }
    }
}
