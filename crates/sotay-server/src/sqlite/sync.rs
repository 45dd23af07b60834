//! The sync role on SQLite: records written numbered, read after a cursor, the departures, each
//! client's last mutation and refusals, and what changed for the live clients. Sequence numbers
//! are allocated by `storage::PutRecord::put`; this only writes the row.

use super::{SqliteTx, json_list, read_row};
use crate::rows::{self, RECORD_COLUMNS, RecordRow};
use crate::storage::{Departure, Result, StoredRecord, SyncTx, Touched};
use rusqlite::OptionalExtension;
use sotay_core::ClientId;
use uuid::Uuid;

impl SyncTx for SqliteTx<'_> {
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

    fn known_latest_seq(&self) -> Option<i64> {
        // The transaction holds the write lock from its start (`BEGIN IMMEDIATE`).
        self.last_seq
    }

    fn write_record(&mut self, record: StoredRecord, r: RecordRow) -> Result<()> {
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
        self.last_seq = Some(r.seq);
        self.records.insert(record.id, Some(record));
        Ok(())
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

    fn last_mutation(&mut self, client: ClientId) -> Result<i64> {
        Ok(self
            .tx
            .prepare_cached("SELECT last_mutation_id FROM client WHERE id = ?1")?
            .query_row([client.to_string()], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
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
}
