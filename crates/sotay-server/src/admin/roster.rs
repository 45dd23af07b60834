//! The roster and its offices: adding and editing members, moving one to another unit with the
//! transfer that keeps their history, and giving offices. A person is on the roster once
//! (`sotay_core::roster`), a unit has one secretary, and a closed unit takes nobody.

use super::{Write, all_members, entered, member, open, unit, unit_members, valid};
use crate::engine::Engine;
use crate::registry::Device;
use crate::storage::{Backend, BaseTx, Result, ServerError, Touched};
use sotay_core::ErrorKind;
use sotay_core::model::{Member, Role, Transfer};
use sotay_core::roster::Identity;
use sotay_sync_protocol::{AdminMember, EditMember, MoveMember, NewMember, SetOffice};
use uuid::Uuid;

impl<B: Backend> Engine<B> {
    /// The members on one unit's roster, or on every unit's, by unit then name.
    pub fn admin_members(&self, device: &Device, of: Option<Uuid>) -> Result<Vec<AdminMember>> {
        self.inspect(device, |tx| {
            let mut members = match of {
                Some(id) => {
                    unit(tx, id)?;
                    unit_members(tx, id)?
                }
                None => all_members(tx)?,
            };
            members
                .sort_by_cached_key(|m| (m.unit_id, sotay_core::roster::folded_name(&m.full_name)));
            Ok(members.into_iter().map(view).collect())
        })
    }

    /// Adds a member to an open unit's roster, unless they are on the roster already.
    pub fn add_member(&self, device: &Device, new: &NewMember) -> Result<(AdminMember, Touched)> {
        self.administer(device, |tx| {
            let at = unit(tx, new.unit_id)?;
            open(&at)?;
            let added = Member {
                id: sotay_core::id::new_id(),
                unit_id: new.unit_id,
                full_name: sotay_core::text::normalize(&new.full_name),
                gender: new.gender,
                born_on: new.born_on,
                standing: new.standing,
                admitted_on: new.admitted_on,
                official_on: new.official_on,
                role: new.role.unwrap_or(Role::Member),
                exempt: false,
                exempt_reason: None,
                temporarily_attached: false,
                home_unit: None,
                phone: entered(new.phone.as_deref()),
                card_number: entered(new.card_number.as_deref()),
                citizen_id: entered(new.citizen_id.as_deref()),
            };
            valid(&added)?;
            not_on_roster(tx, &added)?;
            office_free(tx, &added)?;
            let write = Write::new(&added);
            Ok((view(added), vec![write]))
        })
    }

    /// Changes a member's details; what the edit leaves out stays.
    pub fn edit_member(
        &self,
        device: &Device,
        id: Uuid,
        edit: &EditMember,
    ) -> Result<(AdminMember, Touched)> {
        self.administer(device, |tx| {
            let before = member(tx, id)?;
            let mut after = before.clone();
            if let Some(name) = &edit.full_name {
                after.full_name = sotay_core::text::normalize(name);
            }
            after.gender = edit.gender.or(after.gender);
            after.born_on = edit.born_on.or(after.born_on);
            after.standing = edit.standing.unwrap_or(after.standing);
            after.admitted_on = edit.admitted_on.or(after.admitted_on);
            after.official_on = edit.official_on.or(after.official_on);
            let set = |given: &Option<String>, was: Option<String>| match given {
                Some(s) => entered(Some(s)),
                None => was,
            };
            after.phone = set(&edit.phone, after.phone.take());
            after.card_number = set(&edit.card_number, after.card_number.take());
            after.citizen_id = set(&edit.citizen_id, after.citizen_id.take());
            valid(&after)?;
            not_on_roster(tx, &after)?;
            let write = Write::change(&before, &after);
            Ok((view(after), write.into_iter().collect()))
        })
    }

    /// Moves a member to another open unit from a day, with the transfer that keeps where they
    /// were. An office stays with the unit: they arrive as a member.
    pub fn move_member(
        &self,
        device: &Device,
        id: Uuid,
        to: &MoveMember,
    ) -> Result<(AdminMember, Touched)> {
        self.administer(device, |tx| {
            let before = member(tx, id)?;
            let target = unit(tx, to.unit_id)?;
            open(&target)?;
            let transfer = Transfer::new(
                before.id,
                before.unit_id,
                target.id,
                to.on,
                entered(to.reason.as_deref()),
            );
            valid(&transfer)?;
            let mut after = before.clone();
            after.unit_id = target.id;
            after.role = Role::Member;
            let writes = [Some(Write::new(&transfer)), Write::change(&before, &after)];
            Ok((view(after), writes.into_iter().flatten().collect()))
        })
    }

    /// Gives a member an office in their unit (secretary, deputy, committee member) or takes it
    /// back (member).
    pub fn set_office(
        &self,
        device: &Device,
        id: Uuid,
        office: &SetOffice,
    ) -> Result<(AdminMember, Touched)> {
        self.administer(device, |tx| {
            let before = member(tx, id)?;
            let mut after = before.clone();
            after.role = office.role;
            office_free(tx, &after)?;
            let write = Write::change(&before, &after);
            Ok((view(after), write.into_iter().collect()))
        })
    }
}

/// Refuses `m` when someone else on the roster is the same person.
fn not_on_roster(tx: &mut dyn BaseTx, m: &Member) -> Result<()> {
    let me = Identity::of(m);
    for other in all_members(tx)? {
        if other.id == m.id {
            continue;
        }
        if let Some(by) = me.matches(&Identity::of(&other)) {
            return Err(ServerError::refused(
                ErrorKind::DuplicateMember,
                format!(
                    "{} is on the roster already as {} (member {}): {}",
                    m.full_name,
                    other.full_name,
                    other.id,
                    by.describe()
                ),
            ));
        }
    }
    Ok(())
}

/// Refuses a second secretary in `m`'s unit.
fn office_free(tx: &mut dyn BaseTx, m: &Member) -> Result<()> {
    if m.role != Role::Secretary {
        return Ok(());
    }
    match unit_members(tx, m.unit_id)?
        .into_iter()
        .find(|o| o.id != m.id && o.role == Role::Secretary)
    {
        None => Ok(()),
        Some(holder) => Err(ServerError::refused(
            ErrorKind::OfficeTaken,
            format!(
                "{} is the unit's secretary; give them another office first",
                holder.full_name
            ),
        )),
    }
}

fn view(m: Member) -> AdminMember {
    AdminMember {
        id: m.id,
        unit_id: m.unit_id,
        full_name: m.full_name,
        gender: m.gender,
        born_on: m.born_on,
        standing: m.standing,
        admitted_on: m.admitted_on,
        official_on: m.official_on,
        role: m.role,
        phone: m.phone,
        card_number: m.card_number,
        citizen_id: m.citizen_id,
    }
}
