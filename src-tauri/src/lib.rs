//! The desktop shell: plugins, managed state and the typed command surface, and nothing more.
//! Domain logic lives in `frontdesk-core`; this crate wires it to a window.

pub mod access;
pub mod ccd;
pub mod commands;
pub mod error;
pub mod events;
pub mod join_link;
pub mod launch;
pub mod practice;
pub mod rendering;
pub mod reveal;
pub mod state;

use state::AppState;
use tauri::Manager;
use tauri_specta::{Builder, ErrorHandlingMode, collect_commands, collect_events};

/// The one description of every command and event the UI may use. The app mounts it and the
/// bindings test exports it, so the TypeScript the UI compiles against is exactly this.
#[must_use]
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .error_handling(ErrorHandlingMode::Result)
        .commands(collect_commands![
            commands::app::app_info,
            commands::app::vendor_statuses,
            commands::app::open_demo_practice,
            commands::app::sync_now,
            commands::patients::search_patients,
            commands::patients::patient_card,
            commands::vendor_search::search_vendor_patients,
            commands::records::refresh_patient_card,
            commands::schedule::locations,
            commands::schedule::providers,
            commands::schedule::day_board,
            commands::printing::record_day_sheet_print,
            commands::clinician::provider_day,
            commands::telehealth::join_visit,
            commands::webhooks::webhook_receiver_status,
            commands::webhooks::webhook_subscriptions,
            commands::webhooks::register_webhooks,
            commands::webhooks::remove_webhook_subscription,
            commands::connections::connection_settings,
            commands::connections::save_practice_settings,
            commands::connections::save_vendor_settings,
            commands::connections::test_vendor_connection,
            commands::connections::sign_in_nextech,
            commands::booking::search_slots,
            commands::booking::book_slot,
            commands::booking::reschedule_appointment,
            commands::booking::missing_booking_attributes,
            commands::booking::patient_referrals,
            commands::booking::cancel_reasons,
            commands::booking::cancel_appointment,
            commands::booking::appointment_status,
            commands::booking::schedule_callback,
            commands::booking::quota_counts,
            commands::ivr::ivr_templates,
            commands::ivr::create_ivr_flow,
            commands::availability::zoom_availability,
            commands::availability::set_zoom_availability,
            commands::availability::nexhealth_availabilities,
            commands::availability::create_nexhealth_availability,
            commands::availability::deactivate_nexhealth_availability,
            commands::appointment_types::nexhealth_appointment_types,
            commands::appointment_types::create_appointment_type,
            commands::zoom_patients::ensure_zoom_patient,
            commands::zoom_patients::resend_invitation,
            commands::zoom_patients::waiting_room,
            commands::zoom_patients::admit_waiting_patient,
            commands::zoom_patients::notify_waiting_patient,
            commands::access::session_status,
            commands::access::create_first_admin,
            commands::access::sign_in,
            commands::access::lock_session,
            commands::access::sign_out,
            commands::access::touch_session,
            commands::staff::list_staff,
            commands::staff::create_staff,
            commands::staff::update_staff,
            commands::staff::reset_staff_credential,
            commands::staff::set_idle_lock_minutes,
            commands::second_factor::verify_second_factor,
            commands::second_factor::confirm_second_factor,
            commands::second_factor::cancel_second_factor,
            commands::second_factor::second_factor_settings,
            commands::second_factor::set_second_factor_roles,
            commands::second_factor::reset_second_factor,
            commands::audit::audit_log,
            commands::audit::audit_verify,
            commands::audit::export_audit,
            commands::retention::retention_window,
            commands::retention::set_retention_window,
            commands::retention::purge_now,
        ])
        .events(collect_events![
            events::VendorStatusChanged,
            events::SyncProgressed,
            events::AppointmentSettled,
            access::events::SessionLocked
        ])
}

/// Starts the app; returns only when the last window closes.
pub fn run() {
    init_tracing();
    // Before anything starts a thread: it may set an environment variable (rendering.rs).
    rendering::choose_webview_rendering();
    let args: Vec<String> = std::env::args().collect();
    let launch = launch::LaunchOptions::parse(&args, |name| std::env::var(name).ok());
    let builder = specta_builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        // Used by the backend alone (the audit export's save dialog): no webview permission.
        .plugin(tauri_plugin_dialog::init())
        // Every command passes the role and lock check first (access/policy.rs).
        .invoke_handler(access::guard::guarded(builder.invoke_handler()))
        // The window is created hidden and shown with its loaded page (reveal.rs).
        .on_page_load(reveal::on_page_load)
        .setup(move |app| {
            builder.mount_events(app);
            reveal::reveal_at_the_latest(app.handle());
            let data_dir = launch
                .data_dir
                .clone()
                // The same default as the CLI, so `frontdesk schedule` reads this desk's cache.
                .or_else(frontdesk_desk::default_data_dir)
                .ok_or("no data directory: pass --data-dir or set FRONTDESK_DATA_DIR")?;
            create_private_dir(&data_dir)?;
            // One app per data directory, held until exit (access/instance.rs).
            app.manage(access::instance::claim(&data_dir)?);
            tracing::info!("app_started");
            let actor = state::desk_actor();
            let connection = practice::initial(
                app.handle(),
                &data_dir,
                &actor,
                launch.demo,
                launch.config.as_deref(),
            );
            app.manage(
                AppState::new(data_dir, &actor, connection)
                    .with_idle_cap(access::idle_cap_from_args(&args)),
            );
            let state = app.state::<AppState>();
            access::demo::seed_demo_staff(&state);
            access::load_idle_limit(&state);
            access::watch::spawn(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "app_failed");
        eprintln!("Frontdesk could not start: {error}");
        std::process::exit(1);
    }
}

/// Logs go to stderr as structured events; `RUST_LOG` tunes them. Nothing here ever formats
/// patient data: events carry vendors, ids, counts and timings only.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A second init (tests) is harmless; ignore it.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// The data directory holds the encrypted cache; other users of the machine have no business
/// listing it.
fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod bindings_tests;
