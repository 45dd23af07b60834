//! The organisation tree and the store's own state.

use crate::views::{MemberRef, StoreStatusView, UnitView};
use sotay_core::model::{Member, OrgUnit, UnitLevel};
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
            in_sotay_since: u.in_sotay_since,
            since: u.since,
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

/// A member with their unit's name.
pub fn member_ref(store: &Store, m: Member) -> Result<MemberRef> {
    let unit: OrgUnit = store.require(m.unit_id)?;
    Ok(MemberRef {
        id: m.id,
        full_name: m.full_name,
        role: m.role,
        unit_id: m.unit_id,
        unit_name: unit.name,
    })
}

/// Every member in the store with their unit, cells first.
pub fn member_refs(store: &Store) -> Result<Vec<MemberRef>> {
    let units = store.units()?;

    let mut out = Vec::new();
    for level in [
        UnitLevel::Cell,
        UnitLevel::Grassroots,
        UnitLevel::District,
        UnitLevel::Province,
    ] {
        for unit in units.iter().filter(|u| u.level == level) {
            for m in store.members(Some(unit.id), 1_000)? {
                out.push(MemberRef {
                    id: m.id,
                    full_name: m.full_name,
                    role: m.role,
                    unit_id: unit.id,
                    unit_name: unit.name.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// `unit`, its parent, and so on up the tree.
pub(crate) fn chain(
    parents: &std::collections::HashMap<uuid::Uuid, Option<uuid::Uuid>>,
    unit: uuid::Uuid,
) -> Vec<uuid::Uuid> {
    let mut out = vec![unit];
    while let Some(Some(up)) = out.last().and_then(|u| parents.get(u)) {
        if out.contains(up) {
            break;
        }
        out.push(*up);
    }
    out
}
