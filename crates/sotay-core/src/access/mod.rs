//! Who may do what to which record: the access policy, as pure functions over data.
//!
//! A device acts as a [`Principal`]: the member it is bound to, with the [`Role`] the server works
//! out from that member's unit and office, and where every unit stands from theirs ([`Place`]).
//! [`decide`] answers whether an [`Action`] on a record is allowed, from the kind's
//! [`KindRules`] in the rules table (`table.rs`), which the entity table names beside each kind's
//! fields the way a field names its `MergeRule`. The server asks before it writes anything for a
//! mutation, so a refused write leaves no trace.

mod rules;
pub mod table;
mod tree;

pub use rules::{
    Allow, Audit, Condition, Fields, Group, KindRules, OTHER_FIELDS, Ops, Owner, Place, Role, Whose,
};
pub use tree::UnitTree;

use crate::entity::{EntityKind, FieldMap};
use crate::model::{self, UnitLevel};
use std::collections::HashMap;
use uuid::Uuid;

/// The role of a member holding `office` in a unit at `level`: a cell's secretary, deputy and
/// committee members are its committee; every member of a unit above the cells sits on that
/// committee.
pub fn role_of(level: UnitLevel, office: model::Role) -> Role {
    match (level, office) {
        (UnitLevel::Cell, model::Role::Member) => Role::Member,
        (UnitLevel::Cell, _) => Role::CellCommittee,
        (UnitLevel::Grassroots | UnitLevel::District | UnitLevel::Province, _) => {
            Role::SuperiorCommittee
        }
    }
}

/// Who a device acts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub role: Role,
    /// The member the device belongs to; `None` for the administrator and for a unit's
    /// read-only device, which therefore own no record.
    pub member: Option<Uuid>,
    /// Each unit reached, with where it stands from the member's unit.
    places: HashMap<Uuid, Place>,
}

impl Principal {
    /// The administrator: everything, everywhere.
    pub fn administrator() -> Principal {
        Principal {
            role: Role::Administrator,
            member: None,
            places: HashMap::new(),
        }
    }

    /// `member`, of `unit` (which `tree` holds) with `office`.
    pub fn member(member: Uuid, unit: Uuid, office: model::Role, tree: &UnitTree) -> Principal {
        // A unit the tree lacks (deleted) is treated as a cell: the narrowest role.
        let level = tree.level(unit).unwrap_or(UnitLevel::Cell);
        Principal {
            role: role_of(level, office),
            member: Some(member),
            places: tree.places(unit),
        }
    }

    /// A device of a unit bound to no member: it reads what a member of the unit reads and, owning
    /// no record, may write nothing a member may.
    pub fn reader(unit: Uuid, tree: &UnitTree) -> Principal {
        Principal {
            role: Role::Member,
            member: None,
            places: tree.places(unit),
        }
    }

    /// A device that may do nothing (its member left the roster).
    pub fn nobody() -> Principal {
        Principal {
            role: Role::Member,
            member: None,
            places: HashMap::new(),
        }
    }

    /// Where the unit `scope` stands from this principal (`None`, a record of no unit: elsewhere).
    pub fn place(&self, scope: Option<Uuid>) -> Place {
        scope
            .and_then(|u| self.places.get(&u).copied())
            .unwrap_or(Place::Elsewhere)
    }

    /// The units some of whose records this principal reads (`None`: every record): what a
    /// database filters pulls by before [`Principal::may_read`] decides each record.
    pub fn readable_units(&self) -> Option<Vec<Uuid>> {
        if self.role == Role::Administrator {
            return None;
        }
        let mut units: Vec<Uuid> = self
            .places
            .iter()
            .filter(|(_, place)| {
                EntityKind::ALL
                    .iter()
                    .any(|k| k.rules().read_at.contains(place))
            })
            .map(|(unit, _)| *unit)
            .collect();
        units.sort();
        Some(units)
    }

    /// What this principal reads, spelled out the same way each time: its role, and each unit
    /// reached with its place. Two principals with the same key read the same records; the
    /// server sends a digest of it with every pull so a device notices when that changes.
    pub fn view_key(&self) -> String {
        let mut places: Vec<String> = self
            .places
            .iter()
            .map(|(unit, place)| format!("{unit}:{place:?}"))
            .collect();
        places.sort();
        format!("{:?};{}", self.role, places.join(","))
    }

    /// Whether the principal reads a record of `kind` in unit `scope`.
    pub fn may_read(&self, kind: EntityKind, scope: Option<Uuid>) -> bool {
        decide(self, kind, scope, Whose::Others, Action::Read).is_ok()
    }
}

