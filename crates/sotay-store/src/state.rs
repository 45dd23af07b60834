//! The store's own state: what it holds, the values the client keeps for itself, and the
//! conflict log sync writes.

use crate::error::Result;
use crate::read::list;
use crate::{Store, open};
use sotay_core::EntityKind;
use sotay_core::model::Conflict;
use uuid::Uuid;

/// The local key that marks a store as holding demo data.
pub const LOCAL_DEMO: &str = "demo";

/// The store's own state, for status screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreStatus {
    pub client_id: String,
    pub schema_version: i64,
    pub pending_changes: u64,
    /// Demo data, never to be pushed to a real server.
    pub demo: bool,
    /// Live records of each kind.
    pub records: Vec<(EntityKind, i64)>,
}

impl Store {
    /// A summary of the store for status screens.
    pub fn status(&self) -> Result<StoreStatus> {
        let mut records = Vec::new();
        for kind in EntityKind::ALL {
            let n: i64 = self.conn().query_row(
                &format!("SELECT count(*) FROM {} WHERE deleted = 0", kind.as_str()),
                [],
                |r| r.get(0),
            )?;
            records.push((*kind, n));
        }
        Ok(StoreStatus {
            client_id: self.client_id().to_string(),
            schema_version: self.schema_version()?,
            pending_changes: self.pending_changes()?,
            demo: self.is_demo()?,
            records,
        })
    }

    /// The conflict log, newest first: what sync did not keep (all, or only those still open).
    pub fn conflicts(&self, open_only: bool, limit: u32) -> Result<Vec<Conflict>> {
        list(
            self.conn(),
            "?1 = 0 OR status = 'open'",
            "ORDER BY detected_at DESC LIMIT ?2",
            rusqlite::params![open_only, limit],
        )
    }

    /// Conflicts sync recorded that nobody has resolved yet.
    pub fn open_conflicts(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM conflict WHERE deleted = 0 AND status = 'open'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Whether a live record of the named kind exists (`false` for a kind this version does not
    /// know).
    pub fn record_exists(&self, entity: &str, id: Uuid) -> Result<bool> {
        let Ok(kind) = entity.parse::<EntityKind>() else {
            return Ok(false);
        };
        Ok(self.conn().query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1 AND deleted = 0)",
                kind.as_str()
            ),
            [id.to_string()],
            |r| r.get(0),
        )?)
    }

    /// Whether the store holds any record at all.
    pub fn is_empty(&self) -> Result<bool> {
        let any: bool = self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM org_unit)")?
            .query_row([], |r| r.get(0))?;
        Ok(!any)
    }

    /// A value the client keeps for itself (settings, sync cursors, the demo mark).
    pub fn local(&self, key: &str) -> Result<Option<String>> {
        open::get_meta(self.conn(), key)
    }

    /// Whether the store holds demo data (which must never be pushed to a real server).
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.local(LOCAL_DEMO)?.is_some())
    }

    /// Calls `each` with every live record of `kind`, as its id and fields: the whole store,
    /// kind by kind, for copying it elsewhere (a benchmark's server, an export).
    pub fn each_record(
        &self,
        kind: EntityKind,
        mut each: impl FnMut(Uuid, sotay_core::FieldMap),
    ) -> Result<()> {
        let sql = format!("{} WHERE deleted = 0", crate::read::select_sql(kind));
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], |r| crate::read::row_fields(kind, r))?;
        for row in rows {
            let (id, fields) = row?;
            // Every id the store writes is one; a row that is not was never the store's.
            if let Ok(id) = id.parse() {
                each(id, fields);
            }
        }
        Ok(())
    }
}
