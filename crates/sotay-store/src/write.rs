//! The one write path: validate, check references, stamp, write, append to the outbox, index.

use crate::error::{Result, StoreError};
use crate::value::to_sql;
use crate::{read, search};
use rusqlite::{Transaction, params_from_iter};
use serde_json::Value;
use sotay_core::text::{is_normalized, normalize};
use sotay_core::{ClientId, Clock, EntityKind, FieldMap, FieldType, Hlc, Op, Record};
use uuid::Uuid;

/// Makes changes inside one [`crate::Store::write`] transaction.
pub struct Writer<'a> {
    tx: &'a Transaction<'a>,
    clock: &'a mut Clock,
    client: ClientId,
    now_ms: u64,
    /// The last mutation id issued; saved with the transaction.
    last_mutation: i64,
    /// Records known to be live in this transaction (checked or written by it), so a roll call
    /// of twenty members does not look each member up twenty times.
    live: std::collections::HashSet<(EntityKind, Uuid)>,
    index_jobs: Vec<search::IndexJob>,
}

impl std::fmt::Debug for Writer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("client", &self.client)
            .finish()
    }
}

impl<'a> Writer<'a> {
    pub(crate) fn new(
        tx: &'a Transaction<'a>,
        clock: &'a mut Clock,
        client: ClientId,
        now_ms: u64,
        last_mutation: i64,
    ) -> Self {
        Writer {
            tx,
            clock,
            client,
            now_ms,
            last_mutation,
            live: std::collections::HashSet::new(),
            index_jobs: Vec::new(),
        }
    }

    /// The last mutation id this transaction issued.
    pub(crate) fn last_mutation(&self) -> i64 {
        self.last_mutation
    }

    /// The search index changes this transaction's writes call for.
    pub(crate) fn take_index_jobs(&mut self) -> Vec<search::IndexJob> {
        std::mem::take(&mut self.index_jobs)
    }

