//! One PostgreSQL transaction as the engine sees it: the SQL of every `ServerTx` operation.
//!
//! Every statement is prepared once per connection (`Prepared`). Within a writing transaction —
//! which holds the advisory write lock, so no other writer changes anything meanwhile — the
//! records read or written are kept (a push reads each record before and after merging it, and
//! a batch's records are fetched in one statement first), and sequence numbers are counted on
//! from the first one read: a mutation costs one round trip to the database, not a dozen.

use super::conn::Prepared;
use super::writes::Deferred;
use super::{CHANNEL, WRITE_LOCK, db};
use crate::rows::{self, AUDIT_COLUMNS, AuditRow, RECORD_COLUMNS, RecordRow};
use crate::storage::{Departure, Grant, Result, ServerTx, StoredRecord, Touched};
use postgres::{Row, Statement, Transaction};
use sotay_core::model::UnitLevel;
use sotay_core::{ClientId, EntityKind};
use sotay_sync_protocol::{AuditEntry, AuditQuery};
use std::collections::HashMap;
use uuid::Uuid;

pub(super) struct PgTx<'a, 'b> {
    pub(super) tx: Prepared<'a, 'b>,
    /// Records read or written in this transaction, by id (`None`: known not to exist). Only
    /// kept once the write lock is held.
    records: HashMap<Uuid, Option<StoredRecord>>,
    locked: bool,
    /// The last sequence number given in this transaction.
    last_seq: Option<i64>,
    /// Record and audit rows written, not yet sent.
    deferred: Deferred,
}

impl<'a, 'b> PgTx<'a, 'b> {
    pub(super) fn new(
        tx: &'a mut Transaction<'b>,
        statements: &'a mut HashMap<String, Statement>,
    ) -> PgTx<'a, 'b> {
        PgTx {
            tx: Prepared { tx, statements },
            records: HashMap::new(),
            locked: false,
            last_seq: None,
            deferred: Deferred::default(),
        }
    }

    /// Sends the record and audit rows written so far: before anything reads those tables, and
    /// before the commit.
    pub(super) fn flush(&mut self) -> Result<()> {
        self.deferred.flush(&mut self.tx)
    }
}

fn read_row(row: &Row) -> RecordRow {
    RecordRow {
        id: row.get(0),
        entity: row.get(1),
        fields: row.get(2),
        clocks: row.get(3),
        deleted: row.get(4),
        scope: row.get(5),
        seq: row.get(6),
    }
}

