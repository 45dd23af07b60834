//! The app's state: one store, who uses it, and the background sync.

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::keys;
use crate::session::Session;
use crate::views::{AppEvent, Mode, Settings, SyncView};
use chrono::{DateTime, Utc};
use sotay_store::{Opener, Store};
use sotay_sync_client::Signal;
use std::fmt;
use std::path::Path;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, Weak};

/// Where the UI hears about things it did not ask for (sync progress, data pulled from the server).
pub type Events = Arc<dyn Fn(AppEvent) + Send + Sync>;

/// "Now", replaceable so tests can stand a day before a meeting.
pub type Now = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The background sync's last report.
#[derive(Debug, Default)]
pub(crate) struct SyncRuntime {
    pub signals: Option<Sender<Signal>>,
    pub last: Option<SyncView>,
    /// Rounds the loop has begun and ended: "Sync now" answers once a round begun after it was
    /// pressed has ended (`sync.rs`).
    pub begun: u64,
    pub ended: u64,
}

/// The desktop app without its window: the Tauri shell and the development bridge both drive it.
/// Every method blocks on SQLite; callers run them off the UI thread.
pub struct App {
    pub(crate) opener: Opener,
    store: Mutex<Store>,
    pub(crate) sync: Mutex<SyncRuntime>,
    /// Told whenever the background sync reports, for a "Sync now" waiting on its round.
    pub(crate) sync_reported: Condvar,
    pub(crate) events: Events,
    pub(crate) now: Now,
    /// What the start's check found wrong with the store's file, if anything: every command
    /// answers with it from then on.
    damage: OnceLock<AppError>,
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
        // One clock for the app: what it calls "now" also stamps its writes, here and in the
        // store the background sync opens.
        let wall = now.clone();
        let opener = store.into().with_wall_clock(Arc::new(move || {
            u64::try_from(wall().timestamp_millis()).unwrap_or(0)
        }));
        let store = opener.open()?;
        let app = Arc::new(App {
            opener,
            store: Mutex::new(store),
            sync: Mutex::new(SyncRuntime::default()),
            sync_reported: Condvar::new(),
            events,
            now,
            damage: OnceLock::new(),
        });
        if app.session()?.mode() == Mode::Connected {
            app.start_sync();
        }
        app.check_in_background();
        Ok(app)
    }

    /// Runs SQLite's quick check of the store on a thread, so the first screen does not wait
    /// for it (a district committee's store takes a second or more). A damaged store is kept
    /// in `damage`, which every command answers with from then on (the window says it in the
    /// member's language, with what to do), and its background sync is stopped. The sync is
    /// not held back until the check ends: a "Sync now" pressed at once must find it running,
    /// and a page too damaged to read fails the sync's own reads as `Damaged` all the same.
    fn check_in_background(self: &Arc<Self>) {
        let (app, opener) = (Arc::downgrade(self), self.opener.clone());
        let spawned = std::thread::Builder::new()
            .name("sotay-check".into())
            .spawn(move || check_store(&app, &opener));
        if spawned.is_err() {
            // No thread from the system: check here, the first screen waiting for it.
            check_store(&Arc::downgrade(self), &self.opener);
        }
    }

    pub fn path(&self) -> &Path {
        self.opener.path()
    }

    pub(crate) fn store(&self) -> Result<MutexGuard<'_, Store>> {
        if let Some(damage) = self.damage.get() {
            return Err(damage.clone());
        }
        // A panic while holding the lock cannot leave SQLite half-written (the transaction rolls
        // back), so the store is still good to use.
        Ok(self.store.lock().unwrap_or_else(|p| p.into_inner()))
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        (self.now)()
    }

    /// Runs one operation over the store (the generated command methods call this): builds its
    /// [`Cx`], then — the store released — tells the background sync of a write.
    /// A locked or signed-out device runs none (see [`App::run_open`]).
    pub(crate) fn run<A, V>(&self, args: A, op: fn(&mut Cx<'_>, A) -> Result<V>) -> Result<V> {
        self.run_with(args, op, true)
    }

    /// Like [`App::run`], on a locked device too: the app's status and settings, which its lock
    /// screen needs.
    pub(crate) fn run_open<A, V>(&self, args: A, op: fn(&mut Cx<'_>, A) -> Result<V>) -> Result<V> {
        self.run_with(args, op, false)
    }

    fn run_with<A, V>(
        &self,
        args: A,
        op: fn(&mut Cx<'_>, A) -> Result<V>,
        gated: bool,
    ) -> Result<V> {
        let (out, wrote) = {
            let mut store = self.store()?;
            let mut cx = Cx::new(&mut store, self.now())?;
            if gated {
                cx.session().refuse_if_locked()?;
            }
            let out = op(&mut cx, args);
            (out, cx.wrote())
        };
        if wrote {
            self.local_change();
        }
        out
    }

    /// The session as the store says now (for what runs outside an operation).
    pub(crate) fn session(&self) -> Result<Session> {
        Session::of(&*self.store()?)
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

/// The start's check (see [`App::check_in_background`]).
fn check_store(app: &Weak<App>, opener: &Opener) {
    let outcome = opener.check(sotay_store::Depth::Quick);
    // The app may have closed while the file was read.
    let Some(app) = app.upgrade() else { return };
    if let Err(e) = outcome {
        tracing::error!(error = %e, "the store is damaged");
        let _ = app.damage.set(e.into());
        let sync = app.sync.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = &sync.signals {
            let _ = tx.send(Signal::Stop);
        }
        drop(sync);
        app.emit(AppEvent::DataChanged);
    }
}
