//! The roster's changes that go beyond a member's own: moving a member to another unit (with the
//! transfer that keeps its history) and asking the server for an invite for a member's device.
//! The server decides who may: a transfer is the administrator's, an invite a committee's for its
//! own unit too; this side checks what it can know offline and says it clearly.

use crate::app::App;
use crate::error::{AppError, Result};
use crate::setup::{member_ref, member_refs};
use crate::views::{IdArgs, InviteView, MemberRef, Mode, NoArgs, RosterEntry, TransferArgs};
use sotay_core::access::{Place, Principal, Role, UnitTree, may_invite};
use sotay_core::model::{Member, OrgUnit, Transfer};
use sotay_store::Store;

/// Who this device acts as, worked out here the way the server does — from the bound (or chosen)
/// member's record and the unit tree as synced — so the app offers only what the rules table
/// allows. The server decides all the same. A connected device bound to no member is taken as the
/// administrator's (a unit's read-only device is too; the server refuses what it may not do).
pub(crate) fn principal_here(store: &Store) -> Result<Principal> {
    let me = App::me_of(store)?;
    if App::mode_of(store)? == Mode::Connected && sotay_sync_client::bound_member(store)?.is_none()
    {
        return Ok(Principal::administrator());
    }
    let Some(me) = me else {
        return Ok(Principal::nobody());
    };
    let units = store.units()?;
    let tree = UnitTree::new(units.iter().map(|u| (u.id, u.parent_id, u.level)));
    Ok(Principal::member(me.id, me.unit_id, me.role, &tree))
}

/// Whether this device runs a roster: a committee's or the administrator's device, connected or
/// on demo data (where members' records are kept all the same; an invite needs the server and
/// says so).
pub(crate) fn runs_roster(store: &Store) -> Result<bool> {
    Ok(matches!(App::mode_of(store)?, Mode::Connected | Mode::Demo)
        && principal_here(store)?.role != Role::Member)
}

/// The members of this device's unit (every member for the administrator's device), each with
/// whether this device may make an invite for them.
pub fn roster(store: &Store, today: chrono::NaiveDate) -> Result<Vec<RosterEntry>> {
    let principal = principal_here(store)?;
    let everyone = principal.role == Role::Administrator;
    let mut out = Vec::new();
    for m in member_refs(store)? {
        if !everyone && principal.place(Some(m.unit_id)) != Place::Own {
            continue;
        }
        let record: Member = store.require(m.id)?;
        out.push(RosterEntry {
            may_invite: may_invite(&principal, m.id, m.unit_id, m.role),
            standing: record.standing,
            probation: crate::members::probation_of(&record, today),
            member: m,
        });
    }
    Ok(out)
}

/// Moves a member to another unit from `effective_on`: the transfer (from, to, date, reason) and
/// the member's new `unit_id`, in one local transaction, pushed together at the next sync.
pub fn transfer_member(store: &mut Store, args: &TransferArgs) -> Result<Transfer> {
    let member: Member = store.require(args.member_id)?;
    let _: OrgUnit = store.require(args.to_unit_id)?;
    let effective_on = sotay_core::time::parse_date("effective_on", &args.effective_on)?;
    let reason = args
        .reason
        .as_deref()
        .map(|r| sotay_core::text::normalize(r.trim()));
    let transfer = Transfer::new(
        member.id,
        member.unit_id,
        args.to_unit_id,
        effective_on,
        reason,
    );
    store.write(|w| {
        w.insert(&transfer)?;
        w.modify::<Member>(member.id, |m| m.unit_id = transfer.to_unit_id)
            .map(|_| ())
    })?;
    Ok(transfer)
}

impl App {
    /// My unit's members, with what this device may do for each.
    pub fn roster(&self, _: NoArgs) -> Result<Vec<RosterEntry>> {
        roster(&*self.store()?, sotay_core::time::local_date(self.now()))
    }

    /// Moves a member to another unit (an administrator's device; the server refuses others').
    pub fn transfer_member(&self, args: TransferArgs) -> Result<MemberRef> {
        let moved = {
            let mut store = self.store()?;
            let transfer = transfer_member(&mut store, &args)?;
            member_ref(&store, store.require(transfer.member_id)?)?
        };
        self.local_change();
        Ok(moved)
    }

    /// A one-time invite for a member's device, made by the server for this device's member (a
    /// committee, for its own unit) or administrator. Needs the server: an invite is only good
    /// once the server knows it.
    pub fn invite_member(&self, args: IdArgs) -> Result<InviteView> {
        let store = self.store()?;
        let member: Member = store.require(args.id)?;
        if store.is_demo()? {
            return Err(AppError::new(
                "demo_store",
                "a demo store is not connected to a server: invites come from the server",
            ));
        }
        let code = sotay_sync_client::invite_member(&store, member.id)?;
        Ok(InviteView {
            code,
            member: member_ref(&store, member)?,
        })
    }
}
