//! The roster import on files the test writes as an administrator's spreadsheet program would: CSV
//! with and without a byte-order mark, with commas and with semicolons, and XLSX (written with
//! rust_xlsxwriter, dates as date cells, numbers as number cells). Every problem is found with its
//! row and column and nothing is written; a clean file is written once, and again changes nothing.

use super::*;
use sotay_core::ErrorKind;
use sotay_sync_protocol::{NewMember, NewUnit, ProblemKind, RosterQuery, RosterReport, RowStatus};

/// A commune with two cells, and one member already on the server (card 36.000009).
fn commune<B: Backend>(e: &Engine<B>) -> (Device, Uuid) {
    let console = e.console().unwrap();
    let add = |parent: Option<Uuid>, level, name: &str| {
        e.add_unit(
            &console,
            &NewUnit {
                parent_id: parent,
                level,
                name: name.into(),
                code: None,
            },
        )
        .unwrap()
        .0
        .id
    };
    let root = add(None, UnitLevel::Grassroots, "Đảng bộ xã Tân Thành");
    let east = add(Some(root), UnitLevel::Cell, "Chi bộ thôn Đông");
    add(Some(root), UnitLevel::Cell, "Chi bộ thôn Tây");
    e.add_member(
        &console,
        &NewMember {
            unit_id: east,
            full_name: "Võ Văn Chín".into(),
            gender: None,
            born_on: None,
            standing: sotay_core::model::Standing::Official,
            admitted_on: None,
            official_on: None,
            role: None,
            phone: None,
            card_number: Some("36.000009".into()),
            citizen_id: None,
        },
    )
    .unwrap();
    (console, east)
}

const HEADER: [&str; 9] = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Chi bộ",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
    "Loại đảng viên",
];

/// Rows 2–9 of a file with a problem in each row but the first two.
const WITH_PROBLEMS: [[&str; 9]; 8] = [
    [
        "1",
        "Lê Thị Hoa",
        "02/03/1978",
        "Nữ",
        "Chi bộ thôn Đông",
        "19/05/2004",
        "19/05/2005",
        "36.001234",
        "Chính thức",
    ],
    [
        "2",
        "Trần Văn An",
        "10/10/1990",
        "Nam",
        "Chi bộ thôn Tây",
        "01/09/2026",
        "",
        "",
        "",
    ],
    [
        "3",
        "Phạm Thu",
        "31/02/1990",
        "Nữ",
        "Chi bộ thôn Tây",
        "",
        "",
        "",
        "",
    ],
    [
        "4",
        "Đỗ Dũng",
        "01/01/1980",
        "Nam",
        "Chi bộ thôn Bắc",
        "",
        "",
        "",
        "",
    ],
    [
        "5",
        "LE THI HOA",
        "01/01/1950",
        "Nữ",
        "Chi bộ thôn Tây",
        "",
        "",
        "36001234",
        "",
    ],
    [
        "6",
        "Võ Chín",
        "",
        "Nam",
        "Chi bộ thôn Tây",
        "",
        "",
        "36.000009",
        "",
    ],
    [
        "7",
        "",
        "05/05/1985",
        "Nam",
        "Chi bộ thôn Tây",
        "",
        "",
        "",
        "",
    ],
    [
        "8",
        "Hồ Mai",
        "05/05/1985",
        "Nữ",
        "Chi bộ thôn Tây",
        "",
        "12/12/2020",
        "36.5",
        "Dự bị",
    ],
];

/// What each problem row must be reported as: (row, column, kind).
const EXPECTED: [(u32, &str, ProblemKind); 6] = [
    (4, "Ngày sinh", ProblemKind::BadDate),
    (5, "Chi bộ", ProblemKind::UnknownUnit),
    (6, "Họ và tên", ProblemKind::DuplicateInFile),
    (7, "Họ và tên", ProblemKind::OnRosterElsewhere),
    (8, "Họ và tên", ProblemKind::MissingName),
    (9, "Ngày chính thức", ProblemKind::Inconsistent),
];

