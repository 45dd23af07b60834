//! One cell's life: members, the monthly meeting rule, years of meetings and what came of them.

use crate::corpus::*;
use crate::{Options, people};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use sotay_core::id::new_id;
use sotay_core::model::*;
use sotay_core::recurrence::{self, MonthlyOnDay};
use sotay_core::time::{ZONE, at_local, format_date, local_date, start_of_day};
use sotay_store::{Result, Writer};
use uuid::Uuid;

mod task;
use task::task;

/// What one cell got.
#[derive(Debug, Default)]
pub struct Made {
    pub members: usize,
    pub meetings: usize,
    pub tasks: usize,
    pub documents: usize,
}

fn pick<'a>(rng: &mut fastrand::Rng, from: &[&'a str]) -> &'a str {
    from[rng.usize(..from.len())]
}

struct Cell<'a> {
    unit: OrgUnit,
    members: Vec<Member>,
    place: String,
    options: &'a Options,
    today: NaiveDate,
}

impl Cell<'_> {
    /// A planned meeting of this cell: what held and planned meetings share.
    fn meeting(
        &self,
        kind: MeetingKind,
        starts_at: DateTime<Utc>,
        topic: String,
        series_id: Uuid,
    ) -> Meeting {
        Meeting {
            series_id: (kind == MeetingKind::Regular).then_some(series_id),
            occurrence_at: (kind == MeetingKind::Regular).then_some(starts_at),
            duration_minutes: if kind == MeetingKind::Thematic {
                150
            } else {
                120
            },
            chair_id: Some(self.members[0].id),
            ..Meeting::planned(self.unit.id, kind, starts_at, self.place.clone(), topic)
        }
    }
}

fn kind_words(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Regular => "thường kỳ",
        MeetingKind::Thematic => "chuyên đề",
        MeetingKind::Pilot => "điểm",
        MeetingKind::ExperienceSharing => "rút kinh nghiệm",
    }
}

pub fn generate(
    w: &mut Writer<'_>,
    commune_id: Uuid,
    name: &str,
    options: &Options,
    rng: &mut fastrand::Rng,
) -> Result<Made> {
    let today = local_date(options.now);
    let unit = OrgUnit {
        id: new_id(),
        parent_id: Some(commune_id),
        level: UnitLevel::Cell,
        name: name.to_owned(),
        code: None,
        closed_on: None,
        in_sotay_since: None,
    };
    w.insert(&unit)?;
    let village = name.strip_prefix("Chi bộ thôn ");
    let count = rng.usize(10..=26);
    let members = people::members(rng, unit.id, count, today);
    for m in &members {
        w.insert(m)?;
    }
    let place = match village {
        Some(v) => format!("Nhà văn hóa thôn {v}"),
        None => format!("Phòng họp {}", name.trim_start_matches("Chi bộ ")),
    };
    let cell = Cell {
        unit,
        members,
        place,
        options,
        today,
    };
    let mut made = Made {
        members: cell.members.len(),
        ..Made::default()
    };

    // The monthly regular meeting as an RFC 5545 rule; villages meet in the evening.
    let day = [5, 10, 15, 20, 25, 28, 30, 31][rng.usize(..8)];
    let time = if village.is_some() {
        NaiveTime::from_hms_opt(19, 30, 0)
    } else {
        NaiveTime::from_hms_opt(14, 0, 0)
    }
    .unwrap_or_default();
    let years = i32::try_from(options.years).unwrap_or(10);
    let from = NaiveDate::from_ymd_opt(today.year() - years, today.month(), 1).unwrap_or(today);
    let series = MeetingSeries {
        id: new_id(),
        unit_id: cell.unit.id,
        kind: MeetingKind::Regular,
        title: "Sinh hoạt chi bộ thường kỳ".into(),
        rrule: MonthlyOnDay { day, time, from }.to_ical()?,
        duration_minutes: 120,
        place: cell.place.clone(),
    };
    w.insert(&series)?;

    let window_start = start_of_day(from);
    let window_end = options.now + Duration::days(62);
    let mut plan: Vec<(DateTime<Utc>, MeetingKind)> =
        recurrence::occurrences(&series.rrule, window_start, window_end, 200)?
            .into_iter()
            .map(|t| (t, MeetingKind::Regular))
            .collect();
    // Thematic meetings: one to three topics a year, a week after the regular meeting.
    for year in from.year()..=today.year() {
        let mut months: Vec<u32> = (1..=12).collect();
        rng.shuffle(&mut months);
        for &month in months.iter().take(rng.usize(1..=3)) {
            let date = NaiveDate::from_ymd_opt(year, month, 12 + rng.u32(0..10));
            let at = at_local(date.unwrap_or(today), time);
            if at >= window_start && at < window_end {
                plan.push((at, MeetingKind::Thematic));
            }
        }
    }
    plan.sort_by_key(|(t, _)| *t);

    // The latest meeting before now is held, and the tasks it gave are still under way: the demo
    // shows a member work in hand on whichever day it is made, not only on the days after a
    // meeting whose tasks fall due later.
    let latest = plan
        .iter()
        .rev()
        .map(|(t, _)| *t)
        .find(|t| *t <= options.now);
    let mut first_upcoming = true;
    for (starts_at, kind) in plan {
        if starts_at <= options.now {
            let is_latest = Some(starts_at) == latest;
            // A few months the cell did not meet: superior committees look for exactly this.
            if kind == MeetingKind::Regular && rng.u8(..100) < 4 && !is_latest {
                continue;
            }
            made.tasks += held(w, &cell, kind, starts_at, rng, series.id, is_latest)?;
        } else {
            made.documents += planned(w, &cell, kind, starts_at, first_upcoming, rng, series.id)?;
            first_upcoming = false;
        }
        made.meetings += 1;
    }
    Ok(made)
}

