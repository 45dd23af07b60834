//! The embedded backend: one SQLite file, zero set-up. Requests run one at a time on one
//! connection (SQLite has one writer anyway); the HTTP layer calls it from a blocking thread.

use crate::rows::{self, AUDIT_COLUMNS, AuditRow, RECORD_COLUMNS, RecordRow};
use crate::storage::{
    Backend, Departure, Grant, Result, ServerError, ServerTx, StoredRecord, Touched,
};
use rusqlite::{Connection, OptionalExtension, Transaction};
use rusqlite_migration::{M, Migrations};
use sotay_core::model::UnitLevel;
use sotay_core::{ClientId, EntityKind};
use sotay_sync_protocol::{AuditEntry, AuditQuery};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use uuid::Uuid;

mod files;
mod migrations;
mod registry;
mod report;

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
    records: HashMap<Uuid, Option<StoredRecord>>,
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

impl ServerTx for SqliteTx<'_> {
    fn last_mutation(&mut self, client: ClientId) -> Result<i64> {
        Ok(self
            .tx
            .prepare_cached("SELECT last_mutation_id FROM client WHERE id = ?1")?
            .query_row([client.to_string()], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }

    fn remember_refusal(&mut self, client: ClientId, id: i64, reason: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO refusal (client, mutation_id, reason) VALUES (?1, ?2, ?3)
                 ON CONFLICT (client, mutation_id) DO NOTHING",
            )?
            .execute(rusqlite::params![client.to_string(), id, reason])?;
        Ok(())
    }

    fn refusal(&mut self, client: ClientId, id: i64) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT reason FROM refusal WHERE client = ?1 AND mutation_id = ?2")?
            .query_row(rusqlite::params![client.to_string(), id], |r| r.get(0))
            .optional()?)
    }

    fn set_last_mutation(&mut self, client: ClientId, id: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO client (id, last_mutation_id) VALUES (?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id",
            )?
            .execute(rusqlite::params![client.to_string(), id])?;
        Ok(())
    }

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

    fn put(&mut self, record: &StoredRecord) -> Result<i64> {
        let seq = match self.last_seq {
            Some(last) => last + 1,
            None => self.latest_seq(None)? + 1,
        };
        self.upsert(&RecordRow::encode(record, seq)?)?;
        self.last_seq = Some(seq);
        if record.entity == EntityKind::OrgUnit {
            self.set_meta(crate::storage::UNIT_TREE_VERSION, &seq.to_string())?;
        }
        let mut kept = record.clone();
        kept.seq = seq;
        self.records.insert(record.id, Some(kept));
        Ok(seq)
    }

    fn unit_of(&mut self, id: Uuid) -> Result<Option<Uuid>> {
        if let Some(known) = self.records.get(&id) {
            return Ok(known.as_ref().and_then(|r| r.scope));
        }
        let scope: Option<Option<String>> = self
            .tx
            .prepare_cached("SELECT scope FROM record WHERE id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?;
        scope
            .flatten()
            .map(|s| Uuid::parse_str(&s).map_err(|e| rows::corrupt("record scope", e)))
            .transpose()
    }

    fn upsert(&mut self, r: &RecordRow) -> Result<()> {
        // What `put` keeps after this is the record as written; any other upsert is read again.
        if let Ok(id) = Uuid::parse_str(&r.id) {
            self.records.remove(&id);
        }
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO record ({RECORD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET fields = excluded.fields,
                    clocks = excluded.clocks, deleted = excluded.deleted,
                    scope = excluded.scope, seq = excluded.seq"
            ))?
            .execute(rusqlite::params![
                r.id, r.entity, r.fields, r.clocks, r.deleted, r.scope, r.seq
            ])?;
        Ok(())
    }

    fn records_after(
        &mut self,
        cursor: i64,
        scopes: Option<&[Uuid]>,
        limit: u32,
    ) -> Result<Vec<RecordRow>> {
        let found: Vec<RecordRow> = match scopes {
            None => self
                .tx
                .prepare_cached(&format!(
                    "SELECT {RECORD_COLUMNS} FROM record WHERE seq > ?1 ORDER BY seq LIMIT ?2"
                ))?
                .query_map(rusqlite::params![cursor, limit], read_row)?
                .collect::<Result<_, _>>()?,
            Some(units) => self
                .tx
                .prepare_cached(&format!(
                    "SELECT {RECORD_COLUMNS} FROM record
                     WHERE seq > ?1 AND scope IN (SELECT value FROM json_each(?3))
                     ORDER BY seq LIMIT ?2"
                ))?
                .query_map(
                    rusqlite::params![cursor, limit, json_list(units)?],
                    read_row,
                )?
                .collect::<Result<_, _>>()?,
        };
        Ok(found)
    }

    fn depart(&mut self, record: Uuid, left: Uuid, seq: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO departure (record_id, scope, seq) VALUES (?1, ?2, ?3)
                 ON CONFLICT (record_id, scope) DO UPDATE SET seq = excluded.seq",
            )?
            .execute(rusqlite::params![record.to_string(), left.to_string(), seq])?;
        Ok(())
    }

    fn departures_after(
        &mut self,
        cursor: i64,
        scopes: &[Uuid],
        limit: u32,
    ) -> Result<Vec<Departure>> {
        let found: Vec<(RecordRow, String, i64)> = self
            .tx
            .prepare_cached(
                "SELECT r.id, r.entity, r.fields, r.clocks, r.deleted, r.scope, r.seq,
                        d.scope, d.seq
                 FROM departure d JOIN record r ON r.id = d.record_id
                 WHERE d.seq > ?1 AND d.scope IN (SELECT value FROM json_each(?3))
                 ORDER BY d.seq LIMIT ?2",
            )?
            .query_map(rusqlite::params![cursor, limit, json_list(scopes)?], |r| {
                Ok((read_row(r)?, r.get(7)?, r.get(8)?))
            })?
            .collect::<Result<_, _>>()?;
        found
            .into_iter()
            .map(|(row, left, seq)| rows::departure(row, &left, seq))
            .collect()
    }

    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        let r = AuditRow::encode(entry);
        self.tx
            .prepare_cached(
                "INSERT INTO audit
                    (at, member, device, entity, record_id, unit, action, refused, changes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(rusqlite::params![
                r.at,
                r.member,
                r.device,
                r.entity,
                r.record_id,
                r.unit,
                r.action,
                r.refused,
                r.changes
            ])?;
        Ok(())
    }

    fn audit_log(&mut self, q: &AuditQuery, limit: u32) -> Result<Vec<AuditEntry>> {
        let found: Vec<AuditRow> = self
            .tx
            .prepare_cached(&format!(
                "SELECT {AUDIT_COLUMNS} FROM audit
                 WHERE (?1 IS NULL OR unit = ?1) AND (?2 IS NULL OR member = ?2)
                   AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4) AND seq > ?5
                 ORDER BY seq LIMIT ?6"
            ))?
            .query_map(
                rusqlite::params![
                    q.unit.map(|u| u.to_string()),
                    q.member.map(|m| m.to_string()),
                    q.since,
                    q.until,
                    q.after.unwrap_or(0),
                    limit
                ],
                |r| {
                    Ok(AuditRow {
                        seq: r.get(0)?,
                        at: r.get(1)?,
                        member: r.get(2)?,
                        device: r.get(3)?,
                        entity: r.get(4)?,
                        record_id: r.get(5)?,
                        unit: r.get(6)?,
                        action: r.get(7)?,
                        refused: r.get(8)?,
                        changes: r.get(9)?,
                    })
                },
            )?
            .collect::<Result<_, _>>()?;
        found.into_iter().map(AuditEntry::try_from).collect()
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

    fn create_invite(&mut self, code_hash: &str, grant: &Grant, now: i64) -> Result<()> {
        registry::create_invite(self.tx, code_hash, grant, now)
    }

    fn redeem_invite(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        client: ClientId,
        now: i64,
    ) -> Result<Option<Grant>> {
        registry::redeem_invite(self.tx, code_hash, token_hash, client, now)
    }

    fn device(&mut self, token_hash: &str) -> Result<Option<(ClientId, Grant)>> {
        registry::device(self.tx, token_hash)
    }

    fn set_calendar_feed(
        &mut self,
        member: Uuid,
        secret_hash: Option<&str>,
        now: i64,
    ) -> Result<()> {
        registry::set_calendar_feed(self.tx, member, secret_hash, now)
    }

    fn calendar_feed(&mut self, secret_hash: &str) -> Result<Option<Uuid>> {
        registry::calendar_feed(self.tx, secret_hash)
    }

    fn attachments_of_file(&mut self, hash: &str) -> Result<Vec<StoredRecord>> {
        files::attachments_of_file(self.tx, hash)
    }

    fn put_file(&mut self, hash: &str, bytes: &[u8], now: i64) -> Result<()> {
        files::put_file(self.tx, hash, bytes, now)
    }

    fn file(&mut self, hash: &str) -> Result<Option<Vec<u8>>> {
        files::file(self.tx, hash)
    }

    fn report_rows(
        &mut self,
        cells: &[Uuid],
        named: &[Uuid],
        span_ms: (i64, i64),
        due: (chrono::NaiveDate, chrono::NaiveDate),
    ) -> Result<crate::report::FactRows> {
        report::report_rows(self.tx, cells, named, span_ms, due)
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

    fn touched_after(&mut self, seq: i64) -> Result<Touched> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT DISTINCT scope FROM record WHERE seq > ?1
             UNION SELECT DISTINCT scope FROM departure WHERE seq > ?1",
        )?;
        let scopes = stmt
            .query_map([seq], |r| r.get::<_, Option<String>>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Touched::of(scopes.iter().map(|s| {
            s.as_deref().and_then(|s| Uuid::parse_str(s).ok())
        })))
    }

    fn latest_seq(&mut self, scopes: Option<&[Uuid]>) -> Result<i64> {
        Ok(match scopes {
            None => self
                .tx
                .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM record")?
                .query_row([], |r| r.get(0))?,
            Some(units) => self
                .tx
                .prepare_cached(
                    "SELECT MAX(
                        (SELECT COALESCE(MAX(seq), 0) FROM record
                         WHERE scope IN (SELECT value FROM json_each(?1))),
                        (SELECT COALESCE(MAX(seq), 0) FROM departure
                         WHERE scope IN (SELECT value FROM json_each(?1))))",
                )?
                .query_row([json_list(units)?], |r| r.get(0))?,
        })
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
