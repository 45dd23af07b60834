//! A member's own commands end to end, with a real `sotay serve` (both backends) on a set day
//! before the cell's December meeting: `sotay absence`, `sotay idea` and `sotay progress` on the
//! member's device reach the secretary's at the next sync; bad input writes nothing. And what the
//! administrator reads: `sotay admin audit` names the member, record and unit beside their ids;
//! an invite says whom it is for (the code alone on standard output); a transfer asked of a
//! member's device says it is an administrator's to make.

use super::accounts::sotay_at_with_input;
use super::committee_steps::pending;
use super::sync::{Cell, Server, Whom, edit, set_up};
use crate::util::{Day, Db, Dir, Run};
use chrono::NaiveDate;
use serde_json::Value;
use sotay_core::model::{Task, TaskAssignee, TaskStatus};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// Four days before the cell's meeting of 05/12/2026: absences and ideas are still taken.
const DAY: Day = Day("2026-12-01T09:00:00+07:00");
/// The member's later progress reports, a minute apart: each `sotay` starts its clock at its
/// `--now`, and the latest report is the one noted last. (Within the few minutes a device's
/// clock may run ahead of the server's.)
const SECOND_REPORT: Day = Day("2026-12-01T09:01:00+07:00");
const LAST_REPORT: Day = Day("2026-12-01T09:02:00+07:00");

/// The cell on a server at [`DAY`], with a task for its plain member (`members[1]`, Trần Thị Bình)
/// and one for another member, and the administrator's, the secretary's and the member's devices
/// joined and synced.
struct Served {
    server: Server,
    db: Db,
    cell: Cell,
    admin: PathBuf,
    secretary: PathBuf,
    member: PathBuf,
    /// Assigned to the member.
    task: Uuid,
    /// Assigned to `members[2]`, not to the member.
    others_task: Uuid,
}

fn task(cell: &Cell, title: &str) -> Task {
    Task {
        id: Uuid::now_v7(),
        unit_id: cell.unit,
        meeting_id: Some(cell.meeting),
        resolution_id: None,
        title: title.into(),
        description: None,
        due_on: NaiveDate::from_ymd_opt(2026, 12, 31),
        status: TaskStatus::Open,
        completed_on: None,
        notes: None,
    }
}

impl Served {
    fn start(dir: &Dir, db: Db) -> Served {
        let server = Server::start_at(&db, DAY);
        let (admin, secretary, member) = (
            dir.path("admin.db"),
            dir.path("secretary.db"),
            dir.path("member.db"),
        );
        let cell = set_up(&admin);
        let (mine, others) = (
            task(&cell, "Vận động các hộ đóng góp quỹ khuyến học"),
            task(&cell, "Kiểm tra đường điện thôn"),
        );
        edit(&admin, |w| {
            w.insert(&mine)?;
            w.insert(&TaskAssignee::new(mine.id, cell.members[1]))?;
            w.insert(&others)?;
            w.insert(&TaskAssignee::new(others.id, cell.members[2]))
        });
        server.connect(&admin, &server.url, Whom::Admin);
        sync(&admin);
        server.connect(&secretary, &server.url, Whom::Member(cell.members[0]));
        server.connect(&member, &server.url, Whom::Member(cell.members[1]));
        sync(&secretary);
        sync(&member);
        Served {
            server,
            db,
            cell,
            admin,
            secretary,
            member,
            task: mine.id,
            others_task: others.id,
        }
    }

    fn meeting(&self) -> String {
        self.cell.meeting.to_string()
    }

    /// `sotay admin <args>` where the server's data is, on [`DAY`].
    fn admin(&self, args: &[&str]) -> Run {
        let db_args = self.db.args();
        let mut all = vec!["admin"];
        all.extend(args);
        all.extend(db_args.iter().map(String::as_str));
        DAY.sotay(Path::new("unused"), &all)
    }

    /// `sotay invite <args>` where the server's data is, on [`DAY`].
    fn invite(&self, args: &[&str]) -> Run {
        let db_args = self.db.args();
        let mut all = vec!["invite"];
        all.extend(args);
        all.extend(db_args.iter().map(String::as_str));
        DAY.sotay(Path::new("unused"), &all)
    }
}

fn sync(store: &Path) -> Value {
    DAY.sotay(store, &["sync", "--json"]).json()
}

/// A command that must pass on [`DAY`]; its answer as JSON.
fn ok(store: &Path, args: &[&str]) -> Value {
    ok_at(DAY, store, args)
}

fn ok_at(day: Day, store: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    day.sotay(store, &args).json()
}

