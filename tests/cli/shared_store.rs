//! The app and the command line on one store, as the README allows: a secretary's connected store
//! served by `sotay ui-bridge` (the app's own commands, with its background sync running) while
//! `sotay agenda … --add` and `sotay sync` run against the same file from other processes, in
//! turn, round after round.
//!
//! Before, opening the store read its header with a plain file handle; closing that handle
//! dropped every SQLite lock the process held on the file, so the next process to close believed
//! it was alone, checkpointed and deleted the WAL the bridge was still writing into. Writes were
//! lost, and the store ended "malformed".

use super::restart_app::meeting_ahead;
use super::sync::{Server, Whom, set_up, sync};
use super::ui_bridge::Bridge;
use crate::util::{Db, Dir, sotay};
use serde_json::json;

/// Rounds of one app write and one command-line write each (a `sotay sync` every fifth): about a
/// minute on a two-core machine.
const ROUNDS: usize = 600;

fn the_app_and_the_command_line_write_one_store_and_lose_nothing(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let admin = dir.path("admin.db");
    let cell = set_up(&admin);
    // A meeting still ahead, whatever today is: agenda items and ideas go on meetings to come.
    let meeting = meeting_ahead(&admin, cell.unit);
    server.connect(&admin, &server.url, Whom::Admin);
    sync(&admin);

    let secretary = dir.path("secretary.db");
    server.connect(&secretary, &server.url, Whom::Member(cell.members[0]));
    sync(&secretary);
    let ui = dir.path("ui");
    std::fs::create_dir_all(&ui).unwrap();
    let bridge = Bridge::start(&secretary, &ui);
    let meeting_id = meeting.to_string();

    for round in 0..ROUNDS {
        bridge
            .call(
                "add_contribution",
                json!({
                    "meeting_id": meeting_id,
                    "body": format!("Ý kiến từ ứng dụng {round}"),
                }),
            )
            .unwrap_or_else(|e| panic!("round {round}: {e:?}\n{}", bridge.log()));
        sotay(
            &secretary,
            &[
                "agenda",
                &meeting_id,
                "--add",
                &format!("Mục từ dòng lệnh {round}"),
            ],
        )
        .json_or_ok();
        if round % 5 == 4 {
            sync(&secretary);
        }
        let deleted = bridge.deleted_store_files();
        assert!(
            deleted.is_empty(),
            "round {round}: the app writes into store files deleted under it: {deleted:?}"
        );
    }
    // Everything both wrote reaches the server: the app's own "Sync now", then the command line.
    let after = bridge.call("sync_now", json!({})).unwrap();
    assert_eq!(after["pending_changes"], 0, "{after}");
    bridge.stop();
    sync(&secretary);

    let conn = rusqlite::Connection::open(&secretary).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let count =
        |sql: &str| -> usize { conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize };
    assert_eq!(
        count("SELECT count(*) FROM contribution WHERE body LIKE 'Ý kiến từ ứng dụng %'"),
        ROUNDS,
        "every write the app made is in the store"
    );
    assert_eq!(
        count("SELECT count(*) FROM agenda_item WHERE title LIKE 'Mục từ dòng lệnh %'"),
        ROUNDS,
        "every write the command line made is in the store"
    );
    drop(conn);
    let store = sotay_store::Store::open(&secretary).unwrap();
    assert_eq!(
        store.pending_changes().unwrap(),
        0,
        "the outbox holds exactly what was not pushed: nothing, after the last sync"
    );
    drop(store);

    // And another device of the cell receives all of it from the server.
    sync(&admin);
    let conn = rusqlite::Connection::open(&admin).unwrap();
    let count =
        |sql: &str| -> usize { conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize };
    assert_eq!(
        count("SELECT count(*) FROM contribution WHERE body LIKE 'Ý kiến từ ứng dụng %'"),
        ROUNDS
    );
    assert_eq!(
        count("SELECT count(*) FROM agenda_item WHERE title LIKE 'Mục từ dòng lệnh %'"),
        ROUNDS
    );
}

#[test]
fn the_app_and_the_command_line_share_a_store_on_sqlite() {
    let dir = Dir::new();
    let db = Db::Sqlite(dir.path("server"));
    the_app_and_the_command_line_write_one_store_and_lose_nothing(&dir, db);
}
