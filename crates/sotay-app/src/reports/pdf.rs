//! The superior committee's report as a PDF for printing, signing and sending upward, typeset
//! by `sotay-print` with the minutes' font: the committee's heading, the targets, a row per cell
//! (each figure short of its target shaded), what needs saying under the table, and each
//! committee's admissions against its plan. In Vietnamese whatever the UI's language: the report
//! goes to a committee.

use crate::error::{AppError, Result};
use crate::reports::UnitReport;
use chrono::Datelike;
use sotay_core::ErrorKind;
use sotay_core::model::UnitLevel;
use sotay_core::report::{Admissions, RatingCounts, Share, Verdict};
use sotay_print::{Figure, ReportPage, ReportRow, ReportSection};

/// A share in percent, Vietnamese style: `92,3%`; `—` when there is nothing to count.
fn percent(share: Share) -> String {
    share.rate().map_or_else(
        || "—".to_owned(),
        |r| format!("{:.1}%", r * 100.0).replace('.', ","),
    )
}

/// Members rated as completing their tasks well or excellently, of those rated: `12/15`; `—`
/// before the cell has rated anyone this year.
fn good_or_better(r: RatingCounts) -> String {
    if r.rated() == 0 {
        "—".to_owned()
    } else {
        format!("{}/{}", r.excellent + r.good, r.rated())
    }
}

/// One committee's admissions: `Đảng bộ xã An Bình: 9 / kế hoạch 12 (75,0%)`.
fn admissions_line(a: &Admissions) -> String {
    match a.planned {
        Some(planned) if planned > 0 => format!(
            "{}: {} / kế hoạch {planned} ({})",
            a.name,
            a.admitted,
            percent(Share {
                part: a.admitted,
                whole: planned,
            })
        ),
        // A plan of none: there is no share of it to give.
        Some(planned) => format!("{}: {} / kế hoạch {planned}", a.name, a.admitted),
        None => format!("{}: {} (chưa có kế hoạch)", a.name, a.admitted),
    }
}

fn figure(text: String, verdict: Verdict) -> Figure {
    let mark = match verdict {
        Verdict::Missed => "missed",
        Verdict::AtRisk => "at_risk",
        Verdict::Meets | Verdict::NoData => "",
    };
    Figure {
        text,
        mark: mark.to_owned(),
    }
}

fn total(report: &UnitReport, pick: impl Fn(&crate::reports::CellReport) -> Share) -> Share {
    report.cells.iter().fold(Share::default(), |s, c| {
        let x = pick(c);
        Share {
            part: s.part + x.part,
            whole: s.whole + x.whole,
        }
    })
}

