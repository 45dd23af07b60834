//! The app and the command line on one store, as the README allows: a secretary's connected store
//! served by `sotay ui-bridge` (the app's own commands, with its background sync running) while
//! `sotay agenda … --add` and `sotay sync` run against the same file from other processes, in
//! turn, round after round.
//!
//! Before, opening the store read its header with a plain file handle; closing that handle
//! dropped every SQLite lock the process held on the file, so the next process to close believed
//! it was alone, checkpointed and deleted the WAL the bridge was still writing into. Writes were
//! lost, and the store ended "malformed".

use super::sync::{Server, Whom, set_up, sync};
use crate::util::{Db, Dir, sotay};
use chrono::{Duration, Utc};
use serde_json::{Value, json};
use sotay_core::model::Meeting;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Rounds of one app write and one command-line write each (a `sotay sync` every fifth): about a
/// minute on a two-core machine.
const ROUNDS: usize = 400;

/// A running `sotay ui-bridge` on a store, stopped with SIGTERM as a person closing it would.
struct Bridge {
    child: Child,
    url: String,
    http: reqwest::blocking::Client,
}

impl Bridge {
    fn start(store: &Path, ui: &Path) -> Bridge {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sotay"))
            .arg("--store")
            .arg(store)
            .args(["ui-bridge", "--listen", "127.0.0.1:0", "--ui"])
            .arg(ui)
            .env_remove("SOTAY_STORE")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .to_owned();
        Bridge {
            child,
            url,
            http: reqwest::blocking::Client::new(),
        }
    }

    /// Calls one of the app's commands, as the window does.
    fn call(&self, command: &str, args: Value) -> Value {
        let resp = self
            .http
            .post(format!("{}/api/{command}", self.url))
            .json(&args)
            .send()
            .unwrap();
        let status = resp.status();
        let body: Value = resp.json().unwrap();
        assert!(status.is_success(), "{command}: {status} {body}");
        body
    }

    /// The store files this process holds open that have been unlinked under it: a WAL deleted
    /// by another process while this one still writes into it.
    fn deleted_files(&self) -> Vec<String> {
        let Ok(fds) = std::fs::read_dir(format!("/proc/{}/fd", self.child.id())) else {
            return Vec::new();
        };
        fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
            .map(|target| target.display().to_string())
            .filter(|target| target.contains(".db") && target.ends_with("(deleted)"))
            .collect()
    }

    fn stop(mut self) {
        let stopped = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(stopped.success());
        let exit = self.child.wait().unwrap();
        assert!(exit.success(), "the bridge exited with {exit}");
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn the_app_and_the_command_line_write_one_store_and_lose_nothing(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let admin = dir.path("admin.db");
    let cell = set_up(&admin);
    // A meeting still ahead, whatever today is: agenda items and ideas go on meetings to come.
    let meeting = cell.meeting;
    let ahead = Utc::now() + Duration::days(30);
    sotay_store::Store::open(&admin)
        .unwrap()
        .write(|w| {
            w.modify::<Meeting>(meeting, |m| m.starts_at = ahead)
                .map(drop)
        })
        .unwrap();
    server.connect(&admin, &server.url, Whom::Admin);
    sync(&admin);

    let secretary = dir.path("secretary.db");
    server.connect(&secretary, &server.url, Whom::Member(cell.members[0]));
    sync(&secretary);
    let ui = dir.path("ui");
    std::fs::create_dir_all(&ui).unwrap();
    let bridge = Bridge::start(&secretary, &ui);
    let (meeting_id, resolution_id) = (meeting.to_string(), cell.resolution.to_string());

    for round in 0..ROUNDS {
        bridge.call(
            "add_contribution",
            json!({
                "meeting_id": meeting_id,
                "resolution_id": resolution_id,
                "body": format!("Ý kiến từ ứng dụng {round}"),
            }),
        );
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
        let deleted = bridge.deleted_files();
        assert!(
            deleted.is_empty(),
            "round {round}: the app writes into store files deleted under it: {deleted:?}"
        );
    }
    // Everything both wrote reaches the server: the app's own "Sync now", then the command line.
    let after = bridge.call("sync_now", json!({}));
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
