//! The minutes (*biên bản*) of a cell meeting, drafted from what was recorded during it, in the
//! customary structure of the minutes book: time, place, chair, minute-taker and guests; the
//! roll call with its counts and the absentees by name; the agenda; each speaker's view by name;
//! the review of last period's tasks; the chair's conclusion; the resolution and its tally; the
//! tasks given; the meeting's rating. The secretary edits the draft, and the meeting adopts it.
//!
//! The minutes book is kept in Vietnamese whatever language the app shows, so this text is too.

use crate::model::{MeetingKind, MeetingRating, Tally};
use crate::time::{ZONE, format_date};
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use std::fmt::Write;

/// Everything the minutes say, gathered by the caller from the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MinutesFacts {
    pub unit_name: String,
    pub kind: Option<MeetingKind>,
    pub topic: String,
    /// When the meeting was opened (`meeting start`), else its scheduled time.
    pub began_at: DateTime<Utc>,
    /// When it was closed, if it was: the draft leaves the time blank rather than reckon it from
    /// the planned length.
    pub ended_at: Option<DateTime<Utc>>,
    pub place: String,
    pub chair: Option<String>,
    pub minute_taker: Option<String>,
    pub guests: Option<String>,
    pub roll: RollFacts,
    pub agenda: Vec<String>,
    /// Speaker's name and view, in the order they spoke.
    pub speeches: Vec<(String, String)>,
    pub review: Vec<ReviewFacts>,
    pub conclusion: Option<String>,
    pub resolutions: Vec<ResolutionFacts>,
    pub tasks: Vec<TaskFacts>,
    pub rating: Option<MeetingRating>,
}

/// The roll call's counts and the absentees by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RollFacts {
    pub total: i64,
    pub official: i64,
    pub probationary: i64,
    pub excused: i64,
    pub present: i64,
    pub official_present: i64,
    /// Members the roll call has not recorded yet: the draft says so, for the secretary to finish.
    pub not_called: i64,
    /// Name and reason.
    pub absent_with_reason: Vec<(String, Option<String>)>,
    pub absent_without_reason: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionFacts {
    pub title: String,
    /// `None` while it is not adopted.
    pub tally: Option<Tally>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFacts {
    pub title: String,
    pub assignees: Vec<String>,
    pub due_on: Option<NaiveDate>,
}

/// One task of an earlier meeting as the review at this one finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewFacts {
    pub title: String,
    pub assignees: Vec<String>,
    pub done: bool,
    /// Why, or how far: the latest progress note.
    pub note: Option<String>,
}

/// The title line under "BIÊN BẢN" on a page of the minutes book, from the meeting's record:
/// "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026", "SINH HOẠT CHI BỘ CHUYÊN ĐỀ".
pub fn title_line(kind: MeetingKind, day: NaiveDate) -> String {
    use chrono::Datelike;
    match kind {
        MeetingKind::Regular => format!(
            "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG {} NĂM {}",
            day.month(),
            day.year()
        ),
        MeetingKind::Thematic => "SINH HOẠT CHI BỘ CHUYÊN ĐỀ".to_owned(),
        MeetingKind::Pilot => "SINH HOẠT CHI BỘ MẪU".to_owned(),
        MeetingKind::ExperienceSharing => "HỘI NGHỊ RÚT KINH NGHIỆM SINH HOẠT CHI BỘ".to_owned(),
    }
}

fn kind_words(kind: Option<MeetingKind>) -> &'static str {
    match kind {
        Some(MeetingKind::Thematic) => "sinh hoạt chuyên đề",
        Some(MeetingKind::Pilot) => "sinh hoạt mẫu",
        Some(MeetingKind::ExperienceSharing) => "hội nghị rút kinh nghiệm",
        Some(MeetingKind::Regular) | None => "sinh hoạt thường kỳ",
    }
}

fn rating_words(rating: MeetingRating) -> &'static str {
    match rating {
        MeetingRating::Good => "Tốt",
        MeetingRating::Fair => "Khá",
        MeetingRating::Average => "Trung bình",
        MeetingRating::Poor => "Kém",
    }
}

/// "19 giờ 30 phút, ngày 20/11/2026", in Vietnam's time.
fn clock(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&ZONE);
    format!(
        "{} giờ {:02} phút, ngày {}",
        local.hour(),
        local.minute(),
        format_date(local.date_naive())
    )
}

fn or_blank(name: &Option<String>) -> &str {
    name.as_deref().unwrap_or("…………………")
}

fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "0".into();
    }
    // One decimal, Vietnamese style (comma).
    let tenths = (part * 1000 + whole / 2) / whole;
    format!("{},{}", tenths / 10, tenths % 10)
}

/// The draft of the minutes, from what was recorded.
pub fn compose(f: &MinutesFacts) -> String {
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut s, f);
    s
}

