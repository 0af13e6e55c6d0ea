//! Tauri's build step for the hello-world baseline.

fn main() {
    tauri_build::build();
}
