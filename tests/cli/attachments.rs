//! A meeting's papers as files, with a real `sotay serve`: attached by the secretary, sent with
//! the next sync, fetched by a member's device and written back out byte for byte; never shown
//! nor given to a device of another cell; taken off again everywhere; bad input refused with
//! nothing written.

use super::committee_steps::{Served, ok, refused};
use super::sync::{Whom, edit, sync};
use crate::util::{Db, Dir, sotay};
use sotay_core::model::{Attachment, UnitLevel, content_hash};
use sotay_store::Store;
use sotay_test_support::fixtures;
use std::path::Path;
use uuid::Uuid;

fn files_of(store: &Path, meeting: Uuid) -> Vec<(String, bool)> {
    Store::open(store)
        .unwrap()
        .meeting_files(meeting)
        .unwrap()
        .into_iter()
        .map(|f| (f.file_name, f.here))
        .collect()
}

fn a_paper_attached_by_the_secretary_reaches_members_and_no_other_cell(dir: &Dir, db: Db) {
    let other_cell = fixtures::unit(None, UnitLevel::Cell, "Chi bộ thôn Tây");
    let stranger = fixtures::member(other_cell.id, "Phạm Văn Dũng");
    let served = Served::start(dir, &db, |admin, _| {
        edit(admin, |w| {
            w.insert(&other_cell)?;
            w.insert(&stranger)
        });
    });
    let (secretary, member) = (served.secretary.clone(), served.member.clone());
    let meeting = served.cell.meeting;
    let m = meeting.to_string();

    // Bytes that are not text, under a Vietnamese name.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    let report = dir.path("Báo cáo chính trị.pdf");
    std::fs::write(&report, &bytes).unwrap();
    let empty = dir.path("trống.txt");
    std::fs::write(&empty, b"").unwrap();

    // Bad input: an empty file, a file that is not there, a plain member attaching.
    assert!(refused(&secretary, &["attach", &m, empty.to_str().unwrap()]).contains("empty"));
    let missing = dir.path("không có.pdf");
    assert!(
        refused(&secretary, &["attach", &m, missing.to_str().unwrap()]).contains("cannot read")
    );
    refused(&member, &["attach", &m, report.to_str().unwrap()]);

    let view = ok(&secretary, &["attach", &m, report.to_str().unwrap()]);
    assert_eq!(view["files"][0]["file_name"], "Báo cáo chính trị.pdf");
    assert_eq!(view["files"][0]["media_type"], "application/pdf");
    assert_eq!(view["files"][0]["here"], true);
    let attachment = view["files"][0]["id"].as_str().unwrap().to_owned();
    // Attaching the same file again is the same attachment.
    let again = ok(&secretary, &["attach", &m, report.to_str().unwrap()]);
    assert_eq!(again["files"].as_array().unwrap().len(), 1);

    let sent = sync(&secretary);
    assert_eq!(sent["report"]["files_sent"], 1, "{sent}");
    assert!(
        Store::open(&secretary)
            .unwrap()
            .files_to_send()
            .unwrap()
            .is_empty()
    );

    let fetched = sync(&member);
    assert_eq!(fetched["report"]["files_fetched"], 1, "{fetched}");
    assert_eq!(
        files_of(&member, meeting),
        [("Báo cáo chính trị.pdf".to_owned(), true)]
    );
    let out = dir.path("saved.pdf");
    let run = sotay(
        &member,
        &[
            "export",
            "attachment",
            &attachment,
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read(&out).unwrap(), bytes, "byte for byte");

    // A device of another cell neither sees the attachment nor gets its bytes by asking.
    let outsider = dir.path("outsider.db");
    served
        .server
        .connect(&outsider, &served.server.url, Whom::Member(stranger.id));
    sync(&outsider);
    let store = Store::open(&outsider).unwrap();
    let id = Uuid::parse_str(&attachment).unwrap();
    assert!(store.get::<Attachment>(id).unwrap().is_none());
    let token = store.local("sync_token").unwrap().unwrap();
    let asked = crate::util::http()
        .get(format!(
            "{}/v1/files/{}",
            served.server.url,
            content_hash(&bytes)
        ))
        .bearer_auth(token)
        .send()
        .unwrap();
    assert_eq!(asked.status(), reqwest::StatusCode::FORBIDDEN);
    let said: serde_json::Value = asked.json().unwrap();
    assert_eq!(said["kind"], "forbidden");

    // A file larger than a push body (16 MiB) still goes whole: files have a limit of their own.
    let big: Vec<u8> = (0..17 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    let map = dir.path("Bản đồ thôn.png");
    std::fs::write(&map, &big).unwrap();
    ok(&secretary, &["attach", &m, map.to_str().unwrap()]);
    assert_eq!(sync(&secretary)["report"]["files_sent"], 1);
    assert_eq!(sync(&member)["report"]["files_fetched"], 1);
    assert!(files_of(&member, meeting).iter().all(|(_, here)| *here));

    // Taken off the papers: gone from the member's device at its next sync.
    let view = ok(&secretary, &["detach", &attachment]);
    assert_eq!(view["files"].as_array().unwrap().len(), 1);
    sync(&secretary);
    sync(&member);
    assert_eq!(
        files_of(&member, meeting),
        [("Bản đồ thôn.png".to_owned(), true)]
    );
    let gone = sotay(&member, &["export", "attachment", &attachment]);
    assert_eq!(gone.code, 3, "{}", gone.stderr);
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_paper_attached_by_the_secretary_reaches_members_and_no_other_cell
);
