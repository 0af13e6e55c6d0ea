//! The desktop binary: hands control to the app library so the same builder is testable.

// Without this a console window opens beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    frontdesk_app::run();
}
