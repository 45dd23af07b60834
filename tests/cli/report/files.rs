//! The files a superior committee sends upward — CSV, the workbook, the PDF — read back, each
//! carrying the report's figures: the meetings' as before, and the members' (admitted this year,
//! the ratings by level) with each committee's admissions against its plan, the plans and the
//! communes' admissions counted again here in plain SQL.

use super::share;
use crate::util::{DEMO_DAY, Dir};
use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The members' columns appended after the meetings' on the cells' sheet and in the CSV.
const MEMBERS: [&str; 5] = ["Kết nạp", "HTXSNV", "HTTNV", "HTNV", "Không HTNV"];
/// Where they start on the cells' sheet (T).
const MEMBERS_COL: usize = 19;

/// A cell's figures under [`MEMBERS`], from the report's JSON.
fn members(f: &Value) -> [i64; 5] {
    let n = |v: &Value| v.as_i64().unwrap();
    let r = &f["ratings"];
    [
        n(&f["admitted"]),
        n(&r["excellent"]),
        n(&r["good"]),
        n(&r["completed"]),
        n(&r["not_completed"]),
    ]
}

/// A committee's admissions by plain SQL: its name, the members admitted this year so far in
/// the cells below it (directly, or under a unit below it), and its plan for the year.
struct Admitted {
    name: String,
    admitted: i64,
    planned: Option<i64>,
}

fn admitted_by_sql(db: &Connection, level: &str, today: NaiveDate) -> Vec<Admitted> {
    let mut stmt = db
        .prepare(
            "SELECT u.name,
               (SELECT count(*) FROM member m JOIN org_unit c ON c.id = m.unit_id
                 WHERE m.deleted = 0 AND c.deleted = 0 AND c.level = 'cell'
                   AND (c.parent_id = u.id
                        OR c.parent_id IN (SELECT id FROM org_unit WHERE parent_id = u.id))
                   AND substr(m.admitted_on, 1, 4) = ?2 AND m.admitted_on <= ?3),
               (SELECT planned FROM admission_plan p
                 WHERE p.unit_id = u.id AND p.deleted = 0 AND p.year = CAST(?2 AS INTEGER))
             FROM org_unit u WHERE u.level = ?1 AND u.deleted = 0 ORDER BY u.name",
        )
        .unwrap();
    stmt.query_map(
        [level, &today.year().to_string(), &today.to_string()],
        |r| {
            Ok(Admitted {
                name: r.get(0)?,
                admitted: r.get(1)?,
                planned: r.get(2)?,
            })
        },
    )
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Runs `sotay report --csv|--xlsx|--pdf -o FILE` for the unit's year; the file's path.
fn export(dir: &Dir, store: &Path, unit: &str, year: &str, flag: &str, name: &str) -> PathBuf {
    let path = dir.path(name);
    let args = ["report", "--unit", unit, "--year", year, flag, "-o"];
    let mut args = args.to_vec();
    args.push(path.to_str().unwrap());
    let run = DEMO_DAY.sotay(store, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    path
}

/// The report's three files for `unit` (a district) this year say what `report` (its JSON)
/// says.
pub(super) fn say_the_same(
    dir: &Dir,
    store: &Path,
    unit: &str,
    report: &Value,
    db: &Connection,
    today: NaiveDate,
) {
    let year = today.year().to_string();
    let export = |flag: &str, name: &str| export(dir, store, unit, &year, flag, name);
    let communes = admitted_by_sql(db, "grassroots", today);
    assert!(
        communes.iter().all(|c| c.planned.is_some()),
        "the demo plans"
    );
    let district = admitted_by_sql(db, "district", today);
    // The report's committees: the district, then its communes, each as plain SQL counts them.
    let lines: Vec<(String, i64, Option<i64>)> = report["admissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let name = a["name"].as_str().unwrap().to_owned();
            (name, a["admitted"].as_i64().unwrap(), a["planned"].as_i64())
        })
        .collect();
    let by_sql: Vec<(String, i64, Option<i64>)> = district
        .iter()
        .chain(&communes)
        .map(|a| (a.name.clone(), a.admitted, a.planned))
        .collect();
    assert_eq!(lines, by_sql);
    let cells = report["cells"].as_array().unwrap();
    csv(&export("--csv", "bao-cao.csv"), cells);
    xlsx(&export("--xlsx", "bao-cao.xlsx"), cells, &communes);
    pdf(&export("--pdf", "bao-cao.pdf"), &year, cells, &lines);
}

/// A byte-order mark, Vietnamese headers, a row per cell with the same figures, the members'
/// last.
fn csv(path: &Path, cells: &[Value]) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("Chi bộ,Số đảng viên,Sinh hoạt thường kỳ đã họp"));
    assert!(
        header.ends_with(&format!(",{}", MEMBERS.join(","))),
        "{header}"
    );
    let first = &cells[0];
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(&format!(
            "{},{},{}",
            first["name"].as_str().unwrap(),
            first["members"],
            first["figures"]["regular_held"]
        )),
        "{row}"
    );
    assert_eq!(text.lines().count(), cells.len() + 1);
    // The members' five figures close every row (plain numbers: no quoting to undo).
    for (row, c) in text.lines().skip(1).zip(cells) {
        let fields: Vec<&str> = row.rsplitn(6, ',').collect();
        let last: Vec<i64> = fields[..5]
            .iter()
            .rev()
            .map(|v| v.parse().unwrap())
            .collect();
        assert_eq!(last, members(&c["figures"]), "{row}");
    }
}

