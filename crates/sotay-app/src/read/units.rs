//! The organisation tree and the store's own state.

use crate::views::{StoreStatusView, UnitView};
use sotay_store::{Result, Store};

pub fn units(store: &Store) -> Result<Vec<UnitView>> {
    Ok(store
        .units()?
        .into_iter()
        .map(|u| UnitView {
            id: u.id,
            parent_id: u.parent_id,
            level: u.level,
            name: u.name,
            members: u.members,
        })
        .collect())
}

pub fn store_status(store: &Store) -> Result<StoreStatusView> {
    let s = store.status()?;
    Ok(StoreStatusView {
        client_id: s.client_id,
        schema_version: s.schema_version,
        pending_changes: i64::try_from(s.pending_changes).unwrap_or(i64::MAX),
        demo: s.demo,
        records: s
            .records
            .into_iter()
            .map(|(kind, n)| (kind.as_str().to_owned(), n))
            .collect(),
    })
}
