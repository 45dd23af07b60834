//! Publishing downward, with a real `sotay serve`: the commune's committee publishes a guidance
//! with a file; every cell below receives it at its next sync and finds it by searching without
//! diacritics, a cell of another commune never does; a member reading it is noted, so the cell's
//! secretary sees who has read it and who has not; a plain member cannot publish, bad input is
//! refused with nothing written; a correction and a withdrawal reach the cells too.

use super::committee_steps::{Served, ok, refused};
use super::sync::{Whom, edit, sync};
use crate::util::{Db, Dir, sotay};
use sotay_core::model::{OrgUnit, Role, UnitLevel};
use sotay_test_support::fixtures;
use std::path::Path;

fn document_ids(store: &Path) -> Vec<String> {
    ok(store, &["documents"])
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect()
}

fn found(store: &Path, query: &str) -> Vec<String> {
    ok(store, &["search", query])
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["kind"] == "document")
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

fn a_commune_s_guidance_reaches_its_cells_who_read_it_is_seen(dir: &Dir, db: Db) {
    let commune = fixtures::unit(None, UnitLevel::Grassroots, "Đảng bộ xã Hòa Bình");
    let mut head = fixtures::member(commune.id, "Đinh Thị Hạnh");
    head.role = Role::Secretary;
    // Another commune, with a cell and a member of its own.
    let other_commune = fixtures::unit(None, UnitLevel::Grassroots, "Đảng bộ xã An Lạc");
    let other_cell = fixtures::unit(Some(other_commune.id), UnitLevel::Cell, "Chi bộ thôn Tây");
    let stranger = fixtures::member(other_cell.id, "Phạm Văn Dũng");
    let served = Served::start(dir, &db, |admin, cell| {
        edit(admin, |w| {
            w.insert(&commune)?;
            w.modify::<OrgUnit>(cell.unit, |u| u.parent_id = Some(commune.id))?;
            w.insert(&head)?;
            w.insert(&other_commune)?;
            w.insert(&other_cell)?;
            w.insert(&stranger)
        });
    });
    let (commune_dev, far) = (dir.path("commune.db"), dir.path("far.db"));
    served
        .server
        .connect(&commune_dev, &served.server.url, Whom::Member(head.id));
    served
        .server
        .connect(&far, &served.server.url, Whom::Member(stranger.id));
    sync(&commune_dev);
    sync(&far);

    let scan = dir.path("Hướng dẫn 12.pdf");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(40_000).collect();
    std::fs::write(&scan, &bytes).unwrap();
    let guidance = [
        "publish-document",
        "--kind",
        "guidance",
        "--number",
        "12-HD/ĐU",
        "--title",
        "Hướng dẫn sinh hoạt chi bộ theo chuyên đề năm 2027",
        "--summary",
        "Mỗi chi bộ sinh hoạt chuyên đề ít nhất một lần trong năm.",
        "--body",
        "1. Chủ đề do cấp ủy chọn.\n2. Gửi tài liệu trước một ngày.",
        "--issued-on",
        "20/11/2026",
        "--attach",
        scan.to_str().unwrap(),
    ];

    // Bad input writes nothing: a number that is not one, a meeting paper, an unreadable file,
    // and a plain member of a cell publishing.
    let mut bad = guidance.to_vec();
    bad[4] = "12/HD";
    assert!(refused(&commune_dev, &bad).contains("12-HD/BTCTW"));
    let mut bad = guidance.to_vec();
    bad[2] = "meeting_paper";
    refused(&commune_dev, &bad);
    let mut bad = guidance.to_vec();
    bad[14] = "không có.pdf";
    assert!(refused(&commune_dev, &bad).contains("cannot read"));
    refused(&served.member, &guidance);

    let view = ok(&commune_dev, &guidance);
    let id = view["card"]["id"].as_str().unwrap().to_owned();
    assert_eq!(view["card"]["number"], "12-HD/ĐU");
    assert_eq!(
        view["card"]["issuer"], "Đảng ủy xã Hòa Bình",
        "the commune's committee"
    );
    assert_eq!(view["card"]["issued_on"], "2026-11-20");
    assert_eq!(view["can_edit"], true);
    assert_eq!(view["files"][0]["file_name"], "Hướng dẫn 12.pdf");
    assert_eq!(sync(&commune_dev)["report"]["files_sent"], 1);

    // The cell's devices receive it, file and all, and find it without diacritics.
    assert_eq!(sync(&served.member)["report"]["files_fetched"], 1);
    sync(&served.secretary);
    for device in [&served.member, &served.secretary] {
        assert!(document_ids(device).contains(&id));
        assert_eq!(
            found(device, "huong dan sinh hoat chuyen de"),
            vec![id.clone()]
        );
    }
    // Another commune's cell never sees it.
    sync(&far);
    assert!(!document_ids(&far).contains(&id));
    assert!(found(&far, "huong dan sinh hoat").is_empty());
    assert_eq!(sotay(&far, &["document", &id]).code, 3);

    // The member reads it; a plain member does not see who read what, may not change it.
    let read = ok(&served.member, &["document", &id]);
    assert_eq!(
        read["card"]["summary"],
        "Mỗi chi bộ sinh hoạt chuyên đề ít nhất một lần trong năm."
    );
    assert!(read["readers"].is_null());
    assert_eq!(read["can_edit"], false);
    refused(&served.member, &["withdraw-document", &id]);
    sync(&served.member);
    sync(&served.secretary);
    let seen = ok(&served.secretary, &["document", &id]);
    let readers = seen["readers"].as_array().unwrap();
    assert_eq!(readers.len(), 3, "every member of the cell: {seen}");
    let opened = |name: &str| {
        readers
            .iter()
            .find(|r| r["full_name"] == name)
            .map(|r| !r["opened_at"].is_null())
            .unwrap()
    };
    assert!(opened("Trần Thị Bình"), "the member who read it");
    assert!(opened("Nguyễn Văn An"), "the secretary, reading it now");
    assert!(!opened("Lê Văn Cường"), "the member who has not");
    assert_eq!(
        readers[0]["full_name"], "Lê Văn Cường",
        "the one to remind first"
    );
    // Reading it again is the same record, not a second one.
    ok(&served.member, &["document", &id]);
    assert_eq!(super::committee_steps::pending(&served.member), 0);

    // A correction reaches the cell; a withdrawal takes it off.
    let mut fix = guidance.to_vec();
    fix.truncate(13);
    fix.extend(["--id", &id]);
    fix[6] = "Hướng dẫn sinh hoạt chi bộ chuyên đề năm 2027 (sửa đổi)";
    let fixed = ok(&commune_dev, &fix);
    assert_eq!(
        fixed["files"].as_array().unwrap().len(),
        1,
        "its file stays"
    );
    sync(&commune_dev);
    sync(&served.member);
    assert_eq!(
        ok(&served.member, &["document", &id])["card"]["title"],
        "Hướng dẫn sinh hoạt chi bộ chuyên đề năm 2027 (sửa đổi)"
    );
    let run = sotay(&commune_dev, &["withdraw-document", &id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    sync(&commune_dev);
    sync(&served.member);
    assert!(!document_ids(&served.member).contains(&id));
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_commune_s_guidance_reaches_its_cells_who_read_it_is_seen
);
