//! What Tauri manages for the commands: the app, shared by every window and the background
//! threads.

use sotay_app::{App, AppError};
use std::sync::Arc;

#[derive(Debug)]
pub struct AppState {
    /// The app, or why its store could not be opened (damaged, not a store, from a newer
    /// Sotay). The window opens either way: every command then answers with that error, which
    /// the UI shows in the member's language with what to do, instead of the window never
    /// appearing.
    pub app: Result<Arc<App>, AppError>,
}
