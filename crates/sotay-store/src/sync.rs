//! The store's side of sync: what to push, forgetting what the server acknowledged, and applying
//! what was pulled. Knows nothing of HTTP or the protocol's types; the sync client translates.
//!
//! Pulled records are the only writes to record tables that do not go through [`crate::Writer`]:
//! they are the server's state, and must not go back out as local changes.

use crate::error::{Result, StoreError};
use crate::read::{row_fields, select_sql};
use crate::rejections::{self, Refusal};
use crate::value::to_sql;
use crate::{Store, open, search};
use rusqlite::{OptionalExtension, params_from_iter};
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc};
use std::collections::HashSet;
use uuid::Uuid;

/// A record as the server holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteRecord {
    pub entity: EntityKind,
    pub id: Uuid,
    /// Every field (a tombstone's may be empty).
    pub fields: FieldMap,
    pub deleted: bool,
    pub hlc: Hlc,
    pub origin: ClientId,
    /// The record left what this device may read (it moved to a unit the device does not read):
    /// its row is removed, not kept as a tombstone.
    pub gone: bool,
}

pub(crate) const CURSOR: &str = "sync_cursor";

impl Store {
    /// The server sequence up to which this store has applied pulled records.
    pub fn sync_cursor(&self) -> Result<i64> {
        Ok(open::get_meta(self.conn(), CURSOR)?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0))
    }

    /// Forgets the outbox entries the server has processed (up to `last_mutation_id`) and, in the
    /// same transaction, takes the server's state of the records they touched.
    pub fn acknowledge(&mut self, last_mutation_id: i64, records: &[RemoteRecord]) -> Result<()> {
        self.acknowledge_push(last_mutation_id, records, &[])
    }

    /// [`Store::acknowledge`], keeping a notice of each change the server refused (see
    /// [`Store::rejections`]) and taking back the local rows of refused changes it sent no state
    /// for — all in the same transaction.
    pub fn acknowledge_push(
        &mut self,
        last_mutation_id: i64,
        records: &[RemoteRecord],
        refused: &[Refusal],
    ) -> Result<()> {
        let now = (self.wall)();
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let result = self.apply_page(records, None, Some((last_mutation_id, refused)), now);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        result
    }

    /// Applies one pulled page and moves the cursor, in one transaction: an interrupted sync
    /// resumes after the last page applied. A field with a local change still waiting to be pushed
    /// keeps its local value (the server merges it when it arrives); a record deleted locally and
    /// not yet pushed stays deleted.
    pub fn apply_pulled(&mut self, records: &[RemoteRecord], cursor: i64) -> Result<()> {
        // The server sends each record at its latest change, so a child can come a page before
        // its parent: foreign keys are enforced for local writes (and checked by the Writer), and
        // eventually true for pulled pages. The pragma cannot change inside a transaction.
        self.apply_in_tx(records, Some(cursor))
    }

    fn apply_in_tx(&mut self, records: &[RemoteRecord], cursor: Option<i64>) -> Result<()> {
        let now = (self.wall)();
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        // A pulled page is committed without waiting for the disk: a power cut loses it with
        // the cursor that moved in the same transaction, so it is simply pulled again. (The
        // member's own writes stay `synchronous = FULL`: nothing else holds them.)
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let result = self.apply_page(records, cursor, None, now);
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        result
    }

    fn apply_page(
        &mut self,
        records: &[RemoteRecord],
        cursor: Option<i64>,
        acknowledged: Option<(i64, &[Refusal])>,
        now: u64,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut jobs = Vec::new();
        if let Some((last, refused)) = acknowledged {
            let returned: HashSet<Uuid> = records.iter().map(|r| r.id).collect();
            for (kind, id) in rejections::record(&tx, refused, &returned, now)? {
                if search::SEARCHABLE.contains(&kind) {
                    jobs.push(search::IndexJob::Remove(id));
                }
            }
            tx.prepare_cached("DELETE FROM outbox WHERE mutation_id <= ?1")?
                .execute([last])?;
        }
        let mut clock = self.clock;
        let resyncing = crate::resync::under_way(&tx)?;
        for r in records {
            clock.observe(r.hlc, now);
            let key = r.id.to_string();
            let table = r.entity.as_str();
            let mut pending = HashSet::new();
            let mut pending_delete = false;
            {
                let mut stmt =
                    tx.prepare_cached("SELECT op, fields FROM outbox WHERE entity_id = ?1")?;
                let rows = stmt.query_map([&key], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })?;
                for row in rows {
                    let (op, fields) = row?;
                    pending_delete |= op == "delete";
                    if let Ok(map) = serde_json::from_str::<FieldMap>(&fields) {
                        pending.extend(map.into_iter().map(|(k, _)| k));
                    }
                }
            }
            if pending_delete {
                continue;
            }
            if r.gone && pending.is_empty() {
                tx.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
                    .execute([&key])?;
                if search::SEARCHABLE.contains(&r.entity) {
                    jobs.push(search::IndexJob::Remove(r.id));
                }
                continue;
            }
            crate::resync::seen(&tx, resyncing, &key)?;
            let exists: Option<bool> = tx
                .prepare_cached(&format!("SELECT deleted FROM {table} WHERE id = ?1"))?
                .query_row([&key], |row| row.get(0))
                .optional()?;
            if r.deleted {
                if exists == Some(false) {
                    tx.prepare_cached(&format!(
                        "UPDATE {table} SET deleted = 1, hlc = ?2, origin = ?3 WHERE id = ?1"
                    ))?
                    .execute(rusqlite::params![
                        key,
                        r.hlc.as_i64(),
                        r.origin.to_string()
                    ])?;
                    if search::SEARCHABLE.contains(&r.entity) {
                        jobs.push(search::IndexJob::Remove(r.id));
                    }
                }
                continue;
            }
            let fields: Vec<(&str, &serde_json::Value)> = r
                .entity
                .fields()
                .iter()
                .filter(|f| !pending.contains(f.name))
                .filter_map(|f| r.fields.get(f.name).map(|v| (f.name, v)))
                .collect();
            // What the device already holds as the server has it — its own records coming back
            // after its first push, a page pulled again — is left as it is, search index and all.
            if exists == Some(false) && holds_already(&tx, r, &fields)? {
                continue;
            }
            match exists {
                Some(_) => {
                    let sets: Vec<String> = fields
                        .iter()
                        .enumerate()
                        .map(|(i, (name, _))| format!("{name} = ?{}", i + 4))
                        .collect();
                    // The server's record is live: a local delete it refused comes undone (one
                    // still waiting to be pushed was skipped above).
                    let sql = if sets.is_empty() {
                        format!(
                            "UPDATE {table} SET deleted = 0, hlc = max(hlc, ?2), origin = ?3 WHERE id = ?1"
                        )
                    } else {
                        format!(
                            "UPDATE {table} SET {}, deleted = 0, hlc = max(hlc, ?2), origin = ?3 WHERE id = ?1",
                            sets.join(", ")
                        )
                    };
                    let mut values: Vec<rusqlite::types::Value> = vec![
                        key.clone().into(),
                        r.hlc.as_i64().into(),
                        r.origin.to_string().into(),
                    ];
                    values.extend(fields.iter().map(|(_, v)| to_sql(v)));
                    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
                }
                None => {
                    let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
                    let sql = format!(
                        "INSERT INTO {table} (id, {}created_hlc, hlc, origin) VALUES ({})",
                        names.iter().map(|n| format!("{n}, ")).collect::<String>(),
                        (1..=names.len() + 4)
                            .map(|i| format!("?{i}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    let mut values: Vec<rusqlite::types::Value> = vec![key.clone().into()];
                    values.extend(fields.iter().map(|(_, v)| to_sql(v)));
                    values.push(r.hlc.as_i64().into());
                    values.push(r.hlc.as_i64().into());
                    values.push(r.origin.to_string().into());
                    tx.prepare_cached(&sql)?
                        .execute(params_from_iter(values))
                        .map_err(|e| StoreError::Pulled {
                            kind: r.entity,
                            id: r.id,
                            reason: e.to_string(),
                        })?;
                }
            }
            if search::SEARCHABLE.contains(&r.entity) {
                let full = tx
                    .prepare_cached(&format!("{} WHERE id = ?1", select_sql(r.entity)))?
                    .query_row([&key], |row| row_fields(r.entity, row))?;
                jobs.extend(search::job(r.entity, r.id, &full.1));
            }
        }
        search::apply(&tx, jobs)?;
        if let Some(cursor) = cursor {
            open::set_meta(&tx, CURSOR, &cursor.to_string())?;
        }
        open::save_clock(&tx, clock.last())?;
        tx.commit()?;
        self.clock = clock;
        Ok(())
    }

    /// Every live record as (kind, id, fields), sorted: what two replicas must agree on once
    /// synced. (A record deleted before a replica ever saw it leaves no row there, so tombstones
    /// are not compared.) For tests and diagnostics.
    pub fn snapshot(&self) -> Result<Vec<(EntityKind, String, FieldMap)>> {
        let mut out = Vec::new();
        for &kind in EntityKind::ALL {
            let sql = format!("{} WHERE deleted = 0", select_sql(kind));
            let mut stmt = self.conn().prepare(&sql)?;
            let rows = stmt.query_map([], |row| row_fields(kind, row))?;
            for row in rows {
                let (id, fields) = row?;
                out.push((kind, id, fields));
            }
        }
        out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        Ok(out)
    }
}

/// Whether the live local row of `r` has every one of `fields` as pulled, at `r`'s clock or
/// later: applying `r` would change nothing.
fn holds_already(
    tx: &rusqlite::Transaction<'_>,
    r: &RemoteRecord,
    fields: &[(&str, &serde_json::Value)],
) -> Result<bool> {
    // `select_sql`'s columns (what `row_fields` reads), then the row's clock.
    let names: Vec<&str> = r.entity.fields().iter().map(|f| f.name).collect();
    let sql = format!(
        "SELECT id, {}, hlc FROM {} WHERE id = ?1",
        names.join(", "),
        r.entity.as_str()
    );
    let n = names.len();
    let local = tx
        .prepare_cached(&sql)?
        .query_row([r.id.to_string()], |row| {
            Ok((row_fields(r.entity, row)?.1, row.get::<_, i64>(n + 1)?))
        })
        .optional()?;
    Ok(local.is_some_and(|(held, hlc)| {
        hlc >= r.hlc.as_i64() && fields.iter().all(|(name, v)| held.get(*name) == Some(*v))
    }))
}
