//! Where Sotay keeps its files on this computer: one answer for the desktop app, the command line
//! and `sotay serve`.

use std::path::PathBuf;

/// The environment variable that points the desktop app (and `sotay --store`) at another store.
pub const STORE_ENV: &str = "SOTAY_STORE";

/// This user's Sotay folder (`~/.local/share/sotay` on Linux); `None` when the system names no
/// home for data.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "Sotay", "sotay").map(|d| d.data_dir().to_owned())
}

/// The store the desktop app and the command line share by default.
pub fn default_store() -> Option<PathBuf> {
    data_dir().map(|d| d.join("sotay.db"))
}

/// Where `sotay serve` keeps an embedded server's database by default.
pub fn default_server_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("server"))
}

/// The environment variable that points exports (the minutes' PDF) at another folder.
pub const EXPORTS_ENV: &str = "SOTAY_EXPORTS";

/// Where the app writes the files it exports: `$SOTAY_EXPORTS`, else `Documents/Sotay`, else the
/// data folder's `exports`.
pub fn exports_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(EXPORTS_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::UserDirs::new()
        .and_then(|d| d.document_dir().map(|p| p.join("Sotay")))
        .or_else(|| data_dir().map(|d| d.join("exports")))
}
