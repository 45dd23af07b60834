//! A member's flows through the commands, on a demo cell in a real store file.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use sotay_app::views::*;
use sotay_app::{App, AppEvent};
use std::sync::{Arc, Mutex};

mod checks;
mod cycle;
mod dashboard;
mod launcher;
mod members;
mod notices;
mod publishing;
mod replies;

/// A fixed "now" the demo is generated around, so the data and the clock agree.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 3, 0, 0).unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    app: Arc<App>,
    clock: Arc<Mutex<DateTime<Utc>>>,
    events: Arc<Mutex<Vec<AppEvent>>>,
}

fn demo() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(Mutex::new(now()));
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let c = clock.clone();
    let app = App::open_at(
        dir.path().join("sotay.db"),
        Arc::new(move |e| sink.lock().unwrap().push(e)),
        Arc::new(move || *c.lock().unwrap()),
    )
    .unwrap();
    assert_eq!(app.app_status(NoArgs {}).unwrap().mode, Mode::Fresh);
    let status = app.start_demo(NoArgs {}).unwrap();
    assert_eq!(status.mode, Mode::Demo);
    assert!(status.me.is_some(), "the demo chooses a member");
    Fixture {
        _dir: dir,
        app,
        clock,
        events,
    }
}

/// How many changes wait in the store's outbox.
fn pending(f: &Fixture) -> u64 {
    sotay_store::Store::open(f.app.path())
        .unwrap()
        .pending_changes()
        .unwrap()
}

/// Makes the demo cell's member holding `role` the device's member; returns them.
fn act_as(f: &Fixture, role: sotay_core::model::Role) -> MemberRef {
    let member = f
        .app
        .members(NoArgs {})
        .unwrap()
        .into_iter()
        .find(|m| m.role == role)
        .unwrap();
    f.app
        .choose_member(ChooseMemberArgs {
            member_id: member.id,
        })
        .unwrap();
    member
}

#[test]
fn a_fresh_store_asks_for_set_up_before_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(dir.path().join("sotay.db"), Arc::new(|_| {})).unwrap();
    let err = app.home(NoArgs {}).unwrap_err();
    assert_eq!(err.kind, "not_set_up");
    let err = app.sync_now(NoArgs {}).unwrap_err();
    assert_eq!(err.kind, "not_connected");
    let sync = app.sync_status(NoArgs {}).unwrap();
    assert_eq!(sync.state, SyncState::NotConnected);
}

#[test]
fn home_shows_the_next_meeting_my_tasks_and_changes_until_seen() {
    let f = demo();
    let home = f.app.home(NoArgs {}).unwrap();
    let next = home.next_meeting.expect("a planned meeting is ahead");
    assert!(next.meeting.starts_at > now());
    assert_eq!(
        next.meeting.status,
        sotay_core::model::MeetingStatus::Planned
    );
    assert!(!next.agenda.is_empty(), "the next meeting has its agenda");
    assert!(!home.my_tasks.is_empty(), "the demo member has open tasks");
    assert!(!home.changes.is_empty());
    let seen = f.app.mark_seen(NoArgs {}).unwrap();
    assert!(seen.changes.is_empty(), "{:?}", seen.changes);
    assert!(seen.last_seen.is_some());
}

#[test]
fn calendar_lists_a_month_and_filters_by_kind() {
    let f = demo();
    let from = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let all = f
        .app
        .calendar(CalendarArgs {
            from,
            to,
            kind: None,
        })
        .unwrap();
    assert!(
        all.len() >= 12,
        "a year of a cell has its monthly meetings: {}",
        all.len()
    );
    let thematic = f
        .app
        .calendar(CalendarArgs {
            from,
            to,
            kind: Some(sotay_core::model::MeetingKind::Thematic),
        })
        .unwrap();
    assert!(!thematic.is_empty() && thematic.len() < all.len());
    assert!(
        thematic
            .iter()
            .all(|m| m.kind == sotay_core::model::MeetingKind::Thematic)
    );
    let backwards = f.app.calendar(CalendarArgs {
        from: to,
        to: from,
        kind: None,
    });
    assert_eq!(backwards.unwrap_err().kind, "bad_request");
}

