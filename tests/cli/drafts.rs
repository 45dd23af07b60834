//! Two members of the cell committee — the secretary and the deputy — edit the same draft
//! resolution offline on their own laptops with `sotay draft`; after both sync, every device (a
//! plain member's too) has one text with both edits, merged word by word.

use super::committee_steps::{Served, ok};
use super::sync::{Whom, edit as write, sync};
use crate::util::{Db, Dir};
use chrono::{Duration, Utc};
use sotay_core::model::{Member, Resolution, Role};
use sotay_core::time::ZONE;
use sotay_store::Store;
use uuid::Uuid;

const DRAFT: &str =
    "1. Mỗi hộ góp 2 ngày công làm đường.\n2. Hoàn thành trước Tết.\n3. Thu đảng phí đúng hạn.";

fn two_committee_members_edit_one_draft_offline_and_every_device_has_both_edits(dir: &Dir, db: Db) {
    // The administrator makes the third member deputy secretary.
    let served = Served::start(dir, &db, |admin, cell| {
        write(admin, |w| {
            w.modify::<Member>(cell.members[2], |m| m.role = Role::DeputySecretary)
                .map(|_| ())
        });
    });
    let (secretary, member) = (served.secretary.clone(), served.member.clone());
    let deputy = dir.path("deputy.db");
    let server = &served.server;
    server.connect(&deputy, &server.url, Whom::Member(served.cell.members[2]));

    let at = (Utc::now() + Duration::days(5))
        .with_timezone(&ZONE)
        .format("%d/%m/%Y 19:30")
        .to_string();
    let view = ok(
        &secretary,
        &[
            "meeting",
            "new",
            "--at",
            &at,
            "--place",
            "Nhà văn hóa",
            "--topic",
            "Sinh hoạt",
        ],
    );
    let m = view["id"].as_str().unwrap().to_owned();
    let view = ok(
        &secretary,
        &["draft", &m, "--title", "Nghị quyết tháng", "--text", DRAFT],
    );
    let r = view["resolutions"][0]["id"].as_str().unwrap().to_owned();
    sync(&secretary);
    sync(&deputy);

    // Offline, each on their own laptop: the secretary changes the first line, the deputy the
    // third.
    let mine = DRAFT.replace("2 ngày công", "3 ngày công");
    ok(
        &secretary,
        &[
            "draft",
            &m,
            "--resolution",
            &r,
            "--title",
            "Nghị quyết tháng",
            "--text",
            &mine,
        ],
    );
    let theirs = DRAFT.replace("đúng hạn", "đúng hạn, đủ mức");
    ok(
        &deputy,
        &[
            "draft",
            &m,
            "--resolution",
            &r,
            "--title",
            "Nghị quyết tháng",
            "--text",
            &theirs,
        ],
    );
    sync(&secretary);
    sync(&deputy);
    sync(&secretary);
    sync(&member);

    let merged = "1. Mỗi hộ góp 3 ngày công làm đường.\n2. Hoàn thành trước Tết.\n3. Thu đảng phí đúng hạn, đủ mức.";
    let id = Uuid::parse_str(&r).unwrap();
    for store in [&secretary, &deputy, &member] {
        let draft: Resolution = Store::open(store).unwrap().require(id).unwrap();
        assert_eq!(draft.draft, merged, "{}", store.display());
    }
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    two_committee_members_edit_one_draft_offline_and_every_device_has_both_edits
);
