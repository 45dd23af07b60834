//! What Tauri manages for the commands: the launcher holding the app, shared by every window and
//! the background threads.

use sotay_app::Launcher;

#[derive(Debug)]
pub struct AppState {
    /// The app once its store is open, or why it is not (waiting for a passphrase, damaged, not a
    /// store, from a newer Sotay). The window opens either way: every command then answers with
    /// that, which the UI shows in the member's language with what to do, instead of the window
    /// never appearing.
    pub launcher: Launcher,
}
