//! WAL checkpoints off the hot path. Every search appends an audit row, so the WAL grows with
//! typing; left to SQLite's auto-checkpoint, the unlucky keystroke that crosses the threshold
//! pays for copying pages back and an fsync (milliseconds, the whole p99). A background thread
//! with its own connection checkpoints passively instead, never blocking readers or the writer.

use crate::error::StoreError;
use crate::key::CacheKey;
use crate::open;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// Checkpoint once the WAL holds this many pages (SQLite's own default threshold).
const WAL_PAGES: i64 = 1000;
const TICK: Duration = Duration::from_millis(250);

#[derive(Debug)]
pub(crate) struct Checkpointer {
    // Dropping the sender wakes the thread at once and tells it to stop.
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    pub(crate) fn start(path: &Path, key: &CacheKey) -> Result<Self, StoreError> {
        let conn = open::connect(path, key, false)?;
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("frontdesk-checkpoint".to_owned())
            .spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(TICK) {
                    // (busy, wal pages, checkpointed pages); a failure is retried next tick.
                    let outcome = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, i64>(1)?,
                            r.get::<_, i64>(2)?,
                        ))
                    });
                    if let Err(err) = outcome {
                        tracing::warn!(error = %err, "cache_checkpoint_failed");
                    }
                }
            })
            .map_err(|source| StoreError::Io {
                path: path.to_owned(),
                source,
            })?;
        Ok(Self {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The writer leaves checkpoints to the thread, except as a backstop when the WAL grows far
/// beyond the threshold (the thread stalled), so it can never grow without bound.
pub(crate) fn writer_pragmas() -> String {
    format!("PRAGMA wal_autocheckpoint = {};", WAL_PAGES * 20)
}
