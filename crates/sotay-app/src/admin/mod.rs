//! The administrator's console on an administrator's device: the organisation tree, the roster
//! and its offices, and a roster file's import with its preview. Each operation asks the server,
//! which checks and writes the change as the administrator; nothing here writes this store — the
//! device receives the change by its next pull, as every other device does.

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::views::Mode;
use serde::Deserialize;
use sotay_core::ErrorKind;
use sotay_core::access::Role as Authority;
use sotay_core::model::Role;
use sotay_sync_client::admin;
use sotay_sync_protocol::{
    AdminMember, AdminUnit, CloseUnit, NewUnit, RenameUnit, RosterReport, SetOffice,
};
use ts_rs::TS;
use uuid::Uuid;

/// A unit's new name, and its new code when given (an empty code removes it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RenameUnitArgs {
    pub id: Uuid,
    pub name: String,
    pub code: Option<String>,
}

/// Closes a unit from a day (dd/mm/yyyy): it must hold no members and no open units by then.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CloseUnitArgs {
    pub id: Uuid,
    pub on: String,
}

/// A unit's roster; every unit's when `None`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AdminMembersArgs {
    pub unit_id: Option<Uuid>,
}

/// Gives a member an office in their unit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SetOfficeArgs {
    pub member_id: Uuid,
    pub role: Role,
}

/// A roster file (CSV or XLSX) as base64: checked only (`dry_run`, the preview), or written once
/// clean or with the rows `skip_rows` names left out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ImportRosterArgs {
    pub content_base64: String,
    /// Where the file's cell names are looked up (and the cell of every row when it has none).
    pub unit_id: Option<Uuid>,
    pub dry_run: bool,
    pub skip_rows: Vec<u32>,
}

/// Only an administrator's device, connected, runs the console; the server decides all the same.
fn administrator(cx: &Cx) -> Result<()> {
    let session = cx.session();
    if session.mode() == Mode::Connected && session.principal().role == Authority::Administrator {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorKind::Forbidden,
            "only an administrator's device, connected to the server, runs the console",
        ))
    }
}

/// The whole tree, closed units too, each with its members counted.
pub fn admin_units(cx: &mut Cx, _: crate::views::NoArgs) -> Result<Vec<AdminUnit>> {
    administrator(cx)?;
    Ok(admin::units(cx.store())?)
}

pub fn admin_add_unit(cx: &mut Cx, unit: NewUnit) -> Result<AdminUnit> {
    administrator(cx)?;
    Ok(admin::add_unit(cx.store(), &unit)?)
}

pub fn admin_rename_unit(cx: &mut Cx, args: RenameUnitArgs) -> Result<AdminUnit> {
    administrator(cx)?;
    let to = RenameUnit {
        name: args.name,
        code: args.code,
    };
    Ok(admin::rename_unit(cx.store(), args.id, &to)?)
}

pub fn admin_close_unit(cx: &mut Cx, args: CloseUnitArgs) -> Result<AdminUnit> {
    administrator(cx)?;
    let on = sotay_core::time::parse_date("on", &args.on)?;
    Ok(admin::close_unit(cx.store(), args.id, &CloseUnit { on })?)
}

pub fn admin_members(cx: &mut Cx, args: AdminMembersArgs) -> Result<Vec<AdminMember>> {
    administrator(cx)?;
    Ok(admin::members(cx.store(), args.unit_id)?)
}

pub fn admin_set_office(cx: &mut Cx, args: SetOfficeArgs) -> Result<AdminMember> {
    administrator(cx)?;
    let office = SetOffice { role: args.role };
    Ok(admin::set_office(cx.store(), args.member_id, &office)?)
}

/// The preview (every row as read, its problems by row and column), or the import itself.
pub fn import_roster(cx: &mut Cx, args: ImportRosterArgs) -> Result<RosterReport> {
    administrator(cx)?;
    let file = crate::attachments::decode(&args.content_base64)?;
    Ok(admin::import_roster(
        cx.store(),
        file,
        args.unit_id,
        args.dry_run,
        &args.skip_rows,
    )?)
}
