//! `frontdesk`: the desk's core without a window, for a practice's IT admin and for scripts
//! (demo, sync, schedule, patient search, audit verification and export).

fn main() {
    std::process::exit(frontdesk_cli::run());
}
