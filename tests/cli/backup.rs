//! A server restored from a backup, with a device that synced after the backup was taken: on
//! SQLite by `sotay admin backup` (while the server runs) and `sotay admin restore`; on PostgreSQL
//! by `pg_dump` and `pg_restore` and `sotay admin restored`. The device sends again what the
//! restored server lacks, its cursor starts over, and another device then has everything.

use super::sync::{Server, Whom, set_up};
use crate::util::{Db, Dir, sotay};
use serde_json::Value;
use sotay_core::id::new_id;
use sotay_core::model::{Meeting, Member};
use sotay_store::Store;
use std::path::Path;
use std::process::Command;
use uuid::Uuid;

fn sync(store: &Path) -> Value {
    sotay(store, &["sync", "--json"]).json()
}

fn names(store: &Path) -> Vec<String> {
    let members = sotay(store, &["members", "--json"]).json();
    let mut names: Vec<String> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["full_name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

fn topic(store: &Path, meeting: Uuid) -> String {
    Store::open(store)
        .unwrap()
        .get::<Meeting>(meeting)
        .unwrap()
        .unwrap()
        .topic
}

/// Puts the server's database back as it was at the backup; returns the database to serve.
type Restore = fn(&Dir, &Db, &Path) -> Db;

fn restore_sqlite(_: &Dir, db: &Db, backup: &Path) -> Db {
    let restored = sotay(
        Path::new("unused"),
        &[
            &["admin", "restore"][..],
            &db_args(db),
            &[backup.to_str().unwrap(), "--json"],
        ]
        .concat(),
    )
    .json();
    assert!(restored["epoch"].is_string(), "{restored}");
    assert!(restored["replaced_kept_at"].is_string(), "{restored}");
    db.clone()
}

fn restore_postgres(dir: &Dir, db: &Db, dump: &Path) -> Db {
    let Db::Postgres(_) = db else { unreachable!() };
    let target = sotay_test_support::postgres::fresh_database().unwrap();
    let status = Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "-d", &target])
        .arg(dump)
        .status()
        .unwrap();
    assert!(status.success(), "pg_restore failed");
    let restored = Db::Postgres(target);
    let said = sotay(
        &dir.store(),
        &[&["admin", "restored"][..], &db_args(&restored)].concat(),
    );
    said.json_or_ok();
    assert!(said.stdout.contains("new epoch"), "{}", said.stdout);
    restored
}

fn db_args(db: &Db) -> Vec<&str> {
    match db {
        Db::Sqlite(dir) => vec!["--data", dir.to_str().unwrap()],
        Db::Postgres(url) => vec!["--database-url", url.as_str()],
    }
}

/// A copy of the server's database while it runs: `sotay admin backup`, or `pg_dump`.
fn back_up(dir: &Dir, db: &Db) -> (std::path::PathBuf, Restore) {
    let file = dir.path("backup");
    match db {
        Db::Sqlite(_) => {
            let made = sotay(
                Path::new("unused"),
                &[
                    &["admin", "backup"][..],
                    &db_args(db),
                    &[file.to_str().unwrap(), "--json"],
                ]
                .concat(),
            )
            .json();
            assert!(made["records"].as_i64().unwrap() > 5, "{made}");
            (file, restore_sqlite)
        }
        Db::Postgres(url) => {
            let status = Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "-d", url, "-f"])
                .arg(&file)
                .status()
                .unwrap();
            assert!(status.success(), "pg_dump failed");
            (file, restore_postgres)
        }
    }
}

fn a_device_that_synced_after_the_backup_sends_again_what_the_restore_lost(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let secretary = dir.path("secretary.db");
    let cell = set_up(&secretary);
    server.connect(&secretary, &server.url, Whom::Admin);
    sync(&secretary);
    let (backup, restore) = back_up(dir, &db);

    // After the backup: a new member, and the meeting renamed; both reach the server.
    let new_member = new_id();
    {
        let mut store = Store::open(&secretary).unwrap();
        let someone: Member = store.require(cell.members[1]).unwrap();
        store
            .write(|w| {
                w.modify::<Meeting>(cell.meeting, |m| {
                    m.topic = "Sinh hoạt chi bộ tháng 12 (đổi địa điểm)".into();
                })?;
                w.insert(&Member {
                    id: new_member,
                    full_name: "Phạm Thị Dung".into(),
                    ..someone
                })
            })
            .unwrap();
    }
    assert_eq!(sync(&secretary)["report"]["pushed"], 2);
    // The restored server answers where the devices know it.
    let listen = server.url.trim_start_matches("http://").to_owned();
    drop(server);

    let db = restore(dir, &db, &backup);
    let server = Server::start_on(&db, &listen);
    // A device joining the restored server finds the database as it was at the backup.
    let other = dir.path("other.db");
    server.connect(&other, &server.url, Whom::Admin);
    sync(&other);
    assert!(!names(&other).contains(&"Phạm Thị Dung".to_owned()));

    // The secretary's device hears the new epoch: its own records go up again, nothing is lost.
    let round = sync(&secretary);
    assert!(round["report"]["resent"].as_u64().unwrap() >= 6, "{round}");
    assert!(names(&secretary).contains(&"Phạm Thị Dung".to_owned()));
    assert_eq!(
        topic(&secretary, cell.meeting),
        "Sinh hoạt chi bộ tháng 12 (đổi địa điểm)"
    );
    assert_eq!(
        sotay(&secretary, &["status", "--json"]).json()["pending_changes"],
        0
    );

    // The other device now has both; and its own change reaches the secretary's (the cursor
    // started over, so nothing written after the restore is skipped).
    sync(&other);
    assert_eq!(names(&other), names(&secretary));
    assert_eq!(
        topic(&other, cell.meeting),
        "Sinh hoạt chi bộ tháng 12 (đổi địa điểm)"
    );
    {
        let mut store = Store::open(&other).unwrap();
        store
            .write(|w| {
                w.modify::<Meeting>(cell.meeting, |m| {
                    m.topic = "Sinh hoạt chi bộ tháng 12".into()
                })
            })
            .unwrap();
    }
    sync(&other);
    let again = sync(&secretary);
    assert_eq!(again["report"]["resent"], 0, "once is enough: {again}");
    assert_eq!(topic(&secretary, cell.meeting), "Sinh hoạt chi bộ tháng 12");
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_device_that_synced_after_the_backup_sends_again_what_the_restore_lost,
);

#[test]
fn restore_refuses_while_the_server_runs_and_a_file_that_is_no_backup() {
    let dir = Dir::new();
    let db = Db::Sqlite(dir.path("server"));
    let server = Server::start(&db);
    let backup = dir.path("backup.db");
    let args = |cmd: &str, file: &Path| -> Vec<String> {
        let mut v: Vec<String> = vec!["admin".into(), cmd.into()];
        v.extend(db_args(&db).iter().map(|s| (*s).to_owned()));
        v.push(file.display().to_string());
        v
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        sotay(Path::new("unused"), &a)
    };
    run(args("backup", &backup)).json_or_ok();
    run(args("restore", &backup)).fails(1, "stop it before restoring");
    drop(server);
    let not_a_backup = dir.path("notes.txt");
    std::fs::write(&not_a_backup, "không phải bản sao").unwrap();
    run(args("restore", &not_a_backup)).fails(1, "is not a backup of a Sotay server's database");
    run(args("restore", &dir.path("missing.db"))).fails(1, "there is no such file");
    run(args("restore", &backup)).json_or_ok();
}
