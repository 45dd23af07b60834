//! The embedded backend: one SQLite file, zero set-up. Requests run one at a time on one
//! connection (SQLite has one writer anyway); the HTTP layer calls it from a blocking thread.
//!
//! Here: opening, migrating, the transaction and what every role reads (`BaseTx`). Each role's
//! SQL is in `sqlite/`, in the file named after it (`sync.rs`, `registry.rs`, `calendar.rs`,
//! `files.rs`, `audit.rs`, `report.rs`).

use crate::rows::{self, RECORD_COLUMNS, RecordRow};
use crate::storage::{Backend, BaseTx, Result, ServerError, ServerTx, StoredRecord};
use rusqlite::{Connection, OptionalExtension, Transaction};
use rusqlite_migration::{M, Migrations};
use sotay_core::EntityKind;
use sotay_core::model::UnitLevel;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use uuid::Uuid;

mod accounts;
mod audit;
pub mod backup;
mod calendar;
mod files;
mod migrations;
mod registry;
mod report;
mod seals;
mod sync;

use migrations::MIGRATIONS;

/// The server's migrations on SQLite, in order (for the landed-migrations test too).
pub fn migration_files() -> &'static [(&'static str, &'static str)] {
    MIGRATIONS
}

#[derive(Debug)]
pub struct SqliteBackend {
    conn: Mutex<Connection>,
}

impl SqliteBackend {
    pub fn open(path: &Path) -> Result<SqliteBackend> {
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| ServerError::Database(e.to_string()))?;
        }
        let conn = Connection::open(path)?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        Self::init(conn)
    }

    pub fn open_in_memory() -> Result<SqliteBackend> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<SqliteBackend> {
        conn.pragma_update(None, "synchronous", "FULL")?;
        // 64 MiB of page cache instead of 2: a district's records are read at random by id (a
        // push looks up each record it is sent), and every page missed was a read from the OS.
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(64);
        Migrations::new(
            MIGRATIONS
                .iter()
                .map(|(n, sql)| M::up(sql).comment(n))
                .collect(),
        )
        .to_latest(&mut conn)?;
        Ok(SqliteBackend {
            conn: Mutex::new(conn),
        })
    }
}

impl Backend for SqliteBackend {
    fn transact<T>(&self, f: impl FnOnce(&mut dyn ServerTx) -> Result<T>) -> Result<T> {
        let mut conn = self
            .conn
            .lock()
            .map_err(|_| ServerError::Database("a request panicked holding the database".into()))?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&mut SqliteTx {
            tx: &tx,
            records: HashMap::new(),
            last_seq: None,
        })?;
        tx.commit()?;
        Ok(out)
    }
}

/// One transaction. It holds the write lock from its start (`BEGIN IMMEDIATE` on the one
/// connection), so what it read or wrote stays as it left it until it ends: the records it put are
/// kept as written (a push reads each record before merging and again for its answer, and parsing
/// a stored record's JSON again was a sixth of a first push), and so is the last sequence number.
struct SqliteTx<'a> {
    tx: &'a Transaction<'a>,
    /// The records written in this transaction, as written.
    records: HashMap<Uuid, Option<StoredRecord>>,
    /// The last sequence number given in this transaction (`SyncTx::known_latest_seq`).
    last_seq: Option<i64>,
}

impl From<rusqlite::Error> for ServerError {
    fn from(e: rusqlite::Error) -> Self {
        ServerError::Database(e.to_string())
    }
}

impl From<rusqlite_migration::Error> for ServerError {
    fn from(e: rusqlite_migration::Error) -> Self {
        ServerError::Database(e.to_string())
    }
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RecordRow> {
    Ok(RecordRow {
        id: r.get(0)?,
        entity: r.get(1)?,
        fields: r.get(2)?,
        clocks: r.get(3)?,
        deleted: r.get(4)?,
        scope: r.get(5)?,
        seq: r.get(6)?,
    })
}

/// Units as a JSON array, for `json_each` (SQLite has no array parameters).
fn json_list(units: &[Uuid]) -> Result<String> {
    serde_json::to_string(&rows::scope_texts(units)).map_err(|e| rows::corrupt("scopes", e))
}

/// Every role's transaction needs these; the roles are in `sqlite/`, one file each.
impl BaseTx for SqliteTx<'_> {
    fn record(&mut self, id: Uuid) -> Result<Option<StoredRecord>> {
        if let Some(known) = self.records.get(&id) {
            return Ok(known.clone());
        }
        let row = self
            .tx
            .prepare_cached(&format!(
                "SELECT {RECORD_COLUMNS} FROM record WHERE id = ?1"
            ))?
            .query_row([id.to_string()], read_row)
            .optional()?;
        row.map(StoredRecord::try_from).transpose()
    }

    fn scope_records(&mut self, scope: Uuid, kinds: &[EntityKind]) -> Result<Vec<StoredRecord>> {
        let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        let found: Vec<RecordRow> = self
            .tx
            .prepare_cached(&format!(
                "SELECT {RECORD_COLUMNS} FROM record
                 WHERE scope = ?1 AND deleted = 0 AND entity IN (SELECT value FROM json_each(?2))
                 ORDER BY seq"
            ))?
            .query_map(
                rusqlite::params![
                    scope.to_string(),
                    serde_json::to_string(&kinds).map_err(|e| rows::corrupt("kinds", e))?
                ],
                read_row,
            )?
            .collect::<Result<_, _>>()?;
        found.into_iter().map(StoredRecord::try_from).collect()
    }

    fn units(&mut self) -> Result<Vec<(Uuid, Option<Uuid>, UnitLevel)>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, json_extract(fields, '$.parent_id'), json_extract(fields, '$.level')
             FROM record WHERE entity = 'org_unit' AND deleted = 0",
        )?;
        let found: Vec<(String, Option<String>, Option<String>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        found
            .into_iter()
            .map(|(id, parent, level)| rows::unit(id, parent, level))
            .collect()
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([key, value])?;
        Ok(())
    }
}
