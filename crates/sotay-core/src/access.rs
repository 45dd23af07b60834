//! Who may do what to which record: the access policy, as a pure function.
//!
//! A device holds a [`Grant`] (a member's unit, or the administrator's everything). Over the org
//! unit tree that becomes its [`Access`]: the units whose records it reaches. [`decide`] answers
//! whether an [`Action`] on a record of a kind, in a unit, is allowed; each kind's [`AccessRule`] is
//! declared beside its fields in the entity table (`entity.rs`), the way a field's `MergeRule` is.
//! The server asks before it writes anything for a mutation, so a refused write leaves no trace.
//!
//! Today every kind is [`AccessRule::UnitScoped`]; rules by role and field group go here too.

use crate::entity::EntityKind;
use std::collections::HashMap;
use uuid::Uuid;

/// What an invite, and the device that redeemed it, may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    /// The unit of the member the device belongs to.
    pub unit: Option<Uuid>,
    /// Everything, everywhere (the server's administrator).
    pub admin: bool,
}

/// The org units a device reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Everything (the server's own administration).
    All,
    /// The records of these org units.
    Units(Vec<Uuid>),
}

impl Access {
    /// What a device holding `grant` reaches in `tree`.
    pub fn of(grant: &Grant, tree: &UnitTree) -> Access {
        match grant {
            Grant { admin: true, .. } => Access::All,
            Grant {
                unit: Some(unit), ..
            } => Access::Units(tree.reach(*unit)),
            Grant { unit: None, .. } => Access::Units(Vec::new()),
        }
    }

    /// The units whose records the device reaches; `None` for every record, in a unit or not.
    pub fn units(&self) -> Option<&[Uuid]> {
        match self {
            Access::All => None,
            Access::Units(units) => Some(units),
        }
    }
}

/// The org unit tree: each unit's parent, and the children found from them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitTree {
    parent: HashMap<Uuid, Option<Uuid>>,
    children: HashMap<Uuid, Vec<Uuid>>,
}

impl UnitTree {
    /// The tree of these units, given as (id, parent).
    pub fn new(units: impl IntoIterator<Item = (Uuid, Option<Uuid>)>) -> UnitTree {
        let mut tree = UnitTree::default();
        for (id, parent) in units {
            tree.parent.insert(id, parent);
            if let Some(p) = parent {
                tree.children.entry(p).or_default().push(id);
            }
        }
        tree
    }

    /// The units a member of `unit` reaches: the unit, the committees above it (their
    /// directives) and the units below it (a committee follows its cells). A cycle in bad data
    /// ends the walk rather than looping.
    pub fn reach(&self, unit: Uuid) -> Vec<Uuid> {
        let mut out = vec![unit];
        let mut cur = self.parent.get(&unit).copied().flatten();
        while let Some(p) = cur {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            cur = self.parent.get(&p).copied().flatten();
        }
        let mut frontier = vec![unit];
        while let Some(u) = frontier.pop() {
            for child in self.children.get(&u).into_iter().flatten() {
                if !out.contains(child) {
                    out.push(*child);
                    frontier.push(*child);
                }
            }
        }
        out
    }
}

/// What a device wants to do to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    Read,
    Insert,
    /// A change of these fields.
    Update {
        fields: &'a [&'a str],
    },
    Delete,
}

impl Action<'_> {
    fn verb(&self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Insert => "create",
            Action::Update { .. } => "change",
            Action::Delete => "delete",
        }
    }
}

/// How the records of one kind may be reached; declared per kind in the entity table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessRule {
    /// Whoever reaches the record's unit may read and write all of it.
    UnitScoped,
}

/// The policy's "no".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this device may not {verb} a {kind} of that unit")]
pub struct Denied {
    pub kind: EntityKind,
    pub verb: &'static str,
}