fn month_label(t: DateTime<Utc>) -> String {
    let l = t.with_timezone(&ZONE);
    format!("{}/{}", l.month(), l.year())
}

fn topic(kind: MeetingKind, starts_at: DateTime<Utc>, rng: &mut fastrand::Rng) -> String {
    match kind {
        MeetingKind::Thematic => pick(rng, THEMATIC_TOPICS).to_owned(),
        _ => format!(
            "Sinh hoạt chi bộ thường kỳ tháng {}",
            month_label(starts_at)
        ),
    }
}

fn draft_text(cell: &Cell<'_>, starts_at: DateTime<Utc>, rng: &mut fastrand::Rng) -> String {
    let a = pick(rng, CONCERNS);
    let b = pick(rng, CONCERNS);
    let c = pick(rng, TASKS);
    format!(
        "I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC\n\
         Chi bộ đã lãnh đạo thực hiện tốt công tác {a}; đảng viên gương mẫu, nhân dân đồng tình.\n\
         Hạn chế: việc {b} còn chậm, một số đảng viên chưa phát huy vai trò.\n\n\
         II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG {month}\n\
         1. Tiếp tục đẩy mạnh công tác {a}.\n\
         2. Tập trung khắc phục hạn chế về {b}.\n\
         3. {c}.\n\n\
         III. TỔ CHỨC THỰC HIỆN\n\
         Giao đồng chí {secretary}, Bí thư chi bộ, chỉ đạo chung; các đồng chí đảng viên thực hiện nhiệm vụ được phân công và báo cáo tại kỳ sinh hoạt sau.",
        month = month_label(starts_at),
        secretary = cell.members[0].full_name,
    )
}

fn speech(rng: &mut fastrand::Rng) -> String {
    format!("{} {}.", pick(rng, SPEECH_OPENERS), pick(rng, CONCERNS))
}

