//! The background sync: per vendor, a first full pass and then incremental ones, all vendors
//! at once, each page written to the cache together with the cursor that follows it so an
//! interrupted pass resumes where it stopped. It reports progress for the UI and the CLI and
//! keeps each vendor's connection state, so one vendor being down is a status, not an outage.
//! The engine only knows ports: the vendor clients' `PracticeDirectory`, `PatientDirectory`
//! and `AppointmentFeed`, and a [`SyncSink`] (the store, in `frontdesk-desk`).

mod clock;
mod cursor;
mod engine;
mod ports;
mod progress;
mod status;
mod streams;

#[cfg(test)]
mod tests;

pub use clock::{Clock, SystemClock};
pub use cursor::StreamCursor;
pub use engine::{SyncEngine, SyncOptions, SyncReport, VendorReport};
pub use ports::{
    Batch, PatientLookup, PracticeSnapshot, Probe, Records, Stream, SyncSink, VendorSources,
};
pub(crate) use progress::count;
pub use progress::{Phase, Progress, SyncEvent, progress_channel};
pub use status::{StatusBoard, state_for};
