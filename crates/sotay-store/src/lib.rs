//! Sotay's local store: one SQLite file per installation, reached only through this crate.
//!
//! Every write goes through [`Store::write`], whose [`Writer`] validates the record, checks the ids
//! it refers to, stamps it with the client's hybrid logical clock and — in the same SQLite
//! transaction — appends the change to the outbox the sync engine ships. A write either lands with
//! its outbox entry or not at all, so the sync engine never needs to touch a write path.
//!
//! Deletes are tombstones (`deleted = 1`), never row removals: a delete must sync, and a record
//! deleted on one device must not come back from another.
//!
//! ```
//! use sotay_core::model::{OrgUnit, UnitLevel};
//! use sotay_store::Store;
//!
//! let mut store = Store::open_in_memory()?;
//! let cell = OrgUnit {
//!     id: sotay_core::id::new_id(),
//!     parent_id: None,
//!     level: UnitLevel::Cell,
//!     name: "Chi bộ thôn Đông".into(),
//!     code: None,
//!     closed_on: None,
//!     in_sotay_since: None,
//! };
//! store.write(|w| w.insert(&cell))?;
//! assert_eq!(store.pending_changes()?, 1);
//! # Ok::<(), sotay_store::StoreError>(())
//! ```

mod checkpointer;
mod encrypt;
mod erase;
mod error;
mod files;
mod health;
mod key;
pub mod migrations;
mod open;
mod outbox;
mod pulled;
pub mod queries;
mod read;
mod rejections;
mod restored;
mod resync;
pub mod search;
mod snippet;
mod state;
mod sync;
mod value;
mod write;

pub use erase::{ERASED, Erased, UnsentChange};
pub use error::{Result, StoreError};
pub use files::AttachedFile;
pub use health::Depth;
pub use key::{MIN_PASSPHRASE_CHARS, StoreKey};
pub use outbox::OutboxEntry;
pub use rejections::{Refusal, Rejection};
pub use state::{LOCAL_DEMO, StoreStatus};
pub use sync::RemoteRecord;
pub use write::Writer;

use rusqlite::Connection;
use sotay_core::{ClientId, Clock, Record};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;

/// Where the store reads wall time from, in milliseconds since the epoch. Replaceable so tests
/// can run a device whose clock is a day off.
pub type WallClock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// The system clock.
pub fn system_clock() -> WallClock {
    Arc::new(|| {
        let now = chrono::Utc::now().timestamp_millis();
        u64::try_from(now).unwrap_or(0)
    })
}

/// How to open this installation's store: everything that reopens it (the background sync, the
/// command line, the development bridge, the checkpoint thread, the start's check) is handed one
/// of these instead of a bare path, so that what opening takes — the path, the wall clock, the
/// key of an encrypted store — is decided in one place.
#[derive(Clone)]
pub struct Opener {
    path: PathBuf,
    /// The key of an encrypted store (`None`: a plain one). A plain store opened with a key is
    /// encrypted in place first.
    key: Option<StoreKey>,
    /// The wall clock every store opened here keeps (`None`: the system's). Carried here so that
    /// a store reopened elsewhere — the background sync's — keeps the same "now" as the app's.
    wall: Option<WallClock>,
}

impl fmt::Debug for Opener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Opener")
            .field("path", &self.path)
            .field(
                "wall_clock",
                &if self.wall.is_some() { "set" } else { "system" },
            )
            .field("encrypted", &self.key.is_some())
            .finish()
    }
}

