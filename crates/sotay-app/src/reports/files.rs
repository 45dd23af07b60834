//! The superior committee's report as files for the reports upward: an Excel workbook — a sheet
//! of cells, and a sheet of the units they are under whose totals are formulas over the first —
//! and CSV. Headers are Vietnamese whatever the UI's language: the report goes to a committee.

use crate::error::{AppError, Result};
use crate::reports::UnitReport;
use rust_xlsxwriter::utility::column_number_to_name;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};
use sotay_core::ErrorKind;
use sotay_core::report::{Admissions, RatingCounts, Share, Verdict};
use std::collections::BTreeMap;

/// The members' columns, after the meetings' ones (so a reader's formulas over the older
/// columns still point where they did): admitted this year, then the ratings by level in the
/// customary abbreviations — Hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ.
const MEMBERS_HEADERS: [&str; 5] = ["Kết nạp", "HTXSNV", "HTTNV", "HTNV", "Không HTNV"];

/// A cell's (or a sum of cells') figures under [`MEMBERS_HEADERS`].
fn members_figures(admitted: i64, r: RatingCounts) -> [i64; 5] {
    [admitted, r.excellent, r.good, r.completed, r.not_completed]
}

fn verdict_vi(v: Verdict) -> &'static str {
    match v {
        Verdict::Meets => "Đạt",
        Verdict::AtRisk => "Có nguy cơ",
        Verdict::Missed => "Không đạt",
        Verdict::NoData => "Chưa có số liệu",
    }
}

fn percent(share: Share) -> String {
    share
        .rate()
        .map(|r| format!("{:.1}", r * 100.0))
        .unwrap_or_default()
}

fn months(missed: &[u32]) -> String {
    missed
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The report as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
/// diacritics), a row per cell; rates in percent with a decimal point.
pub fn report_csv(report: &UnitReport) -> Result<Vec<u8>> {
    let fail = |e: csv::Error| AppError::new(ErrorKind::Io, e.to_string());
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record([
        "Chi bộ",
        "Số đảng viên",
        "Sinh hoạt thường kỳ đã họp",
        "Tháng không sinh hoạt",
        "Sinh hoạt chuyên đề",
        "Tỷ lệ dự họp (%)",
        "Tỷ lệ đảng viên phát biểu (%)",
        "Gửi tài liệu đúng hạn (%)",
        "Nhiệm vụ đúng hạn (%)",
        "Đánh giá sinh hoạt thường kỳ",
        MEMBERS_HEADERS[0],
        MEMBERS_HEADERS[1],
        MEMBERS_HEADERS[2],
        MEMBERS_HEADERS[3],
        MEMBERS_HEADERS[4],
    ])
    .map_err(fail)?;
    for c in &report.cells {
        let f = &c.figures;
        let [admitted, excellent, good, completed, not_completed] =
            members_figures(f.admitted, f.ratings).map(|n| n.to_string());
        out.write_record([
            c.name.clone(),
            c.members.to_string(),
            f.regular_held.to_string(),
            months(&f.months_missed),
            f.thematic_held.to_string(),
            percent(f.attendance),
            percent(f.spoke),
            percent(f.published_on_time),
            percent(f.tasks_on_time),
            verdict_vi(c.verdicts.regular).to_owned(),
            admitted,
            excellent,
            good,
            completed,
            not_completed,
        ])
        .map_err(fail)?;
    }
    out.into_inner()
        .map_err(|e| AppError::new(ErrorKind::Io, e.to_string()))
}

const CELLS: &str = "Chi bộ";
const UNITS: &str = "Đảng bộ cơ sở";

/// A rate written as a formula over its two counts, with its value for readers that do not
/// recalculate.
fn rate_formula(part: &str, whole: &str, share: Share) -> Formula {
    let formula = Formula::new(format!("=IF({whole}>0,{part}/{whole},\"\")"));
    match share.rate() {
        Some(r) => formula.set_result(r.to_string()),
        None => formula.set_result(""),
    }
}

fn headers<'a>(
    sheet: &mut Worksheet,
    names: impl IntoIterator<Item = &'a str>,
    bold: &Format,
) -> Result<(), XlsxError> {
    for (col, name) in (0u16..).zip(names) {
        sheet.write_string_with_format(0, col, name, bold)?;
        sheet.set_column_width(col, if col == 0 { 34 } else { 14 })?;
    }
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The cells' sheet: a row per cell, counts as numbers and each rate a formula over them.
fn cells_sheet(
    book: &mut Workbook,
    report: &UnitReport,
    bold: &Format,
    pct: &Format,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name(CELLS)?;
    headers(
        sheet,
        [
            "Chi bộ",
            "Trực thuộc",
            "Số đảng viên",
            "Sinh hoạt thường kỳ đã họp",
            "Số tháng không sinh hoạt",
            "Các tháng không sinh hoạt",
            "Sinh hoạt chuyên đề",
            "Lượt có mặt",
            "Lượt điểm danh",
            "Tỷ lệ dự họp",
            "Lượt phát biểu",
            "Tỷ lệ phát biểu",
            "Cuộc họp gửi tài liệu đúng hạn",
            "Cuộc họp đã họp",
            "Tỷ lệ gửi tài liệu đúng hạn",
            "Nhiệm vụ xong đúng hạn",
            "Nhiệm vụ đến hạn",
            "Tỷ lệ nhiệm vụ đúng hạn",
            "Đánh giá sinh hoạt thường kỳ",
        ]
        .into_iter()
        .chain(MEMBERS_HEADERS),
        bold,
    )?;
    for (i, c) in report.cells.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let f = &c.figures;
        let n = |v: i64| v as f64;
        sheet.write_string(row, 0, &c.name)?;
        sheet.write_string(row, 1, &c.parent_name)?;
        sheet.write_number(row, 2, n(c.members))?;
        sheet.write_number(row, 3, n(f.regular_held))?;
        sheet.write_number(row, 4, f.months_missed.len() as f64)?;
        sheet.write_string(row, 5, months(&f.months_missed))?;
        sheet.write_number(row, 6, n(f.thematic_held))?;
        // Those who spoke are counted against those present: the attendance's count (H).
        let col = share_columns(sheet, row, ATTENDANCE_COL, f.attendance, Total::Beside, pct)?;
        let col = share_columns(sheet, row, col, f.spoke, Total::At(ATTENDANCE_COL), pct)?;
        let col = share_columns(sheet, row, col, f.published_on_time, Total::Beside, pct)?;
        let col = share_columns(sheet, row, col, f.tasks_on_time, Total::Beside, pct)?;
        sheet.write_string(row, col, verdict_vi(c.verdicts.regular))?;
        for (col, v) in (MEMBERS_COL..).zip(members_figures(f.admitted, f.ratings)) {
            sheet.write_number(row, col, n(v))?;
        }
    }
    Ok(())
}

