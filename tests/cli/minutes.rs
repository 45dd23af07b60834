//! After the meeting, from the command line with a real `sotay serve`: documents sent late are
//! said to be late; the minutes are drafted from what was recorded, saved, adopted and locked —
//! here, and on the server, which refuses a later change from any committee device; the PDF
//! for the minutes book is read back by `pdftotext` with its Vietnamese intact; and the next
//! meeting reviews the task, its note in the next minutes.

use super::committee_steps::{Served, ok, refused};
use super::sync::{edit as write, sync};
use crate::util::{Db, Dir, sotay};
use chrono::{Duration, Utc};
use sotay_core::model::{Meeting, TaskProgress, TaskStatus};
use sotay_core::time::ZONE;
use sotay_store::Store;
use std::path::Path;
use std::process::Command;
use uuid::Uuid;

fn text(store: &Path, args: &[&str]) -> String {
    let run = sotay(store, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

fn schedule(store: &Path, at: chrono::DateTime<Utc>, topic: &str) -> String {
    let at = at.with_timezone(&ZONE).format("%d/%m/%Y %H:%M").to_string();
    let view = ok(
        store,
        &[
            "meeting",
            "new",
            "--at",
            &at,
            "--place",
            "Nhà văn hóa thôn Đông",
            "--topic",
            topic,
        ],
    );
    view["id"].as_str().unwrap().to_owned()
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils; scripts/deps.sh test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn the_minutes_are_drafted_adopted_locked_printed_and_the_next_meeting_reviews_the_task(
    dir: &Dir,
    db: Db,
) {
    let served = Served::start(dir, &db, |_, _| {});
    let (secretary, member, cell) = (&served.secretary, &served.member, &served.cell);
    let (secretary, member) = (secretary.clone(), member.clone());
    let (an, binh) = (cell.members[0], cell.members[1]);

    // Three hours ahead: the documents go out, later than the day members should have.
    let m = schedule(
        &secretary,
        Utc::now() + Duration::hours(3),
        "Sinh hoạt tháng này",
    );
    let run = sotay(&secretary, &["publish", &m]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("published late"), "{}", run.stderr);
    sync(&secretary);
    sync(&member);
    let meeting = Uuid::parse_str(&m).unwrap();
    let seen: Meeting = Store::open(&member).unwrap().require(meeting).unwrap();
    assert!(seen.published_at.is_some(), "the member's device knows");

    // Before it is opened, nothing of it is recorded; three hours early, opening it asks first.
    let who = an.to_string();
    for args in [
        &["attend", &m, "--member", &who, "--status", "present"][..],
        &["speak", &m, "--member", &who, "--view", "Sớm quá."][..],
    ] {
        let stderr = refused(&secretary, args);
        assert!(stderr.contains("has not been opened"), "{stderr}");
    }
    let stderr = refused(&secretary, &["meeting", "start", &m]);
    assert!(stderr.contains("run again with --early"), "{stderr}");

    // The meeting, opened early: roll call, a speaker, the draft adopted, a task.
    ok(&secretary, &["meeting", "start", &m, "--early"]);
    let opened: Meeting = Store::open(&secretary).unwrap().require(meeting).unwrap();
    let began = opened.started_at.expect("the actual start is kept");
    assert_ne!(began, opened.starts_at);
    for who in [an, binh] {
        let who = who.to_string();
        ok(
            &secretary,
            &["attend", &m, "--member", &who, "--status", "present"],
        );
    }
    ok(
        &secretary,
        &[
            "speak",
            &m,
            "--member",
            &binh.to_string(),
            "--view",
            "Đề nghị bê tông hóa đường liên thôn trước Tết.",
        ],
    );
    let view = ok(
        &secretary,
        &[
            "draft",
            &m,
            "--title",
            "Nghị quyết về đường liên thôn",
            "--text",
            "Hoàn thành đường liên thôn.",
        ],
    );
    let resolution = view["resolutions"][0]["id"].as_str().unwrap().to_owned();
    ok(&secretary, &["adopt", &resolution, "--for", "2"]);
    let due = (Utc::now() + Duration::days(20))
        .with_timezone(&ZONE)
        .format("%d/%m/%Y")
        .to_string();
    ok(
        &secretary,
        &[
            "task",
            "assign",
            "--meeting",
            &m,
            "--title",
            "Vận động các hộ hiến đất",
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
            "--chair",
            &an.to_string(),
            "--minute-taker",
            &binh.to_string(),
            "--conclusion",
            "Chi bộ thống nhất làm đường.",
        ],
    );

    // Minutes not written are not adopted; the draft names the speaker, the tally, the task.
    let stderr = refused(&secretary, &["minutes", &m, "--adopt"]);
    assert!(stderr.contains("write the minutes first"), "{stderr}");
    let draft = text(&secretary, &["minutes", &m, "--draft"]);
    // The minutes say when it began, not when it was scheduled, and leave its end to be said.
    let clock = |at: chrono::DateTime<Utc>| {
        at.with_timezone(&ZONE)
            .format("%-H giờ %M phút, ngày %d/%m/%Y")
            .to_string()
    };
    assert!(
        draft.contains(&format!("- Thời gian: bắt đầu lúc {}.", clock(began))),
        "{draft}"
    );
    assert!(!draft.contains(&clock(opened.starts_at)), "{draft}");
    assert!(
        draft.contains("Cuộc họp kết thúc lúc …… giờ …… phút."),
        "{draft}"
    );
    for line in [
        "BIÊN BẢN",
        "- Chủ trì: đồng chí Nguyễn Văn An.",
        "- Đồng chí Trần Thị Bình: Đề nghị bê tông hóa đường liên thôn trước Tết.",
        "Chi bộ biểu quyết thông qua Nghị quyết về đường liên thôn: 2 đồng chí tán thành (100,0%)",
        "- Vận động các hộ hiến đất: Trần Thị Bình, hạn",
    ] {
        assert!(draft.contains(line), "{line}\n{draft}");
    }
    let edited = draft.replace(
        "Chi bộ thống nhất làm đường.",
        "Chi bộ thống nhất làm đường, xong trước Tết.",
    );
    ok(&secretary, &["minutes", &m, "--text", &edited, "--adopt"]);
    let closed: Meeting = Store::open(&secretary).unwrap().require(meeting).unwrap();
    assert!(
        closed.ended_at.is_some(),
        "adopting the minutes closes the meeting"
    );

    // Locked: nothing more is recorded here…
    let stderr = refused(
        &secretary,
        &[
            "speak",
            &m,
            "--member",
            &an.to_string(),
            "--view",
            "Thêm ý.",
        ],
    );
    assert!(stderr.contains("adopted"), "{stderr}");
    sync(&secretary);
    // …and a committee device that writes anyway (an older version, a script) is refused by
    // the server: every device keeps the adopted record.
    write(&secretary, |w| {
        w.modify::<Meeting>(meeting, |m| {
            m.conclusion = Some("Sửa sau khi thông qua".into())
        })
        .map(|_| ())
    });
    sync(&secretary);
    sync(&member);
    for store in [&secretary, &member] {
        let kept: Meeting = Store::open(store).unwrap().require(meeting).unwrap();
        assert_eq!(
            kept.conclusion.as_deref(),
            Some("Chi bộ thống nhất làm đường."),
            "{}",
            store.display()
        );
        assert!(kept.minutes_adopted_at.is_some());
        assert!(kept.minutes.unwrap().contains("xong trước Tết"));
    }

    // The PDF for the minutes book, read back.
    let pdf = dir.path("bien-ban.pdf");
    let run = sotay(
        &member,
        &[
            "export",
            "minutes",
            &m,
            "--pdf",
            "--output",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let printed = pdf_text(&pdf);
    for words in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BIÊN BẢN",
        "Nhà văn hóa thôn Đông",
        "Đồng chí Trần Thị Bình: Đề nghị bê tông hóa đường liên thôn",
        "2 đồng chí tán thành",
        "THƯ KÝ",
        "CHỦ TRÌ",
    ] {
        assert!(printed.contains(words), "{words}\n{printed}");
    }
    assert!(
        !printed.contains("DỰ THẢO"),
        "adopted minutes are not a draft"
    );

    // The member reports; the next meeting reviews the task, and its minutes say so.
    let task = Store::open(&member)
        .unwrap()
        .meeting_detail(meeting)
        .unwrap()
        .tasks[0]
        .task
        .id;
    write(&member, |w| {
        w.insert(&TaskProgress {
            id: sotay_core::id::new_id(),
            task_id: task,
            member_id: Some(binh),
            noted_at: Utc::now(),
            percent: Some(40),
            note: "Đã vận động 8 hộ.".into(),
        })?;
        w.modify::<sotay_core::model::Task>(task, |t| t.status = TaskStatus::InProgress)
            .map(|_| ())
    });
    sync(&member);
    sync(&secretary);
    let next = schedule(
        &secretary,
        Utc::now() + Duration::days(30),
        "Sinh hoạt tháng sau",
    );
    ok(&secretary, &["meeting", "start", &next, "--early"]);
    let draft = text(&secretary, &["minutes", &next, "--draft"]);
    assert!(
        draft.contains(
            "- Vận động các hộ hiến đất (Trần Thị Bình): chưa hoàn thành — Đã vận động 8 hộ."
        ),
        "{draft}"
    );
    ok(
        &secretary,
        &[
            "task",
            "review",
            "--meeting",
            &next,
            "--task",
            &task.to_string(),
            "--not-done",
            "--note",
            "Còn 4 hộ chưa đồng ý, chờ thôn họp dân.",
        ],
    );
    let draft = text(&secretary, &["minutes", &next, "--draft"]);
    assert!(
        draft.contains("chưa hoàn thành — Còn 4 hộ chưa đồng ý, chờ thôn họp dân."),
        "{draft}"
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    the_minutes_are_drafted_adopted_locked_printed_and_the_next_meeting_reviews_the_task
);

/// A cell under a commune and one of its meetings, held on 20/11/2026 with `minutes` typed by
/// hand: no server needed to print them.
fn held_meeting(store: &Path, kind: sotay_core::model::MeetingKind, minutes: &str) -> Uuid {
    use chrono::TimeZone;
    use sotay_core::model::{MeetingStatus, UnitLevel};
    use sotay_test_support::fixtures;
    let commune = fixtures::unit(None, UnitLevel::Grassroots, "Đảng bộ xã An Bình");
    let cell = fixtures::unit(Some(commune.id), UnitLevel::Cell, "Chi bộ thôn Đông");
    let mut meeting = fixtures::meeting(cell.id, "Sinh hoạt chi bộ");
    meeting.kind = kind;
    meeting.starts_at = ZONE
        .with_ymd_and_hms(2026, 11, 20, 19, 30, 0)
        .unwrap()
        .with_timezone(&Utc);
    meeting.place = "Nhà văn hóa thôn Đông".into();
    meeting.status = MeetingStatus::Held;
    meeting.minutes = Some(minutes.into());
    let id = meeting.id;
    Store::open(store)
        .unwrap()
        .write(|w| {
            w.insert(&commune)?;
            w.insert(&cell)?;
            w.insert(&meeting)
        })
        .unwrap();
    id
}

#[test]
fn minutes_typed_without_a_title_still_print_the_books_heading_title_place_and_date() {
    use sotay_core::model::MeetingKind;
    for (kind, title, minutes) in [
        (
            MeetingKind::Regular,
            "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026",
            "Chi bộ họp đủ, thống nhất làm đường liên thôn trước Tết.",
        ),
        (
            MeetingKind::Thematic,
            "SINH HOẠT CHI BỘ CHUYÊN ĐỀ",
            "BIÊN BẢN\nHọc tập chuyên đề năm 2026\n\nI. NỘI DUNG\n- Thảo luận.",
        ),
    ] {
        let dir = Dir::new();
        let store = dir.store();
        let id = held_meeting(&store, kind, minutes).to_string();
        let pdf = dir.path("bien-ban.pdf");
        let out = pdf.to_str().unwrap();
        sotay(&store, &["export", "minutes", &id, "--output", out]).json_or_ok();
        // In reading order, white space folded: a line the page wraps still reads whole.
        let out = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let printed = String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for expected in [
            "ĐẢNG BỘ XÃ AN BÌNH",
            "CHI BỘ THÔN ĐÔNG",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Nhà văn hóa thôn Đông, ngày 20 tháng 11 năm 2026",
            title,
        ] {
            assert!(printed.contains(expected), "{expected:?} in:\n{printed}");
        }
        assert_eq!(
            printed.matches("BIÊN BẢN").count(),
            1,
            "the title once, whatever the text says:\n{printed}"
        );
        let body = minutes.lines().last().unwrap().trim_start_matches("- ");
        assert!(printed.contains(body), "the text itself:\n{printed}");
    }
}