/// A command that must fail with `code` on [`DAY`], saying `needle` and writing nothing.
fn refused(store: &Path, args: &[&str], code: i32, needle: &str) {
    let before = pending(store);
    DAY.sotay(store, args).fails(code, needle);
    assert_eq!(pending(store), before, "{args:?} wrote something");
}

fn the_members_commands_reach_the_secretary_and_bad_input_writes_nothing(dir: &Dir, db: Db) {
    let s = Served::start(dir, db);
    let (meeting, task) = (s.meeting(), s.task.to_string());
    let resolution = s.cell.resolution.to_string();

    // The absence reason, the idea on the draft (read from standard input), one on the meeting,
    // and progress on the task.
    let sent = ok(
        &s.member,
        &["absence", &meeting, "--reason", "Đi công tác tỉnh"],
    );
    assert_eq!(
        sent["my_attendance"]["status"], "absent_with_reason",
        "{sent}"
    );
    assert_eq!(sent["my_attendance"]["reason"], "Đi công tác tỉnh");
    let idea = "Bổ sung chỉ tiêu trồng 200 cây xanh vào mục 1.";
    let run = sotay_at_with_input(
        Some(DAY),
        &s.member,
        &[
            "idea",
            &meeting,
            "--resolution",
            &resolution,
            "--text",
            "-",
            "--json",
        ],
        idea,
    );
    let view = run.json();
    assert!(
        view["contributions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["body"] == idea && c["mine"] == true && c["resolution_id"] == resolution),
        "{view}"
    );
    let run = DAY.sotay(
        &s.member,
        &["idea", &meeting, "--text", "Đề nghị họp sớm hơn 30 phút."],
    );
    run.json_or_ok();
    assert!(
        run.stdout.contains("Idea saved on the meeting"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .trim_end()
            .ends_with("Run `sotay sync` to send it."),
        "{}",
        run.stdout
    );
    let card = ok(
        &s.member,
        &[
            "progress",
            &task,
            "--percent",
            "40",
            "--note",
            "Đã vận động 12 hộ",
        ],
    );
    assert_eq!(
        (&card["percent"], &card["status"], &card["last_note"]),
        (
            &Value::from(40),
            &Value::from("in_progress"),
            &Value::from("Đã vận động 12 hộ")
        ),
        "{card}"
    );
    // Without --percent, the last one reported stays, as in the window's form.
    let run = SECOND_REPORT.sotay(&s.member, &["progress", &task, "--note", "Thêm 5 hộ"]);
    run.json_or_ok();
    assert!(run.stdout.contains("Progress saved: 40%"), "{}", run.stdout);

    // Bad input: refused with its exit code, nothing written.
    let nowhere = Uuid::now_v7().to_string();
    refused(
        &s.member,
        &["absence", &nowhere, "--reason", "Ốm"],
        3,
        "no meeting",
    );
    refused(
        &s.member,
        &["absence", &meeting, "--reason", "  "],
        2,
        "reason",
    );
    refused(
        &s.member,
        &["absence", "họp-tháng-12", "--withdraw"],
        2,
        "is not an id",
    );
    refused(
        &s.member,
        &["idea", &nowhere, "--text", "Ý kiến"],
        3,
        "no meeting",
    );
    let others = s.others_task.to_string();
    refused(
        &s.member,
        &["progress", &others, "--note", "Xong"],
        2,
        "not assigned to you",
    );
    refused(
        &s.member,
        &["progress", &task, "--percent", "150", "--note", "Vượt"],
        2,
        "percent",
    );
    refused(
        &s.member,
        &["progress", &nowhere, "--note", "Xong"],
        3,
        "no task",
    );
    // The administrator's device acts as no member.
    refused(
        &s.admin,
        &["absence", &meeting, "--reason", "Ốm"],
        2,
        "from their own device",
    );

    // The secretary's device, after both sync: the absence in the roll call, both ideas, the
    // task's progress.
    sync(&s.member);
    sync(&s.secretary);
    let seen = ok(&s.secretary, &["meeting", &meeting]);
    let absent = &seen["roll_call"]["absent_with_reason"];
    assert!(
        absent
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["full_name"] == "Trần Thị Bình" && a["reason"] == "Đi công tác tỉnh"),
        "{seen}"
    );
    let ideas: Vec<(&str, &str)> = seen["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["member_name"].as_str().unwrap(),
                c["body"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(ideas.contains(&("Trần Thị Bình", idea)), "{ideas:?}");
    assert!(
        ideas.contains(&("Trần Thị Bình", "Đề nghị họp sớm hơn 30 phút.")),
        "{ideas:?}"
    );
    let on_task = seen["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == task.as_str())
        .unwrap();
    assert_eq!(
        (&on_task["percent"], &on_task["last_note"]),
        (&Value::from(40), &Value::from("Thêm 5 hộ")),
        "{on_task}"
    );

    // Withdrawn, and the task done: the secretary sees both.
    let back = ok(&s.member, &["absence", &meeting, "--withdraw"]);
    assert_eq!(back["my_attendance"]["status"], "expected", "{back}");
    let done = ok_at(
        LAST_REPORT,
        &s.member,
        &["progress", &task, "--note", "Đã thu đủ", "--done"],
    );
    assert_eq!(
        (&done["status"], &done["percent"]),
        (&Value::from("done"), &Value::from(100)),
        "{done}"
    );
    sync(&s.member);
    sync(&s.secretary);
    let seen = ok(&s.secretary, &["meeting", &meeting]);
    assert!(
        seen["roll_call"]["absent_with_reason"]
            .as_array()
            .is_none_or(|a| a.is_empty()),
        "{seen}"
    );
    let on_task = seen["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == task.as_str())
        .unwrap();
    assert_eq!(on_task["status"], "done", "{on_task}");
}

fn the_administrator_reads_names_beside_ids_and_whom_an_invite_is_for(dir: &Dir, db: Db) {
    let s = Served::start(dir, db);
    let meeting = s.meeting();
    ok(
        &s.member,
        &["absence", &meeting, "--reason", "Đi công tác tỉnh"],
    );
    sync(&s.member);

    // The audit log names the member who wrote, the record and its unit.
    let table = s.admin(&["audit"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    let binh = s.cell.members[1];
    assert!(
        table.stdout.contains(&format!("Trần Thị Bình ({binh})")),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("Chi bộ thôn Đông ("),
        "{}",
        table.stdout
    );
    let log = s.admin(&["audit", "--json"]).json();
    let entries = log.as_array().unwrap();
    let absence = entries
        .iter()
        .find(|e| e["entity"] == "attendance")
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(
        absence["member"],
        binh.to_string(),
        "the ids stay: {absence}"
    );
    assert_eq!(absence["member_name"], "Trần Thị Bình", "{absence}");
    assert_eq!(absence["record_name"], "Trần Thị Bình", "whose attendance");
    assert_eq!(absence["unit_name"], "Chi bộ thôn Đông", "{absence}");
    let unit = entries
        .iter()
        .find(|e| e["entity"] == "org_unit")
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(unit["record_name"], "Chi bộ thôn Đông", "{unit}");
    assert!(
        unit.get("member_name").is_none(),
        "the administrator's change"
    );

    // An invite: the code alone on standard output, whom it is for on standard error.
    let cuong = s.cell.members[2].to_string();
    for run in [
        s.invite(&["--member", &cuong]),
        s.admin(&["invite", "--member", &cuong]),
    ] {
        assert_eq!(run.code, 0, "{}", run.stderr);
        let code = run.stdout.trim();
        assert!(
            !code.is_empty() && !code.contains(char::is_whitespace),
            "{}",
            run.stdout
        );
        assert!(
            run.stderr
                .contains("Invite for Lê Văn Cường (Chi bộ thôn Đông), one device"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("it works once, until ") && run.stderr.contains("(Vietnam time)"),
            "{}",
            run.stderr
        );
    }
    let run = s.invite(&["--admin"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Invite for an administrator's device"),
        "{}",
        run.stderr
    );
    // The code joins a device.
    let code = s.invite(&["--member", &cuong]).stdout.trim().to_owned();
    s.server
        .sotay(
            &dir.path("cuong.db"),
            &["connect", "--server", &s.server.url, "--invite", &code],
        )
        .json_or_ok();

    // A transfer asked of a member's device says whose it is to make, before any unit is looked
    // up; on the administrator's device an unknown unit is still unknown.
    let (binh, nowhere) = (binh.to_string(), Uuid::now_v7().to_string());
    let args = [
        "transfer",
        "--member",
        &binh,
        "--to",
        &nowhere,
        "--on",
        "01/12/2026",
    ];
    refused(
        &s.member,
        &args,
        2,
        "transfers are made on an administrator's device",
    );
    refused(
        &s.secretary,
        &args,
        2,
        "transfers are made on an administrator's device",
    );
    refused(&s.admin, &args, 3, "no org_unit");
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    the_members_commands_reach_the_secretary_and_bad_input_writes_nothing,
    the_administrator_reads_names_beside_ids_and_whom_an_invite_is_for,
);