#[test]
fn a_member_contributes_to_the_draft_and_sends_an_absence_reason() {
    let f = demo();
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
    let view = f.app.meeting(IdArgs { id: next.id }).unwrap();
    assert!(view.can_send_absence);
    let draft = view.resolutions.first().map(|r| r.id);
    let before = view.contributions.len();
    let after = f
        .app
        .add_contribution(AddContributionArgs {
            meeting_id: next.id,
            resolution_id: draft,
            body: "Đề nghị bổ sung chỉ tiêu trồng cây xanh".into(),
        })
        .unwrap();
    assert_eq!(after.contributions.len(), before + 1);
    let added = after
        .contributions
        .iter()
        .find(|c| c.body == "Đề nghị bổ sung chỉ tiêu trồng cây xanh")
        .unwrap();
    assert!(added.mine);
    assert_eq!(added.resolution_id, draft);
    let empty = f.app.add_contribution(AddContributionArgs {
        meeting_id: next.id,
        resolution_id: None,
        body: "   ".into(),
    });
    assert_eq!(empty.unwrap_err().kind, "invalid");

    let absent = f
        .app
        .send_absence(AbsenceArgs {
            meeting_id: next.id,
            reason: "Đi công tác xa".into(),
        })
        .unwrap();
    let mine = absent.my_attendance.unwrap();
    assert_eq!(
        mine.status,
        sotay_core::model::AttendanceStatus::AbsentWithReason
    );
    assert_eq!(mine.reason.as_deref(), Some("Đi công tác xa"));
    // Withdrawn, the member is expected: whether they came is the roll call's to say.
    let back = f.app.cancel_absence(IdArgs { id: next.id }).unwrap();
    assert_eq!(
        back.my_attendance.unwrap().status,
        sotay_core::model::AttendanceStatus::Expected
    );
    // Sending again after withdrawing still works (the attendance row is never deleted).
    f.app
        .send_absence(AbsenceArgs {
            meeting_id: next.id,
            reason: "Ốm".into(),
        })
        .unwrap();

    // Once the meeting has started, the secretary's roll call decides.
    *f.clock.lock().unwrap() = next.starts_at + Duration::minutes(5);
    let late = f.app.send_absence(AbsenceArgs {
        meeting_id: next.id,
        reason: "Quên".into(),
    });
    assert_eq!(late.unwrap_err().kind, "meeting_started");
}

#[test]
fn a_member_reports_progress_and_marks_a_task_done() {
    let f = demo();
    let task = f
        .app
        .my_tasks(TasksArgs {
            include_closed: false,
        })
        .unwrap()[0]
        .clone();
    let card = f
        .app
        .task_progress(TaskProgressArgs {
            task_id: task.id,
            percent: 60,
            note: "Đã liên hệ 6/10 hộ".into(),
        })
        .unwrap();
    assert_eq!(card.percent, Some(60));
    assert_eq!(card.last_note.as_deref(), Some("Đã liên hệ 6/10 hộ"));
    assert_eq!(card.status, sotay_core::model::TaskStatus::InProgress);
    let bad = f.app.task_progress(TaskProgressArgs {
        task_id: task.id,
        percent: 140,
        note: "x".into(),
    });
    assert_eq!(bad.unwrap_err().kind, "invalid");
    let done = f.app.task_done(IdArgs { id: task.id }).unwrap();
    assert_eq!(done.status, sotay_core::model::TaskStatus::Done);
    // Done adds no made-up progress note: the last report is still the member's own.
    assert_eq!(done.percent, Some(60));
    assert_eq!(done.last_note.as_deref(), Some("Đã liên hệ 6/10 hộ"));
    let open = f
        .app
        .my_tasks(TasksArgs {
            include_closed: false,
        })
        .unwrap();
    assert!(open.iter().all(|t| t.id != task.id));
    let all = f
        .app
        .my_tasks(TasksArgs {
            include_closed: true,
        })
        .unwrap();
    assert!(all.iter().any(|t| t.id == task.id));
    // Every one of those writes waits in the outbox.
    assert!(f.app.sync_status(NoArgs {}).unwrap().pending_changes > 0);
}