    /// The wall time this transaction started at.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        let ms = i64::try_from(self.now_ms).unwrap_or(i64::MAX);
        chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
    }

    /// Sets a value this client keeps for itself (never synced): settings, sync cursors, marks.
    pub fn set_local(&mut self, key: &str, value: &str) -> Result<()> {
        crate::open::set_meta(self.tx, key, value)
    }

    /// Queues this device's own record again as it stands, stamped with the clock of its latest
    /// change (`restored.rs`): written by this device before, so nothing is validated again.
    pub(crate) fn resend(
        &mut self,
        kind: EntityKind,
        id: Uuid,
        fields: &FieldMap,
        deleted: bool,
        hlc: Hlc,
    ) -> Result<()> {
        self.append(kind, id, Op::Insert, fields, None, hlc)?;
        if deleted {
            self.append(kind, id, Op::Delete, &FieldMap::new(), None, hlc)?;
        }
        Ok(())
    }

    /// Forgets a value this client kept for itself.
    pub fn remove_local(&mut self, key: &str) -> Result<()> {
        self.tx.execute("DELETE FROM meta WHERE key = ?1", [key])?;
        Ok(())
    }

    /// The transaction, for local (never synced) tables kept beside the records.
    pub(crate) fn tx(&self) -> &Transaction<'a> {
        self.tx
    }

    /// Reads a live record inside this transaction.
    pub fn get<R: Record>(&self, id: Uuid) -> Result<Option<R>> {
        read::get(self.tx, id)
    }

    /// Adds a new record.
    pub fn insert<R: Record>(&mut self, record: &R) -> Result<()> {
        record.validate()?;
        let kind = R::KIND;
        let id = record.id();
        let mut fields = record.to_fields();
        normalize_texts(kind, &mut fields);
        self.check_references(kind, &fields, None)?;

        let hlc = self.clock.tick(self.now_ms);
        let columns: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
        let sql = format!(
            "INSERT INTO {} (id, {}, created_hlc, hlc, origin) VALUES ({})",
            kind.as_str(),
            columns.join(", "),
            (1..=columns.len() + 4)
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut values = Vec::with_capacity(columns.len() + 4);
        values.push(rusqlite::types::Value::Text(id.to_string()));
        values.extend(
            columns
                .iter()
                .map(|c| fields.get(*c).map_or(rusqlite::types::Value::Null, to_sql)),
        );
        values.push(hlc.as_i64().into());
        values.push(hlc.as_i64().into());
        values.push(self.client.to_string().into());
        let inserted = self
            .tx
            .prepare_cached(&sql)?
            .execute(params_from_iter(values));
        if let Err(e) = inserted {
            return Err(if is_unique_violation(&e) {
                StoreError::AlreadyExists { kind, id }
            } else {
                e.into()
            });
        }
        self.append(kind, id, Op::Insert, &fields, None, hlc)?;
        self.index_jobs.extend(search::job(kind, id, &fields));
        self.live.insert((kind, id));
        Ok(())
    }

    /// Changes a live record with `edit`; only the fields that really changed are written and
    /// sent. Returns the record as stored.
    pub fn modify<R: Record>(&mut self, id: Uuid, edit: impl FnOnce(&mut R)) -> Result<R> {
        let kind = R::KIND;
        let before: R = self.get(id)?.ok_or(StoreError::NotFound { kind, id })?;
        let mut after = before.clone();
        edit(&mut after);
        after.validate()?;
        let old = before.to_fields();
        let mut new = after.to_fields();
        normalize_texts(kind, &mut new);

        let changed: FieldMap = new
            .iter()
            .filter(|(k, v)| old.get(*k) != Some(*v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if changed.is_empty() {
            return Ok(after);
        }
        self.check_references(kind, &changed, Some(id))?;
        let base: FieldMap = changed
            .keys()
            .map(|k| (k.clone(), old.get(k).cloned().unwrap_or(Value::Null)))
            .collect();

        let hlc = self.clock.tick(self.now_ms);
        let sets: Vec<String> = changed
            .keys()
            .enumerate()
            .map(|(i, k)| format!("{k} = ?{}", i + 1))
            .collect();
        let n = changed.len();
        let sql = format!(
            "UPDATE {} SET {}, hlc = ?{}, origin = ?{} WHERE id = ?{}",
            kind.as_str(),
            sets.join(", "),
            n + 1,
            n + 2,
            n + 3
        );
        let mut values: Vec<rusqlite::types::Value> = changed.values().map(to_sql).collect();
        values.push(hlc.as_i64().into());
        values.push(self.client.to_string().into());
        values.push(id.to_string().into());
        self.tx
            .prepare_cached(&sql)?
            .execute(params_from_iter(values))?;
        self.append(kind, id, Op::Update, &changed, Some(&base), hlc)?;
        self.index_jobs.extend(search::job(kind, id, &new));
        R::from_fields(id, new).map_err(|source| StoreError::Corrupt {
            kind,
            id: id.to_string(),
            source,
        })
    }

    /// Inserts `record`, or — when a record with its id lives already (ids derived from what the
    /// record is about, such as attendance) — changes it to match.
    pub fn put<R: Record>(&mut self, record: &R) -> Result<()> {
        if self.get::<R>(record.id())?.is_some() {
            let fields = record.to_fields();
            self.modify::<R>(record.id(), |r| {
                if let Ok(replaced) = R::from_fields(record.id(), fields) {
                    *r = replaced;
                }
            })?;
            Ok(())
        } else {
            self.insert(record)
        }
    }

    /// Deletes a live record, leaving a tombstone.
    pub fn delete(&mut self, kind: EntityKind, id: Uuid) -> Result<()> {
        let hlc = self.clock.tick(self.now_ms);
        let sql = format!(
            "UPDATE {} SET deleted = 1, hlc = ?1, origin = ?2 WHERE id = ?3 AND deleted = 0",
            kind.as_str()
        );
        let n = self.tx.prepare_cached(&sql)?.execute(rusqlite::params![
            hlc.as_i64(),
            self.client.to_string(),
            id.to_string()
        ])?;
        if n == 0 {
            return Err(StoreError::NotFound { kind, id });
        }
        self.live.remove(&(kind, id));
        self.append(kind, id, Op::Delete, &FieldMap::new(), None, hlc)?;
        if search::SEARCHABLE.contains(&kind) {
            self.index_jobs.push(search::IndexJob::Remove(id));
        }
        Ok(())
    }

    fn append(
        &mut self,
        kind: EntityKind,
        id: Uuid,
        op: Op,
        fields: &FieldMap,
        base: Option<&FieldMap>,
        hlc: Hlc,
    ) -> Result<()> {
        let fields = Value::Object(fields.clone()).to_string();
        let base = base.map(|b| Value::Object(b.clone()).to_string());
        self.last_mutation += 1;
        self.tx
            .prepare_cached(
                "INSERT INTO outbox (mutation_id, entity, entity_id, op, fields, base, hlc, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(rusqlite::params![
                self.last_mutation,
                kind.as_str(),
                id.to_string(),
                op.as_str(),
                fields,
                base,
                hlc.as_i64(),
                i64::try_from(self.now_ms).unwrap_or(i64::MAX),
            ])?;
        Ok(())
    }

    /// Every id a change refers to must name a live record of the right kind — said here, by name,
    /// rather than as SQLite's anonymous foreign-key failure at commit.
    fn check_references(
        &mut self,
        kind: EntityKind,
        fields: &FieldMap,
        own_id: Option<Uuid>,
    ) -> Result<()> {
        for field in kind.fields() {
            let FieldType::Ref(target) = field.ty else {
                continue;
            };
            let Some(Value::String(raw)) = fields.get(field.name) else {
                continue;
            };
            let target_id = Uuid::parse_str(raw).map_err(|_| {
                StoreError::Invalid(sotay_core::ValidationError {
                    field: field.name,
                    problem: sotay_core::Invalid::BadFormat { expected: "an id" },
                })
            })?;
            if own_id == Some(target_id) && target == kind {
                return Err(StoreError::Invalid(sotay_core::ValidationError {
                    field: field.name,
                    problem: sotay_core::Invalid::Inconsistent {
                        reason: "a record cannot refer to itself",
                    },
                }));
            }
            if self.live.contains(&(target, target_id)) {
                continue;
            }
            let sql = format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1 AND deleted = 0)",
                target.as_str()
            );
            let exists: bool = self
                .tx
                .prepare_cached(&sql)?
                .query_row([raw], |r| r.get(0))?;
            if !exists {
                return Err(StoreError::NotFound {
                    kind: target,
                    id: target_id,
                });
            }
            self.live.insert((target, target_id));
        }
        Ok(())
    }
}

/// Texts are stored in one form (NFC, trimmed) whatever the keyboard sent.
fn normalize_texts(kind: EntityKind, fields: &mut FieldMap) {
    for f in kind.fields() {
        if !matches!(f.ty, FieldType::Text | FieldType::LongText) {
            continue;
        }
        if let Some(Value::String(s)) = fields.get_mut(f.name)
            && !is_normalized(s)
        {
            *s = normalize(s);
        }
    }
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(err, _)
            if err.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                || err.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}
