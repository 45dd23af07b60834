//! The app's state: one store, who uses it, and the background sync.

use crate::error::Result;
use crate::views::{AppEvent, Mode, Settings, SyncView};
use chrono::{DateTime, Utc};
use sotay_store::{Opener, Store};
use sotay_sync_client::Signal;
use std::fmt;
use std::path::Path;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};

/// Where the UI hears about things it did not ask for (sync progress, data pulled from the server).
pub type Events = Arc<dyn Fn(AppEvent) + Send + Sync>;

/// "Now", replaceable so tests can stand a day before a meeting.
pub type Now = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Local keys this crate keeps in the store.
pub(crate) mod keys {
    /// The member using this device.
    pub const ME: &str = "app_me";
    /// [`crate::Settings`] as JSON.
    pub const SETTINGS: &str = "app_settings";
    /// The newest change the member has seen on Home (an HLC).
    pub const LAST_SEEN: &str = "app_last_seen";
    /// Prefix of the reminders already shown.
    pub const REMINDED: &str = "app_reminded:";
    /// Prefix of what the device last knew of a meeting ahead (to tell others' changes).
    pub const SEEN_MEETING: &str = "app_seen_meeting:";
    /// The address of the member's calendar subscription (the server keeps only its hash).
    pub const CALENDAR_FEED: &str = "app_calendar_feed";
    /// Set once the device has looked at the meetings ahead for the first time.
    pub const SEEN_BASELINE: &str = "app_seen_baseline";
    /// Prefix of the documents from elsewhere the member has been told of.
    pub const SEEN_DOCUMENT: &str = "app_seen_document:";
    /// Prefix of the rule checks' findings the cell's committee has been told of.
    pub const SEEN_CHECK: &str = "app_seen_check:";
    /// Set once the device has looked at the documents from elsewhere for the first time.
    pub const SEEN_DOCUMENTS_BASELINE: &str = "app_seen_documents_baseline";
}

/// The background sync's last report.
#[derive(Debug, Default)]
pub(crate) struct SyncRuntime {
    pub signals: Option<Sender<Signal>>,
    pub last: Option<SyncView>,
}

/// The desktop app without its window: the Tauri shell and the development bridge both drive it.
/// Every method blocks on SQLite; callers run them off the UI thread.
pub struct App {
    pub(crate) opener: Opener,
    store: Mutex<Store>,
    pub(crate) sync: Mutex<SyncRuntime>,
    pub(crate) events: Events,
    pub(crate) now: Now,
}

impl fmt::Debug for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("App")
            .field("store", &self.opener)
            .finish_non_exhaustive()
    }
}

impl App {
    /// Opens (or creates) the store and, if it is connected to a server, starts syncing.
    pub fn open(store: impl Into<Opener>, events: Events) -> Result<Arc<App>> {
        Self::open_at(store, events, Arc::new(Utc::now))
    }

    /// [`App::open`] with a replaceable clock.
    pub fn open_at(store: impl Into<Opener>, events: Events, now: Now) -> Result<Arc<App>> {
        let opener = store.into();
        let mut store = opener.open()?;
        // One clock for the app: what it calls "now" also stamps its writes.
        let wall = now.clone();
        store.set_wall_clock(Arc::new(move || {
            u64::try_from(wall().timestamp_millis()).unwrap_or(0)
        }));
        let app = Arc::new(App {
            opener,
            store: Mutex::new(store),
            sync: Mutex::new(SyncRuntime::default()),
            events,
            now,
        });
        if app.mode()? == Mode::Connected {
            app.start_sync();
        }
        Ok(app)
    }

    pub fn path(&self) -> &Path {
        self.opener.path()
    }

    pub(crate) fn store(&self) -> Result<MutexGuard<'_, Store>> {
        // A panic while holding the lock cannot leave SQLite half-written (the transaction rolls
        // back), so the store is still good to use.
        Ok(self.store.lock().unwrap_or_else(|p| p.into_inner()))
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        (self.now)()
    }

    pub(crate) fn mode_of(store: &Store) -> Result<Mode> {
        Ok(if store.is_demo()? {
            Mode::Demo
        } else if sotay_sync_client::status(store)?.server.is_some() {
            Mode::Connected
        } else if store.is_empty()? {
            Mode::Fresh
        } else {
            Mode::Local
        })
    }

    pub(crate) fn mode(&self) -> Result<Mode> {
        Self::mode_of(&*self.store()?)
    }

    pub(crate) fn settings_of(store: &Store) -> Result<Settings> {
        Ok(store
            .local(keys::SETTINGS)?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    /// Tells the background sync that something was written here.
    pub(crate) fn local_change(&self) {
        let sync = self.sync.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = &sync.signals {
            // A closed channel means the loop stopped; the change waits in the outbox.
            let _ = tx.send(Signal::LocalChange);
        }
    }

    pub(crate) fn emit(&self, event: AppEvent) {
        (self.events)(event);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let sync = self.sync.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = &sync.signals {
            let _ = tx.send(Signal::Stop);
        }
    }
}
