//! Notices over a real `sotay serve`, on both backends: the commune's committee posts an urgent
//! notice, which reaches the members of both its cells and never a cell of another commune; the
//! members read it, and the commune sees, cell by cell, who has; a plain member cannot post, a
//! cell's secretary cannot change the commune's notice; a correction and a withdrawal reach the
//! cells too.

use super::committee_steps::{UnderCommune, ok, pending, refused, under_commune};
use super::sync::{Whom, sync};
use crate::util::{Db, Dir, sotay};
use sotay_core::model::{OrgUnit, UnitLevel};
use sotay_test_support::fixtures;
use std::path::Path;

fn notice_ids(store: &Path) -> Vec<String> {
    ok(store, &["notice", "list"])["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect()
}

fn a_commune_s_notice_reaches_two_cells_and_it_sees_who_read_it(dir: &Dir, db: Db) {
    let second_cell = fixtures::unit(None, UnitLevel::Cell, "Chi bộ thôn Nam");
    let neighbour = fixtures::member(second_cell.id, "Hoàng Văn Em");
    let other_commune = fixtures::unit(None, UnitLevel::Grassroots, "Đảng bộ xã An Lạc");
    let other_cell = fixtures::unit(Some(other_commune.id), UnitLevel::Cell, "Chi bộ thôn Tây");
    let stranger = fixtures::member(other_cell.id, "Phạm Văn Dũng");
    let UnderCommune {
        served,
        device: commune_dev,
        ..
    } = under_commune(dir, &db, |w, commune| {
        w.insert(&OrgUnit {
            parent_id: Some(commune.id),
            ..second_cell.clone()
        })?;
        w.insert(&neighbour)?;
        w.insert(&other_commune)?;
        w.insert(&other_cell)?;
        w.insert(&stranger)
    });
    let (south, far) = (dir.path("south.db"), dir.path("far.db"));
    for (store, member) in [(&south, neighbour.id), (&far, stranger.id)] {
        served
            .server
            .connect(store, &served.server.url, Whom::Member(member));
        sync(store);
    }

    let post = [
        "notice",
        "post",
        "--title",
        "Họp chi bộ chuyển sang hội trường UBND xã",
        "--body",
        "Nhà văn hóa đang sửa. Các đồng chí mang theo thẻ đảng viên.",
        "--urgent",
        "--reply-by",
        "25/11/2026",
    ];
    // A plain member of a cell posts nothing; a bad date is refused; neither writes.
    refused(&served.member, &post);
    let mut bad = post.to_vec();
    bad[8] = "31/02/2026";
    assert!(refused(&commune_dev, &bad).contains("reply_by"));

    let view = ok(&commune_dev, &post);
    let id = view["card"]["id"].as_str().unwrap().to_owned();
    assert_eq!(view["card"]["urgent"], true);
    assert_eq!(view["card"]["reply_by"], "2026-11-25");
    assert_eq!(view["card"]["author_name"], "Đinh Thị Hạnh");
    assert_eq!(view["can_edit"], true);
    sync(&commune_dev);

    // Both cells' members receive it, unread; the other commune's cell never does.
    for device in [&served.member, &served.secretary, &south, &far] {
        sync(device);
    }
    for device in [&served.member, &served.secretary, &south] {
        let list = ok(device, &["notice", "list"]);
        assert_eq!(list["unread"], 1, "{list}");
        assert_eq!(list["notices"][0]["id"], id.as_str());
        assert_eq!(list["notices"][0]["unit_name"], "Đảng bộ xã Hòa Bình");
    }
    assert!(notice_ids(&far).is_empty());
    assert_eq!(sotay(&far, &["notice", "show", &id]).code, 3);

    // Two members read it; a plain member sees no reading list and may not change it, nor may
    // the cell's secretary, whose committee did not post it.
    let read = ok(&served.member, &["notice", "show", &id]);
    assert!(read["reads"].is_null());
    assert_eq!(read["can_edit"], false);
    assert!(!read["card"]["read_at"].is_null());
    ok(&south, &["notice", "show", &id]);
    ok(&south, &["notice", "show", &id]);
    assert_eq!(pending(&south), 1, "reading again is the same record");
    refused(&served.member, &["notice", "withdraw", &id]);
    let mut fix = post.to_vec();
    fix.extend(["--id", &id]);
    refused(&served.secretary, &fix);
    for device in [&served.member, &south, &commune_dev] {
        sync(device);
    }

    // The commune sees, cell by cell, who has read it.
    let seen = ok(&commune_dev, &["notice", "show", &id]);
    let reads = seen["reads"].as_array().unwrap();
    let count = |unit: &str| {
        reads
            .iter()
            .find(|u| u["unit_name"] == unit)
            .map(|u| (u["read"].as_i64().unwrap(), u["members"].as_i64().unwrap()))
            .unwrap_or_else(|| panic!("no {unit} in {seen}"))
    };
    assert_eq!(count("Chi bộ thôn Nam"), (1, 1));
    assert_eq!(count("Chi bộ thôn Đông"), (1, 3), "{seen}");
    assert_eq!(
        count("Đảng bộ xã Hòa Bình"),
        (1, 1),
        "the poster read it too"
    );
    assert!(
        reads.iter().all(|u| u["unit_name"] != "Chi bộ thôn Tây"),
        "another commune's cell is not the commune's to follow"
    );

    // A correction reaches the cells; a withdrawal takes it off every device.
    let mut fix = post.to_vec();
    fix[3] = "Họp chi bộ chuyển sang hội trường UBND xã (19 giờ 30)";
    fix.extend(["--id", &id]);
    ok(&commune_dev, &fix);
    sync(&commune_dev);
    sync(&south);
    assert_eq!(
        ok(&south, &["notice", "show", &id])["card"]["title"],
        "Họp chi bộ chuyển sang hội trường UBND xã (19 giờ 30)"
    );
    let run = sotay(&commune_dev, &["notice", "withdraw", &id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    sync(&commune_dev);
    sync(&south);
    sync(&served.member);
    assert!(notice_ids(&south).is_empty());
    assert!(notice_ids(&served.member).is_empty());
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_commune_s_notice_reaches_two_cells_and_it_sees_who_read_it
);
