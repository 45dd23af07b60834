//! A copy of the embedded database made while the server serves, and putting one back.
//!
//! The copy is SQLite's online backup: every page in one step, under one read transaction, so it
//! is the database as of one instant even while pushes are written (in WAL mode a reader never
//! waits for the writer, nor the writer for it). It is written beside its destination and renamed
//! into place, so a backup that fails leaves no half file under the name asked for.
//!
//! Restoring refuses while a server has the database open, keeps what it replaces beside it
//! (`server.db.before-restore`), and starts a new epoch ([`crate::Engine::begin_new_epoch`]): the
//! devices that synced after the backup was taken hear it, send again what the restored database
//! lacks and pull everything again.

use super::SqliteBackend;
use crate::Engine;
use crate::storage::{Result, ServerError};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a backup or a restore copied.
#[derive(Debug, Clone, Serialize)]
pub struct Copied {
    /// The file written.
    pub file: PathBuf,
    pub records: i64,
    pub devices: i64,
    pub bytes: u64,
    /// After a restore: the database's new epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epoch: Option<String>,
    /// After a restore: where the database it replaced was kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced_kept_at: Option<PathBuf>,
}

fn io(path: &Path, e: impl std::fmt::Display) -> ServerError {
    ServerError::Database(format!("{}: {e}", path.display()))
}

/// Copies the database at `db` to `to` while it may be serving.
pub fn backup(db: &Path, to: &Path) -> Result<Copied> {
    if !db.exists() {
        return Err(ServerError::Database(format!(
            "there is no server database at {}",
            db.display()
        )));
    }
    let source = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(Duration::from_secs(10))?;
    let work = with_suffix(to, ".partial");
    let _ = std::fs::remove_file(&work);
    let copied = (|| -> Result<()> {
        let mut target = Connection::open(&work)?;
        Backup::new(&source, &mut target)?.step(-1)?;
        // A backup is one self-contained file: no WAL beside it.
        target.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        Ok(())
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&work);
        return Err(e);
    }
    std::fs::rename(&work, to).map_err(|e| io(to, e))?;
    describe(to, None, None)
}

/// Puts the backup `from` back as the database at `db` (the server stopped), keeping the database
/// it replaces beside it, and starts a new epoch.
pub fn restore(db: &Path, from: &Path) -> Result<Copied> {
    check_backup(from)?;
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    let kept = with_suffix(db, ".before-restore");
    {
        let mut target = Connection::open(db)?;
        target.busy_timeout(Duration::from_secs(2))?;
        // Leaving WAL needs every other connection closed: a running server is found here.
        let mode: String = target
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|_| running(db))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(running(db));
        }
        target.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        let objects: i64 =
            target.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if objects > 0 {
            let _ = std::fs::remove_file(&kept);
            let mut keep = Connection::open(&kept)?;
            Backup::new(&target, &mut keep)?.step(-1)?;
        }
        let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Backup::new(&source, &mut target)?.step(-1)?;
        target.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    }
    // Opened as the server opens it: migrated if the backup is older, then a new epoch.
    let engine = Engine::new(SqliteBackend::open(db)?)?;
    let epoch = engine.begin_new_epoch()?;
    drop(engine);
    describe(db, Some(epoch), kept.exists().then_some(kept))
}

fn running(db: &Path) -> ServerError {
    ServerError::Database(format!(
        "a server (or another sotay command) has {} open: stop it before restoring",
        db.display()
    ))
}

/// Refuses a file that is not a Sotay server's database before anything is replaced.
fn check_backup(from: &Path) -> Result<()> {
    let not_one = |why: &str| {
        ServerError::Database(format!(
            "{} is not a backup of a Sotay server's database ({why}); nothing was restored",
            from.display()
        ))
    };
    if !from.is_file() {
        return Err(not_one("there is no such file"));
    }
    let conn = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not_one(&e.to_string()))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'
               AND name IN ('record', 'client', 'meta', 'device')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| not_one(&e.to_string()))?;
    if tables < 4 {
        return Err(not_one("it lacks the server's tables"));
    }
    let problems: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| not_one(&e.to_string()))?;
    if problems != "ok" {
        return Err(not_one(&format!("SQLite finds it damaged: {problems}")));
    }
    Ok(())
}

fn describe(file: &Path, epoch: Option<String>, kept: Option<PathBuf>) -> Result<Copied> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    Ok(Copied {
        file: file.to_owned(),
        records: count("SELECT count(*) FROM record")?,
        devices: count("SELECT count(*) FROM device")?,
        bytes: std::fs::metadata(file).map(|m| m.len()).unwrap_or(0),
        epoch,
        replaced_kept_at: kept,
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