/// The same store opened with the same clock (the very same one: clocks are functions, compared
/// by identity).
impl PartialEq for Opener {
    fn eq(&self, other: &Opener) -> bool {
        self.path == other.path
            && self.key.as_ref().map(StoreKey::literal) == other.key.as_ref().map(StoreKey::literal)
            && match (&self.wall, &other.wall) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

impl Eq for Opener {}

impl Opener {
    pub fn at(path: impl Into<PathBuf>) -> Opener {
        Opener {
            path: path.into(),
            key: None,
            wall: None,
        }
    }

    /// Every store this opens is encrypted with `key` (`None`: plain).
    #[must_use]
    pub fn with_key(mut self, key: Option<StoreKey>) -> Opener {
        self.key = key;
        self
    }

    /// Whether the stores this opens are encrypted.
    pub fn encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether the file exists and SQLite cannot read it without a key: an encrypted store (or
    /// no database at all, which opening will then say).
    pub fn needs_key(&self) -> bool {
        self.path.exists() && open::unreadable_without_key(&self.path)
    }

    /// Every store this opens reads wall time from `wall` (see [`Store::set_wall_clock`]).
    #[must_use]
    pub fn with_wall_clock(mut self, wall: WallClock) -> Opener {
        self.wall = Some(wall);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn key(&self) -> Option<&StoreKey> {
        self.key.as_ref()
    }

    /// A store just opened, with this opener's clock.
    fn clocked(&self, mut store: Store) -> Store {
        if let Some(wall) = &self.wall {
            store.set_wall_clock(wall.clone());
        }
        store
    }

    /// Opens the store, creating it (and its folder) if there is none.
    pub fn open(&self) -> Result<Store> {
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Unreadable {
                path: dir.to_owned(),
                source,
            })?;
        }
        open::open_file(&self.path, self.key.as_ref()).map(|s| self.clocked(s))
    }

    /// Opens the store only if it exists: reading commands never create one at a mistyped path.
    pub fn open_existing(&self) -> Result<Option<Store>> {
        if !self.path.exists() {
            return Ok(None);
        }
        open::open_file(&self.path, self.key.as_ref()).map(|s| Some(self.clocked(s)))
    }
}

impl From<&Path> for Opener {
    fn from(path: &Path) -> Opener {
        Opener::at(path)
    }
}

impl From<&PathBuf> for Opener {
    fn from(path: &PathBuf) -> Opener {
        Opener::at(path.clone())
    }
}

impl From<PathBuf> for Opener {
    fn from(path: PathBuf) -> Opener {
        Opener::at(path)
    }
}

/// A handle on one local store.
pub struct Store {
    /// Declared first, so it is dropped first: its thread and connection end before the store's
    /// own connection closes, which, as the last one, still copies and removes the WAL.
    checkpoints: checkpointer::SyncCheckpoints,
    conn: Connection,
    client: ClientId,
    clock: Clock,
    wall: WallClock,
    path: Option<PathBuf>,
    /// The key the file was opened with: the checkpoint thread's connection needs it too.
    key: Option<StoreKey>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the store at `path`, creating it if there is no file, upgrading its schema if it is
    /// older. A file that is not a Sotay store is refused before anything is written to it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        open::open_file(path.as_ref(), None)
    }

    /// A store in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        open::open_memory()
    }

    /// Replaces the wall clock (tests simulate devices with skewed clocks).
    pub fn set_wall_clock(&mut self, wall: WallClock) {
        self.wall = wall;
    }

    /// The store's wall clock as an instant: what "now" means for its HLC stamps, and for the
    /// read side's callers that judge time (is a task overdue).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        let ms = i64::try_from((self.wall)()).unwrap_or(i64::MAX);
        chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
    }

    /// This installation's client id.
    pub fn client_id(&self) -> ClientId {
        self.client
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in one transaction: every change it makes lands with its outbox entry, or — if
    /// `f` or the commit fails — none does.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let now_ms = (self.wall)();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut clock = self.clock;
        let last_mutation = open::last_mutation(&tx)?;
        let (out, index_jobs, issued) = {
            let mut writer = Writer::new(&tx, &mut clock, self.client, now_ms, last_mutation);
            let out = f(&mut writer)?;
            (out, writer.take_index_jobs(), writer.last_mutation())
        };
        search::apply(&tx, index_jobs)?;
        open::save_clock(&tx, clock.last())?;
        if issued != last_mutation {
            open::set_meta(&tx, "last_mutation_id", &issued.to_string())?;
        }
        tx.commit()?;
        self.clock = clock;
        Ok(out)
    }

    /// Reads one record; `None` when there is none or it was deleted.
    pub fn get<R: Record>(&self, id: Uuid) -> Result<Option<R>> {
        read::get(&self.conn, id)
    }

    /// Reads one record, or says it does not exist.
    pub fn require<R: Record>(&self, id: Uuid) -> Result<R> {
        self.get(id)?
            .ok_or(StoreError::NotFound { kind: R::KIND, id })
    }

    /// How many local changes wait to be pushed.
    pub fn pending_changes(&self) -> Result<u64> {
        outbox::count(&self.conn)
    }

    /// The oldest `limit` changes waiting to be pushed.
    pub fn outbox(&self, limit: u32) -> Result<Vec<OutboxEntry>> {
        outbox::oldest(&self.conn, limit)
    }

    /// The oldest pending changes after mutation `after` (0: all of them) for one push: at most
    /// `limit`, and no more than `max_bytes` of changed fields, except that the first change
    /// always goes, whatever its size. Changes already sent and not yet acknowledged are skipped
    /// by passing the last one sent as `after`.
    pub fn outbox_after(
        &self,
        after: i64,
        limit: u32,
        max_bytes: usize,
    ) -> Result<Vec<OutboxEntry>> {
        outbox::oldest_within(&self.conn, after, limit, max_bytes)
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Read-only access for the query modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