/// What the report says, laid out for `sotay-print`.
pub fn report_page(report: &UnitReport) -> ReportPage {
    let t = &report.targets;
    let several = {
        let mut groups: Vec<&str> = report
            .cells
            .iter()
            .map(|c| c.parent_name.as_str())
            .collect();
        groups.dedup();
        groups.len() > 1
    };
    // Grouped by committee when there are several, as the report upward reads.
    let mut cells: Vec<&crate::reports::CellReport> = report.cells.iter().collect();
    if several {
        cells.sort_by(|a, b| (&a.parent_name, &a.name).cmp(&(&b.parent_name, &b.name)));
    }
    let rows = cells
        .into_iter()
        .map(|c| {
            let f = &c.figures;
            let regular = if f.months_missed.is_empty() {
                f.regular_held.to_string()
            } else {
                let months: Vec<String> = f.months_missed.iter().map(u32::to_string).collect();
                format!("{} (thiếu tháng {})", f.regular_held, months.join(", "))
            };
            ReportRow {
                name: c.name.clone(),
                group: if several {
                    c.parent_name.clone()
                } else {
                    String::new()
                },
                figures: vec![
                    figure(c.members.to_string(), Verdict::NoData),
                    figure(regular, c.verdicts.regular),
                    figure(f.thematic_held.to_string(), c.verdicts.thematic),
                    figure(percent(f.attendance), c.verdicts.attendance),
                    figure(percent(f.spoke), c.verdicts.spoke),
                    figure(percent(f.published_on_time), c.verdicts.published_on_time),
                    figure(percent(f.tasks_on_time), c.verdicts.tasks_on_time),
                    // No target to fall short of: the ratings print plain.
                    figure(good_or_better(f.ratings), Verdict::NoData),
                ],
            }
        })
        .collect();
    let missed: Vec<String> = report
        .cells
        .iter()
        .filter(|c| !c.figures.months_missed.is_empty())
        .map(|c| {
            let months: Vec<String> = c.figures.months_missed.iter().map(u32::to_string).collect();
            format!("– {}: tháng {}", c.name, months.join(", "))
        })
        .collect();
    let mut summary = vec![format!(
        "{}/{} chi bộ sinh hoạt thường kỳ đủ các tháng đã qua{}",
        report.cells.len() - missed.len(),
        report.cells.len(),
        if missed.is_empty() {
            ".".to_owned()
        } else {
            format!("; {} chi bộ có tháng không sinh hoạt:", missed.len())
        }
    )];
    // A line each: a district's list is long, and a line is what a reader ticks off.
    summary.extend(missed);
    summary.push(format!(
        "Tỷ lệ đảng viên dự họp chung: {}; đảng viên phát biểu: {}; cuộc họp gửi tài liệu đúng hạn: {}; nhiệm vụ hoàn thành đúng hạn: {}.",
        percent(total(report, |c| c.figures.attendance)),
        percent(total(report, |c| c.figures.spoke)),
        percent(total(report, |c| c.figures.published_on_time)),
        percent(total(report, |c| c.figures.tasks_on_time)),
    ));
    summary
        .push("Ô có nền màu: chưa đạt chỉ tiêu (đỏ) hoặc có nguy cơ không đạt (vàng).".to_owned());
    let as_of = report.as_of;
    ReportPage {
        unit: report.unit_name.to_uppercase(),
        date: format!(
            "ngày {} tháng {} năm {}",
            as_of.day(),
            as_of.month(),
            as_of.year()
        ),
        title: format!("BÁO CÁO KẾT QUẢ SINH HOẠT CHI BỘ NĂM {}", report.year),
        subtitle: format!(
            "Số liệu đến ngày {}. Chỉ tiêu: {} buổi sinh hoạt thường kỳ/năm, ít nhất {} buổi chuyên đề, dự họp từ {}%, phát biểu từ {}%, tài liệu gửi trước ít nhất một ngày, nhiệm vụ đúng hạn từ {}%.",
            sotay_core::time::format_date(as_of),
            t.regular_meetings,
            t.thematic_meetings,
            (t.attendance * 100.0).round(),
            (t.spoke * 100.0).round(),
            (t.tasks_on_time * 100.0).round(),
        ),
        columns: [
            "Chi bộ",
            "Đảng viên",
            "Sinh hoạt thường kỳ",
            "Chuyên đề",
            "Dự họp",
            "Phát biểu",
            "Tài liệu đúng hạn",
            "Nhiệm vụ đúng hạn",
            "Tốt trở lên",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows,
        summary,
        admissions: ReportSection {
            heading: "Kết nạp đảng viên".to_owned(),
            lines: report.admissions.iter().map(admissions_line).collect(),
        },
        signer_title: match report.unit_level {
            UnitLevel::Province | UnitLevel::District => "T/M BAN THƯỜNG VỤ",
            UnitLevel::Grassroots => "T/M ĐẢNG ỦY",
            UnitLevel::Cell => "T/M CHI ỦY",
        }
        .to_owned(),
    }
}

/// The report as a PDF.
pub fn report_pdf(report: &UnitReport) -> Result<Vec<u8>> {
    sotay_print::report_pdf(&report_page(report))
        .map_err(|e| AppError::new(ErrorKind::PrintFailed, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn admissions_read_against_the_plan_and_ratings_as_good_or_better_of_rated() {
        let line = |admitted, planned| {
            admissions_line(&Admissions {
                unit_id: Uuid::nil(),
                name: "Đảng bộ xã An Bình".to_owned(),
                admitted,
                planned,
            })
        };
        assert_eq!(
            line(9, Some(12)),
            "Đảng bộ xã An Bình: 9 / kế hoạch 12 (75,0%)"
        );
        assert_eq!(line(2, Some(0)), "Đảng bộ xã An Bình: 2 / kế hoạch 0");
        assert_eq!(line(2, None), "Đảng bộ xã An Bình: 2 (chưa có kế hoạch)");
        let rated = RatingCounts {
            excellent: 2,
            good: 10,
            completed: 3,
            not_completed: 1,
        };
        assert_eq!(good_or_better(rated), "12/16");
        assert_eq!(good_or_better(RatingCounts::default()), "—");
    }
}
