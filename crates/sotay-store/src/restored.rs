//! After the server was restored from a backup: the records this device wrote may be missing
//! there (written after the backup was taken), and its cursor may point past what the restored
//! database holds. The sync client, on hearing the server's new epoch, queues every record whose
//! latest change is this device's again — as an insert of its whole state, stamped with that
//! change's clock, so the server keeps the newer of its copy and this one field by field, and a
//! field the device may not change is held back rather than refused — then pulls from the start.
//! Nothing is forgotten: a record the server no longer has stays here until someone deletes it.

use crate::error::{Result, StoreError};
use crate::read::{row_fields, select_sql};
use crate::{Store, open};
use sotay_core::{EntityKind, Hlc};
use uuid::Uuid;

impl Store {
    /// Queues again every record this device made the latest change to, but those with a change
    /// already waiting, and sets the cursor back to the start. One transaction. Returns how many
    /// records were queued.
    pub fn resend_after_restore(&mut self) -> Result<usize> {
        let me = self.client_id().to_string();
        self.write(|w| {
            let mut queued = 0;
            for &kind in EntityKind::ALL {
                let sql = format!(
                    "{}, deleted, hlc FROM {table} WHERE origin = ?1
                       AND id NOT IN (SELECT entity_id FROM outbox) ORDER BY hlc",
                    select_sql(kind).replace(&format!(" FROM {}", kind.as_str()), ""),
                    table = kind.as_str()
                );
                let width = kind.fields().len();
                let rows: Vec<(String, _, bool, i64)> = w
                    .tx()
                    .prepare(&sql)?
                    .query_map([&me], |row| {
                        let (id, fields) = row_fields(kind, row)?;
                        let deleted: bool = row.get(width + 1)?;
                        let hlc: i64 = row.get(width + 2)?;
                        Ok((id, fields, deleted, hlc))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (id, fields, deleted, hlc) in rows {
                    let uuid = Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt {
                        kind,
                        id: id.clone(),
                        source: serde::de::Error::custom(e),
                    })?;
                    w.resend(kind, uuid, &fields, deleted, Hlc::from_i64(hlc))?;
                    queued += 1;
                }
            }
            open::set_meta(w.tx(), crate::sync::CURSOR, "0")?;
            Ok(queued)
        })
    }
}
