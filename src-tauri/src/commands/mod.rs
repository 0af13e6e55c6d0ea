//! The typed commands the UI invokes, one file per domain. Each is a thin shim: it takes the
//! managed state, calls into core or the store, and maps failure into `AppError` once.

pub mod app;
