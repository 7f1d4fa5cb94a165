//! A bare Tauri 2 window (a one-line page, no commands, no database): the baseline that
//! scripts/measure-app.sh compares the app's start-up and memory against, in the same run.
//! It loads its page from `tauri://localhost`, as the app does, so that WebKit starts the same
//! web and network processes for it.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare window failed: {e}");
        std::process::exit(2);
    }
}
