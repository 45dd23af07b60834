//! Who this device acts as, worked out once per command.
//!
//! The member is the one the server bound the device to or, on a demo, training or unbound
//! device, the one chosen on it; their [`Principal`] comes from their record and the unit tree as
//! synced, the way the server works it out, so the app offers only what the rules table allows.
//! The server decides all the same. Every operation receives the session through its
//! [`Cx`](crate::cx::Cx) instead of asking the store again; sign-in, a revoked or locked device and
//! an unlocked encrypted store are states of this one value.

use crate::error::{AppError, Result};
use crate::keys;
use crate::views::Mode;
use sotay_core::access::{Action, Principal, Role, UnitTree, Whose, decide};
use sotay_core::model::{Meeting, Member};
use sotay_core::{EntityKind, ErrorKind, FieldMap, Record};
use sotay_store::Store;
use uuid::Uuid;

/// The device's mode, its member and what they may do.
#[derive(Debug, Clone)]
pub struct Session {
    mode: Mode,
    me: Option<Member>,
    bound: bool,
    principal: Principal,
}

impl Session {
    /// Reads the session from the store: a few local keys, the member's record and the unit tree.
    pub fn of(store: &Store) -> Result<Session> {
        let mode = mode_of(store)?;
        let bound = sotay_sync_client::bound_member(store)?;
        let id = match bound {
            Some(id) => Some(id),
            None => store
                .local(keys::ME)?
                .and_then(|id| Uuid::parse_str(&id).ok()),
        };
        // A member deleted by the committee is nobody any more.
        let me: Option<Member> = match id {
            Some(id) => store.get(id)?,
            None => None,
        };
        // A connected device bound to no member is the administrator's (a unit's read-only
        // device is too; the server refuses what it may not do).
        let principal = if matches!(mode, Mode::Locked | Mode::Revoked) {
            Principal::nobody()
        } else if mode == Mode::Connected && bound.is_none() {
            Principal::administrator()
        } else if let Some(me) = &me {
            let tree = UnitTree::new(store.unit_tree()?);
            Principal::member(me.id, me.unit_id, me.role, &tree)
        } else {
            Principal::nobody()
        };
        Ok(Session {
            mode,
            me,
            bound: bound.is_some(),
            principal,
        })
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Refuses every operation on a locked or signed-out device but those that unlock it
    /// (signing in, joining) and the app's status.
    pub fn refuse_if_locked(&self) -> Result<()> {
        match self.mode {
            Mode::Locked => Err(AppError::new(
                ErrorKind::DeviceLocked,
                "this device is locked: its member signs in again",
            )),
            Mode::Revoked => Err(AppError::new(
                ErrorKind::DeviceRevoked,
                "this device was signed out and its data erased: join again",
            )),
            _ => Ok(()),
        }
    }

    /// The member using this device, if known.
    pub fn me(&self) -> Option<&Member> {
        self.me.as_ref()
    }

    /// The member using this device; a typed error when the store is empty or nobody was chosen.
    pub fn require_me(&self) -> Result<&Member> {
        if self.mode == Mode::Fresh {
            return Err(AppError::not_set_up());
        }
        self.me.as_ref().ok_or_else(AppError::no_member)
    }

    /// `unit`, or the unit of the member using this device.
    pub fn unit_or_mine(&self, unit: Option<Uuid>) -> Result<Uuid> {
        match unit {
            Some(unit) => Ok(unit),
            None => Ok(self.require_me()?.unit_id),
        }
    }

    /// Whether the server bound this device to its member (who then cannot be chosen here).
    pub fn bound(&self) -> bool {
        self.bound
    }

    pub fn principal(&self) -> &Principal {
        &self.principal
    }

    /// Whether this device runs a roster: a committee's or the administrator's device, connected
    /// or on demo data (where members' records are kept all the same; an invite needs the server
    /// and says so).
    pub fn runs_roster(&self) -> bool {
        matches!(self.mode, Mode::Connected | Mode::Demo) && self.principal.role != Role::Member
    }

    /// Whether this device runs `unit`'s meetings (its committee's, or the administrator's), by
    /// the rules table.
    pub fn runs_unit(&self, unit: Uuid) -> bool {
        self.may_write(<Meeting as Record>::KIND, unit, &FieldMap::new())
    }

    /// Whether this device may write a record of `kind` with `fields` in `unit`, by the rules
    /// table.
    pub fn may_write(&self, kind: EntityKind, unit: Uuid, fields: &FieldMap) -> bool {
        decide(
            &self.principal,
            kind,
            Some(unit),
            Whose::Others,
            Action::Insert { new: fields },
        )
        .is_ok()
    }

    /// Whether this device monitors the cells below it (a superior committee's or the
    /// administrator's).
    pub fn monitors_cells(&self) -> bool {
        matches!(
            self.principal.role,
            Role::SuperiorCommittee | Role::Administrator
        )
    }
}

/// The device's mode from the store's local keys: demo, connected (or locked), signed out and
/// erased, empty or local.
fn mode_of(store: &Store) -> Result<Mode> {
    Ok(if store.is_demo()? {
        Mode::Demo
    } else if sotay_sync_client::server(store)?.is_some() {
        if sotay_sync_client::locked(store)?.is_some() {
            Mode::Locked
        } else {
            Mode::Connected
        }
    } else if store.erased()?.is_some() {
        Mode::Revoked
    } else if store.is_empty()? {
        Mode::Fresh
    } else {
        Mode::Local
    })
}

/// Refuses what the rules table does not allow, before anything is written: "only the unit's
/// committee {what}".
pub fn require(allowed: bool, what: &str) -> Result<()> {
    if allowed {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorKind::Forbidden,
            format!("only the unit's committee {what}"),
        ))
    }
}
