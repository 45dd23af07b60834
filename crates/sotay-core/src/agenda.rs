//! The prescribed order of a cell meeting (Hướng dẫn 12-HD/BTCTW, 2018, and the 16-step local
//! programme built on it), as templates a new meeting's agenda is made from.
//!
//! Steps carry a stable code so the UI can show them in any language and reports can find, say,
//! the roll call of every meeting; the Vietnamese title is what is stored on the agenda item, since
//! it is the cell's own record.

use crate::model::MeetingKind;

pub mod order;

/// One step of a prescribed meeting order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub code: &'static str,
    pub title_vi: &'static str,
    pub title_en: &'static str,
}

const fn step(code: &'static str, title_vi: &'static str, title_en: &'static str) -> Step {
    Step {
        code,
        title_vi,
        title_en,
    }
}

/// The 16 steps of a regular monthly meeting.
pub const REGULAR: &[Step] = &[
    step(
        "opening",
        "Tuyên bố lý do, giới thiệu đại biểu",
        "State the purpose, introduce guests",
    ),
    step(
        "minute_taker",
        "Cử thư ký ghi biên bản",
        "Appoint the minute-taker",
    ),
    step("roll_call", "Điểm danh đảng viên", "Roll call"),
    step(
        "adopt_agenda",
        "Thông qua chương trình sinh hoạt",
        "Adopt the agenda",
    ),
    step(
        "monthly_report",
        "Báo cáo kết quả thực hiện nghị quyết tháng trước, phương hướng tháng tới",
        "Last month's results against its resolution; next month's direction",
    ),
    step(
        "superior_documents",
        "Phổ biến văn bản, chỉ thị của cấp trên",
        "Documents and directives from above",
    ),
    step(
        "superior_guidance",
        "Ý kiến chỉ đạo của cấp ủy cấp trên",
        "The superior committee's guidance",
    ),
    step(
        "superior_representative",
        "Đại biểu cấp trên phát biểu",
        "The superior representative speaks",
    ),
    step("responses", "Tiếp thu, giải trình", "Responses"),
    step("discussion", "Thảo luận", "Discussion"),
    step(
        "assign_tasks",
        "Kết luận, phân công nhiệm vụ cho đảng viên",
        "Summarise and assign tasks",
    ),
    step(
        "vote",
        "Biểu quyết thông qua nghị quyết",
        "Vote on the resolution",
    ),
    step(
        "membership",
        "Xét kết nạp, công nhận đảng viên chính thức (nếu có)",
        "Admission and official membership cases",
    ),
    step(
        "rate_meeting",
        "Đánh giá chất lượng buổi sinh hoạt",
        "Rate the meeting",
    ),
    step(
        "adopt_minutes",
        "Thông qua biên bản",
        "Read and adopt the minutes",
    ),
    step("closing", "Bế mạc", "Close"),
];

/// The order of a thematic meeting: the topic takes the place of the monthly report.
pub const THEMATIC: &[Step] = &[
    step(
        "opening",
        "Tuyên bố lý do, giới thiệu đại biểu",
        "State the purpose, introduce guests",
    ),
    step(
        "minute_taker",
        "Cử thư ký ghi biên bản",
        "Appoint the minute-taker",
    ),
    step("roll_call", "Điểm danh đảng viên", "Roll call"),
    step(
        "adopt_agenda",
        "Thông qua chương trình sinh hoạt",
        "Adopt the agenda",
    ),
    step(
        "topic_report",
        "Trình bày báo cáo chuyên đề",
        "Present the thematic report",
    ),
    step(
        "discussion",
        "Thảo luận, liên hệ thực tiễn",
        "Discussion against local practice",
    ),
    step(
        "superior_representative",
        "Đại biểu cấp trên phát biểu",
        "The superior representative speaks",
    ),
    step(
        "assign_tasks",
        "Kết luận, phân công nhiệm vụ cho đảng viên",
        "Summarise and assign tasks",
    ),
    step(
        "vote",
        "Biểu quyết thông qua kết luận",
        "Vote on the conclusion",
    ),
    step(
        "rate_meeting",
        "Đánh giá chất lượng buổi sinh hoạt",
        "Rate the meeting",
    ),
    step(
        "adopt_minutes",
        "Thông qua biên bản",
        "Read and adopt the minutes",
    ),
    step("closing", "Bế mạc", "Close"),
];

/// The template for a meeting of `kind`: pilot meetings follow the regular order, experience-
/// sharing conferences the thematic one.
pub fn template(kind: MeetingKind) -> &'static [Step] {
    match kind {
        MeetingKind::Regular | MeetingKind::Pilot => REGULAR,
        MeetingKind::Thematic | MeetingKind::ExperienceSharing => THEMATIC,
    }
}

/// Looks a step up by code in either template.
pub fn step_by_code(code: &str) -> Option<&'static Step> {
    REGULAR.iter().chain(THEMATIC).find(|s| s.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_order_has_sixteen_steps_from_opening_to_closing() {
        assert_eq!(REGULAR.len(), 16);
        assert_eq!(REGULAR[2].code, "roll_call");
        assert_eq!(REGULAR[11].code, "vote");
        assert_eq!(REGULAR.last().unwrap().code, "closing");
    }

    #[test]
    fn codes_are_unique_within_a_template() {
        for t in [REGULAR, THEMATIC] {
            let mut codes: Vec<_> = t.iter().map(|s| s.code).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), t.len());
        }
    }
}
