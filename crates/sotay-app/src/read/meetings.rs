//! Meetings, their agendas, roll calls and resolutions.

use super::tasks::task_card;
use crate::views::{
    Absentee, AgendaLine, ContributionLine, FileView, MeetingCard, MeetingView, MyAttendance,
    ResolutionView, RollCallView,
};
use chrono::{DateTime, Utc};
use sotay_core::model::{AgendaItem, Attendance, MeetingStatus, Member, Resolution};
use sotay_core::time::{format_local, local_date};
use sotay_store::queries::{MeetingQuery, MeetingSummary, RollCall};
use sotay_store::{Result, Store};
use uuid::Uuid;

pub fn meeting_card(m: MeetingSummary) -> MeetingCard {
    MeetingCard {
        id: m.id,
        unit_id: m.unit_id,
        unit_name: m.unit_name,
        kind: m.kind,
        status: m.status,
        starts_at_local: format_local(m.starts_at),
        starts_at: m.starts_at,
        duration_minutes: m.duration_minutes,
        place: m.place,
        topic: m.topic,
    }
}

pub fn meeting_cards(store: &Store, q: &MeetingQuery) -> Result<Vec<MeetingCard>> {
    Ok(store.meetings(q)?.into_iter().map(meeting_card).collect())
}

pub fn agenda_line(a: AgendaItem) -> AgendaLine {
    AgendaLine {
        id: a.id,
        position: a.position,
        step: a.step,
        title: a.title,
        body: a.body,
    }
}

fn roll_call_view(rc: RollCall) -> RollCallView {
    let absentees = |list: Vec<sotay_store::queries::Absentee>| {
        list.into_iter()
            .map(|a| Absentee {
                member_id: a.member_id,
                full_name: a.full_name,
                reason: a.reason,
            })
            .collect()
    };
    RollCallView {
        total: rc.total,
        official: rc.official,
        probationary: rc.probationary,
        excused: rc.excused,
        present: rc.present,
        official_present: rc.official_present,
        not_called: rc.not_called,
        absent_with_reason: absentees(rc.absent_with_reason),
        absent_without_reason: absentees(rc.absent_without_reason),
    }
}

/// Resolutions with how many contributions members made to each (one count query for all).
pub fn resolution_views(store: &Store, list: Vec<Resolution>) -> Result<Vec<ResolutionView>> {
    let ids: Vec<Uuid> = list.iter().map(|r| r.id).collect();
    let counts = store.contribution_counts(&ids)?;
    Ok(list
        .into_iter()
        .map(|r| ResolutionView {
            contributions: counts.get(&r.id).copied().unwrap_or(0),
            id: r.id,
            meeting_id: r.meeting_id,
            title: r.title,
            draft: r.draft,
            status: r.status,
            adopted_on: r.adopted_on,
            votes_for: r.votes_for,
            votes_against: r.votes_against,
            votes_abstain: r.votes_abstain,
        })
        .collect())
}

/// One meeting, as `me` (the member using the device, if chosen) sees it at `now`.
pub fn meeting_view(
    store: &Store,
    id: Uuid,
    me: Option<&Member>,
    now: DateTime<Utc>,
) -> Result<MeetingView> {
    let detail = store.meeting_detail(id)?;
    let name = |id: Option<Uuid>| -> Result<Option<String>> {
        Ok(match id {
            Some(id) => store.get::<Member>(id)?.map(|m| m.full_name),
            None => None,
        })
    };
    let chair = name(detail.chair_id)?;
    let minute_taker = name(detail.minute_taker_id)?;
    let my_attendance = match me {
        Some(me) => store
            .get::<Attendance>(Attendance::id_for(id, me.id))?
            .map(|a| MyAttendance {
                status: a.status,
                reason: a.reason,
            }),
        None => None,
    };
    let can_send_absence =
        detail.summary.status == MeetingStatus::Planned && detail.summary.starts_at > now;
    let today = local_date(now);
    Ok(MeetingView {
        meeting: meeting_card(detail.summary),
        chair,
        guests: detail.guests,
        agenda: detail.agenda.into_iter().map(agenda_line).collect(),
        roll_call: detail.roll_call.map(roll_call_view),
        documents: detail
            .documents
            .into_iter()
            .filter(|d| d.id != crate::attachments::papers_id(id))
            .map(|d| super::document_card(d, None))
            .collect(),
        files: detail.files.into_iter().map(FileView::from).collect(),
        resolutions: resolution_views(store, detail.resolutions)?,
        contributions: detail
            .contributions
            .into_iter()
            .map(|c| ContributionLine {
                mine: me.is_some_and(|me| c.member_id == me.id),
                id: c.id,
                member_name: c.member_name,
                kind: c.kind,
                resolution_id: c.resolution_id,
                body: c.body,
                made_at: c.made_at,
                recorded_by: c.recorded_by_name,
            })
            .collect(),
        tasks: detail
            .tasks
            .into_iter()
            .map(|t| task_card(t, today))
            .collect(),
        my_attendance,
        minutes: detail.minutes,
        can_run: false,
        roll: Vec::new(),
        series_id: detail.series_id,
        chair_id: detail.chair_id,
        minute_taker_id: detail.minute_taker_id,
        minute_taker,
        rating: detail.rating,
        published_at: detail.published_at,
        published_late: false,
        publish_late_now: false,
        minutes_adopted_at: detail.minutes_adopted_at,
        started_at: detail.started_at,
        ended_at: detail.ended_at,
        entered_at: detail.entered_at,
        paper_roll: detail
            .paper_roll
            .map(|(present, with, without)| crate::views::PaperRollView {
                present,
                absent_with_reason: with,
                absent_without_reason: without,
            }),
        review: Vec::new(),
        forecast: None,
        conclusion: detail.conclusion,
        can_send_absence,
    })
}