#[test]
fn documents_are_found_without_diacritics() {
    let f = demo();
    let all = f
        .app
        .documents(DocumentsArgs {
            query: String::new(),
        })
        .unwrap();
    assert!(!all.is_empty());
    let with = f
        .app
        .documents(DocumentsArgs {
            query: "nghị quyết".into(),
        })
        .unwrap();
    let without = f
        .app
        .documents(DocumentsArgs {
            query: "nghi quyet".into(),
        })
        .unwrap();
    assert!(!with.is_empty());
    assert_eq!(
        with.iter().map(|d| d.id).collect::<Vec<_>>(),
        without.iter().map(|d| d.id).collect::<Vec<_>>()
    );
    let snippet = without[0].snippet.as_ref().unwrap();
    assert!(!snippet.highlights.is_empty());
    let doc = f.app.document(IdArgs { id: without[0].id }).unwrap();
    assert!(!doc.body.is_empty());
}

#[test]
fn reminders_come_once_and_respect_the_settings() {
    let f = demo();
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
    *f.clock.lock().unwrap() = next.starts_at - Duration::hours(20);
    let day = f.app.due_reminders().unwrap();
    assert!(day.iter().any(|r| r.key.starts_with("day:")), "{day:?}");
    assert!(day[0].title.contains("Ngày mai"), "Vietnamese by default");
    assert!(
        f.app.due_reminders().unwrap().is_empty(),
        "each reminder comes once"
    );

    let mut settings = f.app.app_status(NoArgs {}).unwrap().settings;
    settings.notify_meeting_hour = false;
    settings.language = Language::En;
    f.app.save_settings(settings.clone()).unwrap();
    *f.clock.lock().unwrap() = next.starts_at - Duration::minutes(30);
    assert!(
        f.app
            .due_reminders()
            .unwrap()
            .iter()
            .all(|r| !r.key.starts_with("hour:"))
    );
    settings.notify_meeting_hour = true;
    f.app.save_settings(settings).unwrap();
    let hour = f.app.due_reminders().unwrap();
    assert_eq!(hour.len(), 1, "{hour:?}");
    assert_eq!(hour[0].title, "Cell meeting within the hour");
}

fn meetings_only(reminders: Vec<sotay_app::Reminder>) -> Vec<sotay_app::Reminder> {
    reminders
        .into_iter()
        .filter(|r| r.key.starts_with("day:") || r.key.starts_with("hour:"))
        .collect()
}

/// The day reminder says which day it is: a meeting half an hour away is "today", not
/// "tomorrow", when hour reminders are off; and it comes the day before even in the morning,
/// more than 24 hours ahead.
#[test]
fn the_day_reminder_names_the_right_day() {
    let at = |f: &Fixture, minutes_before: i64| {
        let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
        *f.clock.lock().unwrap() = next.starts_at - Duration::minutes(minutes_before);
        meetings_only(f.app.due_reminders().unwrap())
    };
    let f = demo();
    let mut settings = f.app.app_status(NoArgs {}).unwrap().settings;
    settings.notify_meeting_hour = false;
    f.app.save_settings(settings).unwrap();
    let soon = at(&f, 30);
    assert_eq!(soon.len(), 1, "{soon:?}");
    assert_eq!(soon[0].title, "Hôm nay họp chi bộ");

    // At 06:00 the day before, more than 24 hours ahead (the demo meets in the afternoon or
    // evening): "tomorrow" all the same.
    let f = demo();
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
    let eve = sotay_core::time::local_date(next.starts_at) - Duration::days(1);
    *f.clock.lock().unwrap() = sotay_core::time::start_of_day(eve) + Duration::hours(6);
    assert!(next.starts_at - *f.clock.lock().unwrap() > Duration::hours(24));
    let day_before = meetings_only(f.app.due_reminders().unwrap());
    assert_eq!(day_before.len(), 1, "{day_before:?}");
    assert_eq!(day_before[0].title, "Ngày mai họp chi bộ");
}

#[test]
fn demo_stores_never_sync_and_say_so() {
    let f = demo();
    assert_eq!(f.app.sync_status(NoArgs {}).unwrap().state, SyncState::Demo);
    assert_eq!(f.app.sync_now(NoArgs {}).unwrap_err().kind, "not_connected");
    let again = f.app.start_demo(NoArgs {});
    assert_eq!(again.unwrap_err().kind, "already_set_up");
    let connect = f.app.connect(ConnectArgs {
        server: "http://127.0.0.1:9".into(),
        invite: "x".into(),
    });
    assert_eq!(connect.unwrap_err().kind, "already_set_up");
    assert!(f.events.lock().unwrap().is_empty(), "no sync, no events");
}

