//! Changes the server did not accept, kept on the device so the member is told.
//!
//! Filled by [`Store::acknowledge_push`] in the transaction that forgets the outbox entries and
//! puts the server's state back; read by the Sync screen; never synced.

use crate::error::{Result, StoreError};
use crate::outbox::ChangeRow;
use crate::{Store, Writer};
use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use sotay_core::entity::Label;
use sotay_core::{EntityKind, FieldMap, Op};
use uuid::Uuid;

/// Why the server refused one pushed change, as the sync client reads it from the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub mutation_id: i64,
    /// The protocol's reason code: `forbidden`, `deleted`, `invalid`, `bad_value`, …
    pub reason: String,
    /// What the server said of it (which field, what was wrong), if anything.
    pub detail: Option<String>,
}

/// A refused change, with what was sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub mutation_id: i64,
    pub entity: EntityKind,
    pub entity_id: Uuid,
    pub op: Op,
    pub fields: FieldMap,
    /// What named the record when the change was refused.
    pub label: Option<String>,
    pub reason: String,
    pub detail: Option<String>,
    pub rejected_at: DateTime<Utc>,
    pub dismissed: bool,
}

/// The SQL expression that names a record of a kind (its label in the entity table), for "your
/// change to … was not accepted".
fn label_sql(kind: EntityKind) -> Option<String> {
    Some(match kind.handling().label? {
        Label::Field(field) => field.to_owned(),
        Label::Opening { field, chars } => format!("substr({field}, 1, {chars})"),
    })
}

/// Keeps a notice of each refused change (read from its outbox entry, which must still be
/// there), and takes back the local rows of refused changes the server sent no state for: a
/// record this device may not read, or an insert that never happened there.
pub(crate) fn record(
    tx: &Transaction<'_>,
    refused: &[Refusal],
    returned: &std::collections::HashSet<Uuid>,
    now_ms: u64,
) -> Result<Vec<(EntityKind, Uuid)>> {
    let mut taken_back = Vec::new();
    for r in refused {
        let entry: Option<(String, String)> = {
            use rusqlite::OptionalExtension;
            tx.prepare_cached("SELECT entity, entity_id FROM outbox WHERE mutation_id = ?1")?
                .query_row([r.mutation_id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?
        };
        // Already forgotten (an earlier answer was applied): nothing more to say.
        let Some((entity, entity_id)) = entry else {
            continue;
        };
        let kind: Option<EntityKind> = entity.parse().ok();
        let label: Option<String> = match kind.and_then(label_sql) {
            Some(label) => {
                use rusqlite::OptionalExtension;
                tx.prepare_cached(&format!(
                    "SELECT {label} FROM {entity} WHERE id = ?1",
                    entity = entity
                ))?
                .query_row([&entity_id], |row| row.get(0))
                .optional()?
                .flatten()
            }
            None => None,
        };
        tx.prepare_cached(
            "INSERT OR IGNORE INTO rejection
                 (mutation_id, entity, entity_id, op, fields, label, reason, detail, rejected_at)
             SELECT mutation_id, entity, entity_id, op, fields, ?2, ?3, ?4, ?5
             FROM outbox WHERE mutation_id = ?1",
        )?
        .execute(rusqlite::params![
            r.mutation_id,
            label,
            r.reason,
            r.detail,
            i64::try_from(now_ms).unwrap_or(i64::MAX)
        ])?;
        if let (Some(kind), Ok(id)) = (kind, Uuid::parse_str(&entity_id))
            && !returned.contains(&id)
        {
            tx.prepare_cached(&format!(
                "UPDATE {} SET deleted = 1 WHERE id = ?1",
                kind.as_str()
            ))?
            .execute([&entity_id])?;
            taken_back.push((kind, id));
        }
    }
    Ok(taken_back)
}

impl Store {
    /// Refused changes, newest first (only those not dismissed, unless `all`).
    pub fn rejections(&self, all: bool, limit: u32) -> Result<Vec<Rejection>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT mutation_id, entity, entity_id, op, fields, label, reason, detail,
                    rejected_at, dismissed
             FROM rejection WHERE ?1 OR dismissed = 0
             ORDER BY rejected_at DESC, mutation_id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![all, limit], |r| {
            Ok((
                ChangeRow::read(r)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, i64>(8)?,
                r.get::<_, bool>(9)?,
            ))
        })?;
        rows.map(|row| {
            let (change, label, reason, detail, rejected_at, dismissed) = row?;
            let c = change.parse()?;
            Ok(Rejection {
                mutation_id: c.mutation_id,
                entity: c.entity,
                entity_id: c.entity_id,
                op: c.op,
                fields: c.fields,
                label,
                reason,
                detail,
                rejected_at: DateTime::from_timestamp_millis(rejected_at).unwrap_or_default(),
                dismissed,
            })
        })
        .collect()
    }

    /// Refused changes the member has not dismissed yet.
    pub fn open_rejections(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM rejection WHERE dismissed = 0",
            [],
            |r| r.get(0),
        )?)
    }
}

