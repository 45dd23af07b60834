//! Opening a store safely: look before writing, so a wrong `--store` path never damages a file.

use crate::error::{Result, StoreError};
use crate::key::{StoreKey, unlock};
use crate::{Store, encrypt, migrations, search, system_clock};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};
use sotay_core::{ClientId, Clock, Hlc};
use std::path::Path;
use std::time::Duration;
use uuid::Uuid;

/// `PRAGMA application_id` of a Sotay store: 'SOTY'.
pub const APPLICATION_ID: i64 = 0x534F_5459;

pub fn open_file(path: &Path, key: Option<&StoreKey>) -> Result<Store> {
    // Only SQLite ever opens the file. Closing any other descriptor of it (even one that only
    // read its header) releases every POSIX lock this process holds on it, those of its open
    // connections included: another process then believes it is alone, checkpoints and deletes
    // the WAL they still write into (SQLite's "How To Corrupt", §2.2). SQLite itself refuses a
    // file that is not a database when it first reads it, below, before anything is written.
    if !path.exists()
        && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|source| StoreError::Unreadable {
            path: path.to_owned(),
            source,
        })?;
    }
    let conn = connect(path, key)?;
    match (look(&conn, path), key) {
        (Ok(()), _) => init(conn, Some(path), key),
        // With a key, a file SQLCipher cannot read is a wrong key, a plain store to encrypt, or
        // no store at all: the same file opened without the key tells which.
        (Err(StoreError::NotAStore { .. }), Some(key)) => {
            drop(conn);
            let plain = connect(path, None)?;
            match look(&plain, path) {
                Ok(()) => {
                    encrypt::in_place(plain, path, key)?;
                    let conn = connect(path, Some(key))?;
                    look(&conn, path)?;
                    init(conn, Some(path), Some(key))
                }
                Err(StoreError::NotAStore { .. }) => Err(StoreError::WrongKey {
                    path: path.to_owned(),
                }),
                Err(e) => Err(e),
            }
        }
        (Err(e), _) => Err(e),
    }
}

/// A connection to the file, given its key (if any) before anything is read.
pub(crate) fn connect(path: &Path, key: Option<&StoreKey>) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(e, path))?;
    unlock(&conn, key).map_err(|e| classify(e, path))?;
    Ok(conn)
}

/// Whether SQLite, given no key, finds the file is not a database (read-only: nothing written).
pub(crate) fn unreadable_without_key(path: &Path) -> bool {
    let conn = match Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) {
        Ok(conn) => conn,
        Err(_) => return false,
    };
    matches!(look(&conn, path), Err(StoreError::NotAStore { .. }))
}

pub fn open_memory() -> Result<Store> {
    init(Connection::open_in_memory()?, None, None)
}

/// Reads the file's first page: refuses one that is not SQLite (or is encrypted with another
/// key) before anything is written.
fn look(conn: &Connection, path: &Path) -> Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|_| ())
    .map_err(|e| classify(e, path))
}

fn classify(e: rusqlite::Error, path: &Path) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotAStore {
            path: path.to_owned(),
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: Some(path.to_owned()),
            problems: vec![e.to_string()],
        },
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied) => {
            StoreError::Unreadable {
                path: path.to_owned(),
                source: std::io::Error::other(e.to_string()),
            }
        }
        _ => StoreError::from(e),
    }
}

/// WAL pages a commit lets pile up before it copies them into the database file: SQLite's own
/// default, said here because a pull changes it for its own commits.
pub(crate) const CHECKPOINT_PAGES: i64 = 1_000;

fn init(mut conn: Connection, path: Option<&Path>, key: Option<&StoreKey>) -> Result<Store> {
    let shown = path.unwrap_or(Path::new(":memory:"));
    conn.busy_timeout(Duration::from_secs(5))?;
    // The write path prepares one statement per kind for insert, reference check and select,
    // plus the outbox's and the search index's: keep them all, or every write re-prepares.
    conn.set_prepared_statement_cache_capacity(256);

    // Read-only checks first: nothing below writes until we know the file is ours.
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| classify(e, shown))?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(e, shown))?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| classify(e, shown))?;
    if objects > 0 && app_id != APPLICATION_ID {
        return Err(StoreError::ForeignDatabase {
            path: shown.to_owned(),
        });
    }
    let known = migrations::latest();
    if version > i64::try_from(known).unwrap_or(i64::MAX) {
        return Err(StoreError::TooNew {
            path: shown.to_owned(),
            found: version,
            known,
        });
    }

    if path.is_some() {
        // WAL: readers never block the writer (the UI reads while sync writes).
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    }
    // FULL: a write a member was told is saved survives a power cut, not only a crash.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // 32 MiB of page cache instead of 2: a district's indexes fit, and large writes do not spill.
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.pragma_update(None, "wal_autocheckpoint", CHECKPOINT_PAGES)?;
    // A push or a pull lets the WAL grow to 40 MiB (`sync::SYNC_CHECKPOINT_PAGES`); once it has been copied
    // into the file, the WAL file is cut back rather than left that size on disk.
    conn.pragma_update(None, "journal_size_limit", 4 * 1024 * 1024)?;

    // Foreign keys off while migrating, as SQLite's procedure for changing a table asks: a
    // migration that copies a table into its new shape must keep the rows whose parent a pull
    // has not brought yet (pulled pages are only eventually consistent), not fail on them.
    // (The bundled SQLite turns them on by default.)
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    migrations::migrations().to_latest(&mut conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;

    let tx = conn.transaction()?;
    let client = match get_meta(&tx, "client_id")? {
        Some(s) => ClientId(Uuid::parse_str(&s).map_err(|_| StoreError::Corrupt {
            kind: sotay_core::EntityKind::OrgUnit,
            id: "meta.client_id".into(),
            source: serde::de::Error::custom("client id is not a UUID"),
        })?),
        None => {
            let id = ClientId::new();
            set_meta(&tx, "client_id", &id.to_string())?;
            id
        }
    };
    let last = get_meta(&tx, "hlc")?
        .and_then(|s| s.parse::<u64>().ok())
        .map(Hlc)
        .unwrap_or(Hlc::ZERO);
    if get_meta(&tx, "search_index")?.is_none() {
        // A new store, or one that predates the search index: index what it holds.
        search::rebuild(&tx)?;
        set_meta(&tx, "search_index", "1")?;
    }
    tx.commit()?;

    Ok(Store {
        checkpoints: crate::checkpointer::SyncCheckpoints::default(),
        conn,
        client,
        clock: Clock::resume(last),
        wall: system_clock(),
        path: path.map(Path::to_owned),
        key: key.cloned(),
    })
}

pub fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

pub fn save_clock(tx: &Transaction<'_>, last: Hlc) -> Result<()> {
    set_meta(tx, "hlc", &last.0.to_string())
}

/// The last mutation id ever issued by this store (0 for a new one).
pub fn last_mutation(conn: &Connection) -> Result<i64> {
    Ok(get_meta(conn, "last_mutation_id")?
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
}
