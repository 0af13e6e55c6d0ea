//! How the webview paints on a machine without a GPU.
//!
//! WebKitGTK paints pages with Skia on the GPU. On a machine with no GPU (a virtual desktop, a
//! thin client, a VM: common at front desks) Mesa hands it llvmpipe, a GPU emulated on the CPU,
//! and painting through it costs the desk about twice the frame time and 25 MiB more than Skia's
//! own CPU painting (scripts/bench-app.sh, README "Start-up"). So where the machine has no DRI
//! render node the desk asks WebKit to paint on the CPU, unless whoever launched it already
//! chose either way by setting the variable. Machines with a GPU keep WebKit's default.

use std::ffi::OsStr;
use std::path::Path;

/// WebKitGTK's switch for Skia CPU painting; its web process inherits it from the app.
pub const CPU_RENDERING_VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

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

/// CPU painting is asked for only when nobody chose already and there is no GPU.
pub fn wants_cpu_rendering(already_chosen: Option<&OsStr>, has_gpu: bool) -> bool {
    already_chosen.is_none() && !has_gpu
}

/// Sets [`CPU_RENDERING_VAR`] for the webview when the machine has no GPU.
///
/// Must run before any other thread exists: `run` calls it first thing, from `main`.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn choose_webview_rendering() {
    let chosen = std::env::var_os(CPU_RENDERING_VAR);
    let has_gpu = has_render_node(Path::new(DRI_DIR));
    let cpu = wants_cpu_rendering(chosen.as_deref(), has_gpu);
    if cpu {
        // SAFETY: called from `run` on the main thread before the Tauri builder, the tokio
        // runtime or GTK exist, so no other thread can be reading the environment.
        unsafe { std::env::set_var(CPU_RENDERING_VAR, "1") };
    }
    tracing::info!(
        has_gpu,
        chosen = chosen.is_some(),
        cpu_painting = cpu,
        "webview_rendering"
    );
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
    fn should_ask_for_cpu_painting_only_without_a_gpu_and_without_a_choice() {
        assert!(wants_cpu_rendering(None, false));
        assert!(!wants_cpu_rendering(None, true));
        assert!(!wants_cpu_rendering(Some(OsStr::new("0")), false));
        assert!(!wants_cpu_rendering(Some(OsStr::new("1")), true));
    }
}