/// A meeting that took place, with everything the minutes record (its tasks still under way if it
/// is the `latest` before now). Returns the tasks made.
fn held(
    w: &mut Writer<'_>,
    cell: &Cell<'_>,
    kind: MeetingKind,
    starts_at: DateTime<Utc>,
    rng: &mut fastrand::Rng,
    series_id: Uuid,
    latest: bool,
) -> Result<usize> {
    let members = &cell.members;
    let meeting_id = new_id();
    let mut attendance = Vec::with_capacity(members.len());
    for m in members {
        let (status, reason) = if m.exempt {
            (AttendanceStatus::Excused, None)
        } else {
            match rng.u8(..100) {
                0..=88 => (AttendanceStatus::Present, None),
                89..=96 => (
                    AttendanceStatus::AbsentWithReason,
                    Some(pick(rng, ABSENCE_REASONS).to_owned()),
                ),
                _ => (AttendanceStatus::AbsentWithoutReason, None),
            }
        };
        attendance.push(Attendance::new(meeting_id, m.id, status, reason));
    }
    let present: Vec<&Member> = members
        .iter()
        .zip(&attendance)
        .filter(|(_, a)| a.status == AttendanceStatus::Present)
        .map(|(m, _)| m)
        .collect();
    let names_with = |status: AttendanceStatus| -> String {
        let names: Vec<&str> = members
            .iter()
            .zip(&attendance)
            .filter(|(_, a)| a.status == status)
            .map(|(m, _)| m.full_name.as_str())
            .collect();
        if names.is_empty() {
            "không".into()
        } else {
            names.join(", ")
        }
    };
    let chair = &members[0];
    let taker = present
        .iter()
        .find(|m| m.id != chair.id)
        .copied()
        .unwrap_or(chair);
    let topic = topic(kind, starts_at, rng);
    let speakers: Vec<&Member> = present
        .iter()
        .copied()
        .filter(|_| rng.u8(..100) < 42)
        .collect();
    let abstain = i64::from(present.len() > 8 && rng.u8(..100) < 15);
    let votes_for = i64::try_from(present.len()).unwrap_or(0) - abstain;
    let local_start = starts_at.with_timezone(&ZONE);
    let official = members
        .iter()
        .filter(|m| m.standing == Standing::Official)
        .count();
    let minutes = format!(
        "Hồi {h} giờ {min:02} ngày {date}, tại {place}, {cell} tổ chức sinh hoạt {kw}.\n\
         Chủ trì: đồng chí {chair}, Bí thư chi bộ. Thư ký: đồng chí {taker}.\n\
         Tổng số đảng viên: {total} (chính thức {official}, dự bị {prob}); miễn sinh hoạt: {excused}; \
         có mặt: {present}; vắng có lý do: {with}; vắng không lý do: {without}.\n\
         Nội dung: {topic}.\n\
         Thảo luận: {speeches} lượt ý kiến phát biểu.\n\
         Chi bộ biểu quyết thông qua nghị quyết: {votes_for}/{present} đồng chí tán thành, {abstain} không biểu quyết.",
        h = local_start.hour(),
        min = local_start.minute(),
        date = format_date(local_start.date_naive()),
        place = cell.place,
        cell = cell.unit.name,
        kw = kind_words(kind),
        chair = chair.full_name,
        taker = taker.full_name,
        total = members.len(),
        prob = members.len() - official,
        excused = members.iter().filter(|m| m.exempt).count(),
        present = present.len(),
        with = names_with(AttendanceStatus::AbsentWithReason),
        without = names_with(AttendanceStatus::AbsentWithoutReason),
        speeches = speakers.len(),
    );
    let meeting = Meeting {
        id: meeting_id,
        status: MeetingStatus::Held,
        chair_id: Some(chair.id),
        minute_taker_id: Some(taker.id),
        guests: (rng.u8(..100) < 30).then(|| {
            format!(
                "Đồng chí {}, Đảng ủy viên, phụ trách chi bộ",
                people::full_name(rng, Gender::Male)
            )
        }),
        minutes: Some(minutes),
        conclusion: Some(format!(
            "Chi bộ thống nhất tập trung lãnh đạo công tác {} trong tháng tới.",
            pick(rng, CONCERNS)
        )),
        rating: Some(match rng.u8(..100) {
            0..=69 => MeetingRating::Good,
            70..=94 => MeetingRating::Fair,
            _ => MeetingRating::Average,
        }),
        // Documents go out two days ahead, a few only on the morning of the meeting (late); the
        // minutes are adopted as the meeting closes. No draw from `rng`, so the rest of the demo
        // stays as it was.
        published_at: Some(
            starts_at
                - if local_start.day().is_multiple_of(9) {
                    Duration::hours(6)
                } else {
                    Duration::days(2)
                },
        ),
        minutes_adopted_at: Some(starts_at + Duration::minutes(110)),
        ..cell.meeting(kind, starts_at, topic, series_id)
    };
    w.insert(&meeting)?;
    for a in &attendance {
        w.insert(a)?;
    }
    if local_date(starts_at) > cell.today - Duration::days(365) {
        for item in AgendaItem::from_template(meeting_id, kind) {
            w.insert(&item)?;
        }
    }
    let meeting_day = local_date(starts_at);
    let resolution = Resolution {
        id: new_id(),
        unit_id: cell.unit.id,
        meeting_id: Some(meeting_id),
        title: format!("Nghị quyết chi bộ tháng {}", month_label(starts_at)),
        draft: draft_text(cell, starts_at, rng),
        status: ResolutionStatus::Adopted,
        adopted_on: Some(meeting_day),
        votes_for: Some(votes_for),
        votes_against: Some(0),
        votes_abstain: Some(abstain),
    };
    w.insert(&resolution)?;
    for (i, s) in speakers.iter().enumerate() {
        w.insert(&Contribution {
            id: new_id(),
            meeting_id: Some(meeting_id),
            resolution_id: Some(resolution.id),
            member_id: s.id,
            kind: ContributionKind::Speech,
            body: speech(rng),
            made_at: starts_at + Duration::minutes(30 + 5 * i64::try_from(i).unwrap_or(0)),
            recorded_by: None,
        })?;
    }
    let n_tasks = rng.usize(1..=3);
    for _ in 0..n_tasks {
        task(w, cell, &meeting, &resolution, &present, latest, rng)?;
    }
    Ok(n_tasks)
}