#[test]
fn unknown_commands_and_malformed_arguments_are_typed_errors() {
    let f = demo();
    let err =
        sotay_app::commands::dispatch(&f.app, "drop_tables", serde_json::json!({})).unwrap_err();
    assert_eq!(err.kind, "unknown_command");
    let err =
        sotay_app::commands::dispatch(&f.app, "meeting", serde_json::json!({"id": 5})).unwrap_err();
    assert_eq!(err.kind, "bad_request");
    let missing = sotay_app::commands::dispatch(
        &f.app,
        "meeting",
        serde_json::json!({"id": uuid::Uuid::nil()}),
    )
    .unwrap_err();
    assert_eq!(missing.kind, "not_found");
    let home = sotay_app::commands::dispatch(&f.app, "home", serde_json::json!({})).unwrap();
    assert!(home["my_tasks"].is_array());
}

#[test]
fn a_conflict_is_shown_side_by_side_and_the_other_value_can_be_put_back() {
    use sotay_core::model::{Conflict, ConflictKind, ConflictStatus, Resolution};
    let f = demo();
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
    let draft = f.app.meeting(IdArgs { id: next.id }).unwrap().resolutions[0].clone();
    // What sync does on a pull: the server's merged draft arrives with a conflict record holding
    // the words it did not keep. A second connection stands in for the sync engine here.
    let mut other = sotay_store::Store::open(f.app.path()).unwrap();
    let lost = "Bản dự thảo cũ của đồng chí bí thư.";
    let conflict = Conflict {
        id: sotay_core::id::new_id(),
        unit_id: other.require::<Resolution>(draft.id).unwrap().unit_id,
        entity: "resolution".into(),
        record_id: draft.id,
        field: "draft".into(),
        kind: ConflictKind::Overlap,
        kept: serde_json::to_string(&draft.draft).unwrap(),
        lost: serde_json::to_string(lost).unwrap(),
        lost_client: uuid::Uuid::nil(),
        lost_hlc: 1,
        reason: None,
        detected_at: now(),
        status: ConflictStatus::Open,
    };
    other.write(|w| w.insert(&conflict)).unwrap();

    let listed = f.app.conflicts(NoArgs {}).unwrap();
    let shown = listed.iter().find(|c| c.id == conflict.id).unwrap();
    assert!(shown.can_restore);
    assert_eq!(shown.lost, format!("\"{lost}\""));
    assert_eq!(f.app.sync_status(NoArgs {}).unwrap().open_conflicts, 1);

    let after = f
        .app
        .resolve_conflict(ResolveConflictArgs {
            id: conflict.id,
            keep: Keep::Lost,
        })
        .unwrap();
    assert_eq!(
        after.iter().find(|c| c.id == conflict.id).unwrap().status,
        ConflictStatus::Resolved
    );
    let view = f.app.meeting(IdArgs { id: next.id }).unwrap();
    assert_eq!(view.resolutions[0].draft, lost, "the other value is back");
    assert_eq!(f.app.sync_status(NoArgs {}).unwrap().open_conflicts, 0);
    let again = f.app.resolve_conflict(ResolveConflictArgs {
        id: conflict.id,
        keep: Keep::Kept,
    });
    assert_eq!(again.unwrap_err().kind, "already_resolved");
}

