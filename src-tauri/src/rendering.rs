//! How the webview paints on a machine without a GPU.
//!
//! WebKitGTK paints pages with Skia on the GPU and puts the painted layers together (compositing)
//! with OpenGL. On a machine with no GPU (a virtual desktop, a thin client, a VM: common at front
//! desks) Mesa hands it llvmpipe, a GPU emulated on the CPU, for both. Measured on such a machine
//! (scripts/bench-app.sh, README "Start-up"):
//! - painting through llvmpipe cost the desk about twice the frame time and 25 MiB more than
//!   Skia's own CPU painting;
//! - compositing through llvmpipe, with the painting already on the CPU, still cost each first
//!   frame about 40 ms (the board's took 43 ms from one animation frame to the next, 13 ms
//!   without it) and competed with the PIN check for the two cores.
//!
//! So where the machine has no DRI render node the desk asks WebKit to paint on the CPU and to
//! draw the page without the GL compositor, each unless whoever launched it already chose that
//! setting either way. Machines with a GPU keep WebKit's defaults.

use std::ffi::OsString;
use std::path::Path;

/// WebKitGTK's switch for Skia CPU painting; its web process inherits it from the app.
pub const CPU_RENDERING_VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// WebKitGTK's switch that draws pages without accelerated (OpenGL) compositing.
pub const NO_COMPOSITING_VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// What the desk sets on a machine without a GPU, in the order it sets them.
pub const NO_GPU_SETTINGS: [&str; 2] = [CPU_RENDERING_VAR, NO_COMPOSITING_VAR];

/// Where Linux lists GPUs: a render node (`renderD128`, ...) per device a process may draw on.
#[cfg(target_os = "linux")]
const DRI_DIR: &str = "/dev/dri";

/// True when `dri_dir` lists a render node, i.e. Mesa has a real GPU to draw on.
pub fn has_render_node(dri_dir: &Path) -> bool {
    std::fs::read_dir(dri_dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// The [`NO_GPU_SETTINGS`] to make: none with a GPU; without one, each that `chosen` (the
/// environment as launched) does not already hold, whatever its value.
pub fn no_gpu_settings_to_make(
    has_gpu: bool,
    chosen: impl Fn(&str) -> Option<OsString>,
) -> Vec<&'static str> {
    if has_gpu {
        return Vec::new();
    }
    NO_GPU_SETTINGS
        .into_iter()
        .filter(|name| chosen(name).is_none())
        .collect()
}

/// Sets each of [`NO_GPU_SETTINGS`] to "1" for the webview when the machine has no GPU.
///
/// Must run before any other thread exists: `run` calls it first thing, from `main`.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn choose_webview_rendering() {
    let has_gpu = has_render_node(Path::new(DRI_DIR));
    let settings = no_gpu_settings_to_make(has_gpu, |name| std::env::var_os(name));
    for name in &settings {
        // SAFETY: called from `run` on the main thread before the Tauri builder, the tokio
        // runtime or GTK exist, so no other thread can be reading the environment.
        unsafe { std::env::set_var(name, "1") };
    }
    tracing::info!(has_gpu, set = ?settings, "webview_rendering");
}

/// Other platforms' webviews choose their own rendering.
#[cfg(not(target_os = "linux"))]
pub fn choose_webview_rendering() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_find_a_render_node_among_the_dri_devices() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("card0"), b"").expect("card");
        assert!(
            !has_render_node(dir.path()),
            "a card alone is not a render node"
        );
        std::fs::write(dir.path().join("renderD128"), b"").expect("render node");
        assert!(has_render_node(dir.path()));
    }

    #[test]
    fn should_see_no_gpu_where_there_is_no_dri_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(!has_render_node(&dir.path().join("dri")));
    }

    #[test]
    fn should_make_every_no_gpu_setting_without_a_gpu_and_without_a_choice() {
        assert_eq!(
            no_gpu_settings_to_make(false, |_| None),
            [CPU_RENDERING_VAR, NO_COMPOSITING_VAR]
        );
    }

    #[test]
    fn should_keep_whatever_the_launcher_chose() {
        let chose_painting = |name: &str| (name == CPU_RENDERING_VAR).then(|| OsString::from("0"));
        assert_eq!(
            no_gpu_settings_to_make(false, chose_painting),
            [NO_COMPOSITING_VAR]
        );
        let chose_both = |_: &str| Some(OsString::from("0"));
        assert!(no_gpu_settings_to_make(false, chose_both).is_empty());
    }

    #[test]
    fn should_leave_webkit_alone_on_a_machine_with_a_gpu() {
        assert!(no_gpu_settings_to_make(true, |_| None).is_empty());
    }
}