fn write_all(s: &mut String, f: &MinutesFacts) -> std::fmt::Result {
    writeln!(s, "BIÊN BẢN")?;
    writeln!(s, "{} của {}", capitalise(kind_words(f.kind)), f.unit_name)?;
    writeln!(s, "Chủ đề: {}", f.topic)?;
    writeln!(s)?;
    writeln!(s, "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")?;
    writeln!(s, "- Thời gian: bắt đầu lúc {}.", clock(f.began_at))?;
    writeln!(s, "- Địa điểm: {}.", f.place)?;
    writeln!(s, "- Chủ trì: đồng chí {}.", or_blank(&f.chair))?;
    writeln!(s, "- Thư ký: đồng chí {}.", or_blank(&f.minute_taker))?;
    if let Some(guests) = &f.guests {
        writeln!(s, "- Khách mời: {guests}.")?;
    }
    let r = &f.roll;
    writeln!(
        s,
        "- Tổng số đảng viên của chi bộ: {} (chính thức {}, dự bị {}); miễn sinh hoạt: {}.",
        r.total, r.official, r.probationary, r.excused
    )?;
    let expected = r.total - r.excused;
    writeln!(
        s,
        "- Có mặt: {}/{} đồng chí ({}%), trong đó {} đảng viên chính thức.",
        r.present,
        expected,
        percent(r.present, expected),
        r.official_present
    )?;
    if r.absent_with_reason.is_empty() {
        writeln!(s, "- Vắng có lý do: không.")?;
    } else {
        let names: Vec<String> = r
            .absent_with_reason
            .iter()
            .map(|(name, why)| match why {
                Some(why) => format!("{name} ({why})"),
                None => name.clone(),
            })
            .collect();
        writeln!(
            s,
            "- Vắng có lý do: {} đồng chí: {}.",
            names.len(),
            names.join("; ")
        )?;
    }
    if r.not_called > 0 {
        writeln!(s, "- Chưa điểm danh: {} đồng chí.", r.not_called)?;
    }
    if r.absent_without_reason.is_empty() {
        writeln!(s, "- Vắng không lý do: không.")?;
    } else {
        writeln!(
            s,
            "- Vắng không lý do: {} đồng chí: {}.",
            r.absent_without_reason.len(),
            r.absent_without_reason.join("; ")
        )?;
    }
    writeln!(s)?;
    writeln!(s, "II. NỘI DUNG")?;
    for (n, item) in f.agenda.iter().enumerate() {
        writeln!(s, "{}. {item}", n + 1)?;
    }
    if !f.review.is_empty() {
        writeln!(s)?;
        let done = f.review.iter().filter(|t| t.done).count();
        writeln!(
            s,
            "III. KIỂM ĐIỂM NHIỆM VỤ KỲ TRƯỚC ({done}/{} hoàn thành)",
            f.review.len()
        )?;
        for t in &f.review {
            let state = if t.done {
                "đã hoàn thành"
            } else {
                "chưa hoàn thành"
            };
            write!(s, "- {} ({}): {state}", t.title, t.assignees.join(", "))?;
            match &t.note {
                Some(note) => writeln!(s, " — {note}")?,
                None => writeln!(s)?,
            }
        }
    }
    writeln!(s)?;
    writeln!(s, "{}. Ý KIẾN PHÁT BIỂU", numeral(f, 3))?;
    if f.speeches.is_empty() {
        writeln!(s, "Không có ý kiến.")?;
    }
    for (name, view) in &f.speeches {
        writeln!(s, "- Đồng chí {name}: {view}")?;
    }
    writeln!(s)?;
    writeln!(s, "{}. KẾT LUẬN CỦA CHỦ TRÌ", numeral(f, 4))?;
    writeln!(s, "{}", f.conclusion.as_deref().unwrap_or("…………………"))?;
    writeln!(s)?;
    writeln!(s, "{}. BIỂU QUYẾT", numeral(f, 5))?;
    if f.resolutions.is_empty() {
        writeln!(s, "Không có nghị quyết biểu quyết tại cuộc họp.")?;
    }
    for res in &f.resolutions {
        match &res.tally {
            Some(t) => writeln!(
                s,
                "Chi bộ biểu quyết thông qua {}: {} đồng chí tán thành ({}%), {} không tán thành, {} không biểu quyết, trên tổng số {} đảng viên chính thức có mặt.",
                res.title,
                t.votes_for,
                percent(t.votes_for, r.official_present),
                t.votes_against,
                t.votes_abstain,
                r.official_present
            )?,
            None => writeln!(s, "{}: chưa biểu quyết.", res.title)?,
        }
    }
    if !f.tasks.is_empty() {
        writeln!(s)?;
        writeln!(s, "{}. PHÂN CÔNG NHIỆM VỤ", numeral(f, 6))?;
        for t in &f.tasks {
            write!(s, "- {}: {}", t.title, t.assignees.join(", "))?;
            match t.due_on {
                Some(due) => writeln!(s, ", hạn {}.", format_date(due))?,
                None => writeln!(s, ".")?,
            }
        }
    }
    writeln!(s)?;
    if let Some(rating) = f.rating {
        writeln!(
            s,
            "Chi bộ đánh giá chất lượng buổi sinh hoạt: {}.",
            rating_words(rating)
        )?;
    }
    let ended = f
        .ended_at
        .map_or_else(|| "…… giờ …… phút".to_owned(), clock);
    writeln!(
        s,
        "Cuộc họp kết thúc lúc {ended}. Biên bản đã được đọc lại trước chi bộ và thông qua."
    )?;
    Ok(())
}