impl Writer<'_> {
    /// The member has read the notice of a refused change.
    pub fn dismiss_rejection(&mut self, mutation_id: i64) -> Result<()> {
        let n = self
            .tx()
            .prepare_cached("UPDATE rejection SET dismissed = 1 WHERE mutation_id = ?1")?
            .execute([mutation_id])?;
        if n == 0 {
            return Err(StoreError::NoRejection(mutation_id));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Refusal;
    use crate::{RemoteRecord, Store};
    use sotay_core::model::{OrgUnit, UnitLevel};
    use sotay_core::{ClientId, EntityKind, Hlc, Op, Record};

    fn cell(name: &str) -> OrgUnit {
        OrgUnit {
            id: sotay_core::id::new_id(),
            parent_id: None,
            level: UnitLevel::Cell,
            name: name.into(),
            code: None,
            closed_on: None,
            in_sotay_since: None,
        }
    }

    fn refused(mutation_id: i64, reason: &str) -> Refusal {
        Refusal {
            mutation_id,
            reason: reason.into(),
            detail: None,
        }
    }

    /// A refused insert the server sends no state for (a unit this device may not write to) is
    /// taken back, and the member keeps a notice with what was sent.
    #[test]
    fn a_refused_insert_is_taken_back_and_kept_as_a_notice() {
        let mut store = Store::open_in_memory().unwrap();
        let unit = cell("Chi bộ thôn Bắc");
        store.write(|w| w.insert(&unit)).unwrap();
        let sent = store.outbox(1).unwrap().remove(0);
        store
            .acknowledge_push(
                sent.mutation_id,
                &[],
                &[refused(sent.mutation_id, "forbidden")],
            )
            .unwrap();
        assert_eq!(store.pending_changes().unwrap(), 0);
        assert!(store.get::<OrgUnit>(unit.id).unwrap().is_none());
        let listed = store.rejections(false, 10).unwrap();
        assert_eq!(listed.len(), 1);
        let r = &listed[0];
        assert_eq!(
            (r.entity, r.entity_id, r.op),
            (EntityKind::OrgUnit, unit.id, Op::Insert)
        );
        assert_eq!(r.label.as_deref(), Some("Chi bộ thôn Bắc"));
        assert_eq!(r.fields["name"], "Chi bộ thôn Bắc");
        assert_eq!(r.reason, "forbidden");
        assert_eq!(store.open_rejections().unwrap(), 1);

        store.write(|w| w.dismiss_rejection(r.mutation_id)).unwrap();
        assert!(store.rejections(false, 10).unwrap().is_empty());
        assert_eq!(store.rejections(true, 10).unwrap().len(), 1);
        assert!(store.write(|w| w.dismiss_rejection(999)).is_err());
    }

    /// A refused change whose record the server sends back takes the server's state, not a
    /// deletion.
    #[test]
    fn a_refused_update_takes_the_servers_state() {
        let mut store = Store::open_in_memory().unwrap();
        let unit = cell("Chi bộ thôn Đông");
        store.write(|w| w.insert(&unit)).unwrap();
        store.acknowledge(1, &[]).unwrap();
        store
            .write(|w| {
                w.modify::<OrgUnit>(unit.id, |u| u.name = "Tên mới".into())
                    .map(|_| ())
            })
            .unwrap();
        let sent = store.outbox(1).unwrap().remove(0);
        let server = RemoteRecord {
            entity: EntityKind::OrgUnit,
            id: unit.id,
            fields: unit.to_fields(),
            deleted: false,
            hlc: Hlc::from_i64(1),
            origin: ClientId::new(),
            gone: false,
        };
        store
            .acknowledge_push(
                sent.mutation_id,
                &[server],
                &[refused(sent.mutation_id, "forbidden")],
            )
            .unwrap();
        assert_eq!(
            store.require::<OrgUnit>(unit.id).unwrap().name,
            "Chi bộ thôn Đông"
        );
        assert_eq!(
            store.rejections(false, 10).unwrap()[0].label.as_deref(),
            Some("Tên mới")
        );
    }
}
