//! The meeting cycle from the command line, with a real `sotay serve` and real stores: the
//! secretary schedules a meeting and writes its draft; the member, on their own device, sends an
//! absence reason; the secretary — offline — opens the meeting, takes the roll call with the
//! notice already in it, records two speakers, adopts the resolution with a tally checked against
//! the official members present, gives a task and writes the conclusion; after a sync the member's
//! device has all of it, and their progress on the task reaches the secretary. Every bad input is
//! refused with exit code 2 and writes nothing.

use super::committee_steps::{Served, ok, refused};
use super::sync::{Whom, edit as write, sync};
use crate::util::{Db, Dir};
use chrono::{Duration, Utc};
use sotay_core::model::{
    Attendance, AttendanceStatus, ContributionKind, Meeting, MeetingStatus, Resolution,
    ResolutionStatus, TaskProgress, TaskStatus,
};
use sotay_core::time::ZONE;
use sotay_store::Store;
use uuid::Uuid;

fn id(v: &serde_json::Value) -> Uuid {
    Uuid::parse_str(v.as_str().unwrap()).unwrap()
}

fn the_secretary_runs_a_meeting_offline_and_the_member_s_device_gets_all_of_it(dir: &Dir, db: Db) {
    let served = Served::start(dir, &db, |_, _| {});
    let (server, cell) = (&served.server, &served.cell);
    let (secretary, member) = (served.secretary.clone(), served.member.clone());
    let (an, binh, cuong) = (cell.members[0], cell.members[1], cell.members[2]);

    // Schedule: a week ahead, 19:30 in the village hall.
    let day = (Utc::now() + Duration::days(7)).with_timezone(&ZONE);
    let at = format!("{} 19:30", day.format("%d/%m/%Y"));
    let view = ok(
        &secretary,
        &[
            "meeting",
            "new",
            "--at",
            &at,
            "--place",
            "Nhà văn hóa thôn Đông",
            "--topic",
            "Sinh hoạt chi bộ tháng này",
        ],
    );
    let meeting = id(&view["id"]);
    assert_eq!(view["status"], "planned");
    assert_eq!(view["agenda"][2]["step"], "roll_call", "{}", view["agenda"]);
    // Bad input, each refused with nothing written.
    let past = format!(
        "{} 19:30",
        (Utc::now() - Duration::days(3))
            .with_timezone(&ZONE)
            .format("%d/%m/%Y")
    );
    let stderr = refused(
        &secretary,
        &[
            "meeting",
            "new",
            "--at",
            &past,
            "--place",
            "Hội trường",
            "--topic",
            "Họp",
        ],
    );
    assert!(stderr.contains("already passed"), "{stderr}");
    let m = meeting.to_string();
    let stderr = refused(
        &secretary,
        &["meeting", "edit", &m, "--at", "31/02/2027 19:30"],
    );
    assert!(stderr.contains("31/02/2027"), "{stderr}");
    refused(&secretary, &["agenda", &m, "--add", "   "]);
    refused(
        &secretary,
        &[
            "speak",
            &m,
            "--member",
            &Uuid::now_v7().to_string(),
            "--view",
            "Ý kiến",
        ],
    );
    // Prepare: an extra agenda item (before the closing steps), moved, renamed and given a body;
    // the listing shows each item's id.
    let view = ok(
        &secretary,
        &["agenda", &m, "--add", "Bàn việc làm đường liên thôn"],
    );
    let steps = |v: &serde_json::Value| -> Vec<String> {
        v["agenda"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                a["step"]
                    .as_str()
                    .unwrap_or(a["title"].as_str().unwrap())
                    .to_owned()
            })
            .collect()
    };
    let order = steps(&view);
    let road = order
        .iter()
        .position(|s| s == "Bàn việc làm đường liên thôn")
        .unwrap();
    assert_eq!(order[road + 1], "rate_meeting", "{order:?}");
    let item = view["agenda"][road]["id"].as_str().unwrap().to_owned();
    let view = ok(
        &secretary,
        &["agenda", &m, "--item", &item, "--position", "5"],
    );
    assert_eq!(steps(&view)[4], "Bàn việc làm đường liên thôn");
    let discussion = view["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["step"] == "discussion")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let view = ok(
        &secretary,
        &[
            "agenda",
            &m,
            "--item",
            &item,
            "--before",
            &discussion,
            "--title",
            "Làm đường liên thôn",
            "--body",
            "Mỗi hộ góp 2 ngày công.",
        ],
    );
    let order = steps(&view);
    let at = order
        .iter()
        .position(|s| s == "Làm đường liên thôn")
        .unwrap();
    assert_eq!(order[at + 1], "discussion", "{order:?}");
    assert_eq!(view["agenda"][at]["body"], "Mỗi hộ góp 2 ngày công.");
    let listed = crate::util::sotay(&secretary, &["meeting", &m]);
    assert!(
        listed
            .stdout
            .contains(&format!("Làm đường liên thôn  [{item}]")),
        "{}",
        listed.stdout
    );
    for (args, said) in [
        (
            &["agenda", &m, "--item", &item, "--position", "0"][..],
            "count from 1",
        ),
        (
            &["agenda", &m, "--item", &item, "--before", &item][..],
            "before itself",
        ),
        (&["agenda", &m, "--item", &item][..], "--position"),
    ] {
        let stderr = refused(&secretary, args);
        assert!(stderr.contains(said), "{said}: {stderr}");
    }
    let unknown = crate::util::sotay(
        &secretary,
        &[
            "agenda",
            &m,
            "--item",
            &item,
            "--before",
            &Uuid::now_v7().to_string(),
        ],
    );
    unknown.fails(3, "not on this meeting's agenda");
    let view = ok(
        &secretary,
        &[
            "draft",
            &m,
            "--title",
            "Nghị quyết tháng này",
            "--text",
            "1. Hoàn thành làm đường liên thôn.\n2. Thu đảng phí đúng hạn.",
        ],
    );
    let resolution = view["resolutions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Nghị quyết tháng này")
        .map(|r| id(&r["id"]))
        .unwrap();
    sync(&secretary);

    // The member sees the meeting and sends an absence reason, which they then think better of
    // for their neighbour: Cường's notice comes from his own device (written here as he would).
    sync(&member);
    assert!(
        Store::open(&member)
            .unwrap()
            .get::<Meeting>(meeting)
            .unwrap()
            .is_some()
    );
    // A plain member's device runs no meeting.
    let stderr = refused(
        &member,
        &[
            "attend",
            &m,
            "--member",
            &binh.to_string(),
            "--status",
            "present",
        ],
    );
    assert!(stderr.contains("committee"), "{stderr}");

    let third = dir.path("cuong.db");
    server.connect(&third, &server.url, Whom::Member(cuong));
    sync(&third);
    write(&third, |w| {
        w.put(&Attendance::new(
            meeting,
            cuong,
            AttendanceStatus::AbsentWithReason,
            Some("Đi công tác tỉnh".into()),
        ))
    });
    sync(&third);
    sync(&secretary);

    // The meeting, offline: nothing below syncs until it is over. (Opened early: the test does
    // not wait a week for its time.)
    ok(&secretary, &["meeting", "start", &m, "--early"]);
    for who in [an, binh] {
        ok(
            &secretary,
            &[
                "attend",
                &m,
                "--member",
                &who.to_string(),
                "--status",
                "present",
            ],
        );
    }
    let view = ok(&secretary, &["meeting", &m]);
    assert_eq!(view["roll_call"]["present"], 2);
    assert_eq!(
        view["roll_call"]["absent_with_reason"][0]["reason"], "Đi công tác tỉnh",
        "the notice is in the roll call"
    );
    ok(
        &secretary,
        &[
            "speak",
            &m,
            "--member",
            &an.to_string(),
            "--view",
            "Đề nghị mỗi hộ góp ngày công làm đường.",
        ],
    );
    ok(
        &secretary,
        &[
            "speak",
            &m,
            "--member",
            &binh.to_string(),
            "--view",
            "Nhất trí, đề nghị bổ sung thời hạn hoàn thành.",
        ],
    );
    let r = resolution.to_string();
    // Two official members are present: three hands are one too many; a tie does not carry.
    let stderr = refused(&secretary, &["adopt", &r, "--for", "3"]);
    assert!(
        stderr.contains("only 2 official members are present"),
        "{stderr}"
    );
    refused(&secretary, &["adopt", &r, "--for", "1", "--against", "1"]);
    refused(&secretary, &["adopt", &r, "--for", "2", "--against", "-1"]);
    ok(&secretary, &["adopt", &r, "--for", "2"]);
    refused(
        &secretary,
        &[
            "task",
            "assign",
            "--meeting",
            &m,
            "--title",
            "Vận động các hộ góp ngày công",
            "--due",
            "01/01/2020",
            "--member",
            &binh.to_string(),
        ],
    );
    let due = (day + Duration::days(30)).format("%d/%m/%Y").to_string();
    ok(
        &secretary,
        &[
            "task",
            "assign",
            "--meeting",
            &m,
            "--title",
            "Vận động các hộ góp ngày công",
            "--due",
            &due,
            "--member",
            &binh.to_string(),
        ],
    );
    ok(
        &secretary,
        &[
            "minutes",
            &m,
            "--minute-taker",
            &an.to_string(),
            "--conclusion",
            "Chi bộ thống nhất làm đường liên thôn.",
            "--rating",
            "good",
        ],
    );

    // Reconnected: the member's device has the minutes, the tally and the task.
    sync(&secretary);
    sync(&member);
    let store = Store::open(&member).unwrap();
    let held: Meeting = store.require(meeting).unwrap();
    assert_eq!(held.status, MeetingStatus::Held);
    assert_eq!(
        held.conclusion.as_deref(),
        Some("Chi bộ thống nhất làm đường liên thôn.")
    );
    let adopted: Resolution = store.require(resolution).unwrap();
    assert_eq!(adopted.status, ResolutionStatus::Adopted);
    assert_eq!(
        (
            adopted.votes_for,
            adopted.votes_against,
            adopted.votes_abstain
        ),
        (Some(2), Some(0), Some(0))
    );
    let detail = store.meeting_detail(meeting).unwrap();
    let speeches: Vec<&str> = detail
        .contributions
        .iter()
        .filter(|c| c.kind == ContributionKind::Speech)
        .map(|c| c.member_name.as_str())
        .collect();
    assert_eq!(speeches, ["Nguyễn Văn An", "Trần Thị Bình"]);
    let task = detail.tasks[0].task.clone();
    assert_eq!(detail.tasks[0].assignees[0].member_id, binh);
    drop(store);

    // The member reports progress; the secretary sees it.
    write(&member, |w| {
        w.insert(&TaskProgress {
            id: sotay_core::id::new_id(),
            task_id: task.id,
            member_id: Some(binh),
            noted_at: Utc::now(),
            percent: Some(50),
            note: "Đã vận động được 12 hộ.".into(),
        })?;
        // As the app does with a first report: the task is under way.
        w.modify::<sotay_core::model::Task>(task.id, |t| t.status = TaskStatus::InProgress)
            .map(|_| ())
    });
    sync(&member);
    sync(&secretary);
    let seen = Store::open(&secretary)
        .unwrap()
        .assigned_task(task.id)
        .unwrap();
    assert_eq!(seen.latest_progress.and_then(|p| p.percent), Some(50));
    assert_eq!(seen.task.status, TaskStatus::InProgress, "{:?}", seen.task);
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    the_secretary_runs_a_meeting_offline_and_the_member_s_device_gets_all_of_it
);
