//! How the window draws on a computer with no GPU. `WebKitGTK` composites pages through GL;
//! with no GPU that GL is Mesa's software rasteriser, which keeps a texture per composited layer
//! in the web process and draws every frame on the CPU. Front-desk PCs are often thin clients
//! and virtual desktops without a render node, and there the desk measured (`scripts/bench-app.sh`,
//! a 100k-patient cache) its web process at 227 megabytes with compositing and 129 without, for
//! the same board. So where the machine has no GPU the desk asks WebKit never to composite through
//! GL; with a GPU it leaves WebKit's default alone, and an IT admin who set
//! `WEBKIT_DISABLE_COMPOSITING_MODE` either way is obeyed, not second-guessed.

use std::path::Path;

/// Where Linux lists its GPUs' render nodes (`renderD128` and on).
const DRI_DIR: &str = "/dev/dri";
/// `WebKitGTK`'s own switch; when present the admin chose and the desk keeps out of it.
const WEBKIT_SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether the desk should turn GL compositing off: no render node under `dri_dir`, and no
/// explicit choice in the environment (`env` looks a variable up).
pub fn compositing_off(dri_dir: &Path, env: impl Fn(&str) -> Option<String>) -> bool {
    if env(WEBKIT_SWITCH).is_some() {
        return false;
    }
    let has_render_node = std::fs::read_dir(dri_dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    !has_render_node
}

/// Applies the choice to every window the app has opened (called from setup, before the first
/// page has drawn).
#[cfg(target_os = "linux")]
pub fn apply(app: &tauri::App) {
    use tauri::Manager;
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    if !compositing_off(Path::new(DRI_DIR), |name| std::env::var(name).ok()) {
        return;
    }
    tracing::info!("webview_compositing_off_no_gpu");
    for window in app.webview_windows().values() {
        let set = window.with_webview(|webview| {
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(error) = set {
            tracing::warn!(%error, "webview_compositing_unchanged");
        }
    }
}

/// Other platforms composite through their own system compositor; nothing to choose.
#[cfg(not(target_os = "linux"))]
pub fn apply(_app: &tauri::App) {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn should_turn_compositing_off_without_a_render_node() {
        let dir = tempfile::tempdir().unwrap();
        assert!(compositing_off(dir.path(), no_env));
        assert!(compositing_off(&dir.path().join("missing"), no_env));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(
            compositing_off(dir.path(), no_env),
            "a card without a render node is no GPU to render with"
        );
    }

    #[test]
    fn should_leave_webkit_alone_with_a_render_node() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(!compositing_off(dir.path(), no_env));
    }

    #[test]
    fn should_obey_an_admin_who_chose_either_way() {
        let dir = tempfile::tempdir().unwrap();
        for value in ["0", "1"] {
            let env = |name: &str| (name == WEBKIT_SWITCH).then(|| value.to_owned());
            assert!(!compositing_off(dir.path(), env));
        }
    }
}
