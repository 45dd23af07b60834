//! One Tauri command per entry of sotay-app's command table, generated from that table so the two
//! cannot differ. Each runs its blocking store work on Tauri's blocking pool, off the main thread.

use crate::state::AppState;
use sotay_app::views::*;
use sotay_app::{AppError, ErrorKind};

fn join_error(e: tauri::Error) -> AppError {
    AppError::new(ErrorKind::Internal, e.to_string())
}

macro_rules! tauri_commands {
    ($( $(#[doc = $doc:literal])* $name:ident($args:ty) -> $out:ty = $(@$via:ident)? $op:path; )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(state: tauri::State<'_, AppState>, args: $args) -> Result<$out, AppError> {
                let app = state.launcher.app()?;
                tauri::async_runtime::spawn_blocking(move || app.$name(args))
                    .await
                    .map_err(join_error)?
            }
        )*

        /// The handler for every command, the launcher's with them.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name,)* unlock_store]
        }
    };
}

sotay_app::for_each_command!(tauri_commands);

/// Opens the encrypted store with its passphrase (`sotay_app::Launcher::unlock`); once it is
/// open, the reminders start as they do for a store opened at start.
#[tauri::command]
pub async fn unlock_store<R: tauri::Runtime>(
    handle: tauri::AppHandle<R>,
    state: tauri::State<'_, AppState>,
    args: sotay_app::UnlockArgs,
) -> Result<AppStatus, AppError> {
    use tauri::Manager;
    let app = handle.clone();
    let was_open = state.launcher.app().is_ok();
    let status = tauri::async_runtime::spawn_blocking(move || {
        app.state::<AppState>().launcher.unlock_store(args)
    })
    .await
    .map_err(join_error)??;
    if !was_open && let Ok(app) = state.launcher.app() {
        crate::reminders::spawn(handle, std::sync::Arc::downgrade(&app));
    }
    Ok(status)
}