impl ServerTx for PgTx<'_, '_> {
    fn lock_for_write(&mut self) -> Result<()> {
        self.tx
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
        self.flush()?;
        let found = self
            .tx
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
        self.tx
            .execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])
            .map_err(db)?;
        Ok(())
    }

    fn touched_after(&mut self, seq: i64) -> Result<Touched> {
        self.flush()?;
        let rows = self
            .tx
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
            .tx
            .query_opt(
                "SELECT last_mutation_id FROM client WHERE id = $1",
                &[&client.to_string()],
            )
            .map_err(db)?;
        Ok(row.map_or(0, |r| r.get(0)))
    }

    fn remember_refusal(&mut self, client: ClientId, id: i64, reason: &str) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO refusal (client, mutation_id, reason) VALUES ($1, $2, $3)
                 ON CONFLICT (client, mutation_id) DO NOTHING",
                &[&client.to_string(), &id, &reason],
            )
            .map_err(db)?;
        Ok(())
    }

    fn refusal(&mut self, client: ClientId, id: i64) -> Result<Option<String>> {
        Ok(self
            .tx
            .query_opt(
                "SELECT reason FROM refusal WHERE client = $1 AND mutation_id = $2",
                &[&client.to_string(), &id],
            )
            .map_err(db)?
            .map(|r| r.get(0)))
    }

    fn set_last_mutation(&mut self, client: ClientId, id: i64) -> Result<()> {
        self.tx
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
        self.flush()?;
        let row = self
            .tx
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
        Ok(())
    }

    fn records_after(
        &mut self,
        cursor: i64,
        scopes: Option<&[Uuid]>,
        limit: u32,
    ) -> Result<Vec<StoredRecord>> {
        self.flush()?;
        let limit = i64::from(limit);
        let found = match scopes {
            None => self.tx.query(
                &format!(
                    "SELECT {RECORD_COLUMNS} FROM record WHERE seq > $1 ORDER BY seq LIMIT $2"
                ),
                &[&cursor, &limit],
            ),
            Some(units) => self.tx.query(
                &format!(
                    "SELECT {RECORD_COLUMNS} FROM record WHERE seq > $1 AND scope = ANY($3)
                     ORDER BY seq LIMIT $2"
                ),
                &[&cursor, &limit, &rows::scope_texts(units)],
            ),
        }
        .map_err(db)?;
        found
            .iter()
            .map(|r| StoredRecord::try_from(read_row(r)))
            .collect()
    }

    fn depart(&mut self, record: Uuid, left: Uuid, seq: i64) -> Result<()> {
        self.tx
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
        self.flush()?;
        let found = self
            .tx
            .query(
                "SELECT r.id, r.entity, r.fields, r.clocks, r.deleted, r.scope, r.seq,
                        d.scope, d.seq
                 FROM departure d JOIN record r ON r.id = d.record_id
                 WHERE d.seq > $1 AND d.scope = ANY($3)
                 ORDER BY d.seq LIMIT $2",
                &[&cursor, &i64::from(limit), &rows::scope_texts(scopes)],
            )
            .map_err(db)?;
        found
            .iter()
            .map(|r| rows::departure(read_row(r), &r.get::<_, String>(7), r.get(8)))
            .collect()
    }

    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        self.deferred.audit(AuditRow::encode(entry));
        Ok(())
    }

    fn audit_log(&mut self, q: &AuditQuery, limit: u32) -> Result<Vec<AuditEntry>> {
        self.flush()?;
        let found = self
            .tx
            .query(
                &format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit
                     WHERE ($1::TEXT IS NULL OR unit = $1) AND ($2::TEXT IS NULL OR member = $2)
                       AND ($3::BIGINT IS NULL OR at >= $3) AND ($4::BIGINT IS NULL OR at < $4)
                       AND seq > $5
                     ORDER BY seq LIMIT $6"
                ),
                &[
                    &q.unit.map(|u| u.to_string()),
                    &q.member.map(|m| m.to_string()),
                    &q.since,
                    &q.until,
                    &q.after.unwrap_or(0),
                    &i64::from(limit),
                ],
            )
            .map_err(db)?;
        found
            .iter()
            .map(|r| {
                AuditEntry::try_from(AuditRow {
                    seq: r.get(0),
                    at: r.get(1),
                    member: r.get(2),
                    device: r.get(3),
                    entity: r.get(4),
                    record_id: r.get(5),
                    unit: r.get(6),
                    action: r.get(7),
                    refused: r.get(8),
                    changes: r.get(9),
                })
            })
            .collect()
    }

    fn units(&mut self) -> Result<Vec<(Uuid, Option<Uuid>, UnitLevel)>> {
        self.flush()?;
        let found = self
            .tx
            .query(
                "SELECT id, fields::jsonb ->> 'parent_id', fields::jsonb ->> 'level' FROM record
                 WHERE entity = 'org_unit' AND NOT deleted",
                &[],
            )
            .map_err(db)?;
        found
            .iter()
            .map(|r| rows::unit(r.get(0), r.get(1), r.get(2)))
            .collect()
    }

    fn create_invite(&mut self, code_hash: &str, grant: &Grant, now: i64) -> Result<()> {
        super::registry::create_invite(&mut self.tx, code_hash, grant, now)
    }

    fn redeem_invite(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        client: ClientId,
        now: i64,
    ) -> Result<Option<Grant>> {
        super::registry::redeem_invite(&mut self.tx, code_hash, token_hash, client, now)
    }

    fn device(&mut self, token_hash: &str) -> Result<Option<(ClientId, Grant)>> {
        super::registry::device(&mut self.tx, token_hash)
    }

    fn set_calendar_feed(
        &mut self,
        member: Uuid,
        secret_hash: Option<&str>,
        now: i64,
    ) -> Result<()> {
        super::registry::set_calendar_feed(&mut self.tx, member, secret_hash, now)
    }

    fn calendar_feed(&mut self, secret_hash: &str) -> Result<Option<Uuid>> {
        super::registry::calendar_feed(&mut self.tx, secret_hash)
    }

    fn report_rows(
        &mut self,
        cells: &[Uuid],
        named: &[Uuid],
        span_ms: (i64, i64),
        due: (chrono::NaiveDate, chrono::NaiveDate),
    ) -> Result<crate::report::FactRows> {
        self.flush()?;
        super::report::report_rows(&mut self.tx, cells, named, span_ms, due)
    }

    fn attachments_of_file(&mut self, hash: &str) -> Result<Vec<StoredRecord>> {
        self.flush()?;
        // The same expression and condition as the index `record_attachment_hash`, so it is used.
        let found = self
            .tx
            .query(
                &format!(
                    "SELECT {RECORD_COLUMNS} FROM record
                     WHERE ((fields::jsonb) ->> 'content_hash') = $1 AND entity = 'attachment'
                       AND NOT deleted
                     ORDER BY seq"
                ),
                &[&hash],
            )
            .map_err(db)?;
        found
            .iter()
            .map(|r| StoredRecord::try_from(read_row(r)))
            .collect()
    }

    fn put_file(&mut self, hash: &str, bytes: &[u8], now: i64) -> Result<()> {
        self.tx
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
            .tx
            .query_opt("SELECT bytes FROM blob WHERE hash = $1", &[&hash])
            .map_err(db)?;
        Ok(row.map(|r| r.get(0)))
    }

    fn scope_records(&mut self, scope: Uuid, kinds: &[EntityKind]) -> Result<Vec<StoredRecord>> {
        self.flush()?;
        let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        let found = self
            .tx
            .query(
                &format!(
                    "SELECT {RECORD_COLUMNS} FROM record
                     WHERE scope = $1 AND NOT deleted AND entity = ANY($2) ORDER BY seq"
                ),
                &[&scope.to_string(), &kinds],
            )
            .map_err(db)?;
        found
            .iter()
            .map(|r| StoredRecord::try_from(read_row(r)))
            .collect()
    }

    fn latest_seq(&mut self, scopes: Option<&[Uuid]>) -> Result<i64> {
        self.flush()?;
        let row = match scopes {
            None => self
                .tx
                .query_one("SELECT COALESCE(MAX(seq), 0)::BIGINT FROM record", &[]),
            Some(units) => self.tx.query_one(
                "SELECT GREATEST(
                    (SELECT COALESCE(MAX(seq), 0) FROM record WHERE scope = ANY($1)),
                    (SELECT COALESCE(MAX(seq), 0) FROM departure WHERE scope = ANY($1)))::BIGINT",
                &[&rows::scope_texts(units)],
            ),
        }
        .map_err(db)?;
        Ok(row.get(0))
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>> {
        let row = self
            .tx
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&key])
            .map_err(db)?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO meta (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
            .map_err(db)?;
        Ok(())
    }
}
