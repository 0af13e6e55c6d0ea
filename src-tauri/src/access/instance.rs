//! One app per data directory: a second Frontdesk on the same cache would run a second sync and
//! a second session whose lock and audit actor the first knows nothing about. The first instance
//! holds an exclusive lock on a file in the data directory for its whole life; the OS releases it
//! when the process ends, however it ends, so a crash never leaves the desk locked out. (The
//! single-instance plugin keys on the app's identifier over D-Bus instead, which would also
//! refuse a second desk on another data directory and ties start-up to the session bus.)

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

const LOCK_FILE: &str = "frontdesk.lock";
/// How long a new instance waits for an old one that is still shutting down.
const GRACE: Duration = Duration::from_secs(5);

/// Why this instance may not start.
#[derive(Debug, thiserror::Error)]
pub enum InstanceError {
    #[error("Frontdesk is already running on {0}: use the open window")]
    AlreadyRunning(String),
    #[error("the instance lock in {path} cannot be used: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The held lock; dropping it (at exit) lets the next instance start.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
}

/// Claims the data directory for this process, waiting `GRACE` for a previous one to exit.
pub fn claim(data_dir: &Path) -> Result<InstanceLock, InstanceError> {
    claim_within(data_dir, GRACE)
}

fn claim_within(data_dir: &Path, grace: Duration) -> Result<InstanceLock, InstanceError> {
    let path = data_dir.join(LOCK_FILE);
    let io = |source| InstanceError::Io {
        path: data_dir.display().to_string(),
        source,
    };
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&path).map_err(io)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(InstanceLock { _file: file }),
            Err(TryLockError::WouldBlock) if started.elapsed() < grace => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(InstanceError::AlreadyRunning(
                    data_dir.display().to_string(),
                ));
            }
            Err(TryLockError::Error(error)) => return Err(io(error)),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_second_claim_on_the_same_directory_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        let first = claim_within(dir.path(), Duration::ZERO).unwrap();
        assert!(matches!(
            claim_within(dir.path(), Duration::from_millis(300)),
            Err(InstanceError::AlreadyRunning(_))
        ));
        assert!(
            claim_within(other.path(), Duration::ZERO).is_ok(),
            "another data directory is another desk"
        );
        drop(first);
        assert!(claim_within(dir.path(), Duration::ZERO).is_ok());
    }
}
