//! The sync role on PostgreSQL: the write path a writing transaction keeps in memory — the
//! records it read or wrote, the sequence numbers counted on from the first, the units touched —
//! and the reads behind pulls and live clients. Sequence numbers are allocated by
//! `storage::PutRecord::put`; this writes the row and keeps what it knows of them.

use super::PgTx;
use crate::postgres::reads::{self, read_row};
use crate::postgres::writer::{BATCH, Writer};
use crate::postgres::{CHANNEL, db, notice_payload};
use crate::rows::{self, RECORD_COLUMNS, RecordRow};
use crate::storage::{BaseTx, Departure, Result, StoredRecord, SyncTx, Touched};
use sotay_core::ClientId;
use uuid::Uuid;

impl SyncTx for PgTx<'_, '_, '_, '_> {
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

    fn known_latest_seq(&self) -> Option<i64> {
        // Only under the write lock is the number last read or given still the greatest.
        self.last_seq.filter(|_| self.locked)
    }

    fn write_record(&mut self, record: StoredRecord, row: RecordRow) -> Result<()> {
        // Seen absent under the write lock, the record is still absent: it goes in as new.
        let known = self.records.remove(&record.id);
        let new = self.locked && matches!(known, Some(None));
        self.last_seq = Some(row.seq);
        if self.locked {
            self.touched.insert(record.scope);
            // Kept as written: the push reads it again for its answer.
            self.records.insert(record.id, Some(record));
        }
        self.deferred.record(row, new);
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

    fn unit_of(&mut self, id: Uuid) -> Result<Option<Uuid>> {
        // A parent the push prefetched or wrote: its scope, without copying the whole record
        // for each of its children (a meeting's for each row of its roll call).
        if let Some(known) = self.records.get(&id) {
            return Ok(known.as_ref().and_then(|r| r.scope));
        }
        Ok(self.record(id)?.and_then(|r| r.scope))
    }

    fn records_after(
        &mut self,
        cursor: i64,
        scopes: Option<&[Uuid]>,
        limit: u32,
    ) -> Result<Vec<RecordRow>> {
        reads::records_after(&mut *self.conn()?, cursor, scopes, limit)
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
        reads::departures_after(&mut *self.conn()?, cursor, scopes, limit)
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

    fn announce_change(&mut self, touched: &Touched) -> Result<()> {
        let payload = notice_payload(touched);
        self.conn()?
            .execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])
            .map_err(db)?;
        Ok(())
    }
}
