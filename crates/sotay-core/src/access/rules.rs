//! The shape of the rules: what one kind's records allow, to whom, where, and on which fields.
//! The rules themselves are data, one [`KindRules`] per kind (`table.rs`), named beside the kind's
//! fields in the entity table.

use crate::entity::{EntityKind, FieldMap};

/// The four roles the server tells apart. A device's role is worked out on the server from the
/// member it is bound to (their unit's level and their office), never taken from the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A member of a cell: reads the cell, writes their own contributions, absence notices and
    /// progress on their tasks.
    Member,
    /// The cell's secretary, deputy secretary or a committee member: runs the cell.
    CellCommittee,
    /// A member of a committee above the cells (commune, district, province): follows every unit
    /// below and publishes the committee's directives.
    SuperiorCommittee,
    /// The server's administrator: the organisation tree, members and roles.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Member,
        Role::CellCommittee,
        Role::SuperiorCommittee,
        Role::Administrator,
    ];
}

/// Where a record's unit stands from the unit of the member acting on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// Their own unit.
    Own,
    /// A committee above their unit.
    Above,
    /// A unit below their unit (a committee's cells, a cell's party groups).
    Below,
    /// Any other unit: a sibling cell, another commune; or no unit at all.
    Elsewhere,
}

impl Place {
    pub const ALL: [Place; 4] = [Place::Own, Place::Above, Place::Below, Place::Elsewhere];
}

/// Whether a record is the acting member's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Whose {
    Mine,
    Others,
}

impl Whose {
    pub const ALL: [Whose; 2] = [Whose::Mine, Whose::Others];
}

/// Which member a record of a kind belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Nobody's in particular: every record of the kind is [`Whose::Others`].
    Nobody,
    /// The record is a member: their own record is theirs.
    Itself,
    /// The member named by this field.
    Field(&'static str),
    /// The member is among the assignees of the task named by this field (`id`: the record is the
    /// task), and, when `member` names a field, is the member named there too.
    Assignee {
        task: &'static str,
        member: Option<&'static str>,
    },
}

/// The kinds of write a rule allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ops {
    pub insert: bool,
    pub update: bool,
    pub delete: bool,
}

impl Ops {
    pub const ALL: Ops = Ops {
        insert: true,
        update: true,
        delete: true,
    };
    pub const INSERT: Ops = Ops {
        insert: true,
        update: false,
        delete: false,
    };
    pub const UPDATE: Ops = Ops {
        insert: false,
        update: true,
        delete: false,
    };
    pub const INSERT_UPDATE: Ops = Ops {
        insert: true,
        update: true,
        delete: false,
    };
}

/// The fields an update allowed by a rule may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fields {
    All,
    /// Only the fields of these groups (see [`KindRules::groups`]).
    Groups(&'static [&'static str]),
}

/// A condition on the values of a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// After the write, `field` holds one of `values`.
    Sets(&'static str, &'static [&'static str]),
    /// Before the write (for a record that exists), `field` held one of `values`.
    Was(&'static str, &'static [&'static str]),
    /// Before the write (for a record that exists), `field` was empty: what locks a record once
    /// it is set (a meeting's adopted minutes).
    Unset(&'static str),
}

impl Condition {
    /// Whether the condition holds for a write from `old` (none for an insert) to `new` (none for
    /// a delete).
    pub fn holds(&self, old: Option<&FieldMap>, new: Option<&FieldMap>) -> bool {
        let one_of = |fields: Option<&FieldMap>, field: &str, values: &[&str]| match fields {
            None => true,
            Some(f) => f
                .get(field)
                .and_then(serde_json::Value::as_str)
                .is_some_and(|v| values.contains(&v)),
        };
        match *self {
            Condition::Sets(field, values) => one_of(new, field, values),
            Condition::Was(field, values) => one_of(old, field, values),
            Condition::Unset(field) => old.is_none_or(|f| f.get(field).is_none_or(|v| v.is_null())),
        }
    }
}

/// One permission: these roles may make these writes to records of the kind in these places,
/// changing these fields, when the record is theirs (if `mine_only`) and the conditions hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allow {
    pub roles: &'static [Role],
    pub ops: Ops,
    pub fields: Fields,
    pub at: &'static [Place],
    pub mine_only: bool,
    pub when: &'static [Condition],
}

/// A named set of a kind's fields that rules allow changing together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub name: &'static str,
    pub fields: &'static [&'static str],
}

/// Which of a kind's changes the server's append-only audit log keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audit {
    Nothing,
    /// Every insert, update and delete.
    Every,
    /// Inserts and deletes, and the updates that touch these field groups.
    Groups(&'static [&'static str]),
}

/// The name of the group of every field no named group lists.
pub const OTHER_FIELDS: &str = "other";

/// Who may read and write the records of one kind. The administrator may do everything to every
/// record and is not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindRules {
    /// Which changes the server's audit log keeps (member, device, time, what changed).
    pub audit: Audit,
    /// Where the records are read, by every role that is not the administrator.
    pub read_at: &'static [Place],
    pub owner: Owner,
    pub groups: &'static [Group],
    pub write: &'static [Allow],
}

impl KindRules {
    /// Whether a change of `fields` (all of them for an insert or delete) goes in the audit log.
    pub fn audits(&self, fields: Option<&[&str]>) -> bool {
        match (self.audit, fields) {
            (Audit::Nothing, _) => false,
            (Audit::Every, _) | (Audit::Groups(_), None) => true,
            (Audit::Groups(groups), Some(fields)) => {
                fields.iter().any(|f| groups.contains(&self.group_of(f)))
            }
        }
    }

    /// The group a field belongs to.
    pub fn group_of(&self, field: &str) -> &'static str {
        self.groups
            .iter()
            .find(|g| g.fields.contains(&field))
            .map_or(OTHER_FIELDS, |g| g.name)
    }

    /// The kind's field groups: the named ones, then [`OTHER_FIELDS`] if some field is in none.
    pub fn group_names(&self, kind: EntityKind) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.groups.iter().map(|g| g.name).collect();
        if kind
            .fields()
            .iter()
            .any(|f| self.group_of(f.name) == OTHER_FIELDS)
        {
            names.push(OTHER_FIELDS);
        }
        names
    }
}