#[test]
fn a_refused_change_is_undone_listed_and_dismissed() {
    let f = demo();
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
    let view = f
        .app
        .add_contribution(AddContributionArgs {
            meeting_id: next.id,
            resolution_id: None,
            body: "Đề nghị họp sớm hơn nửa giờ.".into(),
        })
        .unwrap();
    let mine = view
        .contributions
        .iter()
        .find(|c| c.mine && c.body == "Đề nghị họp sớm hơn nửa giờ.")
        .unwrap()
        .id;
    // What sync does with a push answer that refuses the write: a second connection stands in
    // for the sync engine (the demo store never syncs).
    let mut other = sotay_store::Store::open(f.app.path()).unwrap();
    let sent = other.outbox(u32::MAX).unwrap().pop().unwrap();
    assert_eq!(sent.entity_id, mine);
    other
        .acknowledge_push(
            sent.mutation_id,
            &[],
            &[sotay_store::Refusal {
                mutation_id: sent.mutation_id,
                reason: "forbidden".into(),
                detail: None,
            }],
        )
        .unwrap();

    let after = f.app.meeting(IdArgs { id: next.id }).unwrap();
    assert!(after.contributions.iter().all(|c| c.id != mine), "undone");
    let listed = f.app.rejections(NoArgs {}).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reason, "forbidden");
    assert_eq!(listed[0].entity, "contribution");
    assert!(listed[0].sent.contains("Đề nghị họp sớm hơn nửa giờ."));
    assert_eq!(f.app.sync_status(NoArgs {}).unwrap().rejected_changes, 1);

    let left = f
        .app
        .dismiss_rejection(RejectionArgs {
            mutation_id: listed[0].mutation_id,
        })
        .unwrap();
    assert!(left.is_empty());
    assert_eq!(f.app.sync_status(NoArgs {}).unwrap().rejected_changes, 0);
    let again = f.app.dismiss_rejection(RejectionArgs { mutation_id: -1 });
    assert_eq!(again.unwrap_err().kind, "not_found");
}

/// The roster offers invites as the rules table says, worked out on the device: a secretary
/// invites their cell's members and themself, not the deputy; a plain member invites no one. A
/// demo offers the Members screen to the committee (members' records are kept there), not to a
/// plain member; it has no server, so an invite says why.
#[test]
fn the_roster_offers_invites_as_the_rules_say() {
    let f = demo();
    let status = f.app.app_status(NoArgs {}).unwrap();
    assert_eq!(
        status.runs_roster,
        status.me.as_ref().unwrap().role != sotay_core::model::Role::Member,
        "the Members screen is the committee's"
    );
    let everyone = f.app.members(NoArgs {}).unwrap();
    let cell = status.me.unwrap().unit_id;
    let secretary = everyone
        .iter()
        .find(|m| m.role == sotay_core::model::Role::Secretary && m.unit_id == cell)
        .unwrap()
        .clone();
    f.app
        .choose_member(ChooseMemberArgs {
            member_id: secretary.id,
        })
        .unwrap();
    assert!(f.app.app_status(NoArgs {}).unwrap().runs_roster);
    let roster = f.app.roster(NoArgs {}).unwrap();
    assert!(!roster.is_empty() && roster.iter().all(|e| e.member.unit_id == cell));
    for e in &roster {
        let expected = e.member.id == secretary.id
            || matches!(
                e.member.role,
                sotay_core::model::Role::Member | sotay_core::model::Role::CommitteeMember
            );
        assert_eq!(e.may_invite, expected, "{:?}", e.member);
    }
    let plain = roster
        .iter()
        .find(|e| e.member.role == sotay_core::model::Role::Member)
        .unwrap();
    let err = f
        .app
        .invite_member(IdArgs {
            id: plain.member.id,
        })
        .unwrap_err();
    assert_eq!(err.kind, "demo_store");

    f.app
        .choose_member(ChooseMemberArgs {
            member_id: plain.member.id,
        })
        .unwrap();
    assert!(
        f.app
            .roster(NoArgs {})
            .unwrap()
            .iter()
            .all(|e| !e.may_invite)
    );
}