/// Where the attendance's count is on the cells' sheet (H): the first of the shares' columns.
const ATTENDANCE_COL: u16 = 7;

/// Where a share's total is on the cells' sheet.
enum Total {
    /// In its own column, written after the count.
    Beside,
    /// In a column already written (another share's count).
    At(u16),
}

/// Writes `share` on `row` of the cells' sheet from column `col`: its count, its total (unless
/// [`Total::At`] an earlier column), and its rate as a formula over the two. Returns the next
/// column.
fn share_columns(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    share: Share,
    total: Total,
    pct: &Format,
) -> Result<u16, XlsxError> {
    let cell = |c: u16| format!("{}{}", column_number_to_name(c), row + 1);
    sheet.write_number(row, col, share.part as f64)?;
    let (whole, rate_col) = match total {
        Total::Beside => {
            sheet.write_number(row, col + 1, share.whole as f64)?;
            (col + 1, col + 2)
        }
        Total::At(c) => (c, col + 1),
    };
    let rate = rate_formula(&cell(col), &cell(whole), share);
    sheet.write_formula_with_format(row, rate_col, rate, pct)?;
    Ok(rate_col + 1)
}

/// Where the members' columns start on the cells' sheet (T), and their letters.
const MEMBERS_COL: u16 = 19;
const MEMBERS_LETTERS: [&str; 5] = ["T", "U", "V", "W", "X"];

/// Sums over the cells' sheet for the rows of one unit above them.
#[derive(Default)]
struct Totals {
    cells: i64,
    members: i64,
    regular: i64,
    missed_a_month: i64,
    thematic: i64,
    attendance: Share,
    spoke: Share,
    published: Share,
    tasks: Share,
    admitted: i64,
    ratings: RatingCounts,
}

fn add(into: &mut Share, s: Share) {
    into.part += s.part;
    into.whole += s.whole;
}

