//! Where a roster file's rows go: its cell names (or codes) looked up among the open units of
//! the branch the import is under, ignoring case, diacritics and spacing.

use super::unit;
use crate::storage::{BaseTx, Result};
use sotay_core::model::OrgUnit;
use sotay_core::text::fold;
use sotay_sync_protocol::ProblemKind;
use std::collections::HashMap;
use uuid::Uuid;

/// The units a file's cell names are looked up among: the branch of the unit given, or the tree.
pub(super) struct Places {
    by_name: HashMap<String, Vec<OrgUnit>>,
}

impl Places {
    pub(super) fn read(tx: &mut dyn BaseTx, under: Option<Uuid>) -> Result<Places> {
        let tree = tx.units()?;
        if let Some(u) = under {
            unit(tx, u)?;
        }
        let parents: HashMap<Uuid, Option<Uuid>> =
            tree.iter().map(|(id, p, _)| (*id, *p)).collect();
        let in_branch = |mut at: Option<Uuid>| {
            let Some(top) = under else { return true };
            for _ in 0..=parents.len() {
                match at {
                    Some(u) if u == top => return true,
                    Some(u) => at = parents.get(&u).copied().flatten(),
                    None => return false,
                }
            }
            false
        };
        let mut by_name: HashMap<String, Vec<OrgUnit>> = HashMap::new();
        for (id, _, _) in &tree {
            if in_branch(Some(*id)) {
                let u = unit(tx, *id)?;
                let mut names = vec![place_key(&u.name)];
                names.extend(u.code.as_deref().map(place_key));
                for n in names {
                    by_name.entry(n).or_default().push(u.clone());
                }
            }
        }
        Ok(Places { by_name })
    }

    /// The open unit a file names, or why there is none.
    pub(super) fn find(&self, name: &str) -> std::result::Result<&OrgUnit, (ProblemKind, String)> {
        let found = self
            .by_name
            .get(&place_key(name))
            .map_or(&[][..], Vec::as_slice);
        let open: Vec<&OrgUnit> = found.iter().filter(|u| u.closed_on.is_none()).collect();
        match (open.as_slice(), found.first()) {
            ([one], _) => Ok(one),
            ([], Some(closed)) => Err((
                ProblemKind::ClosedUnit,
                format!("{} is closed", closed.name),
            )),
            ([], None) => Err((
                ProblemKind::UnknownUnit,
                format!("no unit named {name:?} in the tree (add it first, or check the spelling)"),
            )),
            (_, _) => Err((
                ProblemKind::AmbiguousUnit,
                format!(
                    "{} units are named {name:?}: import under one of their committees",
                    open.len()
                ),
            )),
        }
    }
}

fn place_key(name: &str) -> String {
    sotay_core::roster::folded_name(&fold(name))
}
