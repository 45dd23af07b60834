//! One PostgreSQL transaction as the engine sees it: the SQL of every `ServerTx` operation.
//!
//! Every statement is prepared once per connection (`Prepared`). Within a writing transaction —
//! which holds the advisory write lock, so no other writer changes anything meanwhile — the
//! records read or written are kept (a push reads each record before and after merging it, and
//! a batch's records are fetched in one statement first), and sequence numbers are counted on
//! from the first one read: a mutation costs one round trip to the database, not a dozen. Its
//! record and audit rows go to the database from a thread of its own (`Writer`) while the push
//! goes on merging.

use super::conn::Prepared;
use super::reads::read_row;
use super::writer::{self, BATCH, Shared, Writer};
use super::writes::Deferred;
use super::{CHANNEL, WRITE_LOCK, db};
use crate::rows::{self, AuditRow, RECORD_COLUMNS, RecordRow};
use crate::storage::{Departure, Grant, Result, ServerTx, StoredRecord, Touched};
use sotay_core::model::UnitLevel;
use sotay_core::{ClientId, EntityKind};
use sotay_sync_protocol::{AuditEntry, AuditQuery};
use std::collections::{HashMap, HashSet};
use std::sync::MutexGuard;
use std::thread::Scope;
use uuid::Uuid;

pub(super) struct PgTx<'s, 'env, 'a, 'b> {
    shared: &'env Shared<'a, 'b>,
    /// Where the writing thread is started, once a transaction holding the write lock has a
    /// full batch of rows to send.
    scope: &'s Scope<'s, 'env>,
    writer: Option<Writer>,
    /// The system refused the writing thread: the rows wait for the commit.
    threadless: bool,
    /// Records read or written in this transaction, by id (`None`: known not to exist). Only
    /// kept once the write lock is held.
    records: HashMap<Uuid, Option<StoredRecord>>,
    locked: bool,
    /// The last sequence number given in this transaction.
    last_seq: Option<i64>,
    /// The latest sequence number when the write lock was taken, and the units of every record
    /// and departure written since (`None`: a record of no unit): what `touched_after` would
    /// otherwise ask the database.
    locked_at: Option<i64>,
    touched: HashSet<Option<Uuid>>,
    /// Record and audit rows written, not yet sent.
    deferred: Deferred,
}

impl<'s, 'env, 'a, 'b> PgTx<'s, 'env, 'a, 'b> {
    pub(super) fn new(shared: &'env Shared<'a, 'b>, scope: &'s Scope<'s, 'env>) -> Self {
        PgTx {
            shared,
            scope,
            writer: None,
            threadless: false,
            records: HashMap::new(),
            locked: false,
            last_seq: None,
            locked_at: None,
            touched: HashSet::new(),
            deferred: Deferred::default(),
        }
    }

    /// Sends the record and audit rows written so far and waits until they are written: before
    /// anything reads those tables, and before the commit.
    pub(super) fn flush(&mut self) -> Result<()> {
        match &mut self.writer {
            Some(writer) => {
                if !self.deferred.is_empty() {
                    writer.send(std::mem::take(&mut self.deferred));
                }
                writer.wait()
            }
            None => self.deferred.flush(&mut *writer::lock(self.shared)?),
        }
    }

    /// The connection, once every row this transaction wrote is in the database: a statement
    /// sees them, and a batch the database refused is reported as what failed, rather than the
    /// aborted transaction it leaves behind.
    fn conn(&mut self) -> Result<MutexGuard<'env, Prepared<'a, 'b>>> {
        self.flush()?;
        writer::lock(self.shared)
    }
}

impl ServerTx for PgTx<'_, '_, '_, '_> {
    fn lock_for_write(&mut self) -> Result<()> {
        self.conn()?
            .execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .map_err(db)?;
        self.locked = true;
        Ok(())
    }

    fn prefetch(&mut self, ids: &[Uuid]) -> Result<()> {
        if !self.locked {
            return Ok(());
        }
        let wanted: Vec<String> = ids
            .iter()
            .filter(|id| !self.records.contains_key(id))
            .map(Uuid::to_string)
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let found = self
            .conn()?
            .query(
                &format!("SELECT {RECORD_COLUMNS} FROM record WHERE id = ANY($1)"),
                &[&wanted],
            )
            .map_err(db)?;
        for id in ids {
            self.records.entry(*id).or_insert(None);
        }
        for row in &found {
            let r = StoredRecord::try_from(read_row(row))?;
            self.records.insert(r.id, Some(r));
        }
        Ok(())
    }

    fn put(&mut self, record: &StoredRecord) -> Result<i64> {
        let seq = match self.last_seq {
            Some(last) if self.locked => last + 1,
            _ => self.latest_seq(None)? + 1,
        };
        self.upsert(&RecordRow::encode(record, seq)?)?;
        self.last_seq = Some(seq);
        if self.locked {
            self.touched.insert(record.scope);
        }
        if record.entity == EntityKind::OrgUnit {
            self.set_meta(crate::storage::UNIT_TREE_VERSION, &seq.to_string())?;
        }
        if self.locked {
            let mut kept = record.clone();
            kept.seq = seq;
            self.records.insert(record.id, Some(kept));
        }
        Ok(seq)
    }