/// The units' sheet: a row per unit the cells are under, every figure a formula over the cells'
/// sheet (SUMIF by the "Trực thuộc" column), with its value.
fn units_sheet(
    book: &mut Workbook,
    report: &UnitReport,
    bold: &Format,
    pct: &Format,
) -> Result<(), XlsxError> {
    let mut totals: BTreeMap<&str, Totals> = BTreeMap::new();
    for c in &report.cells {
        let t = totals.entry(c.parent_name.as_str()).or_default();
        let f = &c.figures;
        t.cells += 1;
        t.members += c.members;
        t.regular += f.regular_held;
        t.missed_a_month += i64::from(!f.months_missed.is_empty());
        t.thematic += f.thematic_held;
        add(&mut t.attendance, f.attendance);
        add(&mut t.spoke, f.spoke);
        add(&mut t.published, f.published_on_time);
        add(&mut t.tasks, f.tasks_on_time);
        t.admitted += f.admitted;
        t.ratings.add(f.ratings);
    }
    let sheet = book.add_worksheet().set_name(UNITS)?;
    headers(
        sheet,
        [
            "Đơn vị",
            "Số chi bộ",
            "Số đảng viên",
            "Sinh hoạt thường kỳ đã họp",
            "Chi bộ có tháng không sinh hoạt",
            "Sinh hoạt chuyên đề",
            "Tỷ lệ dự họp",
            "Tỷ lệ phát biểu",
            "Tỷ lệ gửi tài liệu đúng hạn",
            "Tỷ lệ nhiệm vụ đúng hạn",
        ]
        .into_iter()
        .chain(MEMBERS_HEADERS)
        .chain(["Kế hoạch kết nạp", "% kế hoạch"]),
        bold,
    )?;
    let col = |c: &str| format!("'{CELLS}'!{c}:{c}");
    for (i, (name, t)) in totals.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let key = format!("$A{}", row + 1);
        let sum = |c: &str| format!("SUMIF({},{key},{})", col("B"), col(c));
        sheet.write_string(row, 0, *name)?;
        let counted =
            |formula: String, value: i64| Formula::new(formula).set_result(value.to_string());
        sheet.write_formula(
            row,
            1,
            counted(format!("=COUNTIF({},{key})", col("B")), t.cells),
        )?;
        sheet.write_formula(row, 2, counted(format!("={}", sum("C")), t.members))?;
        sheet.write_formula(row, 3, counted(format!("={}", sum("D")), t.regular))?;
        sheet.write_formula(
            row,
            4,
            counted(
                format!("=COUNTIFS({},{key},{},\">0\")", col("B"), col("E")),
                t.missed_a_month,
            ),
        )?;
        sheet.write_formula(row, 5, counted(format!("={}", sum("G")), t.thematic))?;
        sheet.write_formula_with_format(
            row,
            6,
            rate_formula(&sum("H"), &sum("I"), t.attendance),
            pct,
        )?;
        sheet.write_formula_with_format(
            row,
            7,
            rate_formula(&sum("K"), &sum("H"), t.spoke),
            pct,
        )?;
        sheet.write_formula_with_format(
            row,
            8,
            rate_formula(&sum("M"), &sum("N"), t.published),
            pct,
        )?;
        sheet.write_formula_with_format(
            row,
            9,
            rate_formula(&sum("P"), &sum("Q"), t.tasks),
            pct,
        )?;
        let values = members_figures(t.admitted, t.ratings);
        for ((col, letter), value) in (10u16..).zip(MEMBERS_LETTERS).zip(values) {
            sheet.write_formula(row, col, counted(format!("={}", sum(letter)), value))?;
        }
        // The plan beside what was admitted (column K), when the committee set one.
        if let Some(planned) = plan_of(&report.admissions, name, totals.len()) {
            let r = row + 1;
            sheet.write_number(row, 15, planned as f64)?;
            let share = Share {
                part: t.admitted,
                whole: planned,
            };
            sheet.write_formula_with_format(
                row,
                16,
                rate_formula(&format!("K{r}"), &format!("P{r}"), share),
                pct,
            )?;
        }
    }
    Ok(())
}

/// The plan of the committee named `name`, a row of the units' sheet (one of `rows`). The
/// report's own committee (the first line) counts the admissions of every cell below it, so its
/// plan belongs to a row only when that row is all its cells (a commune's report); a district's
/// own plan is not set against the cells directly under it.
fn plan_of(admissions: &[Admissions], name: &str, rows: usize) -> Option<i64> {
    let skip = usize::from(rows > 1);
    admissions
        .iter()
        .skip(skip)
        .find(|a| a.name == name)
        .and_then(|a| a.planned)
}

/// The report as an Excel workbook.
pub fn report_xlsx(report: &UnitReport) -> Result<Vec<u8>> {
    let write = || -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold().set_text_wrap();
        let pct = Format::new().set_num_format("0.0%");
        cells_sheet(&mut book, report, &bold, &pct)?;
        units_sheet(&mut book, report, &bold, &pct)?;
        book.save_to_buffer()
    };
    write().map_err(|e| {
        AppError::new(
            ErrorKind::Io,
            format!("the workbook could not be written: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn line(n: u128, name: &str, planned: Option<i64>) -> Admissions {
        Admissions {
            unit_id: Uuid::from_u128(n),
            name: name.to_owned(),
            admitted: 3,
            planned,
        }
    }

    #[test]
    fn a_row_gets_its_own_committee_s_plan_and_a_district_s_plan_only_when_alone() {
        let district = [
            line(1, "Đảng bộ huyện A", Some(40)),
            line(2, "Đảng bộ xã B", Some(4)),
            line(3, "Đảng bộ xã C", None),
        ];
        assert_eq!(plan_of(&district, "Đảng bộ xã B", 3), Some(4));
        assert_eq!(plan_of(&district, "Đảng bộ xã C", 3), None);
        // Cells directly under the district beside its communes' are not the district's total.
        assert_eq!(plan_of(&district, "Đảng bộ huyện A", 3), None);
        assert_eq!(plan_of(&district, "Đảng bộ huyện A", 1), Some(40));
        let commune = [line(2, "Đảng bộ xã B", Some(4))];
        assert_eq!(plan_of(&commune, "Đảng bộ xã B", 1), Some(4));
    }
}
