//! The roster import: a spreadsheet of members read (`sheet.rs`), its columns found by their
//! Vietnamese headers (`columns.rs`), every row checked — its dates and values, its cell, the same
//! person twice in the file or already on the server (`sotay_core::roster`), a second secretary —
//! and written only when no problem is left but in rows the administrator said to skip. A member
//! already on the roster in the same unit is left as is, so importing the same file again writes
//! nothing.

use super::columns::{self, Column};
use super::places::Places;
use super::sheet::{Cell, Sheet, Unreadable};
use super::{Write, all_members};
use crate::engine::Engine;
use crate::registry::Device;
use crate::storage::{Backend, Result, ServerError, Touched};
use sotay_core::model::{Member, Role, Standing, is_card_number, is_citizen_id};
use sotay_core::roster::{Identity, RosterIndex};
use sotay_sync_protocol::{
    ProblemKind, RosterProblem, RosterQuery, RosterReport, RosterRow, RowStatus,
};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// How far down a sheet the header row may be: exports put a title and a date above it.
const HEADER_WITHIN: usize = 20;

impl<B: Backend> Engine<B> {
    /// Reads, checks and — unless a dry run, and once only skipped rows have problems — writes a
    /// roster file's new members, in one transaction.
    pub fn import_roster(
        &self,
        device: &Device,
        file: &[u8],
        query: &RosterQuery,
    ) -> Result<(RosterReport, Touched)> {
        let skip = skip_rows(query.skip_rows.as_deref())?;
        let sheet = Sheet::read(file);
        self.administer(device, |tx| {
            let mut report = RosterReport {
                rows: Vec::new(),
                problems: Vec::new(),
                added: 0,
                written: false,
            };
            let sheet = match sheet {
                Ok(sheet) => sheet,
                Err(Unreadable(why)) => {
                    report
                        .problems
                        .push(problem(0, None, ProblemKind::Unreadable, why));
                    return Ok((report, Vec::new()));
                }
            };
            let places = Places::read(tx, query.unit)?;
            let mut check = Check {
                places,
                on_server: RosterIndex::new(),
                in_file: RosterIndex::new(),
                secretaries: HashMap::new(),
                report: &mut report,
            };
            for m in all_members(tx)? {
                if m.role == Role::Secretary {
                    check.secretaries.insert(m.unit_id, 0);
                }
                check.on_server.insert((m.id, m.unit_id), &Identity::of(&m));
            }
            let new = check.sheet(&sheet, query.unit);
            for row in &mut report.rows {
                if skip.contains(&row.row) {
                    row.status = RowStatus::Skipped;
                }
            }
            let blocking = report.problems.iter().any(|p| !skip.contains(&p.row));
            if blocking || query.dry_run {
                return Ok((report, Vec::new()));
            }
            let writes: Vec<Write> = new
                .iter()
                .filter(|(row, _)| !skip.contains(row))
                .map(|(_, m)| Write::new(m))
                .collect();
            report.added = u32::try_from(writes.len()).unwrap_or(u32::MAX);
            report.written = !writes.is_empty();
            Ok((report, writes))
        })
    }
}

/// `--skip-rows 4,9`: row numbers, comma-separated.
fn skip_rows(list: Option<&str>) -> Result<BTreeSet<u32>> {
    list.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<u32>()
                .map_err(|_| ServerError::Invalid(format!("skip_rows: {s:?} is not a row number")))
        })
        .collect()
}

fn problem(row: u32, column: Option<&str>, kind: ProblemKind, message: String) -> RosterProblem {
    RosterProblem {
        row,
        column: column.map(str::to_owned),
        kind,
        message,
    }
}

/// A file's check as it goes, row by row.
struct Check<'r> {
    places: Places,
    /// Who is on the server's roster: (member, unit).
    on_server: RosterIndex<(Uuid, Uuid)>,
    /// Who the file named so far, by row.
    in_file: RosterIndex<u32>,
    /// Units with a secretary: 0 on the server, else the row that names one.
    secretaries: HashMap<Uuid, u32>,
    report: &'r mut RosterReport,
}

