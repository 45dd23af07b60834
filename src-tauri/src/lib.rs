//! The desktop shell: a Tauri window over [`sotay_app::App`]. Glue only — commands (generated
//! from sotay-app's table), state, plugins (single instance, window state, notifications), and
//! forwarding the app's events to the window. Nothing here reads or writes the store itself.

mod commands;
mod reminders;
mod state;

use sotay_app::{App, AppEvent};
use state::AppState;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tauri::{Emitter, Manager};

/// The event the UI listens to (`ui/src/lib/transport.ts`).
pub const EVENT: &str = "sotay://event";

/// Every command the window may call, as the build script declared them.
pub const DECLARED_COMMANDS: &str = env!("SOTAY_DESKTOP_COMMANDS");

/// The same store the `sotay` command line uses, unless `SOTAY_STORE` says otherwise.
fn store_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(sotay_app::paths::STORE_ENV) {
        return Some(PathBuf::from(p));
    }
    sotay_app::paths::default_store()
}

pub fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let demo = std::env::args().any(|a| a == "--demo");
    let Some(path) = store_path() else {
        eprintln!("error: no data directory for this user; set SOTAY_STORE");
        return ExitCode::from(4);
    };
    let result = tauri::Builder::default()
        // A second launch focuses the open window instead of opening the store twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .setup(move |tauri_app| {
            let handle = tauri_app.handle().clone();
            let events: sotay_app::Events = Arc::new(move |event: AppEvent| {
                if let Err(e) = handle.emit(EVENT, &event) {
                    tracing::warn!(error = %e, "cannot send an event to the window");
                }
            });
            let keyring = sotay_app::store_key::SystemKeyring;
            let launcher = sotay_app::Launcher::desktop(&path, events, &keyring, demo);
            if let Ok(app) = launcher.app() {
                if demo {
                    start_demo_if_fresh(&app);
                }
                reminders::spawn(tauri_app.handle().clone(), Arc::downgrade(&app));
            }
            tauri_app.manage(AppState { launcher });
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--demo`: a fresh store gets the demo cell before the window shows, so the first screen is
/// the handbook itself (the README's run command).
fn start_demo_if_fresh(app: &Arc<App>) {
    let fresh = app
        .app_status(sotay_app::views::NoArgs {})
        .map(|s| s.mode == sotay_app::views::Mode::Fresh)
        .unwrap_or(false);
    if fresh && let Err(e) = app.start_demo(sotay_app::views::NoArgs {}) {
        tracing::error!(error = %e, "cannot make the demo data");
    }
}
