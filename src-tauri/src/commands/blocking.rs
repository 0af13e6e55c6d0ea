//! The store is synchronous (SQLite); commands run its calls on tokio's blocking pool so a
//! slow disk never stalls the webview's IPC thread.

use crate::error::AppError;

/// Runs `work` on the blocking pool and flattens a panicked or cancelled task into an
/// `Internal` error the UI can show.
pub async fn run<T, F>(work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, AppError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|join| {
            tracing::error!(error = %join, "blocking_task_failed");
            AppError::Internal {
                message: "a background task stopped unexpectedly".into(),
            }
        })?
}
