//! `sotay admin unit …` and `sotay admin member …`: the administrator's console where the server's
//! data is. Each change goes through the server's engine as the console's device, exactly as
//! `/v1/admin/…` does for an administrator's device, so it is checked, audited and sent to the
//! devices at their next sync.

use super::console_args::{MemberCommand, MemberDetails, UnitCommand};
use super::ops::{Result, parse_id, parse_opt_id};
use super::output::Out;
use super::server::{self, on_engine};
use chrono::NaiveDate;
use sotay_core::time::parse_date;
use sotay_sync_protocol::{
    AdminMember, AdminUnit, CloseUnit, EditMember, MoveMember, MoveUnit, NewMember, NewUnit,
    RenameUnit, RosterQuery, RosterReport, RowStatus, SetOffice,
};
use std::str::FromStr;

/// A code flag (`--level cell`) as its type; clap has already kept it to the listed values.
fn code<T: FromStr<Err = sotay_core::ValidationError>>(s: &str) -> Result<T> {
    Ok(s.parse()?)
}

fn opt_code<T: FromStr<Err = sotay_core::ValidationError>>(
    s: Option<&String>,
) -> Result<Option<T>> {
    s.map(|s| code(s)).transpose()
}

fn date(field: &'static str, s: Option<&String>) -> Result<Option<NaiveDate>> {
    Ok(s.map(|s| parse_date(field, s)).transpose()?)
}

pub fn unit(command: &UnitCommand, now: Option<&super::clock::Clock>, out: &mut Out) -> Result {
    match command {
        UnitCommand::List { db, json } => {
            let db = server::db(db, now)?;
            let units = on_engine!(db, |e| e.admin_units(&e.console()?)?);
            if *json {
                return Ok(out.json(&units)?);
            }
            let depth = depths(&units);
            out.table_of(
                &["UNIT", "LEVEL", "CODE", "MEMBERS", "CLOSED", "ID"],
                &units,
                |u| {
                    vec![
                        format!("{}{}", "  ".repeat(depth(u)), u.name),
                        u.level.to_string(),
                        u.code.clone().unwrap_or_default(),
                        u.members.to_string(),
                        u.closed_on
                            .map(|d| d.format("%d/%m/%Y").to_string())
                            .unwrap_or_default(),
                        u.id.to_string(),
                    ]
                },
            )?;
        }
        UnitCommand::Add {
            db,
            name,
            level,
            parent,
            code: short,
            json,
        } => {
            let new = NewUnit {
                parent_id: parse_opt_id(parent.as_ref())?,
                level: code(level)?,
                name: name.clone(),
                code: short.clone(),
            };
            let db = server::db(db, now)?;
            let (u, _) = on_engine!(db, |e| e.add_unit(&e.console()?, &new)?);
            said_unit(out, *json, &u, "Added")?;
        }
        UnitCommand::Rename {
            db,
            unit,
            name,
            code: short,
            json,
        } => {
            let id = parse_id(unit)?;
            let rename = RenameUnit {
                name: name.clone(),
                code: short.clone(),
            };
            let db = server::db(db, now)?;
            let (u, _) = on_engine!(db, |e| e.rename_unit(&e.console()?, id, &rename)?);
            said_unit(out, *json, &u, "Renamed")?;
        }
        UnitCommand::Move {
            db,
            unit,
            under,
            json,
        } => {
            let id = parse_id(unit)?;
            let to = MoveUnit {
                parent_id: parse_id(under)?,
            };
            let db = server::db(db, now)?;
            let (u, _) = on_engine!(db, |e| e.move_unit(&e.console()?, id, &to)?);
            said_unit(out, *json, &u, "Moved")?;
        }
        UnitCommand::Close { db, unit, on, json } => {
            let id = parse_id(unit)?;
            let close = CloseUnit {
                on: parse_date("on", on)?,
            };
            let db = server::db(db, now)?;
            let (u, _) = on_engine!(db, |e| e.close_unit(&e.console()?, id, &close)?);
            said_unit(out, *json, &u, "Closed")?;
        }
    }
    Ok(out.finish()?)
}

