//! The superior committee's yearly (or to-date) report on the cells below it, for printing and
//! sending upward: the committee's heading, the targets, a table of every cell with its figures
//! (each below its target marked), the cells needing attention, the admissions, and the
//! signature.

use crate::PrintError;
use serde::Serialize;

/// One figure in the table: its text, and whether it falls short of its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub text: String,
    /// "missed" or "at_risk" draws attention to it; anything else prints plain.
    pub mark: String,
}

/// One row: a cell (or a committee's total).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    pub name: String,
    /// The committee the cell is under, when the report covers several.
    pub group: String,
    pub figures: Vec<Figure>,
}

/// A short section under the summary: a heading and a line each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportSection {
    pub heading: String,
    /// Nothing prints, not even the heading, when there are no lines.
    pub lines: Vec<String>,
}

/// What the report shows. Every field is display text, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportPage {
    /// The reporting committee, upper case: "ĐẢNG BỘ XÃ HOÀNG HOA".
    pub unit: String,
    /// "ngày 24 tháng 11 năm 2026".
    pub date: String,
    /// "BÁO CÁO KẾT QUẢ SINH HOẠT CHI BỘ NĂM 2026".
    pub title: String,
    /// "Số liệu đến ngày 24/11/2026; chỉ tiêu: …".
    pub subtitle: String,
    pub columns: Vec<String>,
    pub rows: Vec<ReportRow>,
    /// The summary under the table, a paragraph per line.
    pub summary: Vec<String>,
    /// "Kết nạp đảng viên": each committee's admissions against its plan.
    pub admissions: ReportSection,
    /// On whose behalf it is signed, by hand above the name: "T/M ĐẢNG ỦY".
    pub signer_title: String,
}

/// The report as a PDF (A4 landscape).
pub fn report_pdf(page: &ReportPage) -> Result<Vec<u8>, PrintError> {
    crate::world::render(include_str!("../templates/report.typ"), page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_with_markup_characters_makes_a_pdf() {
        let pdf = report_pdf(&ReportPage {
            unit: "ĐẢNG BỘ XÃ AN BÌNH".into(),
            date: "ngày 24 tháng 11 năm 2026".into(),
            title: "BÁO CÁO #strong[x]".into(),
            subtitle: "Số liệu $1 * _a_".into(),
            columns: vec!["Chi bộ".into(), "Dự họp".into()],
            rows: vec![ReportRow {
                name: "Chi bộ thôn Đông <c> @d".into(),
                group: "Đảng bộ xã An Bình".into(),
                figures: vec![Figure {
                    text: "84,0%".into(),
                    mark: "at_risk".into(),
                }],
            }],
            summary: vec!["1/1 chi bộ \\ ]".into()],
            admissions: ReportSection {
                heading: "Kết nạp #đảng viên".into(),
                lines: vec!["Đảng bộ xã An Bình: 3 / kế hoạch 4 (75,0%) *x*".into()],
            },
            signer_title: "T/M ĐẢNG ỦY".into(),
        })
        .expect("a pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