fn number(d: Option<&Data>) -> f64 {
    match d {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// The workbook, read back by calamine: a row per cell with the same counts and each rate's
/// value, and a sheet of the communes whose figures are formulas over the cells' sheet, with
/// each commune's plan beside its admissions.
fn xlsx(path: &Path, cells: &[Value], communes_by_sql: &[Admitted]) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    assert_eq!(book.sheet_names(), ["Chi bộ", "Đảng bộ cơ sở"]);
    let sheet = book.worksheet_range("Chi bộ").unwrap();
    assert_eq!(sheet.get((0, 0)), Some(&Data::String("Chi bộ".into())));
    assert_eq!(
        sheet.get((0, 9)),
        Some(&Data::String("Tỷ lệ dự họp".into()))
    );
    for (i, name) in MEMBERS.iter().enumerate() {
        assert_eq!(
            sheet.get((0, MEMBERS_COL + i)),
            Some(&Data::String((*name).into()))
        );
    }
    assert_eq!(sheet.height(), cells.len() + 1);
    for (i, c) in cells.iter().enumerate() {
        let row = i + 1;
        let f = &c["figures"];
        assert_eq!(
            sheet.get((row, 0)),
            Some(&Data::String(c["name"].as_str().unwrap().into()))
        );
        assert_eq!(
            number(sheet.get((row, 3))),
            f["regular_held"].as_f64().unwrap()
        );
        let (present, called) = share(&f["attendance"]);
        assert_eq!(number(sheet.get((row, 7))), present as f64);
        assert_eq!(number(sheet.get((row, 8))), called as f64);
        if called > 0 {
            let rate = number(sheet.get((row, 9)));
            assert!(
                (rate - present as f64 / called as f64).abs() < 1e-9,
                "{rate}"
            );
        }
        for (j, want) in members(f).into_iter().enumerate() {
            assert_eq!(number(sheet.get((row, MEMBERS_COL + j))), want as f64);
        }
    }

    let communes = book.worksheet_range("Đảng bộ cơ sở").unwrap();
    let formulas = book.worksheet_formula("Đảng bộ cơ sở").unwrap();
    assert_eq!(communes.height(), communes_by_sql.len() + 1);
    assert!(
        formulas.get((0, 2)).unwrap().contains("SUMIF"),
        "{:?}",
        formulas.get((0, 2))
    );
    let members_in_cells: f64 = cells.iter().map(|c| c["members"].as_f64().unwrap()).sum();
    let members_summed: f64 = (1..communes.height())
        .map(|r| number(communes.get((r, 2))))
        .sum();
    assert_eq!(members_summed, members_in_cells);
    let header = |col: usize| communes.get((0, col)).cloned();
    assert_eq!(header(10), Some(Data::String("Kết nạp".into())));
    assert_eq!(header(14), Some(Data::String("Không HTNV".into())));
    assert_eq!(header(15), Some(Data::String("Kế hoạch kết nạp".into())));
    assert_eq!(header(16), Some(Data::String("% kế hoạch".into())));
    // The members' sums are formulas over the cells' columns T–X, equal to the cells' totals
    // (`get_value` by the sheet's own row and column: the formulas' range starts at B2).
    for (j, letter) in ["T", "U", "V", "W", "X"].into_iter().enumerate() {
        let formula = formulas.get_value((1, 10 + j as u32)).unwrap();
        assert!(
            formula.starts_with("SUMIF(") && formula.ends_with(&format!("!{letter}:{letter})")),
            "{formula}"
        );
        let in_cells: i64 = cells.iter().map(|c| members(&c["figures"])[j]).sum();
        let summed: f64 = (1..communes.height())
            .map(|r| number(communes.get((r, 10 + j))))
            .sum();
        assert_eq!(summed, in_cells as f64, "{letter}");
    }
    for row in 1..communes.height() {
        let Some(Data::String(name)) = communes.get((row, 0)) else {
            panic!("a commune's name in row {row}");
        };
        let want = communes_by_sql.iter().find(|c| &c.name == name).unwrap();
        assert_eq!(
            number(communes.get((row, 10))),
            want.admitted as f64,
            "{name}"
        );
        let planned = want.planned.unwrap();
        assert_eq!(number(communes.get((row, 15))), planned as f64, "{name}");
        assert_eq!(
            formulas.get_value((row as u32, 16)).unwrap(),
            &format!("IF(P{0}>0,K{0}/P{0},\"\")", row + 1)
        );
        if planned > 0 {
            let rate = number(communes.get((row, 16)));
            assert!(
                (rate - want.admitted as f64 / planned as f64).abs() < 1e-9,
                "{name}: {rate}"
            );
        }
    }
}

/// The PDF for printing, read back by pdftotext in reading order (a long name wraps inside its
/// table cell, so words are compared with the line breaks taken out): the title, every cell with
/// its attendance as printed (Vietnamese decimal comma), the missed months, the ratings' column
/// and each committee's admissions against its plan.
fn pdf(path: &Path, year: &str, cells: &[Value], admissions: &[(String, i64, Option<i64>)]) {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils; scripts/deps.sh test installs it)");
    assert!(out.status.success());
    let pdf = String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        pdf.contains(&format!("BÁO CÁO KẾT QUẢ SINH HOẠT CHI BỘ NĂM {year}")),
        "{pdf}"
    );
    assert!(pdf.contains("T/M BAN THƯỜNG VỤ"));
    assert!(pdf.contains("Tốt trở lên"));
    for c in cells {
        let name = c["name"].as_str().unwrap();
        assert!(pdf.contains(name), "{name} in the PDF");
        let (present, called) = share(&c["figures"]["attendance"]);
        if called > 0 {
            let printed =
                format!("{:.1}%", 100.0 * present as f64 / called as f64).replace('.', ",");
            assert!(pdf.contains(&printed), "{name}: {printed}");
        }
        let missed = c["figures"]["months_missed"].as_array().unwrap();
        if !missed.is_empty() {
            let months: Vec<String> = missed.iter().map(|m| m.to_string()).collect();
            let said = format!("{name}: tháng {}", months.join(", "));
            assert!(pdf.contains(&said), "{said}");
        }
    }
    assert!(pdf.contains("Kết nạp đảng viên"));
    for (name, admitted, planned) in admissions {
        let said = match planned {
            Some(p) if *p > 0 => {
                let rate = format!("{:.1}%", *admitted as f64 / *p as f64 * 100.0);
                format!(
                    "{name}: {admitted} / kế hoạch {p} ({})",
                    rate.replace('.', ",")
                )
            }
            Some(p) => format!("{name}: {admitted} / kế hoạch {p}"),
            None => format!("{name}: {admitted} (chưa có kế hoạch)"),
        };
        assert!(pdf.contains(&said), "{said}");
    }
}
