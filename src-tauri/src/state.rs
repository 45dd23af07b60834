//! What Tauri manages for the commands: the app, shared by every window and the background
//! threads.

use sotay_app::App;
use std::sync::Arc;

#[derive(Debug)]
pub struct AppState {
    pub app: Arc<App>,
}
