//! What the desktop app does, without its window.
//!
//! [`App`] owns the local store, knows who uses the device, runs the background sync and answers
//! the commands the UI calls ([`commands`]). The Tauri shell (`src-tauri`) and the development
//! bridge (`sotay ui-bridge`, which serves the UI to a browser for tests) are thin adapters over
//! it: neither holds logic of its own, so what the browser tests exercise is what the desktop
//! window runs.
//!
//! Every command takes one argument struct and returns a view or an [`AppError`] (`{kind,
//! message}`); [`bindings::typescript`] mirrors them all in TypeScript.

pub mod admin;
mod app;
pub mod attachments;
pub mod bindings;
pub mod commands;
pub mod committee;
pub mod cx;
mod error;
pub mod exported;
pub mod exports;
pub mod home;
mod keys;
pub mod launcher;
pub mod library;
pub mod meetings;
pub mod members;
pub mod notices;
pub mod paths;
pub mod read;
pub mod reports;
pub mod session;
pub mod setup;
pub mod store_key;
pub mod sync;
pub mod tasks;
pub mod views;

pub use app::{App, Events, Now};
pub use cx::Cx;
pub use error::AppError;
pub use home::reminders::Reminder;
pub use launcher::{LAUNCHER_COMMANDS, Launcher, UnlockArgs};
pub use session::Session;
pub use sotay_core::ErrorKind;
pub use views::AppEvent;

/// The Content-Security-Policy the desktop window runs under; the development bridge sends the
/// same header so the browser tests run under it too (a test in `src-tauri` checks
/// `tauri.conf.json` says the same). Nothing is inline, nothing comes from elsewhere; the only
/// connections are Tauri's IPC (and, from the bridge, its own origin).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; font-src 'self'; \
    connect-src 'self' ipc: http://ipc.localhost; object-src 'none'; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";
