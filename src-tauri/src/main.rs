//! Jiedu desktop app: the Tauri shell. It wires the core, store, render and import crates to
//! the UI and holds no business rules of its own; each command is a thin call into them.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod connection;
#[cfg(test)]
mod core_fixtures;
mod embedded_ui;
mod error;
#[cfg(test)]
mod ipc_types;
mod live;
mod state;

use state::AppState;
use tauri::{DragDropEvent, Manager, WindowEvent};

/// WebKitGTK's DMA-BUF renderer keeps about 100 MiB of extra buffers in the web process
/// (measured by scripts/measure-app.sh: 221 → 119 MiB PSS) and is the usual cause of blank
/// windows on some GPU drivers; a forms-and-documents UI gains nothing from it. Set before GTK
/// starts, and only when the user has not chosen otherwise.
fn prefer_shared_memory_rendering() {
    const VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
    if std::env::var_os(VAR).is_none() {
        std::env::set_var(VAR, "1");
    }
}

fn main() {
    let _ = commands::startup::STARTED.set(std::time::Instant::now());
    // Only the binary expands the macro, never the test build of this crate: two expansions
    // compiling at once can embed a half-written UI file (embedded_ui.rs).
    #[cfg(not(test))]
    run(tauri::generate_context!());
}

/// Checks the embedded UI, then runs the app; with `--check-ui`, only checks and exits, so
/// that a build can be proven whole without a display.
#[cfg_attr(test, allow(dead_code))]
fn run(context: tauri::Context) {
    let check_only = std::env::args_os().skip(1).any(|a| a == "--check-ui");
    let checking = std::time::Instant::now();
    let verified = embedded_ui::verify(context.assets());
    if std::env::var_os("JIEDU_STARTUP_TRACE").is_some() {
        eprintln!("jiedu-ui-check-us {}", checking.elapsed().as_micros());
    }
    match verified {
        Ok(files) if check_only => {
            println!("界面文件完整 the embedded UI matches ui/dist as built: {files} files");
            return;
        }
        Ok(_) => {}
        Err(problems) => {
            eprint!("{}", embedded_ui::report(&problems));
            std::process::exit(3);
        }
    }
    prefer_shared_memory_rendering();
    let result = tauri::Builder::default()
        .setup(|app| {
            let bundled = app
                .path()
                .resource_dir()
                .ok()
                .map(|dir| dir.join("resources"));
            let state = tauri::async_runtime::block_on(AppState::open(bundled))?;
            let backend = tauri::async_runtime::block_on(state.backend());
            live::start(app.handle().clone(), backend, state.live_generation.clone());
            app.manage(state);
            Ok(())
        })
        .register_asynchronous_uri_scheme_protocol(
            commands::media::SCHEME,
            |ctx, request, responder| {
                let app = ctx.app_handle().clone();
                tauri::async_runtime::spawn(async move {
                    let backend = app.state::<AppState>().backend().await;
                    responder.respond(commands::media::serve(backend, request).await);
                });
            },
        )
        .on_window_event(|window, event| {
            // Files dropped on the window are the only ones import may read.
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                if let Some(state) = window.try_state::<AppState>() {
                    state.accept_dropped(paths);
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::list_accounts,
            commands::session::sign_in,
            commands::session::sign_out,
            commands::session::current_user,
            commands::session::connection_info,
            commands::session::connect_server,
            commands::session::use_local,
            commands::packs::list_packs,
            commands::packs::search_packs,
            commands::packs::get_pack,
            commands::packs::check_pack,
            commands::packs::check_content,
            commands::packs::save_pack,
            commands::packs::save_draft,
            commands::packs::discard_draft,
            commands::packs::create_pack,
            commands::charts::chart_preview,
            commands::charts::paste_chart_data,
            commands::workflow::submit_pack,
            commands::workflow::return_pack,
            commands::workflow::list_comments,
            commands::workflow::resolve_comment,
            commands::workflow::review_disclosure,
            commands::workflow::diff_against_current,
            commands::workflow::sign_pack,
            commands::workflow::deploy_pack,
            commands::workflow::diff_since_review,
            commands::workflow::list_revisions,
            commands::export::export_pdf,
            commands::export::export_ofd,
            commands::export::preview_pdf,
            commands::export::export_kit,
            commands::export::cancel_export,
            commands::export::output_folder,
            commands::export::open_output_folder,
            commands::audit::pack_audit,
            commands::audit::verify_audit,
            commands::people::list_people,
            commands::import::import_pasted,
            commands::import::import_dropped,
            commands::startup::ui_ready,
            commands::publication::pack_deadlines_today,
            commands::publication::export_portal,
            commands::publication::list_concerns,
            commands::publication::add_concern,
            commands::publication::respond_concern,
            commands::publication::annual_figures,
            commands::publication::calendar_years,
            commands::publication::import_calendar,
            commands::publication::unit_settings,
            commands::publication::set_unit_settings,
            commands::media::media_upload_begin,
            commands::media::media_upload_chunk,
            commands::media::media_upload_finish,
            commands::media::media_upload_cancel,
            commands::media::add_dropped_media,
        ])
        .build(context);
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
                tauri::async_runtime::block_on(state.local.clone().close());
            }
        }
    });
}
