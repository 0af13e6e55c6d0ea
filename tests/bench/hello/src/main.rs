//! A hello-world Tauri window: the smallest app the desk's start-up and memory are compared to.

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("hello-world could not start: {error}");
        std::process::exit(1);
    }
}