    fn announce_change(&mut self, touched: &Touched) -> Result<()> {
        let payload = super::notice_payload(touched);
        self.conn()?
            .execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])
            .map_err(db)?;
        Ok(())
    }

    fn touched_after(&mut self, seq: i64) -> Result<Touched> {
        if self.locked && self.locked_at == Some(seq) {
            // Every row written after `seq` is this transaction's own: no other writer can
            // write meanwhile. Sorted, so the answer does not depend on a hash's order.
            let mut scopes: Vec<Option<Uuid>> = self.touched.iter().copied().collect();
            scopes.sort_unstable();
            return Ok(Touched::of(scopes));
        }
        let rows = self
            .conn()?
            .query(
                "SELECT DISTINCT scope FROM record WHERE seq > $1
                 UNION SELECT DISTINCT scope FROM departure WHERE seq > $1",
                &[&seq],
            )
            .map_err(db)?;
        Ok(Touched::of(rows.iter().map(|r| {
            r.get::<_, Option<String>>(0)
                .and_then(|s| Uuid::parse_str(&s).ok())
        })))
    }

    fn last_mutation(&mut self, client: ClientId) -> Result<i64> {
        let row = self
            .conn()?
            .query_opt(
                "SELECT last_mutation_id FROM client WHERE id = $1",
                &[&client.to_string()],
            )
            .map_err(db)?;
        Ok(row.map_or(0, |r| r.get(0)))
    }

    fn remember_refusal(&mut self, client: ClientId, id: i64, reason: &str) -> Result<()> {
        self.deferred.refusal(client, id, reason);
        Ok(())
    }

    fn refusal(&mut self, client: ClientId, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn()?
            .query_opt(
                "SELECT reason FROM refusal WHERE client = $1 AND mutation_id = $2",
                &[&client.to_string(), &id],
            )
            .map_err(db)?
            .map(|r| r.get(0)))
    }

    fn set_last_mutation(&mut self, client: ClientId, id: i64) -> Result<()> {
        self.conn()?
            .execute(
                "INSERT INTO client (id, last_mutation_id) VALUES ($1, $2)
                 ON CONFLICT (id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id",
                &[&client.to_string(), &id],
            )
            .map_err(db)?;
        Ok(())
    }

    fn record(&mut self, id: Uuid) -> Result<Option<StoredRecord>> {
        if let Some(known) = self.records.get(&id) {
            return Ok(known.clone());
        }
        let row = self
            .conn()?
            .query_opt(
                &format!("SELECT {RECORD_COLUMNS} FROM record WHERE id = $1"),
                &[&id.to_string()],
            )
            .map_err(db)?;
        let found = row
            .as_ref()
            .map(read_row)
            .map(StoredRecord::try_from)
            .transpose()?;
        if self.locked {
            self.records.insert(id, found.clone());
        }
        Ok(found)
    }

    fn unit_of(&mut self, id: Uuid) -> Result<Option<Uuid>> {
        // A parent the push prefetched or wrote: its scope, without copying the whole record
        // for each of its children (a meeting's for each row of its roll call).
        if let Some(known) = self.records.get(&id) {
            return Ok(known.as_ref().and_then(|r| r.scope));
        }
        Ok(self.record(id)?.and_then(|r| r.scope))
    }

    fn upsert(&mut self, r: &RecordRow) -> Result<()> {
        // What `put` keeps after this is the record as written; any other upsert is read again.
        // Seen absent under the write lock, the record is still absent: it goes in as new.
        let known = Uuid::parse_str(&r.id)
            .ok()
            .and_then(|id| self.records.remove(&id));
        let new = self.locked && matches!(known, Some(None));
        self.deferred.record(r.clone(), new);
        if self.locked && self.deferred.len() >= BATCH {
            // Started by the first full batch: a day's push of a few changes writes its rows
            // at the commit, as before, without a thread of its own.
            if self.writer.is_none() && !self.threadless {
                self.writer = Writer::start(self.scope, self.shared);
                self.threadless = self.writer.is_none();
            }
            if let Some(writer) = &mut self.writer {
                writer.send(std::mem::take(&mut self.deferred));
            }
        }
        Ok(())
    }

    fn records_after(
        &mut self,
        cursor: i64,
        scopes: Option<&[Uuid]>,
        limit: u32,
    ) -> Result<Vec<RecordRow>> {
        super::reads::records_after(&mut *self.conn()?, cursor, scopes, limit)
    }

    fn depart(&mut self, record: Uuid, left: Uuid, seq: i64) -> Result<()> {
        if self.locked {
            self.touched.insert(Some(left));
        }
        self.conn()?
            .execute(
                "INSERT INTO departure (record_id, scope, seq) VALUES ($1, $2, $3)
                 ON CONFLICT (record_id, scope) DO UPDATE SET seq = excluded.seq",
                &[&record.to_string(), &left.to_string(), &seq],
            )
            .map_err(db)?;
        Ok(())
    }

    fn departures_after(
        &mut self,
        cursor: i64,
        scopes: &[Uuid],
        limit: u32,
    ) -> Result<Vec<Departure>> {
        super::reads::departures_after(&mut *self.conn()?, cursor, scopes, limit)
    }

    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        self.deferred.audit(AuditRow::encode(entry));
        Ok(())
    }

    fn audit_log(&mut self, q: &AuditQuery, limit: u32) -> Result<Vec<AuditEntry>> {
        super::reads::audit_log(&mut *self.conn()?, q, limit)
    }

    fn units(&mut self) -> Result<Vec<(Uuid, Option<Uuid>, UnitLevel)>> {
        super::reads::units(&mut *self.conn()?)
    }

    fn create_invite(&mut self, code_hash: &str, grant: &Grant, now: i64) -> Result<()> {
        super::registry::create_invite(&mut *self.conn()?, code_hash, grant, now)
    }

    fn redeem_invite(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        client: ClientId,
        now: i64,
    ) -> Result<Option<Grant>> {
        super::registry::redeem_invite(&mut *self.conn()?, code_hash, token_hash, client, now)
    }

    fn device(&mut self, token_hash: &str) -> Result<Option<(ClientId, Grant)>> {
        super::registry::device(&mut *self.conn()?, token_hash)
    }

    fn set_calendar_feed(
        &mut self,
        member: Uuid,
        secret_hash: Option<&str>,
        now: i64,
    ) -> Result<()> {
        super::registry::set_calendar_feed(&mut *self.conn()?, member, secret_hash, now)
    }

    fn calendar_feed(&mut self, secret_hash: &str) -> Result<Option<Uuid>> {
        super::registry::calendar_feed(&mut *self.conn()?, secret_hash)
    }

    fn report_rows(
        &mut self,
        cells: &[Uuid],
        named: &[Uuid],
        span_ms: (i64, i64),
        due: (chrono::NaiveDate, chrono::NaiveDate),
    ) -> Result<crate::report::FactRows> {
        super::report::report_rows(&mut *self.conn()?, cells, named, span_ms, due)
    }

    fn attachments_of_file(&mut self, hash: &str) -> Result<Vec<StoredRecord>> {
        super::reads::attachments_of_file(&mut *self.conn()?, hash)
    }

    fn put_file(&mut self, hash: &str, bytes: &[u8], now: i64) -> Result<()> {
        self.conn()?
            .execute(
                "INSERT INTO blob (hash, bytes, stored_at) VALUES ($1, $2, $3)
                 ON CONFLICT (hash) DO NOTHING",
                &[&hash, &bytes, &now],
            )
            .map_err(db)?;
        Ok(())
    }

    fn file(&mut self, hash: &str) -> Result<Option<Vec<u8>>> {
        let row = self
            .conn()?
            .query_opt("SELECT bytes FROM blob WHERE hash = $1", &[&hash])
            .map_err(db)?;
        Ok(row.map(|r| r.get(0)))
    }

    fn scope_records(&mut self, scope: Uuid, kinds: &[EntityKind]) -> Result<Vec<StoredRecord>> {
        super::reads::scope_records(&mut *self.conn()?, scope, kinds)
    }

    fn latest_seq(&mut self, scopes: Option<&[Uuid]>) -> Result<i64> {
        let mut conn = self.conn()?;
        let row = match scopes {
            None => conn.query_one("SELECT COALESCE(MAX(seq), 0)::BIGINT FROM record", &[]),
            Some(units) => conn.query_one(
                "SELECT GREATEST(
                    (SELECT COALESCE(MAX(seq), 0) FROM record WHERE scope = ANY($1)),
                    (SELECT COALESCE(MAX(seq), 0) FROM departure WHERE scope = ANY($1)))::BIGINT",
                &[&rows::scope_texts(units)],
            ),
        }
        .map_err(db)?;
        drop(conn);
        let latest = row.get(0);
        if self.locked && scopes.is_none() && self.last_seq.is_none() {
            // Taken under the write lock before anything was written: the sequence numbers this
            // transaction gives follow on from it, and what it writes after it is what it touched.
            self.locked_at = Some(latest);
            self.last_seq = Some(latest);
        }
        Ok(latest)
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>> {
        let row = self
            .conn()?
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&key])
            .map_err(db)?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        // Sent with the rows: on its own it would wait while the writing thread inserts a batch,
        // and hold up the merge (a push that adds org units moves the unit tree's version).
        self.deferred.meta(key, value);
        Ok(())
    }
}
