//! Shows the main window once its page has loaded, rather than the moment it is created.
//!
//! Drawing a page without WebKit's GL compositor (rendering.rs, on machines without a GPU), the
//! start-up benchmark saw 3 to 5 of every 10 launches begin loading the page about 600 ms after
//! the app's setup instead of about 120. The fixed delay points to the window's first draw
//! waiting on the app's main thread for the web process to paint at the window's size, while the
//! web process, still starting, waits on that same thread for the page's files, until WebKitGTK
//! gives up after half a second (inferred from the timings, not read in WebKit's source). A
//! window shown after its page has loaded has painted contents to draw, and no launch has been
//! delayed since. Should the page never finish loading, the window is shown anyway
//! after [`REVEAL_FALLBACK`], so nobody is left with an app and no window.

use std::time::Duration;
use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{AppHandle, Manager, Runtime, Webview};

/// The window `tauri.conf.json` creates, hidden.
pub const MAIN_WINDOW: &str = "main";

/// How long a window may stay hidden when its page does not finish loading.
pub const REVEAL_FALLBACK: Duration = Duration::from_secs(3);

/// The builder's page-load hook: a finished load shows the page's window.
pub fn on_page_load<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() == PageLoadEvent::Finished {
        shown(webview.window().show());
    }
}

/// Shows the main window after [`REVEAL_FALLBACK`] whatever its page did (a no-op if shown).
pub fn reveal_at_the_latest<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(REVEAL_FALLBACK).await;
        if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
            shown(window.show());
        }
    });
}

fn shown(result: tauri::Result<()>) {
    if let Err(error) = result {
        tracing::warn!(%error, "window_show_failed");
    }
}