impl Check<'_> {
    /// Every data row; answers the new members, by row.
    fn sheet(&mut self, sheet: &Sheet, default_unit: Option<Uuid>) -> Vec<(u32, Member)> {
        let Some(header_at) = sheet
            .rows
            .iter()
            .take(HEADER_WITHIN)
            .position(|(_, cells)| {
                cells.iter().any(|c| {
                    c.text().and_then(|t| columns::column_of(&t)) == Some(Column::FullName)
                })
            })
        else {
            self.report.problems.push(problem(
                0,
                None,
                ProblemKind::Unreadable,
                "no header row with a “Họ và tên” column in the first rows".into(),
            ));
            return Vec::new();
        };
        let mut columns: Vec<(usize, Column, String)> = Vec::new();
        for (i, cell) in sheet.rows[header_at].1.iter().enumerate() {
            if let Some(text) = cell.text()
                && let Some(c) = columns::column_of(&text)
                && !columns.iter().any(|(_, seen, _)| *seen == c)
            {
                columns.push((i, c, text));
            }
        }
        let has_unit_column = columns.iter().any(|(_, c, _)| *c == Column::Unit);
        if !has_unit_column && default_unit.is_none() {
            self.report.problems.push(problem(
                0,
                None,
                ProblemKind::NoUnit,
                "the file has no “Chi bộ” column: say which unit its members join".into(),
            ));
            return Vec::new();
        }
        let mut new = Vec::new();
        for (row, cells) in &sheet.rows[header_at + 1..] {
            if cells.iter().all(|c| c.text().is_none()) {
                continue;
            }
            let get = |want: Column| -> (Cell, Option<String>) {
                columns.iter().find(|(_, c, _)| *c == want).map_or(
                    (Cell::Empty, None),
                    |(i, _, header)| {
                        (
                            cells.get(*i).cloned().unwrap_or(Cell::Empty),
                            Some(header.clone()),
                        )
                    },
                )
            };
            if let Some(m) = self.row(*row, &get, default_unit) {
                new.push((*row, m));
            }
        }
        new
    }

    /// One row: its preview line, its problems, and the member to add if it is a new one.
    fn row(
        &mut self,
        row: u32,
        get: &dyn Fn(Column) -> (Cell, Option<String>),
        default_unit: Option<Uuid>,
    ) -> Option<Member> {
        let problems_before = self.report.problems.len();
        let mut say = |column: &Option<String>, kind, message: String| {
            self.report
                .problems
                .push(problem(row, column.as_deref(), kind, message));
        };
        let (name_cell, name_header) = get(Column::FullName);
        let full_name = name_cell
            .text()
            .map(|t| sotay_core::text::normalize(&t))
            .unwrap_or_default();
        if full_name.is_empty() {
            say(
                &name_header,
                ProblemKind::MissingName,
                "the name is empty".into(),
            );
        }
        let mut date_of = |c: Column| {
            let (cell, header) = get(c);
            columns::date(&cell).unwrap_or_else(|why| {
                say(&header, ProblemKind::BadDate, why);
                None
            })
        };
        let born_on = date_of(Column::BornOn);
        let admitted_on = date_of(Column::AdmittedOn);
        let official_on = date_of(Column::OfficialOn);
        let coded = |c: Column| {
            let (cell, header) = get(c);
            (cell.text(), header)
        };
        let (gender_text, gender_header) = coded(Column::Gender);
        let (office_text, office_header) = coded(Column::Office);
        let (standing_text, standing_header) = coded(Column::Standing);
        let (unit_text, unit_header) = coded(Column::Unit);
        let gender = gender_text
            .map(|t| columns::gender(&t))
            .transpose()
            .unwrap_or_else(|why| {
                say(&gender_header, ProblemKind::BadValue, why);
                None
            });
        let role = office_text
            .map(|t| columns::office(&t))
            .transpose()
            .unwrap_or_else(|why| {
                say(&office_header, ProblemKind::BadValue, why);
                None
            })
            .unwrap_or(Role::Member);
        // Without a standing column: official with an official date, probationary with only an
        // admission date, official when the file gives neither (a long-standing member).
        let standing = standing_text
            .map(|t| columns::standing(&t))
            .transpose()
            .unwrap_or_else(|why| {
                say(&standing_header, ProblemKind::BadValue, why);
                None
            })
            .unwrap_or(if official_on.is_none() && admitted_on.is_some() {
                Standing::Probationary
            } else {
                Standing::Official
            });
        let (official_header, card_header, id_header) = (
            get(Column::OfficialOn).1,
            get(Column::CardNumber).1,
            get(Column::CitizenId).1,
        );
        if standing == Standing::Probationary && official_on.is_some() {
            say(
                &official_header,
                ProblemKind::Inconsistent,
                "a probationary member has no official date yet".into(),
            );
        }
        if let (Some(a), Some(o)) = (admitted_on, official_on)
            && o < a
        {
            say(
                &official_header,
                ProblemKind::Inconsistent,
                "the official date is before admission".into(),
            );
        }
        let card_number = get(Column::CardNumber).0.text().map(|t| t.replace(' ', ""));
        if card_number.as_deref().is_some_and(|c| !is_card_number(c)) {
            say(
                &card_header,
                ProblemKind::BadValue,
                "a party card number is digits, dots allowed".into(),
            );
        }
        let citizen_id = columns::citizen_id(&get(Column::CitizenId).0);
        if citizen_id.as_deref().is_some_and(|c| !is_citizen_id(c)) {
            say(
                &id_header,
                ProblemKind::BadValue,
                "a citizen identity number is 12 digits".into(),
            );
        }
        let phone = columns::phone(&get(Column::Phone).0);
        let place = match (&unit_text, default_unit) {
            (Some(name), _) => self.places.find(name).map(|u| (u.id, u.name.clone())),
            (None, Some(id)) => Ok((id, String::new())),
            (None, None) => Err((ProblemKind::NoUnit, "the cell is empty".into())),
        };
        let unit_id = match place {
            Ok((id, _)) => Some(id),
            Err((kind, why)) => {
                self.report
                    .problems
                    .push(problem(row, unit_header.as_deref(), kind, why));
                None
            }
        };
        let mut line = RosterRow {
            row,
            status: RowStatus::New,
            full_name,
            gender,
            born_on,
            unit_id,
            unit_name: unit_text,
            standing,
            admitted_on,
            official_on,
            role,
            card_number,
            citizen_id,
            phone,
            member_id: None,
        };
        let clean = self.report.problems.len() == problems_before;
        let member = self.judge(
            &mut line,
            clean,
            name_header.as_deref(),
            office_header.as_deref(),
        );
        if self.report.problems.len() > problems_before {
            line.status = RowStatus::Problem;
        }
        self.report.rows.push(line);
        member.filter(|_| self.report.problems.len() == problems_before)
    }

    /// The row against the rest of the file and the server: the same person, a second secretary.
    fn judge(
        &mut self,
        line: &mut RosterRow,
        clean: bool,
        name_header: Option<&str>,
        office_header: Option<&str>,
    ) -> Option<Member> {
        let unit_id = line.unit_id?;
        if line.full_name.is_empty() {
            return None;
        }
        let who = Identity {
            full_name: &line.full_name,
            born_on: line.born_on,
            card_number: line.card_number.as_deref(),
            citizen_id: line.citizen_id.as_deref(),
        };
        if let Some((earlier, by)) = self.in_file.find(&who) {
            let message = format!("the same person as row {earlier} ({})", by.describe());
            self.report.problems.push(problem(
                line.row,
                name_header,
                ProblemKind::DuplicateInFile,
                message,
            ));
            return None;
        }
        self.in_file.insert(line.row, &who);
        if let Some((&(id, at), by)) = self.on_server.find(&who) {
            line.member_id = Some(id);
            if at == unit_id {
                line.status = RowStatus::Unchanged;
            } else {
                let message = format!(
                    "already on the roster of another unit ({}): move them with `sotay admin member move`",
                    by.describe()
                );
                self.report.problems.push(problem(
                    line.row,
                    name_header,
                    ProblemKind::OnRosterElsewhere,
                    message,
                ));
            }
            return None;
        }
        if line.role == Role::Secretary {
            if let Some(&holder) = self.secretaries.get(&unit_id) {
                let message = if holder == 0 {
                    "the unit has a secretary on the server already".to_owned()
                } else {
                    format!("row {holder} names the unit's secretary already")
                };
                self.report.problems.push(problem(
                    line.row,
                    office_header,
                    ProblemKind::OfficeTaken,
                    message,
                ));
                return None;
            }
            self.secretaries.insert(unit_id, line.row);
        }
        let member = Member {
            id: sotay_core::id::new_id(),
            unit_id,
            full_name: line.full_name.clone(),
            gender: line.gender,
            born_on: line.born_on,
            standing: line.standing,
            admitted_on: line.admitted_on,
            official_on: line.official_on,
            role: line.role,
            exempt: false,
            exempt_reason: None,
            temporarily_attached: false,
            home_unit: None,
            phone: line.phone.clone(),
            card_number: line.card_number.clone(),
            citizen_id: line.citizen_id.clone(),
        };
        if !clean {
            return None;
        }
        if let Err(e) = sotay_core::Record::validate(&member) {
            self.report.problems.push(problem(
                line.row,
                None,
                ProblemKind::BadValue,
                e.to_string(),
            ));
            return None;
        }
        line.member_id = Some(member.id);
        Some(member)
    }
}
