//! Tauri's build step. The config and capabilities live at the repository root and in
//! `src-tauri/capabilities`, not beside this file, so both paths are spelled out.

fn main() {
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        // Build scripts report failure by panicking; the message is all cargo shows.
        panic!("tauri build step failed: {error:#}");
    }
}