fn csv(rows: &[[&str; 9]], sep: char, bom: bool) -> Vec<u8> {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    for r in std::iter::once(&HEADER).chain(rows) {
        let cells: Vec<String> = r.iter().map(|c| format!("\"{c}\"")).collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The rows as a workbook: a title row above the header (as exports have), dates as date cells,
/// card numbers without a dot as number cells.
fn xlsx(rows: &[[&str; 9]]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(0, 0, "DANH SÁCH ĐẢNG VIÊN").unwrap();
    for (c, h) in (0u16..).zip(HEADER) {
        sheet.write_string(1, c, h).unwrap();
    }
    for (r, row) in (2u32..).zip(rows) {
        for (c, v) in (0u16..).zip(row) {
            let as_date = chrono::NaiveDate::parse_from_str(v, "%d/%m/%Y").ok();
            if let Some(d) = as_date {
                let d = ExcelDateTime::from_ymd(
                    u16::try_from(chrono::Datelike::year(&d)).unwrap(),
                    u8::try_from(chrono::Datelike::month(&d)).unwrap(),
                    u8::try_from(chrono::Datelike::day(&d)).unwrap(),
                )
                .unwrap();
                sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
            } else if c == 7 && !v.is_empty() && !v.contains('.') {
                sheet.write_number(r, c, v.parse::<f64>().unwrap()).unwrap();
            } else if !v.is_empty() {
                sheet.write_string(r, c, *v).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn import<B: Backend>(e: &Engine<B>, d: &Device, file: &[u8], q: &RosterQuery) -> RosterReport {
    e.import_roster(d, file, q).unwrap().0
}

/// The problems as (row, column, kind).
fn found(r: &RosterReport) -> Vec<(u32, String, ProblemKind)> {
    r.problems
        .iter()
        .map(|p| (p.row, p.column.clone().unwrap_or_default(), p.kind))
        .collect()
}

fn expected(row_shift: u32) -> Vec<(u32, String, ProblemKind)> {
    EXPECTED
        .iter()
        .map(|(r, c, k)| (r + row_shift, (*c).to_owned(), *k))
        .collect()
}

fn every_problem_is_found_by_row_and_column_and_nothing_is_written<B: Backend>(e: Engine<B>) {
    let (console, _) = commune(&e);
    let before = e.latest_seq_in(None).unwrap();
    let files = [
        (csv(&WITH_PROBLEMS, ',', true), 0),
        (csv(&WITH_PROBLEMS, ';', false), 0),
        (csv(&WITH_PROBLEMS, ';', true), 0),
        // The workbook's header is on row 2, below its title.
        (xlsx(&WITH_PROBLEMS), 1),
    ];
    for (file, shift) in files {
        let report = import(&e, &console, &file, &RosterQuery::default());
        assert_eq!(found(&report), expected(shift), "{report:#?}");
        assert!(!report.written);
        assert_eq!(report.rows.len(), 8);
        assert_eq!(report.rows[0].status, RowStatus::New);
        assert_eq!(
            report.rows[1].standing,
            sotay_core::model::Standing::Probationary
        );
        assert_eq!(e.latest_seq_in(None).unwrap(), before, "nothing written");
    }
}

fn a_clean_file_is_written_once_and_skipped_rows_are_left_out<B: Backend>(e: Engine<B>) {
    let (console, east) = commune(&e);
    let file = xlsx(&WITH_PROBLEMS);
    // A dry run writes nothing even when it could.
    let all_problems = "4,5,6,7,8,9";
    let skip = |dry_run| RosterQuery {
        unit: None,
        dry_run,
        skip_rows: Some(
            all_problems
                .split(',')
                .map(|r| (r.parse::<u32>().unwrap() + 1).to_string())
                .collect::<Vec<_>>()
                .join(","),
        ),
    };
    let before = e.latest_seq_in(None).unwrap();
    let dry = import(&e, &console, &file, &skip(true));
    assert!(!dry.written);
    assert_eq!(e.latest_seq_in(None).unwrap(), before);

    let written = import(&e, &console, &file, &skip(false));
    assert_eq!((written.added, written.written), (2, true));
    let skipped = written
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Skipped)
        .count();
    assert_eq!(skipped, 6);
    let hoa = written.rows[0].member_id.unwrap();
    let east_roster = e.admin_members(&console, Some(east)).unwrap();
    let added = east_roster.iter().find(|m| m.id == hoa).unwrap();
    assert_eq!(added.born_on, chrono::NaiveDate::from_ymd_opt(1978, 3, 2));
    assert_eq!(added.card_number.as_deref(), Some("36.001234"));

    // The same file again: the two are on the roster, nothing is written.
    let seq = e.latest_seq_in(None).unwrap();
    let again = import(&e, &console, &file, &skip(false));
    assert_eq!((again.added, again.written), (0, false));
    assert_eq!(again.rows[0].status, RowStatus::Unchanged);
    assert_eq!(again.rows[0].member_id, Some(hoa));
    assert_eq!(e.latest_seq_in(None).unwrap(), seq);
}

fn a_file_without_a_cell_column_joins_the_unit_given<B: Backend>(e: Engine<B>) {
    let (console, east) = commune(&e);
    let file = "Họ và tên;Ngày sinh;Chức vụ;Số CCCD\nNgô Bảo;01/02/1970;Bí thư;036170000001\nLý Lan;03/04/1975;Bí thư;\n";
    let without = import(&e, &console, file.as_bytes(), &RosterQuery::default());
    assert_eq!(without.problems[0].kind, ProblemKind::NoUnit);
    let q = RosterQuery {
        unit: Some(east),
        dry_run: true,
        skip_rows: None,
    };
    let report = import(&e, &console, file.as_bytes(), &q);
    assert_eq!(
        found(&report),
        [(3, "Chức vụ".to_owned(), ProblemKind::OfficeTaken)],
        "row 2 names the secretary"
    );
    assert_eq!(report.rows[0].citizen_id.as_deref(), Some("036170000001"));
    let not_a_roster = import(&e, &console, b"\xff\xfe\x00", &q);
    assert_eq!(not_a_roster.problems[0].kind, ProblemKind::Unreadable);
    let bad_skip = RosterQuery {
        skip_rows: Some("4,x".into()),
        ..q
    };
    assert_eq!(
        e.import_roster(&console, file.as_bytes(), &bad_skip)
            .unwrap_err()
            .kind(),
        ErrorKind::Invalid
    );
}

on_both_backends!(backend => super::engine;
    every_problem_is_found_by_row_and_column_and_nothing_is_written,
    a_clean_file_is_written_once_and_skipped_rows_are_left_out,
    a_file_without_a_cell_column_joins_the_unit_given,
);
