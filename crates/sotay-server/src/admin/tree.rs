//! The organisation tree: adding, renaming, moving and closing units. One tree per server, each
//! unit under a unit of a higher level, none under its own branch, none new in a closed unit.

use super::{Write, entered, open, unit, unit_members, valid};
use crate::engine::Engine;
use crate::registry::Device;
use crate::storage::{Backend, BaseTx, Result, ServerError, Touched};
use sotay_core::ErrorKind;
use sotay_core::model::OrgUnit;
use sotay_sync_protocol::{AdminUnit, CloseUnit, MoveUnit, NewUnit, RenameUnit};
use uuid::Uuid;

impl<B: Backend> Engine<B> {
    /// Every unit of the tree, closed ones too, each with the number of members on its roster;
    /// parents before their children, siblings by name.
    pub fn admin_units(&self, device: &Device) -> Result<Vec<AdminUnit>> {
        self.inspect(device, |tx| {
            let mut units = Vec::new();
            for (id, _, _) in tx.units()? {
                let u = unit(tx, id)?;
                let members = unit_members(tx, id)?.len();
                units.push(view(u, members));
            }
            Ok(in_tree_order(units))
        })
    }

    /// Adds a unit: the tree's root on a fresh server, else under an open unit of a higher level.
    pub fn add_unit(&self, device: &Device, new: &NewUnit) -> Result<(AdminUnit, Touched)> {
        self.administer(device, |tx| {
            let roots = tx.units()?.iter().filter(|(_, p, _)| p.is_none()).count();
            match new.parent_id {
                None if roots > 0 => {
                    return Err(ServerError::refused(
                        ErrorKind::BadTree,
                        "the tree has its root already: put the new unit under a unit of it",
                    ));
                }
                None => {}
                Some(parent) => {
                    let parent = unit(tx, parent)?;
                    open(&parent)?;
                    fits_under(new.level, &parent)?;
                }
            }
            let added = OrgUnit {
                id: sotay_core::id::new_id(),
                parent_id: new.parent_id,
                level: new.level,
                name: sotay_core::text::normalize(&new.name),
                code: entered(new.code.as_deref()),
                closed_on: None,
                in_sotay_since: None,
            };
            valid(&added)?;
            let write = Write::new(&added);
            Ok((view(added, 0), vec![write]))
        })
    }

    /// Renames a unit, and changes its code when one is given (an empty one removes it).
    pub fn rename_unit(
        &self,
        device: &Device,
        id: Uuid,
        rename: &RenameUnit,
    ) -> Result<(AdminUnit, Touched)> {
        self.administer(device, |tx| {
            let before = unit(tx, id)?;
            let mut after = before.clone();
            after.name = sotay_core::text::normalize(&rename.name);
            if let Some(code) = &rename.code {
                after.code = entered(Some(code));
            }
            valid(&after)?;
            let members = unit_members(tx, id)?.len();
            let write = Write::change(&before, &after);
            Ok((view(after, members), write.into_iter().collect()))
        })
    }

    /// Puts a unit, with its branch, under another open unit of a higher level.
    pub fn move_unit(
        &self,
        device: &Device,
        id: Uuid,
        to: &MoveUnit,
    ) -> Result<(AdminUnit, Touched)> {
        self.administer(device, |tx| {
            let before = unit(tx, id)?;
            let parent = unit(tx, to.parent_id)?;
            if under_or_is(tx, parent.id, id)? {
                return Err(ServerError::refused(
                    ErrorKind::BadTree,
                    format!(
                        "{} is {} or under it: a unit cannot go under its own branch",
                        parent.name, before.name
                    ),
                ));
            }
            open(&parent)?;
            fits_under(before.level, &parent)?;
            let mut after = before.clone();
            after.parent_id = Some(parent.id);
            let members = unit_members(tx, id)?.len();
            let write = Write::change(&before, &after);
            Ok((view(after, members), write.into_iter().collect()))
        })
    }

    /// Closes a unit from a day (dissolved, or merged into another): its history stays; it must
    /// hold no members and no open units. Closing it again on the same day changes nothing.
    pub fn close_unit(
        &self,
        device: &Device,
        id: Uuid,
        close: &CloseUnit,
    ) -> Result<(AdminUnit, Touched)> {
        self.administer(device, |tx| {
            let before = unit(tx, id)?;
            if before.closed_on == Some(close.on) {
                return Ok((view(before, 0), Vec::new()));
            }
            open(&before)?;
            let members = unit_members(tx, id)?.len();
            let open_children = tx
                .units()?
                .into_iter()
                .filter(|(_, p, _)| *p == Some(id))
                .map(|(child, _, _)| unit(tx, child))
                .collect::<Result<Vec<_>>>()?
                .into_iter()
                .filter(|c| c.closed_on.is_none())
                .count();
            if members > 0 || open_children > 0 {
                return Err(ServerError::refused(
                    ErrorKind::UnitNotEmpty,
                    format!(
                        "{} still has {members} member(s) and {open_children} open unit(s) under it; move or close them first",
                        before.name
                    ),
                ));
            }
            let mut after = before.clone();
            after.closed_on = Some(close.on);
            let write = Write::change(&before, &after);
            Ok((view(after, 0), write.into_iter().collect()))
        })
    }
}

/// Refuses a unit of `level` under `parent` when the levels do not step down.
fn fits_under(level: sotay_core::model::UnitLevel, parent: &OrgUnit) -> Result<()> {
    if level.may_sit_under(parent.level) {
        return Ok(());
    }
    Err(ServerError::refused(
        ErrorKind::BadTree,
        format!(
            "a {level} unit cannot sit under {} (a {}): each unit sits under a higher level",
            parent.name, parent.level
        ),
    ))
}

/// Whether `unit` is `branch` or lies under it.
fn under_or_is(tx: &mut dyn BaseTx, unit: Uuid, branch: Uuid) -> Result<bool> {
    let parents: std::collections::HashMap<Uuid, Option<Uuid>> =
        tx.units()?.into_iter().map(|(id, p, _)| (id, p)).collect();
    let mut at = Some(unit);
    // A bound on the walk: a tree deeper than its number of units has a loop.
    for _ in 0..=parents.len() {
        match at {
            None => return Ok(false),
            Some(u) if u == branch => return Ok(true),
            Some(u) => at = parents.get(&u).copied().flatten(),
        }
    }
    Ok(true)
}

fn view(u: OrgUnit, members: usize) -> AdminUnit {
    AdminUnit {
        id: u.id,
        parent_id: u.parent_id,
        level: u.level,
        name: u.name,
        code: u.code,
        closed_on: u.closed_on,
        members: u32::try_from(members).unwrap_or(u32::MAX),
    }
}

/// Each unit followed by its branch, siblings by name (ignoring case and marks).
fn in_tree_order(units: Vec<AdminUnit>) -> Vec<AdminUnit> {
    fn branch(units: &[AdminUnit], parent: Option<Uuid>, out: &mut Vec<AdminUnit>) {
        let is_root = |u: &AdminUnit| u.parent_id.is_none_or(|p| !units.iter().any(|o| o.id == p));
        let mut here: Vec<&AdminUnit> = units
            .iter()
            .filter(|u| match parent {
                None => is_root(u),
                Some(p) => u.parent_id == Some(p),
            })
            .collect();
        here.sort_by_cached_key(|u| sotay_core::text::fold(&u.name));
        for u in here {
            out.push(u.clone());
            branch(units, Some(u.id), out);
        }
    }
    let mut out = Vec::with_capacity(units.len());
    branch(&units, None, &mut out);
    out
}
