//! The roster's changes that go beyond a member's own: moving a member to another unit (with the
//! transfer that keeps its history) and asking the server for an invite for a member's device.
//! The server decides who may: a transfer is the administrator's, an invite a committee's for its
//! own unit too; this side checks what it can know offline and says it clearly.

use crate::app::App;
use crate::error::{AppError, Result};
use crate::setup::member_ref;
use crate::views::{IdArgs, InviteView, MemberRef, TransferArgs};
use sotay_core::model::{Member, OrgUnit, Transfer};
use sotay_store::Store;

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
