//! Where the key of an encrypted store comes from, for the desktop app and the command line alike:
//! a passphrase given as `SOTAY_PASSPHRASE` (scripts, tests, a machine without a keyring), else a
//! random key kept in the operating system's keyring (Secret Service on Linux) under the store's
//! path. A passphrase is never kept anywhere; a keyring key never leaves the keyring but to open
//! the store.

use sotay_store::{Opener, StoreError, StoreKey};
use std::path::{Path, PathBuf};

/// The environment variable that gives a store's passphrase.
pub const PASSPHRASE_ENV: &str = "SOTAY_PASSPHRASE";

/// The keyring's service name for store keys; each entry's user is the store's absolute path.
const SERVICE: &str = "vn.sotay.store";

/// The passphrase `SOTAY_PASSPHRASE` gives, as a key: `None` when it is unset or empty. A store
/// that does not exist yet is refused a passphrase shorter than
/// [`sotay_store::MIN_PASSPHRASE_CHARS`]; an existing one is simply opened with it (or not).
pub fn from_environment(path: &Path) -> Result<Option<StoreKey>, StoreError> {
    let Some(passphrase) = std::env::var(PASSPHRASE_ENV).ok().filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let passphrase = zeroize::Zeroizing::new(passphrase);
    if path.exists() {
        StoreKey::from_passphrase(&passphrase).map(Some)
    } else {
        StoreKey::new_passphrase(&passphrase).map(Some)
    }
}

/// `opener` given its store's key as the command line finds it: the passphrase, else — only when
/// the store is encrypted — the keyring's. A plain store never asks the keyring, so a script's
/// command costs no call to it.
pub fn command_line(opener: Opener) -> Result<Opener, StoreError> {
    if let Some(key) = from_environment(opener.path())? {
        return Ok(opener.with_key(Some(key)));
    }
    if opener.needs_key() {
        let key = from_keyring(opener.path());
        return Ok(opener.with_key(key));
    }
    Ok(opener)
}

/// Where the desktop keeps store keys: the system's keyring, or none (tests, a machine without a
/// Secret Service).
pub trait Keyring {
    /// The key kept for the store at `path`.
    fn key(&self, path: &Path) -> Option<StoreKey>;
    /// A new random key for the store at `path`, kept; `None` when it cannot be kept.
    fn new_key(&self, path: &Path) -> Option<StoreKey>;
}

/// The operating system's keyring.
#[derive(Debug, Clone, Copy)]
pub struct SystemKeyring;

impl Keyring for SystemKeyring {
    fn key(&self, path: &Path) -> Option<StoreKey> {
        from_keyring(path)
    }
    fn new_key(&self, path: &Path) -> Option<StoreKey> {
        new_in_keyring(path)
    }
}

/// No keyring at all.
#[derive(Debug, Clone, Copy)]
pub struct NoKeyring;

impl Keyring for NoKeyring {
    fn key(&self, _: &Path) -> Option<StoreKey> {
        None
    }
    fn new_key(&self, _: &Path) -> Option<StoreKey> {
        None
    }
}

/// How the desktop app can open its store at start.
#[derive(Debug)]
pub enum Start {
    /// With this opener (and its key, if any).
    Open(Opener),
    /// Only once the person gives a passphrase: `new` to choose one for a store not made yet,
    /// else the passphrase of the encrypted store there.
    Ask { new: bool },
}

/// The desktop app's start for the store at `path`: the passphrase `SOTAY_PASSPHRASE` gives; else
/// the keyring's key; else an encrypted store waits for its passphrase; else a new key in the
/// keyring, so the store is encrypted from its first write (a plain one in place). Without a
/// keyring a new store waits for a passphrase to be chosen, and a plain one opens as it is.
pub fn desktop(path: &Path, keyring: &dyn Keyring) -> Result<Start, StoreError> {
    let opener = Opener::at(path);
    if let Some(key) = from_environment(path)? {
        return Ok(Start::Open(opener.with_key(Some(key))));
    }
    if let Some(key) = keyring.key(path) {
        return Ok(Start::Open(opener.with_key(Some(key))));
    }
    if opener.needs_key() {
        return Ok(Start::Ask { new: false });
    }
    match keyring.new_key(path) {
        Some(key) => Ok(Start::Open(opener.with_key(Some(key)))),
        None if !path.exists() => Ok(Start::Ask { new: true }),
        None => Ok(Start::Open(opener)),
    }
}

/// The keyring's key for the store at `path`, if it keeps one.
pub fn from_keyring(path: &Path) -> Option<StoreKey> {
    let entry = entry(path)?;
    match entry.get_password() {
        Ok(text) => {
            let key = StoreKey::from_hex(&text);
            if key.is_none() {
                tracing::warn!(store = %path.display(), "the keyring's entry for the store is not a key");
            }
            key
        }
        Err(keyring::Error::NoEntry) => None,
        Err(e) => {
            tracing::info!(error = %e, "no keyring to read the store's key from");
            None
        }
    }
}

/// A new random key for the store at `path`, kept in the keyring: `None` when there is no keyring
/// that would keep it (the key is then never used, or the store could not be opened again).
pub fn new_in_keyring(path: &Path) -> Option<StoreKey> {
    let entry = entry(path)?;
    let key = StoreKey::random().ok()?;
    let text = key.to_hex()?;
    if let Err(e) = entry.set_password(&text) {
        tracing::info!(error = %e, "no keyring to keep the store's key in");
        return None;
    }
    // Read back: a keyring that accepts a secret but cannot give it back must not be trusted
    // with the only key of the store.
    match entry.get_password() {
        Ok(back) if back == *text => Some(key),
        _ => {
            let _ = entry.delete_credential();
            None
        }
    }
}

/// Forgets the keyring's key of the store at `path` (its file erased or gone).
pub fn forget(path: &Path) {
    if let Some(entry) = entry(path) {
        let _ = entry.delete_credential();
    }
}

fn entry(path: &Path) -> Option<keyring::Entry> {
    let user = absolute(path);
    keyring::Entry::new(SERVICE, &user.to_string_lossy())
        .inspect_err(|e| tracing::info!(error = %e, "no keyring"))
        .ok()
}

/// The store's path as the keyring names it: absolute, its folder's links resolved, so that
/// `./sotay.db` and its full path are one entry.
fn absolute(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (std::fs::canonicalize(dir), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_owned(),
    }
}