/// A meeting still to come: agenda, draft resolution and, for the next one, members' comments
/// and the papers published ahead. Returns the documents made.
fn planned(
    w: &mut Writer<'_>,
    cell: &Cell<'_>,
    kind: MeetingKind,
    starts_at: DateTime<Utc>,
    next: bool,
    rng: &mut fastrand::Rng,
    series_id: Uuid,
) -> Result<usize> {
    let topic = topic(kind, starts_at, rng);
    let meeting = cell.meeting(kind, starts_at, topic, series_id);
    w.insert(&meeting)?;
    for item in AgendaItem::from_template(meeting.id, kind) {
        w.insert(&item)?;
    }
    if !next {
        return Ok(0);
    }
    let resolution = Resolution {
        id: new_id(),
        unit_id: cell.unit.id,
        meeting_id: Some(meeting.id),
        title: format!("Dự thảo nghị quyết chi bộ tháng {}", month_label(starts_at)),
        draft: draft_text(cell, starts_at, rng),
        status: ResolutionStatus::Draft,
        adopted_on: None,
        votes_for: None,
        votes_against: None,
        votes_abstain: None,
    };
    w.insert(&resolution)?;
    let now = cell.options.now;
    for _ in 0..rng.usize(1..=4) {
        let m = &cell.members[rng.usize(..cell.members.len())];
        w.insert(&Contribution {
            id: new_id(),
            meeting_id: Some(meeting.id),
            resolution_id: Some(resolution.id),
            member_id: m.id,
            kind: ContributionKind::DraftComment,
            body: speech(rng),
            made_at: now - Duration::hours(rng.i64(1..72)),
            recorded_by: None,
        })?;
    }
    let published = (starts_at - Duration::days(2)).min(now);
    w.insert(&Document {
        id: new_id(),
        unit_id: cell.unit.id,
        meeting_id: Some(meeting.id),
        kind: DocumentKind::MeetingPaper,
        number: None,
        issuer: cell.unit.name.clone(),
        issued_on: local_date(published),
        title: format!(
            "Báo cáo kết quả thực hiện nghị quyết, phương hướng nhiệm vụ tháng {}",
            month_label(starts_at)
        ),
        summary: None,
        body: draft_text(cell, starts_at, rng),
        published_at: Some(published),
    })?;
    Ok(1)
}
