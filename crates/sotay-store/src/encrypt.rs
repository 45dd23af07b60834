//! Encrypting a plain store in place, when it is first opened with a key.
//!
//! Safely: the encrypted store is written as a new file beside the old one (SQLCipher's
//! `sqlcipher_export`), checked and counted against it, and only then renamed over it — one
//! atomic step, so the path always holds a whole store, plain or encrypted, never half of each.
//! The plain file is held with an exclusive lock the whole time, and only once no other Sotay
//! has it open: a window left open on the old file would go on writing into a file no longer at
//! the path, and lose those writes.

use crate::error::{Result, StoreError};
use crate::key::StoreKey;
use crate::open::{APPLICATION_ID, connect};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the encrypted copy is written before it replaces the store.
pub fn work_file(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".encrypting");
    PathBuf::from(name)
}

/// Replaces the plain store at `path` (open on `plain`) by an encrypted copy under `key`.
pub(crate) fn in_place(plain: Connection, path: &Path, key: &StoreKey) -> Result<()> {
    plain.busy_timeout(Duration::from_secs(5))?;
    let app_id: i64 = plain.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let objects: i64 = plain.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if objects > 0 && app_id != APPLICATION_ID {
        return Err(StoreError::ForeignDatabase {
            path: path.to_owned(),
        });
    }
    // Leaving WAL needs every other connection to the file closed: this is how another open
    // Sotay is found. The WAL is copied into the file and removed on the way.
    let mode: String = plain
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(StoreError::from)?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(StoreError::Busy);
    }
    plain.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    let version: i64 = plain.pragma_query_value(None, "user_version", |r| r.get(0))?;

    let work = work_file(path);
    // A copy left by an interrupted attempt is ours, and incomplete: start again.
    remove(&work)?;
    let written = export(&plain, &work, key, version);
    let checked = written.and_then(|()| same_rows(&plain, &work, key));
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&work);
        return Err(e);
    }
    std::fs::rename(&work, path).map_err(|source| StoreError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    // Closing the plain connection now releases the old file's lock; nothing is left of it at
    // the path.
    drop(plain);
    Ok(())
}

fn export(plain: &Connection, work: &Path, key: &StoreKey, version: i64) -> Result<()> {
    let work_text = work.to_str().ok_or_else(|| StoreError::Unreadable {
        path: work.to_owned(),
        source: std::io::Error::other("the store's folder has a name SQLite cannot take"),
    })?;
    plain.execute(
        "ATTACH DATABASE ?1 AS encrypted KEY ?2",
        [work_text, key.literal()],
    )?;
    let copied = (|| -> Result<()> {
        // Held from the first read to the commit: nothing changes the store while it is copied.
        plain.execute_batch("BEGIN EXCLUSIVE")?;
        plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        plain.execute_batch(&format!(
            "PRAGMA encrypted.user_version = {version};
             PRAGMA encrypted.application_id = {APPLICATION_ID};
             COMMIT;"
        ))?;
        Ok(())
    })();
    if copied.is_err() {
        let _ = plain.execute_batch("ROLLBACK");
    }
    let detached = plain.execute_batch("DETACH DATABASE encrypted");
    copied?;
    detached?;
    Ok(())
}

/// Opens the encrypted copy on its own, as the next start will, and compares every table's
/// count of rows with the plain store's.
fn same_rows(plain: &Connection, work: &Path, key: &StoreKey) -> Result<()> {
    let copy = connect(work, Some(key))?;
    let problems: Vec<String> = copy
        .prepare("PRAGMA quick_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    if problems != ["ok"] {
        return Err(StoreError::Damaged {
            path: Some(work.to_owned()),
            problems,
        });
    }
    let tables: Vec<String> = plain
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        let count = format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\""));
        let before: i64 = plain.query_row(&count, [], |r| r.get(0))?;
        let after: i64 = copy.query_row(&count, [], |r| r.get(0))?;
        if before != after {
            return Err(StoreError::Damaged {
                path: Some(work.to_owned()),
                problems: vec![format!(
                    "the encrypted copy's table {table} has {after} rows, the store {before}"
                )],
            });
        }
    }
    Ok(())
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::Unreadable {
            path: path.to_owned(),
            source,
        }),
    }
}
