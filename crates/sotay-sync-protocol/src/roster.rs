//! `POST /v1/admin/roster`: a roster file (CSV or XLSX) read, checked and — once clean, or with
//! the rows named skipped — written. The answer is the preview: every row as read, every problem
//! with its row and column.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sotay_core::model::{Gender, Role, Standing};
use uuid::Uuid;

/// How to import: where the file's cells are looked up, whether to write, which rows to leave out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct RosterQuery {
    /// The unit whose branch the file's cell names are looked up in, and the cell of every row
    /// when the file has no cell column; the whole tree when left out.
    pub unit: Option<Uuid>,
    /// Check and preview only: nothing is written.
    #[serde(default)]
    pub dry_run: bool,
    /// Rows (as the spreadsheet numbers them) to leave out, comma-separated: the administrator
    /// confirms skipping the rows with problems, and the rest is written.
    pub skip_rows: Option<String>,
}

/// What became of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RowStatus {
    /// A new member: added, or to be added once the file is clean.
    New,
    /// Already on the roster in that unit: a re-import changes nothing.
    Unchanged,
    /// It has a problem (see `problems`).
    Problem,
    /// Left out, as asked.
    Skipped,
}

/// One row of the file, as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RosterRow {
    /// The row's number in the spreadsheet (the header's is 1 in a plain file).
    pub row: u32,
    pub status: RowStatus,
    pub full_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub gender: Option<Gender>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub born_on: Option<NaiveDate>,
    pub unit_id: Option<Uuid>,
    /// The unit as the file names it.
    pub unit_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub standing: Standing,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub admitted_on: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub official_on: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub role: Role,
    pub card_number: Option<String>,
    pub citizen_id: Option<String>,
    pub phone: Option<String>,
    /// The member on the server: the one added, or the one already there.
    pub member_id: Option<Uuid>,
}

/// What is wrong with a row, as a stable code the UI translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ProblemKind {
    /// The file cannot be read as a roster (not UTF-8 CSV or XLSX, no name column).
    Unreadable,
    MissingName,
    BadDate,
    /// A value the column cannot hold (a gender, an office, a card or citizen number).
    BadValue,
    /// No cell column and no `unit`, or an empty cell.
    NoUnit,
    UnknownUnit,
    /// Two open units of that name in the branch: import under one of them with `unit`.
    AmbiguousUnit,
    /// The unit is closed.
    ClosedUnit,
    /// A probationary member with an official date, or an official date before admission.
    Inconsistent,
    /// The same person as an earlier row.
    DuplicateInFile,
    /// Already on the roster of another unit: move them instead.
    OnRosterElsewhere,
    /// A second secretary for a unit.
    OfficeTaken,
}

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RosterProblem {
    /// The row (0: the file as a whole).
    pub row: u32,
    /// The column's header as the file writes it.
    pub column: Option<String>,
    pub kind: ProblemKind,
    pub message: String,
}

/// The file as read and checked, and what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RosterReport {
    pub rows: Vec<RosterRow>,
    pub problems: Vec<RosterProblem>,
    /// Members written now (0 on a dry run, or while problems remain).
    pub added: u32,
    /// Whether anything was written.
    pub written: bool,
}