pub fn member(command: &MemberCommand, now: Option<&super::clock::Clock>, out: &mut Out) -> Result {
    match command {
        MemberCommand::List { db, unit, json } => {
            let of = parse_opt_id(unit.as_ref())?;
            let db = server::db(db, now)?;
            let (members, units) = on_engine!(db, |e| {
                let console = e.console()?;
                (e.admin_members(&console, of)?, e.admin_units(&console)?)
            });
            if *json {
                return Ok(out.json(&members)?);
            }
            let unit_name = |id| {
                units
                    .iter()
                    .find(|u| u.id == id)
                    .map_or_else(String::new, |u| u.name.clone())
            };
            out.table_of(
                &["NAME", "OFFICE", "STANDING", "BORN", "CARD", "UNIT", "ID"],
                &members,
                |m| {
                    vec![
                        m.full_name.clone(),
                        m.role.to_string(),
                        m.standing.to_string(),
                        m.born_on
                            .map(|d| d.format("%d/%m/%Y").to_string())
                            .unwrap_or_default(),
                        m.card_number.clone().unwrap_or_default(),
                        unit_name(m.unit_id),
                        m.id.to_string(),
                    ]
                },
            )?;
        }
        MemberCommand::Add {
            db,
            unit,
            details,
            office,
            json,
        } => {
            let Some(full_name) = details.name.clone() else {
                return Err(sotay_core::ValidationError {
                    field: "name",
                    problem: sotay_core::error::Invalid::Empty,
                }
                .into());
            };
            let new = NewMember {
                unit_id: parse_id(unit)?,
                full_name,
                gender: opt_code(details.gender.as_ref())?,
                born_on: date("born", details.born.as_ref())?,
                standing: opt_code(details.standing.as_ref())?
                    .unwrap_or(sotay_core::model::Standing::Official),
                admitted_on: date("admitted", details.admitted.as_ref())?,
                official_on: date("official", details.official.as_ref())?,
                role: opt_code(office.as_ref())?,
                phone: details.phone.clone(),
                card_number: details.card.clone(),
                citizen_id: details.citizen_id.clone(),
            };
            let db = server::db(db, now)?;
            let (m, _) = on_engine!(db, |e| e.add_member(&e.console()?, &new)?);
            said_member(out, *json, &m, "Added")?;
        }
        MemberCommand::Edit {
            db,
            member,
            details,
            json,
        } => {
            let id = parse_id(member)?;
            let edit = edit_of(details)?;
            let db = server::db(db, now)?;
            let (m, _) = on_engine!(db, |e| e.edit_member(&e.console()?, id, &edit)?);
            said_member(out, *json, &m, "Changed")?;
        }
        MemberCommand::Move {
            db,
            member,
            to,
            on,
            reason,
            json,
        } => {
            let id = parse_id(member)?;
            let to = MoveMember {
                unit_id: parse_id(to)?,
                on: parse_date("on", on)?,
                reason: reason.clone(),
            };
            let db = server::db(db, now)?;
            let (m, _) = on_engine!(db, |e| e.move_member(&e.console()?, id, &to)?);
            said_member(out, *json, &m, "Moved")?;
        }
        MemberCommand::Office {
            db,
            member,
            role,
            json,
        } => {
            let id = parse_id(member)?;
            let office = SetOffice { role: code(role)? };
            let db = server::db(db, now)?;
            let (m, _) = on_engine!(db, |e| e.set_office(&e.console()?, id, &office)?);
            said_member(out, *json, &m, "Office set:")?;
        }
    }
    Ok(out.finish()?)
}