#[test]
fn the_committee_holds_a_meeting_and_a_plain_member_s_ideas_close_when_it_starts() {
    let f = demo();
    let status = f.app.app_status(NoArgs {}).unwrap();
    let me = status.me.unwrap();
    // The demo's member is the secretary or a plain member: what the app offers follows the rules.
    let runs = !matches!(
        me.role,
        sotay_core::model::Role::Member | sotay_core::model::Role::CommitteeMember
    );
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
    let scheduled = f.app.schedule_meeting(ScheduleMeetingArgs {
        unit_id: None,
        kind: sotay_core::model::MeetingKind::Thematic,
        starts_at: "20/12/2026 19:30".into(),
        duration_minutes: 120,
        place: "Nhà văn hóa".into(),
        topic: "Chuyên đề học tập và làm theo".into(),
        guests: None,
    });
    if !runs {
        assert_eq!(scheduled.unwrap_err().kind, "forbidden");
        assert!(!f.app.meeting(IdArgs { id: next.id }).unwrap().can_run);
        let members = f.app.members(NoArgs {}).unwrap();
        let secretary = members
            .iter()
            .find(|m| m.role == sotay_core::model::Role::Secretary)
            .unwrap();
        f.app
            .choose_member(ChooseMemberArgs {
                member_id: secretary.id,
            })
            .unwrap();
    }
    assert!(f.app.app_status(NoArgs {}).unwrap().runs_meetings);
    let view = f.app.meeting(IdArgs { id: next.id }).unwrap();
    assert!(view.can_run);
    assert!(!view.roll.is_empty(), "the whole cell is on the roll");
    // Opened, the meeting takes no more ideas: what is said now is a speech the secretary records.
    let started = f
        .app
        .start_meeting(StartMeetingArgs {
            id: next.id,
            early: true,
        })
        .unwrap();
    assert_eq!(
        started.meeting.status,
        sotay_core::model::MeetingStatus::Held
    );
    let late = f.app.add_contribution(AddContributionArgs {
        meeting_id: next.id,
        resolution_id: None,
        body: "Ý kiến muộn".into(),
    });
    assert_eq!(late.unwrap_err().kind, "ideas_closed");
    // Cancelled, nothing more is recorded on it.
    let cancelled = f.app.cancel_meeting(IdArgs { id: next.id });
    assert_eq!(cancelled.unwrap_err().kind, "meeting_started");
}

/// What another device changed in a meeting ahead reaches this one as a notice — moved, then
/// cancelled — once each; this device's own changes and the first look at the calendar do not.
/// A task overdue is reminded once a week.
#[test]
fn others_changes_to_a_meeting_and_overdue_tasks_are_notified() {
    use sotay_core::model::{Meeting, MeetingStatus};
    use sotay_core::{ClientId, Hlc, Record};
    use sotay_store::{RemoteRecord, Store};

    let f = demo();
    let path = f.app.path().to_owned();
    let changes = |f: &Fixture| -> Vec<String> {
        f.app
            .due_reminders()
            .unwrap()
            .into_iter()
            .filter(|r| r.key.starts_with("change:"))
            .map(|r| r.title)
            .collect()
    };
    assert!(changes(&f).is_empty(), "the first look only remembers");
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
    let elsewhere = ClientId::new();
    let mut hlc = 10_000_000_000_000_u64 << 16;
    let mut pulled = |change: &dyn Fn(&mut Meeting)| {
        let mut store = Store::open(&path).unwrap();
        let mut m: Meeting = store.require(next.id).unwrap();
        change(&mut m);
        hlc += 1;
        let record = RemoteRecord {
            entity: Meeting::KIND,
            id: m.id,
            fields: m.to_fields(),
            deleted: false,
            hlc: Hlc(hlc),
            origin: elsewhere,
            gone: false,
        };
        // As after a push the server acknowledged: nothing of this device's waits, and the other
        // device's change comes back.
        store.acknowledge(i64::MAX, &[record]).unwrap();
    };
    pulled(&|m| m.starts_at += Duration::days(1));
    assert_eq!(changes(&f), ["Cuộc họp chi bộ đã dời lịch"]);
    assert!(changes(&f).is_empty(), "once");
    pulled(&|m| m.status = MeetingStatus::Cancelled);
    assert_eq!(changes(&f), ["Cuộc họp chi bộ đã hủy"]);

    // The member's own open task, a week and then two past its due date.
    let task = f
        .app
        .my_tasks(TasksArgs {
            include_closed: false,
        })
        .unwrap()
        .into_iter()
        .find(|t| t.due_on.is_some())
        .expect("an open task with a due date");
    let due = sotay_core::time::start_of_day(task.due_on.unwrap());
    let overdue = |f: &Fixture, at: DateTime<Utc>| -> usize {
        *f.clock.lock().unwrap() = at;
        f.app
            .due_reminders()
            .unwrap()
            .iter()
            .filter(|r| r.key.starts_with(&format!("overdue:{}:", task.id)))
            .count()
    };
    assert_eq!(overdue(&f, due + Duration::days(8)), 1);
    assert_eq!(
        overdue(&f, due + Duration::days(8) + Duration::hours(1)),
        0,
        "not again that week"
    );
    assert_eq!(
        overdue(&f, due + Duration::days(15)),
        1,
        "again the next week"
    );
}