/// Whether a device with `access` may do `action` to a record of `kind` in unit `scope` (`None`:
/// a record of no unit, such as one whose parent the server does not have).
pub fn decide(
    access: &Access,
    kind: EntityKind,
    scope: Option<Uuid>,
    action: Action<'_>,
) -> Result<(), Denied> {
    let allowed = match kind.access() {
        AccessRule::UnitScoped => match (access, scope) {
            (Access::All, _) => true,
            (Access::Units(units), Some(unit)) => units.contains(&unit),
            // A tombstone in no unit: nobody reads it, and it is what deleting a record whose
            // insert the server refused leaves behind. Anything else of no unit is the
            // administrator's.
            (Access::Units(_), None) => matches!(action, Action::Delete),
        },
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied {
            kind,
            verb: action.verb(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// 1 (district) > 2 (commune) > 3, 4 (cells); 5 elsewhere.
    fn tree() -> UnitTree {
        UnitTree::new([
            (id(1), None),
            (id(2), Some(id(1))),
            (id(3), Some(id(2))),
            (id(4), Some(id(2))),
            (id(5), None),
        ])
    }

    fn sorted(mut v: Vec<Uuid>) -> Vec<Uuid> {
        v.sort();
        v
    }

    #[test]
    fn a_unit_reaches_itself_the_committees_above_and_the_units_below() {
        let t = tree();
        assert_eq!(sorted(t.reach(id(3))), [id(1), id(2), id(3)]);
        assert_eq!(sorted(t.reach(id(2))), [id(1), id(2), id(3), id(4)]);
        assert_eq!(sorted(t.reach(id(1))), [id(1), id(2), id(3), id(4)]);
        assert_eq!(
            t.reach(id(9)),
            [id(9)],
            "a unit the tree lacks reaches itself"
        );
    }

    #[test]
    fn a_cycle_in_the_tree_ends_the_walk() {
        let t = UnitTree::new([(id(1), Some(id(2))), (id(2), Some(id(1)))]);
        assert_eq!(sorted(t.reach(id(1))), [id(1), id(2)]);
    }

    #[test]
    fn grants_become_access() {
        let t = tree();
        let member = Grant {
            unit: Some(id(4)),
            admin: false,
        };
        assert_eq!(Access::of(&member, &t).units().map(<[_]>::len), Some(3));
        let admin = Grant {
            unit: None,
            admin: true,
        };
        assert_eq!(Access::of(&admin, &t), Access::All);
        let nobody = Grant {
            unit: None,
            admin: false,
        };
        assert_eq!(Access::of(&nobody, &t), Access::Units(Vec::new()));
    }

    #[test]
    fn a_device_reaches_the_records_of_its_units_only() {
        let access = Access::of(
            &Grant {
                unit: Some(id(3)),
                admin: false,
            },
            &tree(),
        );
        let kind = EntityKind::Document;
        let title = ["title"];
        for action in [
            Action::Read,
            Action::Insert,
            Action::Update { fields: &title },
            Action::Delete,
        ] {
            assert_eq!(decide(&access, kind, Some(id(3)), action), Ok(()));
            assert_eq!(decide(&access, kind, Some(id(1)), action), Ok(()));
            let denied = decide(&access, kind, Some(id(4)), action).unwrap_err();
            assert_eq!(denied.kind, kind);
            assert_eq!(decide(&Access::All, kind, Some(id(4)), action), Ok(()));
            assert_eq!(decide(&Access::All, kind, None, action), Ok(()));
        }
    }

    #[test]
    fn a_record_of_no_unit_is_the_administrators_but_for_deleting_it() {
        let access = Access::Units(vec![id(3)]);
        let kind = EntityKind::AgendaItem;
        assert!(decide(&access, kind, None, Action::Read).is_err());
        assert!(decide(&access, kind, None, Action::Insert).is_err());
        assert!(decide(&access, kind, None, Action::Update { fields: &[] }).is_err());
        assert_eq!(decide(&access, kind, None, Action::Delete), Ok(()));
    }
}
