//! What the desktop window and the development bridge hold before and after the store opens: the
//! [`App`], or why it is not open — waiting for the passphrase of an encrypted store (or for one
//! to be chosen for a new store, where there is no keyring), or an error every command answers
//! with (damaged, not a store, from a newer Sotay). `unlock_store` is the one command that runs
//! before the app exists.

use crate::app::{App, Events, Now};
use crate::error::{AppError, Result};
use crate::store_key::{self, Keyring, Start};
use serde::Deserialize;
use sotay_core::ErrorKind;
use sotay_store::{Opener, StoreKey};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use ts_rs::TS;

/// The commands the launcher answers itself, beside the app's table (the shells declare them).
pub const LAUNCHER_COMMANDS: &[&str] = &["unlock_store"];

/// The passphrase of the store, given at start.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct UnlockArgs {
    pub passphrase: String,
}

#[derive(Debug)]
enum Slot {
    Open(Arc<App>),
    /// Waiting for a passphrase: `new` when one is to be chosen.
    Waiting {
        new: bool,
    },
    Failed(AppError),
}

/// The app, once its store is open.
pub struct Launcher {
    path: PathBuf,
    events: Events,
    now: Now,
    slot: RwLock<Slot>,
}

impl std::fmt::Debug for Launcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Launcher")
            .field("path", &self.path)
            .field("slot", &self.slot)
            .finish_non_exhaustive()
    }
}

impl Launcher {
    /// The desktop's start: the key from `SOTAY_PASSPHRASE` or `keyring`, or a wait for a
    /// passphrase ([`store_key::desktop`]). `demo`: a new store without a keyring opens plain, as
    /// the README's run command's demo cell needs no protection.
    pub fn desktop(path: &Path, events: Events, keyring: &dyn Keyring, demo: bool) -> Launcher {
        Launcher::desktop_at(path, events, Arc::new(chrono::Utc::now), keyring, demo)
    }

    /// [`Launcher::desktop`] on a replaceable clock.
    pub fn desktop_at(
        path: &Path,
        events: Events,
        now: Now,
        keyring: &dyn Keyring,
        demo: bool,
    ) -> Launcher {
        let slot = match store_key::desktop(path, keyring) {
            Ok(Start::Open(opener)) => open(opener, &events, &now),
            Ok(Start::Ask { new: true }) if demo => open(Opener::at(path), &events, &now),
            Ok(Start::Ask { new }) => Slot::Waiting { new },
            Err(e) => Slot::Failed(e.into()),
        };
        Launcher::with(path, events, now, slot)
    }

    /// The bridge's start, with the command line's opener: an encrypted store given no key waits
    /// for its passphrase; anything else opens (or fails) at once.
    pub fn command_line(opener: Opener, events: Events, now: Now) -> Launcher {
        let path = opener.path().to_owned();
        let slot = if !opener.encrypted() && opener.needs_key() {
            Slot::Waiting { new: false }
        } else {
            open(opener, &events, &now)
        };
        Launcher::with(&path, events, now, slot)
    }

    fn with(path: &Path, events: Events, now: Now, slot: Slot) -> Launcher {
        if let Slot::Failed(e) = &slot {
            tracing::error!(kind = %e.kind, error = %e, "cannot open the store");
        }
        Launcher {
            path: path.to_owned(),
            events,
            now,
            slot: RwLock::new(slot),
        }
    }

    /// The app, or why there is none yet.
    pub fn app(&self) -> Result<Arc<App>> {
        match &*self.slot.read().unwrap_or_else(|p| p.into_inner()) {
            Slot::Open(app) => Ok(app.clone()),
            Slot::Waiting { new: false } => Err(AppError::new(
                ErrorKind::StoreLocked,
                "the store is encrypted: give its passphrase",
            )),
            Slot::Waiting { new: true } => Err(AppError::new(
                ErrorKind::PassphraseNeeded,
                "choose a passphrase to protect the store on this computer",
            )),
            Slot::Failed(e) => Err(e.clone()),
        }
    }

    /// `unlock_store`: [`Launcher::unlock`], answered with the app's status.
    pub fn unlock_store(&self, args: UnlockArgs) -> Result<crate::views::AppStatus> {
        self.unlock(args)?.app_status(crate::views::NoArgs {})
    }

    /// Opens the waiting store with `args.passphrase` (a new store: one long enough). A wrong
    /// one changes nothing and the store keeps waiting. Returns the app, now open.
    pub fn unlock(&self, args: UnlockArgs) -> Result<Arc<App>> {
        let mut slot = self.slot.write().unwrap_or_else(|p| p.into_inner());
        let new = match &*slot {
            Slot::Open(app) => return Ok(app.clone()),
            Slot::Waiting { new } => *new,
            Slot::Failed(e) => return Err(e.clone()),
        };
        let passphrase = zeroize::Zeroizing::new(args.passphrase);
        let key = if new {
            StoreKey::new_passphrase(&passphrase)?
        } else {
            StoreKey::from_passphrase(&passphrase)?
        };
        let app = App::open_at(
            Opener::at(&self.path).with_key(Some(key)),
            self.events.clone(),
            self.now.clone(),
        )?;
        *slot = Slot::Open(app.clone());
        Ok(app)
    }
}

fn open(opener: Opener, events: &Events, now: &Now) -> Slot {
    let path = opener.path().to_owned();
    let encrypted = opener.encrypted();
    match App::open_at(opener, events.clone(), now.clone()) {
        Ok(app) => Slot::Open(app),
        // A plain store another Sotay holds open cannot be encrypted under it: opened plain this
        // time, and encrypted at a later start.
        Err(e) if encrypted && e.kind == ErrorKind::Busy => {
            tracing::warn!("the store is open elsewhere: not encrypted this time");
            match App::open_at(Opener::at(&path), events.clone(), now.clone()) {
                Ok(app) => Slot::Open(app),
                Err(e) => Slot::Failed(e),
            }
        }
        Err(e) => Slot::Failed(e),
    }
}
