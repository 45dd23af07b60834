//! One valid record of every kind, for tests.

use super::*;
use crate::entity::{EntityKind, Record};
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub fn meeting() -> Meeting {
    Meeting {
        id: id(10),
        unit_id: id(1),
        series_id: Some(id(9)),
        kind: MeetingKind::Regular,
        starts_at: Utc.with_ymd_and_hms(2025, 3, 5, 12, 30, 0).unwrap(),
        duration_minutes: 120,
        place: "Nhà văn hóa thôn Đông".into(),
        topic: "Sinh hoạt thường kỳ tháng 3/2025".into(),
        status: MeetingStatus::Held,
        chair_id: Some(id(2)),
        minute_taker_id: None,
        guests: None,
        minutes: Some("Biên bản".into()),
        conclusion: None,
        rating: Some(MeetingRating::Good),
    }
}

fn names<R: Record>(r: &R) -> (EntityKind, Vec<String>) {
    let mut keys: Vec<String> = r.to_fields().keys().cloned().collect();
    keys.sort();
    (R::KIND, keys)
}

pub fn all() -> Vec<(EntityKind, Vec<String>)> {
    let day = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap();
    vec![
        names(&OrgUnit {
            id: id(1),
            parent_id: None,
            level: UnitLevel::Cell,
            name: "Chi bộ thôn Đông".into(),
            code: None,
        }),
        names(&Member {
            id: id(2),
            unit_id: id(1),
            full_name: "Nguyễn Văn An".into(),
            gender: Some(Gender::Male),
            born_on: None,
            standing: Standing::Official,
            admitted_on: Some(day),
            official_on: None,
            role: Role::Secretary,
            exempt: false,
            exempt_reason: None,
            temporarily_attached: false,
            home_unit: None,
            phone: None,
        }),
        names(&MeetingSeries {
            id: id(9),
            unit_id: id(1),
            kind: MeetingKind::Regular,
            title: "Sinh hoạt thường kỳ".into(),
            rrule: "DTSTART;TZID=Asia/Ho_Chi_Minh:20250101T193000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=5"
                .into(),
            duration_minutes: 120,
            place: "Nhà văn hóa".into(),
        }),
        names(&meeting()),
        names(&AgendaItem::from_template(id(10), MeetingKind::Regular)[0]),
        names(&Document {
            id: id(11),
            unit_id: id(1),
            meeting_id: None,
            kind: DocumentKind::Guidance,
            number: Some("12-HD/BTCTW".into()),
            issuer: "Ban Tổ chức Trung ương".into(),
            issued_on: day,
            title: "Hướng dẫn một số vấn đề về nâng cao chất lượng sinh hoạt chi bộ".into(),
            body: "…".into(),
            published_at: Some(now),
        }),
        names(&Attachment {
            id: id(12),
            document_id: id(11),
            file_name: "huong-dan.pdf".into(),
            media_type: "application/pdf".into(),
            size: 3,
            content_hash: "0".repeat(64),
        }),
        names(&Resolution {
            id: id(13),
            unit_id: id(1),
            meeting_id: Some(id(10)),
            title: "Nghị quyết tháng 3".into(),
            draft: "…".into(),
            status: ResolutionStatus::Draft,
            adopted_on: None,
            votes_for: None,
            votes_against: None,
            votes_abstain: None,
        }),
        names(&Contribution {
            id: id(14),
            meeting_id: Some(id(10)),
            resolution_id: Some(id(13)),
            member_id: id(2),
            kind: ContributionKind::DraftComment,
            body: "Đề nghị bổ sung chỉ tiêu".into(),
            made_at: now,
        }),
        names(&Attendance::new(
            id(10),
            id(2),
            AttendanceStatus::Present,
            None,
        )),
        names(&Task {
            id: id(15),
            unit_id: id(1),
            meeting_id: Some(id(10)),
            resolution_id: None,
            title: "Vận động hộ dân hiến đất".into(),
            description: None,
            due_on: Some(day),
            status: TaskStatus::Open,
            completed_on: None,
            notes: None,
        }),
        names(&TaskAssignee::new(id(15), id(2))),
        names(&Conflict {
            id: id(17),
            unit_id: id(1),
            entity: "resolution".into(),
            record_id: id(13),
            field: "draft".into(),
            kind: ConflictKind::Overlap,
            kept: "\"…\"".into(),
            lost: "\"…\"".into(),
            lost_client: id(99),
            lost_hlc: 42,
            reason: None,
            detected_at: now,
            status: ConflictStatus::Open,
        }),
        names(&TaskProgress {
            id: id(16),
            task_id: id(15),
            member_id: Some(id(2)),
            noted_at: now,
            percent: Some(50),
            note: "Đã vận động 30/62 hộ".into(),
        }),
    ]
}
