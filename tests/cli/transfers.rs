//! A transfer end to end, with a real `sotay serve` and real stores: the administrator moves a
//! member to another cell with `sotay transfer`; at the member's next sync their own pending
//! change goes first, then their device forgets the old cell's private records and receives the
//! new cell's; the old cell's devices drop the member from their roster; and `sotay admin audit`
//! holds the transfer, the roster change, the secretary's minutes and the refused attempt.

use super::sync::{Server, Whom, edit as write, set_up, sync};
use crate::util::{Db, Dir, sotay};
use sotay_core::model::{Meeting, Member, OrgUnit, Transfer, UnitLevel};
use sotay_core::{EntityKind, Record};
use sotay_store::Store;
use sotay_test_support::fixtures;
use std::path::Path;
use uuid::Uuid;

fn has<R: Record>(store: &Path, id: Uuid) -> bool {
    Store::open(store).unwrap().get::<R>(id).unwrap().is_some()
}

/// `sotay admin audit` with `filter`, where the server's data is.
fn admin_audit(db: &Db, filter: &[&str]) -> crate::util::Run {
    let db_args = db.args();
    let mut args = vec!["admin", "audit"];
    args.extend(db_args.iter().map(String::as_str));
    args.extend(filter);
    let run = sotay(Path::new("unused"), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

fn audit(db: &Db, filter: &[&str]) -> Vec<serde_json::Value> {
    let mut filter = filter.to_vec();
    filter.push("--json");
    admin_audit(db, &filter).json().as_array().unwrap().clone()
}

fn a_transfer_moves_a_member_s_device_from_one_cell_s_data_to_the_other_s(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let (admin, secretary, member) = (
        dir.path("admin.db"),
        dir.path("secretary.db"),
        dir.path("member.db"),
    );
    let cell = set_up(&admin);
    let west = Uuid::now_v7();
    let west_meeting = fixtures::meeting(west, "Sinh hoạt thường kỳ tháng 12");
    write(&admin, |w| {
        w.insert(&OrgUnit {
            id: west,
            parent_id: None,
            level: UnitLevel::Cell,
            name: "Chi bộ thôn Tây".into(),
            code: None,
            closed_on: None,
            in_sotay_since: None,
        })?;
        w.insert(&west_meeting)
    });
    server.connect(&admin, &server.url, Whom::Admin);
    sync(&admin);
    let moving = cell.members[1];
    server.connect(&secretary, &server.url, Whom::Member(cell.members[0]));
    server.connect(&member, &server.url, Whom::Member(moving));
    sync(&secretary);
    sync(&member);
    assert!(has::<Meeting>(&member, cell.meeting) && !has::<Meeting>(&member, west_meeting.id));

    // The secretary writes the minutes; the member tries to, and is refused.
    write(&secretary, |w| {
        w.modify::<Meeting>(cell.meeting, |m| m.minutes = Some("Khai mạc.".into()))
            .map(|_| ())
    });
    sync(&secretary);
    write(&member, |w| {
        w.modify::<Meeting>(cell.meeting, |m| m.minutes = Some("Sửa.".into()))
            .map(|_| ())
    });
    sync(&member);

    // Offline, the member changes their phone number; meanwhile they are moved to the west cell.
    write(&member, |w| {
        w.modify::<Member>(moving, |m| m.phone = Some("0912 345 678".into()))
            .map(|_| ())
    });
    let (id, west_text) = (moving.to_string(), west.to_string());
    let transfer = |on: &str, more: &[&str]| {
        let mut args = vec!["transfer", "--member", &id, "--to", &west_text, "--on", on];
        args.extend(more);
        sotay(&admin, &args)
    };
    let run = transfer("01/12/2026", &["--reason", "Chuyển nơi cư trú"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A transfer to the unit the member is already in is refused, with nothing written.
    let again = transfer("02/12/2026", &[]);
    assert_ne!(again.code, 0);
    assert!(again.stderr.contains("another unit"), "{}", again.stderr);
    sync(&admin);

    // The member's next sync: their phone number goes first and is kept; then the east cell's
    // meeting leaves the device and the west cell's arrives, with the transfer.
    let run = sotay(&member, &["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("may no longer read"), "{}", run.stdout);
    assert!(
        !has::<Meeting>(&member, cell.meeting),
        "the old cell's meeting is forgotten"
    );
    assert!(
        has::<Meeting>(&member, west_meeting.id),
        "the new cell's meeting arrived"
    );
    let me: Member = Store::open(&member).unwrap().require(moving).unwrap();
    assert_eq!(
        (me.unit_id, me.phone.as_deref()),
        (west, Some("0912 345 678"))
    );
    let transfers: Vec<Transfer> = Store::open(&member)
        .unwrap()
        .snapshot()
        .unwrap()
        .into_iter()
        .filter(|(kind, ..)| *kind == EntityKind::Transfer)
        .map(|(_, id, fields)| Transfer::from_fields(id.parse().unwrap(), fields).unwrap())
        .collect();
    assert_eq!(transfers.len(), 1, "{transfers:?}");
    let t = &transfers[0];
    assert_eq!((t.from_unit_id, t.to_unit_id), (cell.unit, west));
    assert_eq!(t.reason.as_deref(), Some("Chuyển nơi cư trú"));
    sync(&admin);
    let on_server: Member = Store::open(&admin).unwrap().require(moving).unwrap();
    assert_eq!(on_server.phone.as_deref(), Some("0912 345 678"));

    // The east cell's secretary no longer has them on the roster.
    sync(&secretary);
    assert!(!has::<Member>(&secretary, moving));

    // The audit log: the minutes, the refused attempt, the transfer and the roster change.
    let by_secretary = audit(&db, &["--member", &cell.members[0].to_string()]);
    assert!(by_secretary.iter().any(|e| e["entity"] == "meeting"
        && e["changes"]["minutes"] == serde_json::json!([null, "Khai mạc."])));
    let by_member = audit(&db, &["--member", &id]);
    assert!(
        by_member
            .iter()
            .any(|e| e["entity"] == "meeting" && e["refused"] == "forbidden")
    );
    assert!(
        by_member
            .iter()
            .any(|e| e["entity"] == "member" && e["changes"]["phone"].is_array())
    );
    let west_log = audit(&db, &["--unit", &west_text, "--since", "01/01/2026"]);
    assert!(
        west_log
            .iter()
            .any(|e| e["entity"] == "transfer" && e["action"] == "insert")
    );
    assert!(west_log.iter().any(|e| e["entity"] == "member"
        && e["changes"]["unit_id"] == serde_json::json!([cell.unit.to_string(), west_text])));
    assert!(audit(&db, &["--until", "01/01/2020"]).is_empty());
    let table = admin_audit(&db, &[]);
    assert!(table.stdout.contains("insert transfer"), "{}", table.stdout);
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_transfer_moves_a_member_s_device_from_one_cell_s_data_to_the_other_s
);
