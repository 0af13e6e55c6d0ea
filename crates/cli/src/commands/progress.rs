//! The sync's progress on stderr: one line, redrawn in place, only when stderr is a terminal
//! (a script's log gets the summary alone). It shows counts per vendor, never records.

use frontdesk_core::Vendor;
use frontdesk_core::contact::ConnectionState;
use frontdesk_core::sync::{Phase, SyncEvent};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use tokio::sync::mpsc::UnboundedReceiver;

/// Draws events until the sender side is dropped (the pass is over), then clears the line.
pub async fn show(mut events: UnboundedReceiver<SyncEvent>) {
    let tty = std::io::stderr().is_terminal();
    let mut latest: BTreeMap<Vendor, SyncEvent> = BTreeMap::new();
    while let Some(event) = events.recv().await {
        if !tty {
            continue;
        }
        latest.insert(event.vendor, event);
        let parts: Vec<String> = latest.values().map(describe).collect();
        let mut err = std::io::stderr().lock();
        // \r + "erase line": redraw in place rather than scroll.
        let _ = write!(err, "\r\x1b[2K{}", parts.join("  "));
        let _ = err.flush();
    }
    if tty && !latest.is_empty() {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

fn describe(e: &SyncEvent) -> String {
    let phase = match e.phase {
        Phase::Started => "starting",
        Phase::Practice => "practice",
        Phase::Patients => "patients",
        Phase::Appointments => "appointments",
        Phase::Finished => match e.state {
            ConnectionState::Ok => "done",
            ConnectionState::Offline => "offline",
            ConnectionState::NeedsAuth => "needs sign-in",
            _ => "failed",
        },
    };
    let spinner = if e.phase == Phase::Finished {
        "✓"
    } else {
        "…"
    };
    format!("{} {spinner} {phase} {}", e.vendor.key(), e.items)
}