/// Whether `principal` may make an invite that binds a device to `member`, a member of `unit`
/// holding `office`. A committee makes them for its own unit's members (a new member's phone, a
/// replaced laptop) and for its own member's new device, but not for the holders of the offices
/// at or above deputy secretary, which it may not give either: an invite makes a device act as
/// its member. Everything else is the administrator's.
pub fn may_invite(principal: &Principal, member: Uuid, unit: Uuid, office: model::Role) -> bool {
    match principal.role {
        Role::Administrator => true,
        Role::Member => false,
        Role::CellCommittee | Role::SuperiorCommittee => {
            principal.place(Some(unit)) == Place::Own
                && (principal.member == Some(member)
                    || matches!(office, model::Role::Member | model::Role::CommitteeMember))
        }
    }
}

/// Whether `principal` may see and sign out the devices of `member`, whose unit is `unit`: the
/// member themself, the administrator, or the committee of the member's own cell (where a lost
/// laptop is reported). A superior committee may not: it does not hold the cell's roster.
pub fn may_sign_out(principal: &Principal, member: Uuid, unit: Uuid) -> bool {
    match principal.role {
        Role::Administrator => true,
        _ if principal.member == Some(member) => true,
        Role::CellCommittee => principal.place(Some(unit)) == Place::Own,
        Role::Member | Role::SuperiorCommittee => false,
    }
}

/// What a device wants to do to a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action<'a> {
    Read,
    Insert {
        new: &'a FieldMap,
    },
    /// A change of `fields`, taking the record from `old` to `new`.
    Update {
        fields: &'a [&'a str],
        old: &'a FieldMap,
        new: &'a FieldMap,
    },
    Delete {
        old: &'a FieldMap,
    },
}

impl Action<'_> {
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Insert { .. } => "create",
            Action::Update { .. } => "change",
            Action::Delete { .. } => "delete",
        }
    }
}

/// The policy's "no".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a {role:?} may not {verb} a {kind} here")]
pub struct Denied {
    pub kind: EntityKind,
    pub role: Role,
    pub verb: &'static str,
}

/// Whether `principal` may do `action` to a record of `kind` in unit `scope` that is `whose`.
pub fn decide(
    principal: &Principal,
    kind: EntityKind,
    scope: Option<Uuid>,
    whose: Whose,
    action: Action<'_>,
) -> Result<(), Denied> {
    if permits(principal.role, kind, principal.place(scope), whose, action) {
        Ok(())
    } else {
        Err(Denied {
            kind,
            role: principal.role,
            verb: action.verb(),
        })
    }
}

/// The rules table's answer for a role, a place and whose record it is.
pub fn permits(
    role: Role,
    kind: EntityKind,
    place: Place,
    whose: Whose,
    action: Action<'_>,
) -> bool {
    if role == Role::Administrator {
        return true;
    }
    let rules = kind.rules();
    if let Action::Read = action {
        return rules.read_at.contains(&place);
    }
    rules
        .write
        .iter()
        .any(|allow| allows(allow, &rules, role, place, whose, action))
}

fn allows(
    allow: &Allow,
    rules: &KindRules,
    role: Role,
    place: Place,
    whose: Whose,
    action: Action<'_>,
) -> bool {
    if !allow.roles.contains(&role)
        || !allow.at.contains(&place)
        || (allow.mine_only && whose != Whose::Mine)
    {
        return false;
    }
    let (op, old, new) = match action {
        Action::Read => return false,
        Action::Insert { new } => (allow.ops.insert, None, Some(new)),
        Action::Update { fields, old, new } => {
            let covered = match allow.fields {
                Fields::All => true,
                Fields::Groups(groups) => {
                    fields.iter().all(|f| groups.contains(&rules.group_of(f)))
                }
            };
            (allow.ops.update && covered, Some(old), Some(new))
        }
        Action::Delete { old } => (allow.ops.delete, Some(old), None),
    };
    op && allow.when.iter().all(|c| c.holds(old, new))
}

/// Whether the record `id` of `kind` with `fields` is `me`'s, by the kind's [`Owner`];
/// `assigned(task)` says whether the task lists `me` among its assignees.
pub fn whose(
    kind: EntityKind,
    id: Uuid,
    fields: &FieldMap,
    me: Option<Uuid>,
    assigned: impl FnOnce(Uuid) -> bool,
) -> Whose {
    let Some(me) = me else {
        return Whose::Others;
    };
    let names = |field: &str| -> Option<Uuid> {
        if field == "id" {
            return Some(id);
        }
        fields
            .get(field)
            .and_then(serde_json::Value::as_str)
            .and_then(|s| Uuid::parse_str(s).ok())
    };
    let mine = match kind.rules().owner {
        Owner::Nobody => false,
        Owner::Itself => id == me,
        Owner::Field(field) => names(field) == Some(me),
        Owner::Assignee { task, member } => {
            member.is_none_or(|m| names(m) == Some(me)) && names(task).is_some_and(assigned)
        }
    };
    if mine { Whose::Mine } else { Whose::Others }
}

#[cfg(test)]
mod tests;
