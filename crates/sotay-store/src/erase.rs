//! Erasing what a store holds, for a device that was signed out (reported lost): every record,
//! file, draft and local key goes, and the pages they were on are overwritten, not just freed.
//! What stays is the store's identity and counters — its client id, its clock and its last
//! mutation id — which name no one, and which keep a device that joins again from reusing a
//! mutation id the server has already seen from it.
//!
//! Before the rows go, the changes never sent are listed — what kind of record, the record's
//! name where the entity table names it by a field (a meeting's topic, a task's title; never
//! the opening of an idea or a progress note), and when — so the person can be told what did not
//! reach the server, and no text of theirs outlives the erasure.

use crate::{Result, Store};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use sotay_core::EntityKind;
use sotay_core::entity::Label;

/// The meta keys kept: the store's identity and counters.
const KEPT: &[&str] = &["client_id", "hlc", "last_mutation_id", "search_index"];

/// The local key under which the list of unsent changes is kept after an erasure.
pub const ERASED: &str = "erased";

/// One change the erased store had not sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsentChange {
    pub entity: String,
    /// `insert`, `update` or `delete`.
    pub op: String,
    /// What named the record (a meeting's topic, a task's title), when the kind has a label.
    pub label: Option<String>,
    /// When it was made, in milliseconds since the epoch (the device's clock).
    pub made_at: i64,
}

/// What an erasure left: when it happened and the changes it did not send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Erased {
    pub at: i64,
    pub unsent: Vec<UnsentChange>,
}

impl Store {
    /// Erases everything this store holds but its identity and counters, keeping the list of
    /// changes it had not sent (see the module's notes). One transaction: either all goes or
    /// nothing does; then the file is rebuilt so no page of it keeps the old data.
    pub fn erase(&mut self) -> Result<Erased> {
        let at = i64::try_from((self.wall)()).unwrap_or(i64::MAX);
        // Freed pages are overwritten with zeros from here on, on this connection.
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let unsent = unsent(&tx)?;
        let tables: Vec<String> = tx
            .prepare(
                "SELECT name FROM sqlite_schema
                 WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                   AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
                   AND name NOT IN (SELECT name || suffix FROM sqlite_schema,
                        (SELECT '_data' AS suffix UNION ALL SELECT '_idx' UNION ALL
                         SELECT '_content' UNION ALL SELECT '_docsize' UNION ALL
                         SELECT '_config')
                        WHERE sql LIKE 'CREATE VIRTUAL TABLE%')",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in &tables {
            if table == "meta" {
                let kept = KEPT
                    .iter()
                    .map(|k| format!("'{k}'"))
                    .collect::<Vec<_>>()
                    .join(", ");
                tx.execute(&format!("DELETE FROM meta WHERE key NOT IN ({kept})"), [])?;
            } else {
                tx.execute(&format!("DELETE FROM \"{table}\""), [])?;
            }
        }
        // The search index is contentless: its own command empties it.
        tx.execute(
            "INSERT INTO search_fts (search_fts) VALUES ('delete-all')",
            [],
        )?;
        let erased = Erased { at, unsent };
        // Strings and numbers only: writing them as JSON cannot fail.
        let json = serde_json::to_string(&erased).unwrap_or_default();
        crate::open::set_meta(&tx, ERASED, &json)?;
        tx.commit()?;
        // The file rebuilt from what is left, and the write-ahead log emptied: no copy of an
        // old page remains in either.
        self.conn.execute_batch("VACUUM")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .optional()?;
        Ok(erased)
    }

    /// What the last erasure left, if this store was erased (and has not joined a server since).
    pub fn erased(&self) -> Result<Option<Erased>> {
        Ok(self
            .local(ERASED)?
            .and_then(|json| serde_json::from_str(&json).ok()))
    }
}

/// The changes waiting in the outbox, each named as its record is labelled.
fn unsent(tx: &rusqlite::Transaction<'_>) -> Result<Vec<UnsentChange>> {
    let rows: Vec<(String, String, String, i64)> = tx
        .prepare("SELECT entity, entity_id, op, created_at FROM outbox ORDER BY mutation_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (entity, id, op, made_at) in rows {
        let named_by =
            entity
                .parse::<EntityKind>()
                .ok()
                .and_then(|kind| match kind.handling().label? {
                    Label::Field(field) => Some(field),
                    Label::Opening { .. } => None,
                });
        let label = match named_by {
            Some(label) => tx
                .prepare_cached(&format!("SELECT {label} FROM {entity} WHERE id = ?1"))?
                .query_row([&id], |r| r.get::<_, Option<String>>(0))
                .optional()?
                .flatten(),
            None => None,
        };
        out.push(UnsentChange {
            entity,
            op,
            label,
            made_at,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sotay_core::fixtures::cell;

    /// The records, the outbox and the local keys go, and no page of the file keeps a name; the
    /// unsent change is listed by its label; the identity and the mutation counter stay.
    #[test]
    fn an_erased_store_keeps_no_name_and_lists_what_it_had_not_sent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lost.db");
        let (client, last) = {
            let mut store = Store::open(&path).unwrap();
            // Sent and acknowledged: then one change waits.
            store.write(|w| w.insert(&cell("Chi bộ thôn Bắc"))).unwrap();
            let sent = store.outbox(1).unwrap()[0].mutation_id;
            store.acknowledge_push(sent, &[], &[]).unwrap();
            store
                .write(|w| {
                    w.insert(&cell("Chi bộ thôn Đông"))?;
                    w.set_local("sync_token", "sotay_secret")
                })
                .unwrap();
            let erased = store.erase().unwrap();
            assert_eq!(erased.unsent.len(), 1);
            assert_eq!(erased.unsent[0].label.as_deref(), Some("Chi bộ thôn Đông"));
            assert_eq!(erased.unsent[0].op, "insert");
            assert!(store.is_empty().unwrap());
            assert_eq!(store.pending_changes().unwrap(), 0);
            assert_eq!(store.local("sync_token").unwrap(), None);
            assert_eq!(store.erased().unwrap(), Some(erased));
            (
                store.client_id(),
                crate::open::last_mutation(&store.conn).unwrap(),
            )
        };
        assert_eq!(last, 2, "the mutation counter is kept");
        // Closed: the file (and what is left of its log) is read as bytes.
        for file in ["lost.db", "lost.db-wal"] {
            let Ok(bytes) = std::fs::read(dir.path().join(file)) else {
                continue;
            };
            // The unsent change's name is kept, in the list; nothing else.
            for text in ["Chi bộ thôn Bắc", "sotay_secret"] {
                assert!(
                    !bytes.windows(text.len()).any(|w| w == text.as_bytes()),
                    "{text} in {file}"
                );
            }
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.client_id(), client);
    }
}
