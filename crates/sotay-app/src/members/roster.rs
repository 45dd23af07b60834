//! The roster's changes that go beyond a member's own: moving a member to another unit (with the
//! transfer that keeps its history) and asking the server for an invite for a member's device.
//! The server decides who may: a transfer is the administrator's, an invite a committee's for its
//! own unit too; this side checks what it can know offline and says it clearly.

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::read::{member_ref, member_refs};
use crate::views::{IdArgs, InviteView, MemberRef, NoArgs, RosterEntry, TransferArgs};
use sotay_core::ErrorKind;
use sotay_core::access::{Place, Role, may_invite};
use sotay_core::model::{Member, OrgUnit, Transfer};

/// The members of this device's unit (every member for the administrator's device), each with
/// whether this device may make an invite for them.
pub fn roster(cx: &mut Cx, _: NoArgs) -> Result<Vec<RosterEntry>> {
    let (store, session, now) = cx.parts();
    let today = sotay_core::time::local_date(now);
    let principal = session.principal();
    let everyone = principal.role == Role::Administrator;
    let mut out = Vec::new();
    for m in member_refs(store)? {
        if !everyone && principal.place(Some(m.unit_id)) != Place::Own {
            continue;
        }
        let record: Member = store.require(m.id)?;
        out.push(RosterEntry {
            may_invite: may_invite(principal, m.id, m.unit_id, m.role),
            standing: record.standing,
            probation: crate::members::probation_of(&record, today),
            member: m,
        });
    }
    Ok(out)
}

/// Moves a member to another unit from `effective_on` (an administrator's device; the server
/// refuses others'). Answers with the member where they are now.
pub fn transfer_member(cx: &mut Cx, args: TransferArgs) -> Result<MemberRef> {
    let transfer = record_transfer(cx, &args)?;
    let moved: Member = cx.store().require(transfer.member_id)?;
    Ok(member_ref(cx.store(), moved)?)
}

/// The transfer (from, to, date, reason) and the member's new `unit_id`, in one local
/// transaction, pushed together at the next sync.
pub fn record_transfer(cx: &mut Cx, args: &TransferArgs) -> Result<Transfer> {
    // Said first: a member's device holds neither the other units nor their members, so looking
    // them up would answer a misleading "no org_unit with id …".
    if cx.session().principal().role != Role::Administrator {
        return Err(AppError::new(
            ErrorKind::Forbidden,
            "transfers are made on an administrator's device, and this device is not one: ask \
             the administrator to make the transfer",
        ));
    }
    let store = cx.store_mut();
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
    // The device's own member may be the one who moved.
    cx.refresh_session()?;
    Ok(transfer)
}

/// A one-time invite for a member's device, made by the server for this device's member (a
/// committee, for its own unit) or administrator. Needs the server: an invite is only good once
/// the server knows it.
pub fn invite_member(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<InviteView> {
    let store = cx.store();
    let member: Member = store.require(id)?;
    if store.is_demo()? {
        return Err(AppError::new(
            ErrorKind::DemoStore,
            "a demo store is not connected to a server: invites come from the server",
        ));
    }
    let invite = sotay_sync_client::invite_member(store, member.id)?;
    Ok(InviteView {
        code: invite.code,
        expires_at: chrono::DateTime::from_timestamp_millis(invite.expires_at),
        member: member_ref(store, member)?,
    })
}