/// The roman numeral of a section, counting the review section only when there is one.
fn numeral(f: &MinutesFacts, section: usize) -> &'static str {
    const ROMAN: [&str; 8] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];
    let n = if f.review.is_empty() {
        section
    } else {
        section + 1
    };
    ROMAN[(n - 1).min(ROMAN.len() - 1)]
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn facts() -> MinutesFacts {
        MinutesFacts {
            unit_name: "Chi bộ thôn Đông".into(),
            kind: Some(MeetingKind::Regular),
            topic: "Sinh hoạt tháng 11/2026".into(),
            began_at: Utc.with_ymd_and_hms(2026, 11, 20, 12, 30, 0).unwrap(),
            ended_at: Some(Utc.with_ymd_and_hms(2026, 11, 20, 14, 30, 0).unwrap()),
            place: "Nhà văn hóa thôn Đông".into(),
            chair: Some("Nguyễn Văn An".into()),
            minute_taker: Some("Trần Thị Bình".into()),
            guests: None,
            roll: RollFacts {
                total: 12,
                official: 10,
                probationary: 2,
                excused: 1,
                present: 9,
                official_present: 8,
                not_called: 0,
                absent_with_reason: vec![("Lê Văn Cường".into(), Some("đi công tác".into()))],
                absent_without_reason: vec!["Phạm Thị Dung".into()],
            },
            agenda: vec!["Kiểm điểm nghị quyết tháng trước".into()],
            speeches: vec![("Hoàng Văn Em".into(), "Đề nghị làm đường bê tông".into())],
            review: vec![],
            conclusion: Some("Thống nhất làm đường.".into()),
            resolutions: vec![ResolutionFacts {
                title: "Nghị quyết tháng 11".into(),
                tally: Some(Tally {
                    votes_for: 7,
                    votes_against: 1,
                    votes_abstain: 0,
                }),
            }],
            tasks: vec![TaskFacts {
                title: "Vận động hộ hiến đất".into(),
                assignees: vec!["Hoàng Văn Em".into()],
                due_on: NaiveDate::from_ymd_opt(2026, 12, 15),
            }],
            rating: Some(MeetingRating::Good),
        }
    }

    #[test]
    fn the_draft_names_each_speaker_the_absentees_and_the_tally() {
        let text = compose(&facts());
        for line in [
            "Sinh hoạt thường kỳ của Chi bộ thôn Đông",
            "- Thời gian: bắt đầu lúc 19 giờ 30 phút, ngày 20/11/2026.",
            "- Có mặt: 9/11 đồng chí (81,8%), trong đó 8 đảng viên chính thức.",
            "- Vắng có lý do: 1 đồng chí: Lê Văn Cường (đi công tác).",
            "- Vắng không lý do: 1 đồng chí: Phạm Thị Dung.",
            "III. Ý KIẾN PHÁT BIỂU",
            "- Đồng chí Hoàng Văn Em: Đề nghị làm đường bê tông",
            "Chi bộ biểu quyết thông qua Nghị quyết tháng 11: 7 đồng chí tán thành (87,5%), 1 không tán thành, 0 không biểu quyết, trên tổng số 8 đảng viên chính thức có mặt.",
            "- Vận động hộ hiến đất: Hoàng Văn Em, hạn 15/12/2026.",
            "Chi bộ đánh giá chất lượng buổi sinh hoạt: Tốt.",
            "Cuộc họp kết thúc lúc 21 giờ 30 phút, ngày 20/11/2026.",
        ] {
            assert!(text.lines().any(|l| l.starts_with(line)), "{line}\n{text}");
        }
    }

    #[test]
    fn a_review_of_last_period_adds_a_section_and_renumbers() {
        let mut f = facts();
        f.review = vec![ReviewFacts {
            title: "Sửa nhà văn hóa".into(),
            assignees: vec!["Lê Văn Cường".into()],
            done: false,
            note: Some("chờ kinh phí".into()),
        }];
        let text = compose(&f);
        assert!(text.contains("III. KIỂM ĐIỂM NHIỆM VỤ KỲ TRƯỚC (0/1 hoàn thành)"));
        assert!(text.contains("- Sửa nhà văn hóa (Lê Văn Cường): chưa hoàn thành — chờ kinh phí"));
        assert!(text.contains("IV. Ý KIẾN PHÁT BIỂU"));
        assert!(text.contains("VII. PHÂN CÔNG NHIỆM VỤ"));
    }

    #[test]
    fn an_unclosed_meeting_leaves_its_end_blank_for_the_secretary() {
        let mut f = facts();
        f.ended_at = None;
        let text = compose(&f);
        assert!(
            text.contains("Cuộc họp kết thúc lúc …… giờ …… phút."),
            "{text}"
        );
        assert!(
            !text.contains("21 giờ 30"),
            "no end reckoned from the planned length"
        );
    }
}