fn edit_of(d: &MemberDetails) -> Result<EditMember> {
    Ok(EditMember {
        full_name: d.name.clone(),
        gender: opt_code(d.gender.as_ref())?,
        born_on: date("born", d.born.as_ref())?,
        standing: opt_code(d.standing.as_ref())?,
        admitted_on: date("admitted", d.admitted.as_ref())?,
        official_on: date("official", d.official.as_ref())?,
        phone: d.phone.clone(),
        card_number: d.card.clone(),
        citizen_id: d.citizen_id.clone(),
    })
}

fn said_unit(out: &mut Out, json: bool, u: &AdminUnit, verb: &str) -> Result {
    if json {
        return Ok(out.json(u)?);
    }
    out.line(format!("{verb} {} ({}): {}", u.name, u.level, u.id))?;
    Ok(())
}

fn said_member(out: &mut Out, json: bool, m: &AdminMember, verb: &str) -> Result {
    if json {
        return Ok(out.json(m)?);
    }
    out.line(format!("{verb} {} ({}): {}", m.full_name, m.role, m.id))?;
    Ok(())
}

/// How deep each unit of a listing sits, for indenting it under its parent.
fn depths(units: &[AdminUnit]) -> impl Fn(&AdminUnit) -> usize + '_ {
    move |u| {
        let mut depth = 0;
        let mut at = u.parent_id;
        while let Some(p) = at
            && depth < units.len()
        {
            depth += 1;
            at = units.iter().find(|o| o.id == p).and_then(|o| o.parent_id);
        }
        depth
    }
}

/// `sotay admin import-roster`: the problems by row and column, then what was (or would be)
/// written; exit code 2 when problems are left in rows not skipped.
pub fn import_roster(
    db: &server::Db,
    file: &std::path::Path,
    query: &RosterQuery,
    json: bool,
    out: &mut Out,
) -> Result {
    let bytes = std::fs::read(file).map_err(|source| super::error::CliError::ReadFile {
        path: file.to_owned(),
        source,
    })?;
    let (report, _) = on_engine!(db, |e| e.import_roster(&e.console()?, &bytes, query)?);
    if json {
        out.json(&report)?;
    } else {
        said_import(out, &report, query)?;
    }
    out.finish()?;
    let skipped: Vec<u32> = report
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Skipped)
        .map(|r| r.row)
        .collect();
    let left: Vec<u32> = report
        .problems
        .iter()
        .map(|p| p.row)
        .filter(|row| !skipped.contains(row))
        .collect();
    if left.is_empty() {
        return Ok(());
    }
    let mut rows = left.clone();
    rows.dedup();
    Err(super::error::CliError::RosterProblems {
        problems: left.len(),
        rows: rows
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(","),
    })
}

fn said_import(out: &mut Out, report: &RosterReport, query: &RosterQuery) -> Result {
    if !report.problems.is_empty() {
        out.table_of(&["ROW", "COLUMN", "PROBLEM"], &report.problems, |p| {
            vec![
                if p.row == 0 {
                    "file".to_owned()
                } else {
                    p.row.to_string()
                },
                p.column.clone().unwrap_or_default(),
                p.message.clone(),
            ]
        })?;
    }
    let count = |s: RowStatus| report.rows.iter().filter(|r| r.status == s).count();
    out.line(format!(
        "Read {} rows: {} new, {} already on the roster, {} with problems, {} skipped.",
        report.rows.len(),
        count(RowStatus::New),
        count(RowStatus::Unchanged),
        count(RowStatus::Problem),
        count(RowStatus::Skipped)
    ))?;
    let skipped = |row: u32| {
        report
            .rows
            .iter()
            .any(|r| r.row == row && r.status == RowStatus::Skipped)
    };
    let blocked = report.problems.iter().any(|p| !skipped(p.row));
    if report.written {
        out.line(format!(
            "Added {} members. Devices receive them at their next sync.",
            report.added
        ))?;
    } else if blocked {
        // The error that follows says what to do.
    } else if query.dry_run {
        out.line(format!(
            "Dry run: {} members would be added; nothing written.",
            count(RowStatus::New)
        ))?;
    } else {
        out.line("Nothing to add: everyone in the file is on the roster.")?;
    }
    Ok(())
}
