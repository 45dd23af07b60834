//! Replies to a meeting's invitation: a member who has not answered is asked once, three days
//! before; "I will come" and "I cannot" feed the secretary's forecast, which warns when the
//! official members expected are not more than half of those summoned.

use super::*;
use sotay_core::model::Role;

fn asked(f: &Fixture) -> Vec<String> {
    f.app
        .due_reminders()
        .unwrap()
        .into_iter()
        .filter(|r| r.key.starts_with("reply:"))
        .map(|r| r.title)
        .collect()
}

#[test]
fn a_member_is_asked_once_and_the_forecast_follows_the_replies() {
    let f = demo();
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;

    // Four days before: not yet; within three days: asked, once.
    *f.clock.lock().unwrap() = next.starts_at - Duration::days(4);
    assert!(asked(&f).is_empty());
    *f.clock.lock().unwrap() = next.starts_at - Duration::days(3) + Duration::hours(1);
    assert_eq!(asked(&f), ["Đồng chí có dự họp chi bộ không?"]);
    assert!(asked(&f).is_empty(), "once");

    // A plain member sees no forecast; "I will come" is their answer.
    let view = f.app.meeting(IdArgs { id: next.id }).unwrap();
    assert!(view.forecast.is_none());
    f.app.cancel_absence(IdArgs { id: next.id }).unwrap();

    // The secretary's forecast counts it; every other member but one cannot come.
    let secretary = act_as(&f, Role::Secretary);
    let before = f
        .app
        .meeting(IdArgs { id: next.id })
        .unwrap()
        .forecast
        .unwrap();
    assert_eq!(before.coming, 1);
    assert!(!before.under_quorum, "nobody has said they cannot come");
    let members = f.app.members(NoArgs {}).unwrap();
    let others: Vec<&MemberRef> = members.iter().filter(|m| m.id != secretary.id).collect();
    for m in &others[1..] {
        f.app
            .choose_member(ChooseMemberArgs { member_id: m.id })
            .unwrap();
        f.app
            .send_absence(AbsenceArgs {
                meeting_id: next.id,
                reason: "Đi làm ăn xa".into(),
            })
            .unwrap();
    }
    act_as(&f, Role::Secretary);
    let after = f
        .app
        .meeting(IdArgs { id: next.id })
        .unwrap()
        .forecast
        .unwrap();
    assert!(after.not_coming >= after.summoned - 3, "{after:?}");
    assert!(after.expected_official < after.needed, "{after:?}");
    assert!(after.under_quorum);
    assert_eq!(after.quorum_percent, 50);
}

#[test]
fn the_secretary_records_an_answer_for_a_member_without_a_device() {
    let f = demo();
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
    let members = f.app.members(NoArgs {}).unwrap();
    let elder = members.iter().find(|m| m.role == Role::Member).unwrap();
    let args = |coming, reason: Option<&str>| ReplyForArgs {
        meeting_id: next.id,
        member_id: elder.id,
        coming,
        reason: reason.map(str::to_owned),
    };
    assert_eq!(
        f.app.reply_for(args(true, None)).unwrap_err().kind,
        "forbidden",
        "a plain member records no one's answer"
    );
    let secretary = act_as(&f, Role::Secretary);
    assert_eq!(
        f.app.reply_for(args(false, Some("  "))).unwrap_err().kind,
        "reason_required"
    );
    let view = f
        .app
        .reply_for(args(false, Some("Đau chân, không đi xa được")))
        .unwrap();
    let line = view.roll.iter().find(|r| r.member_id == elder.id).unwrap();
    assert_eq!(
        line.status,
        Some(sotay_core::model::AttendanceStatus::AbsentWithReason)
    );
    assert_eq!(
        line.recorded_by.as_deref(),
        Some(secretary.full_name.as_str())
    );
    assert_eq!(view.forecast.unwrap().not_coming, 1);

    // The member's own answer later is theirs: no longer marked as recorded for them.
    f.app
        .choose_member(ChooseMemberArgs {
            member_id: elder.id,
        })
        .unwrap();
    f.app.cancel_absence(IdArgs { id: next.id }).unwrap();
    act_as(&f, Role::Secretary);
    let view = f.app.meeting(IdArgs { id: next.id }).unwrap();
    let line = view.roll.iter().find(|r| r.member_id == elder.id).unwrap();
    assert!(line.recorded_by.is_none());

    // Once the meeting has started, the roll call records who came.
    *f.clock.lock().unwrap() = next.starts_at + Duration::minutes(1);
    assert_eq!(
        f.app.reply_for(args(true, None)).unwrap_err().kind,
        "meeting_started"
    );
}

#[test]
fn the_secretary_writes_down_a_member_s_idea_marked_as_recorded_for_them() {
    let f = demo();
    let next = f.app.home(NoArgs {}).unwrap().next_meeting.unwrap().meeting;
    let view = f.app.meeting(IdArgs { id: next.id }).unwrap();
    let draft = view.resolutions.first().map(|r| r.id);
    let members = f.app.members(NoArgs {}).unwrap();
    let elder = members.iter().find(|m| m.role == Role::Member).unwrap();
    let args = || IdeaForArgs {
        meeting_id: next.id,
        member_id: elder.id,
        resolution_id: draft,
        body: "Đề nghị chi bộ thăm hỏi đảng viên cao tuổi dịp Tết".into(),
    };
    assert_eq!(f.app.idea_for(args()).unwrap_err().kind, "forbidden");
    let secretary = act_as(&f, Role::Secretary);
    let view = f.app.idea_for(args()).unwrap();
    let line = view
        .contributions
        .iter()
        .find(|c| c.body.starts_with("Đề nghị chi bộ thăm hỏi"))
        .unwrap();
    assert_eq!(line.member_name, elder.full_name, "the member's idea");
    assert!(!line.mine, "not the secretary's");
    assert_eq!(
        line.recorded_by.as_deref(),
        Some(secretary.full_name.as_str())
    );
    let empty = IdeaForArgs {
        body: "   ".into(),
        ..args()
    };
    assert_eq!(f.app.idea_for(empty).unwrap_err().kind, "invalid");
}
