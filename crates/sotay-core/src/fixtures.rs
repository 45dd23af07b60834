//! Records for tests: builders of the records tests write most (a unit, a member, a meeting, a
//! document), each valid and with a fresh id, and one valid record of every kind. Behind the
//! `fixtures` feature so every test crate shares them (through `sotay-test-support`); the core's own
//! tests use them directly.

#![allow(clippy::unwrap_used)] // fixed dates: a failed unwrap is a broken fixture, found at once

use crate::entity::{EntityKind, FieldMap, Record};
use crate::id::new_id;
use crate::model::*;
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

/// An org unit at `level` under `parent`.
pub fn unit(parent: Option<Uuid>, level: UnitLevel, name: &str) -> OrgUnit {
    OrgUnit {
        id: new_id(),
        parent_id: parent,
        level,
        name: name.into(),
        code: None,
        closed_on: None,
        in_sotay_since: None,
    }
}

/// A cell at the top of its own tree.
pub fn cell(name: &str) -> OrgUnit {
    unit(None, UnitLevel::Cell, name)
}

/// An official member of `unit`.
pub fn member(unit: Uuid, name: &str) -> Member {
    Member {
        id: new_id(),
        unit_id: unit,
        full_name: name.into(),
        gender: None,
        born_on: None,
        standing: Standing::Official,
        admitted_on: NaiveDate::from_ymd_opt(1990, 5, 19),
        official_on: NaiveDate::from_ymd_opt(1991, 5, 19),
        role: Role::Member,
        exempt: false,
        exempt_reason: None,
        temporarily_attached: false,
        home_unit: None,
        phone: None,
        card_number: None,
        citizen_id: None,
    }
}

/// A planned regular meeting of `unit` ([`Meeting::planned`]), on 5 March 2025 at 19:30 in
/// Vietnam.
pub fn meeting(unit: Uuid, topic: &str) -> Meeting {
    Meeting::planned(
        unit,
        MeetingKind::Regular,
        Utc.with_ymd_and_hms(2025, 3, 5, 12, 30, 0).unwrap(),
        "Nhà văn hóa thôn",
        topic,
    )
}

/// A superior resolution filed under `unit`, without a number.
pub fn document(unit: Uuid, title: &str) -> Document {
    Document {
        id: new_id(),
        unit_id: unit,
        meeting_id: None,
        kind: DocumentKind::Resolution,
        number: None,
        issuer: "Thị ủy Kỳ Anh".into(),
        issued_on: NaiveDate::from_ymd_opt(2021, 3, 1).unwrap(),
        title: title.into(),
        summary: None,
        body: "…".into(),
        published_at: None,
    }
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// A held meeting with fixed ids (unit 1, series 9, chaired by member 2), as in
/// [`one_of_every_kind`].
pub fn held_meeting() -> Meeting {
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
        published_at: None,
        minutes_adopted_at: None,
        occurrence_at: None,
        started_at: None,
        ended_at: None,
        entered_at: None,
        present_count: None,
        absent_with_reason_count: None,
        absent_without_reason_count: None,
    }
}

fn entry<R: Record>(r: &R) -> (EntityKind, Uuid, FieldMap) {
    (R::KIND, r.id(), r.to_fields())
}

/// One valid record of every kind, with fixed ids that refer to each other: unit 1, member 2,
/// series 9, meeting 10, document 11, attachment 12, resolution 13, contribution 14, task 15,
/// progress 16, conflict 17, transfer 18, and member 2's opening of document 11 (parents before
/// children).
pub fn one_of_every_kind() -> Vec<(EntityKind, Uuid, FieldMap)> {
    let day = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap();
    vec![
        entry(&OrgUnit {
            id: id(1),
            parent_id: None,
            level: UnitLevel::Cell,
            name: "Chi bộ thôn Đông".into(),
            code: None,
            closed_on: None,
            in_sotay_since: None,
        }),
        entry(&Member {
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
            card_number: None,
            citizen_id: None,
        }),
        entry(&MeetingSeries {
            id: id(9),
            unit_id: id(1),
            kind: MeetingKind::Regular,
            title: "Sinh hoạt thường kỳ".into(),
            rrule: "DTSTART;TZID=Asia/Ho_Chi_Minh:20250101T193000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=5"
                .into(),
            duration_minutes: 120,
            place: "Nhà văn hóa".into(),
        }),
        entry(&held_meeting()),
        entry(&AgendaItem::from_template(id(10), MeetingKind::Regular)[0]),
        entry(&Document {
            id: id(11),
            unit_id: id(1),
            meeting_id: None,
            kind: DocumentKind::Guidance,
            number: Some("12-HD/BTCTW".into()),
            issuer: "Ban Tổ chức Trung ương".into(),
            issued_on: day,
            title: "Hướng dẫn một số vấn đề về nâng cao chất lượng sinh hoạt chi bộ".into(),
            summary: Some("Nội dung, cách thức sinh hoạt chi bộ".into()),
            body: "…".into(),
            published_at: Some(now),
        }),
        entry(&Attachment {
            id: id(12),
            document_id: id(11),
            file_name: "huong-dan.pdf".into(),
            media_type: "application/pdf".into(),
            size: 3,
            content_hash: "0".repeat(64),
        }),
        entry(&Resolution {
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
        entry(&Contribution {
            id: id(14),
            meeting_id: Some(id(10)),
            resolution_id: Some(id(13)),
            member_id: id(2),
            kind: ContributionKind::DraftComment,
            body: "Đề nghị bổ sung chỉ tiêu".into(),
            made_at: now,
            recorded_by: None,
        }),
        entry(&Attendance::new(
            id(10),
            id(2),
            AttendanceStatus::Present,
            None,
        )),
        entry(&Task {
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
        entry(&TaskAssignee::new(id(15), id(2))),
        entry(&Conflict {
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
        entry(&TaskProgress {
            id: id(16),
            task_id: id(15),
            member_id: Some(id(2)),
            noted_at: now,
            percent: Some(50),
            note: "Đã vận động 30/62 hộ".into(),
        }),
        entry(&Transfer {
            id: id(18),
            member_id: id(2),
            // A sibling cell this replica need not hold.
            from_unit_id: id(98),
            to_unit_id: id(1),
            effective_on: day,
            reason: Some("Chuyển nơi cư trú".into()),
        }),
        entry(&DocumentOpened::new(id(11), id(2), id(1), now)),
        entry(&UnitTargets::of(id(1), &crate::report::Targets::default())),
        entry(&MemberRating {
            id: MemberRating::id_for(id(2), 2026),
            member_id: id(2),
            unit_id: id(1),
            year: 2026,
            level: RatingLevel::Good,
            score: Some(82),
            note: Some("Cần tham gia phát biểu nhiều hơn".into()),
        }),
        entry(&AdmissionPlan::new(id(1), 2026, 2)),
        entry(&MeetingSeal {
            id: MeetingSeal::id_for(id(10)),
            meeting_id: id(10),
            unit_id: id(1),
            seal: "ab".repeat(32),
            n: 1,
            sealed_at: Utc.with_ymd_and_hms(2025, 3, 5, 15, 0, 0).unwrap(),
        }),
        entry(&Notice {
            id: id(19),
            unit_id: id(1),
            meeting_id: Some(id(10)),
            title: "Họp chi bộ chuyển sang hội trường bên cạnh".into(),
            body: "Các đồng chí mang theo thẻ đảng viên.".into(),
            urgent: true,
            reply_by: Some(day),
            posted_at: now,
            author_id: Some(id(2)),
        }),
        entry(&NoticeRead::new(id(19), id(2), id(1), now)),
    ]
}
