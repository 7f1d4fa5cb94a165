//! Jiedu desktop app: the Tauri shell. It wires the core, store and UI together and holds no
//! business rules of its own; each command is a thin call into the library crates.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod state;

use state::AppState;
use tauri::Manager;

fn main() {
    let result = tauri::Builder::default()
        .setup(|app| {
            let state = tauri::async_runtime::block_on(AppState::open())?;
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::packs::list_packs,
            commands::packs::check_pack,
        ])
        .build(tauri::generate_context!());
    let app = match result {
        Ok(app) => app,
        Err(e) => {
            eprintln!("错误：无法启动 Jiedu。\nError: Jiedu could not start: {e}");
            std::process::exit(2);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            // Closing the pool checkpoints the WAL into the database file.
            if let Some(state) = handle.try_state::<AppState>() {
                tauri::async_runtime::block_on(state.store.clone().close());
            }
        }
    });
}
