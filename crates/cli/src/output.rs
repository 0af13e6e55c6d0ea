//! Printing: JSON for scripts (the serde form of the same core types the UI receives) and short
//! text for people. Errors go to stderr with their way out.

use crate::exit::Failure;
use serde::Serialize;
use std::io::Write;

pub fn json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| {
        Failure::new(
            crate::exit::ExitCode::Other,
            format!("could not write JSON: {e}"),
        )
    })?;
    line(&text)
}

pub fn line(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        // The reader went away (`frontdesk schedule | head`): what it wanted, it has.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        other => other,
    }
    .map_err(|e| {
        Failure::new(
            crate::exit::ExitCode::Other,
            format!("could not write output: {e}"),
        )
    })
}

pub fn error(failure: &Failure) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "frontdesk: {}", failure.message);
    if let Some(way_out) = &failure.way_out {
        let _ = writeln!(err, "  what to do: {way_out}");
    }
}
