//! Sync end to end: a real `sotay serve` process on 127.0.0.1, three real client stores, offline
//! edits on all of them (the same field, the same draft, the same roll-call line), synced with the
//! real `sotay sync`; and what the server answers to requests outside the protocol.

use crate::util::{DEMO_DAY, Day, Db, Dir, Run, sotay};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use sotay_core::EntityKind;
use sotay_core::id::new_id;
use sotay_core::model::*;
use sotay_store::Store;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use uuid::Uuid;

/// Whose device an invite is for. The tests of sync itself (merging, faults, live news) run on
/// administrators' devices, which may write everything; `roles.rs` tests members' devices.
#[derive(Debug, Clone, Copy)]
pub enum Whom {
    Admin,
    Member(Uuid),
}

/// A running `sotay serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub url: String,
    db: Db,
    /// The day it runs on (`--now`), and its invites are made on; `None`: the system clock's.
    day: Option<Day>,
    /// What the server wrote to stderr (warnings, a panic), for a failing test to show.
    log: tempfile::NamedTempFile,
}

impl Server {
    pub fn start(db: &Db) -> Server {
        Self::spawn(db, "127.0.0.1:0", None, &[])
    }

    pub fn start_on(db: &Db, listen: &str) -> Server {
        Self::spawn(db, listen, None, &[])
    }

    /// A server on `day`'s clock, for the devices of a test that reads demo data on that day.
    pub fn start_at(db: &Db, day: Day) -> Server {
        Self::spawn(db, "127.0.0.1:0", Some(day), &[])
    }

    /// A server given more of `sotay serve`'s flags (`--tls-cert`, …).
    pub fn start_with(db: &Db, flags: &[&str]) -> Server {
        Self::spawn(db, "127.0.0.1:0", None, flags)
    }

    /// Stops this server and starts it again on the same address, on `day`'s clock: its devices
    /// find it where they left it.
    pub fn restart_at(self, day: Day) -> Server {
        let listen = self.url.trim_start_matches("http://").to_owned();
        let db = self.db.clone();
        drop(self);
        Self::spawn(&db, &listen, Some(day), &[])
    }

    fn spawn(db: &Db, listen: &str, day: Option<Day>, flags: &[&str]) -> Server {
        let log = tempfile::NamedTempFile::new().unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_sotay"));
        if let Some(Day(now)) = day {
            command.args(["--now", now]);
        }
        let mut child = command
            .args(["serve", "--listen", listen])
            .args(db.args())
            .args(flags)
            .env_remove("SOTAY_NOW")
            .env("RUST_LOG", "warn")
            .env("RUST_BACKTRACE", "1")
            .stdout(Stdio::piped())
            .stderr(log.reopen().unwrap())
            .spawn()
            .unwrap();
        let url = crate::util::listening_url(&mut child);
        Server {
            child,
            url,
            db: db.clone(),
            day,
            log,
        }
    }

    /// What the server wrote to stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }

    /// Connects the store at `store` to `url` (this server, or a proxy in front of it) with a
    /// fresh invite for `whom`.
    pub fn connect(&self, store: &Path, url: &str, whom: Whom) {
        let invite = self.invite(whom);
        self.sotay(store, &["connect", "--server", url, "--invite", &invite])
            .json_or_ok();
    }

    /// A fresh invite for `whom`, made with `sotay invite`.
    pub fn invite(&self, whom: Whom) -> String {
        let id;
        let mut args = vec!["invite"];
        match whom {
            Whom::Admin => args.push("--admin"),
            Whom::Member(m) => {
                id = m.to_string();
                args.extend(["--member", &id]);
            }
        }
        let db = self.db.args();
        args.extend(db.iter().map(String::as_str));
        let run = self.sotay(Path::new("unused"), &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout.trim().to_owned()
    }

    /// `sotay` on this server's day.
    pub fn sotay(&self, store: &Path, args: &[&str]) -> Run {
        match self.day {
            Some(day) => day.sotay(store, args),
            None => sotay(store, args),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Cell {
    pub unit: Uuid,
    pub members: Vec<Uuid>,
    pub meeting: Uuid,
    pub resolution: Uuid,
}

const DRAFT: &str = "1. Tiếp tục giữ gìn vệ sinh môi trường.\n2. Đôn đốc thu đảng phí.\n3. Bảo đảm an ninh trật tự.";

/// The secretary's store sets up the cell.
pub fn set_up(store: &Path) -> Cell {
    let cell = Cell {
        unit: new_id(),
        members: (0..3).map(|_| new_id()).collect(),
        meeting: new_id(),
        resolution: new_id(),
    };
    let mut s = Store::open(store).unwrap();
    s.write(|w| {
        w.insert(&OrgUnit {
            id: cell.unit,
            parent_id: None,
            level: UnitLevel::Cell,
            name: "Chi bộ thôn Đông".into(),
            code: None,
            closed_on: None,
            in_sotay_since: None,
        })?;
        for (i, id) in cell.members.iter().enumerate() {
            w.insert(&Member {
                id: *id,
                unit_id: cell.unit,
                full_name: ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"][i].into(),
                gender: None,
                born_on: None,
                standing: Standing::Official,
                admitted_on: None,
                official_on: None,
                role: if i == 0 {
                    Role::Secretary
                } else {
                    Role::Member
                },
                exempt: false,
                exempt_reason: None,
                temporarily_attached: false,
                home_unit: None,
                phone: None,
                card_number: None,
                citizen_id: None,
            })?;
        }
        w.insert(&Meeting {
            id: cell.meeting,
            chair_id: Some(cell.members[0]),
            ..Meeting::planned(
                cell.unit,
                MeetingKind::Regular,
                Utc.with_ymd_and_hms(2026, 12, 5, 12, 30, 0).unwrap(),
                "Nhà văn hóa thôn Đông",
                "Sinh hoạt thường kỳ tháng 12",
            )
        })?;
        w.insert(&Resolution {
            id: cell.resolution,
            unit_id: cell.unit,
            meeting_id: Some(cell.meeting),
            title: "Dự thảo nghị quyết tháng 12".into(),
            draft: DRAFT.into(),
            status: ResolutionStatus::Draft,
            adopted_on: None,
            votes_for: None,
            votes_against: None,
            votes_abstain: None,
        })
    })
    .unwrap();
    cell
}

pub fn sync(store: &Path) -> Value {
    sotay(store, &["sync", "--json"]).json()
}

/// Writes to the store at `store` through its `Writer`, as the app would.
pub fn edit(store: &Path, f: impl FnOnce(&mut sotay_store::Writer<'_>) -> sotay_store::Result<()>) {
    Store::open(store).unwrap().write(f).unwrap();
}

fn three_stores_edit_offline_and_converge_with_merged_text_and_a_full_conflict_log(
    dir: &Dir,
    db: Db,
) {
    let server = Server::start(&db);
    let stores: Vec<PathBuf> = ["a.db", "b.db", "c.db"]
        .iter()
        .map(|n| dir.path(n))
        .collect();
    let cell = set_up(&stores[0]);
    for s in &stores {
        let run = sotay(
            s,
            &[
                "connect",
                "--server",
                &server.url,
                "--invite",
                &server.invite(Whom::Admin),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let first = sync(&stores[0]);
    assert_eq!(first["report"]["pushed"], 6);
    // The round says what crossed the wire.
    let report = &first["report"];
    assert!(report["push_bytes"].as_u64().unwrap() > 0, "{report}");
    assert!(
        report["push_answer_bytes"].as_u64().unwrap() > 0,
        "{report}"
    );
    for s in &stores[1..] {
        let pulled = sync(s);
        assert!(
            pulled["report"]["pull_bytes"].as_u64().unwrap() > 0,
            "{pulled}"
        );
        assert_eq!(
            Store::open(s)
                .unwrap()
                .require::<Meeting>(cell.meeting)
                .unwrap()
                .topic,
            "Sinh hoạt thường kỳ tháng 12"
        );
    }

    // Offline, on all three.
    let (meeting, resolution, member) = (cell.meeting, cell.resolution, cell.members[2]);
    edit(&stores[0], |w| {
        w.modify::<Meeting>(meeting, |m| {
            m.topic = "Chuyên đề giải phóng mặt bằng".into()
        })?;
        w.modify::<Resolution>(resolution, |r| {
            r.draft = r.draft.replace(
                "1. Tiếp tục giữ gìn vệ sinh môi trường.",
                "1. Tiếp tục giữ gìn vệ sinh môi trường, phân loại rác tại nguồn.",
            )
        })?;
        w.put(&Attendance::new(
            meeting,
            member,
            AttendanceStatus::Present,
            None,
        ))
    });
    edit(&stores[1], |w| {
        w.modify::<Meeting>(meeting, |m| {
            m.topic = "Chuyên đề xây dựng nông thôn mới".into()
        })?;
        w.modify::<Resolution>(resolution, |r| {
            r.draft = r.draft.replace(
                "3. Bảo đảm an ninh trật tự.",
                "3. Bảo đảm an ninh trật tự, không để xảy ra điểm nóng.",
            )
        })?;
        w.put(&Attendance::new(
            meeting,
            member,
            AttendanceStatus::AbsentWithReason,
            Some("Đi công tác".into()),
        ))
    });
    edit(&stores[2], |w| {
        w.modify::<Meeting>(meeting, |m| m.place = "Hội trường xã".into())?;
        w.insert(&Contribution {
            id: new_id(),
            meeting_id: Some(meeting),
            resolution_id: Some(resolution),
            member_id: member,
            kind: ContributionKind::DraftComment,
            body: "Đề nghị bổ sung chỉ tiêu 100% hộ ký cam kết.".into(),
            made_at: w.now(),
            recorded_by: None,
        })
    });

    for s in stores.iter().chain(&stores) {
        sync(s);
    }

    let snapshots: Vec<_> = stores
        .iter()
        .map(|s| Store::open(s).unwrap().snapshot().unwrap())
        .collect();
    assert_eq!(snapshots[0], snapshots[1], "a and b differ");
    assert_eq!(snapshots[0], snapshots[2], "a and c differ");

    let b = Store::open(&stores[1]).unwrap();
    let r: Resolution = b.require(cell.resolution).unwrap();
    assert_eq!(
        r.draft,
        "1. Tiếp tục giữ gìn vệ sinh môi trường, phân loại rác tại nguồn.\n2. Đôn đốc thu đảng phí.\n3. Bảo đảm an ninh trật tự, không để xảy ra điểm nóng.",
        "both edits of the draft survive"
    );
    let m: Meeting = b.require(cell.meeting).unwrap();
    assert_eq!(
        m.topic, "Chuyên đề xây dựng nông thôn mới",
        "the later write wins the same field"
    );
    assert_eq!(m.place, "Hội trường xã");

    // Every overwritten value is in the conflict log, which every store holds.
    let conflicts: Vec<_> = snapshots[0]
        .iter()
        .filter(|(k, ..)| *k == EntityKind::Conflict)
        .map(|(_, _, f)| f)
        .collect();
    let lost = |field: &str, value: &str| {
        conflicts.iter().any(|c| {
            c["field"] == field && c["lost"] == json!(serde_json::to_string(value).unwrap())
        })
    };
    assert!(
        lost("topic", "Chuyên đề giải phóng mặt bằng"),
        "{conflicts:#?}"
    );
    assert!(lost("status", "present"), "{conflicts:#?}");
    let status = sync(&stores[2])["status"].clone();
    assert_eq!(status["pending_changes"], 0);
    assert_eq!(status["open_conflicts"], conflicts.len());
    // Members see the log.
    let listed = sotay(&stores[1], &["conflicts", "--json"]).json();
    assert_eq!(listed.as_array().unwrap().len(), conflicts.len());
    let table = sotay(&stores[1], &["conflicts"]);
    assert!(
        table.stdout.contains("Chuyên đề giải phóng mặt bằng"),
        "{}",
        table.stdout
    );
}

fn a_waiting_client_hears_of_another_clients_change(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    let cell = set_up(&a);
    for s in [&a, &b] {
        server.connect(s, &server.url, Whom::Admin);
    }
    sync(&a);
    sync(&b);
    let waiter = {
        let b = b.clone();
        std::thread::spawn(move || {
            sotay_sync_client::wait_for_news(&Store::open(&b).unwrap()).unwrap()
        })
    };
    let meeting = cell.meeting;
    edit(&a, |w| {
        w.modify::<Meeting>(meeting, |m| m.topic = "Đổi chủ đề".into())
            .map(|_| ())
    });
    sync(&a);
    assert!(
        waiter.join().unwrap(),
        "the long poll answers with news, not its timeout"
    );
}

fn requests_outside_the_protocol_get_a_typed_4xx(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let http = crate::util::http();
    let check = |resp: reqwest::blocking::Response, status: u16, kind: &str| {
        assert_eq!(resp.status().as_u16(), status);
        let body: Value = resp.json().unwrap();
        assert_eq!(body["kind"], kind, "{body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    };
    let url = |p: &str| format!("{}{p}", server.url);
    check(
        http.post(url("/v1/push")).body("{}").send().unwrap(),
        401,
        "unauthorized",
    );
    check(
        http.post(url("/v1/push"))
            .bearer_auth("sotay_forged")
            .body("{}")
            .send()
            .unwrap(),
        401,
        "unauthorized",
    );
    check(
        http.post(url("/v1/devices"))
            .body("not json")
            .send()
            .unwrap(),
        400,
        "bad_request",
    );
    check(
        http.post(url("/v1/devices"))
            .body(r#"{"invite":"NOPE","client_id":"0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"}"#)
            .send()
            .unwrap(),
        400,
        "invalid_invite",
    );
    // An oversized body is refused from its announced length, before it is read. (Over a raw
    // socket: a client still uploading when the answer comes may see the connection reset
    // instead of reading it.)
    {
        use std::io::{Read, Write};
        let addr = server.url.trim_start_matches("http://");
        let mut raw = std::net::TcpStream::connect(addr).unwrap();
        write!(
            raw,
            "POST /v1/devices HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{{\"invite\":\"",
            17 * 1024 * 1024
        )
        .unwrap();
        // Read until the JSON answer is complete (the server may keep the socket open).
        raw.set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        let mut answer = String::new();
        let mut buf = [0u8; 4096];
        while !answer.contains("\"}") {
            let n = raw.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            answer.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
        assert!(answer.contains(r#""kind":"too_large""#), "{answer}");
    }
    check(
        http.get(url("/v2/everything")).send().unwrap(),
        404,
        "not_found",
    );
    check(
        http.delete(url("/v1/push")).send().unwrap(),
        405,
        "method_not_allowed",
    );

    // A real device sending out-of-protocol pushes.
    let store = dir.path("a.db");
    set_up(&store);
    sotay(
        &store,
        &[
            "connect",
            "--server",
            &server.url,
            "--invite",
            &server.invite(Whom::Admin),
        ],
    )
    .json_or_ok();
    let token = Store::open(&store)
        .unwrap()
        .local("sync_token")
        .unwrap()
        .unwrap();
    let client_id = Store::open(&store).unwrap().client_id().to_string();
    check(
        http.post(url("/v1/push"))
            .bearer_auth(&token)
            .body("[1,2,3]")
            .send()
            .unwrap(),
        400,
        "bad_request",
    );
    let old = json!({"version": 0, "client_id": client_id, "mutations": []});
    check(
        http.post(url("/v1/push"))
            .bearer_auth(&token)
            .json(&old)
            .send()
            .unwrap(),
        400,
        "protocol",
    );
    let other =
        json!({"version": 1, "client_id": "0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "mutations": []});
    check(
        http.post(url("/v1/push"))
            .bearer_auth(&token)
            .json(&other)
            .send()
            .unwrap(),
        403,
        "forbidden",
    );
    check(
        http.get(url("/v1/pull?cursor=abc"))
            .bearer_auth(&token)
            .send()
            .unwrap(),
        400,
        "bad_request",
    );
    // The server is still there and healthy after all of it.
    assert_eq!(
        http.get(url("/v1/health"))
            .send()
            .unwrap()
            .status()
            .as_u16(),
        200
    );
}

#[test]
fn a_demo_store_never_connects_and_sync_needs_a_connection() {
    let dir = Dir::new();
    let store = dir.store();
    assert_eq!(DEMO_DAY.sotay(&store, &["demo", "--years", "1"]).code, 0);
    DEMO_DAY
        .sotay(
            &store,
            &["connect", "--server", "http://127.0.0.1:9", "--invite", "X"],
        )
        .fails(4, "demo data");
    let plain = dir.path("plain.db");
    drop(Store::open(&plain).unwrap());
    sotay(&plain, &["sync"]).fails(4, "not connected");
}

fn an_unreachable_server_keeps_the_changes_for_later(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let store = dir.path("a.db");
    set_up(&store);
    sotay(
        &store,
        &[
            "connect",
            "--server",
            &server.url,
            "--invite",
            &server.invite(Whom::Admin),
        ],
    )
    .json_or_ok();
    drop(server); // the link goes down
    sotay(&store, &["sync"]).fails(5, "cannot be reached");
    assert_eq!(
        Store::open(&store).unwrap().pending_changes().unwrap(),
        6,
        "nothing lost"
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    three_stores_edit_offline_and_converge_with_merged_text_and_a_full_conflict_log,
    a_waiting_client_hears_of_another_clients_change,
    requests_outside_the_protocol_get_a_typed_4xx,
    an_unreachable_server_keeps_the_changes_for_later,
    the_background_loop_waits_out_an_outage_then_follows_changes_live,
);

#[test]
fn two_server_instances_on_one_postgresql_share_state_and_live_news() {
    let Some(url) = sotay_test_support::postgres::fresh_database() else {
        return;
    };
    let dir = Dir::new();
    let db = Db::Postgres(url);
    let (one, two) = (Server::start(&db), Server::start(&db));
    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    let cell = set_up(&a);
    sotay(
        &a,
        &[
            "connect",
            "--server",
            &one.url,
            "--invite",
            &one.invite(Whom::Admin),
        ],
    )
    .json_or_ok();
    sotay(
        &b,
        &[
            "connect",
            "--server",
            &two.url,
            "--invite",
            &two.invite(Whom::Admin),
        ],
    )
    .json_or_ok();
    sync(&a);
    sync(&b);
    // b waits on instance two; a pushes through instance one.
    let waiter = {
        let b = b.clone();
        std::thread::spawn(move || {
            sotay_sync_client::wait_for_news(&Store::open(&b).unwrap()).unwrap()
        })
    };
    let meeting = cell.meeting;
    edit(&a, |w| {
        w.modify::<Meeting>(meeting, |m| m.topic = "Tin từ máy chủ kia".into())
            .map(|_| ())
    });
    sync(&a);
    assert!(waiter.join().unwrap(), "NOTIFY crossed instances");
    sync(&b);
    let topic = Store::open(&b)
        .unwrap()
        .require::<Meeting>(meeting)
        .unwrap()
        .topic;
    assert_eq!(topic, "Tin từ máy chủ kia");
}

/// The background loop rides out an outage and then follows other clients' changes live.
fn the_background_loop_waits_out_an_outage_then_follows_changes_live(dir: &Dir, db: Db) {
    use sotay_sync_client::{Activity, Signal};
    use std::sync::mpsc;
    let first = Server::start(&db);
    let listen = first.url.trim_start_matches("http://").to_owned();
    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    let cell = set_up(&a);
    for s in [&a, &b] {
        first.connect(s, &first.url, Whom::Admin);
    }
    sync(&a);
    sync(&b);
    drop(first); // the link goes down

    let (signals_tx, signals) = mpsc::channel();
    let (reports_tx, reports) = mpsc::channel();
    let path = a.clone();
    let looping = std::thread::spawn(move || {
        sotay_sync_client::run(&path, &signals, |activity, status| {
            let _ = reports_tx.send((activity.clone(), status.cursor));
        })
    });
    // A guard against hanging, not a timing assertion.
    let next = || {
        reports
            .recv_timeout(std::time::Duration::from_secs(120))
            .unwrap()
    };
    while !matches!(next().0, Activity::Offline { .. }) {}

    let _second = Server::start_on(&db, &listen); // back, same address
    let mut cursor = loop {
        if let (Activity::UpToDate, cursor) = next() {
            break cursor;
        }
    };
    // b changes the topic; a's loop hears of it through the long poll and pulls it.
    let meeting = cell.meeting;
    edit(&b, |w| {
        w.modify::<Meeting>(meeting, |m| m.topic = "Tin mới".into())
            .map(|_| ())
    });
    sync(&b);
    let mut saw_progress = false;
    loop {
        let report = next();
        saw_progress |= matches!(report.0, Activity::Syncing { pulled, .. } if pulled >= 1);
        if !cursor_unchanged(&mut cursor, report) {
            break;
        }
    }
    assert!(
        saw_progress,
        "the round reported what it received as it went"
    );
    signals_tx.send(Signal::Stop).unwrap();
    assert_eq!(
        Store::open(&a)
            .unwrap()
            .require::<Meeting>(meeting)
            .unwrap()
            .topic,
        "Tin mới"
    );
    looping.join().unwrap().unwrap();
}

/// A device waiting in the background with nothing new does not sync again when its long-poll
/// ends empty (after the server's longest wait, 25 s): it asks again. Before, every idle device
/// ran a round each time.
#[test]
fn an_idle_background_loop_asks_again_without_syncing() {
    use sotay_sync_client::{Activity, Signal};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};
    let dir = Dir::new();
    let server = Server::start(&Db::Sqlite(dir.path("server")));
    let a = dir.path("a.db");
    set_up(&a);
    server.connect(&a, &server.url, Whom::Admin);
    sync(&a);
    let (signals_tx, signals) = mpsc::channel();
    let (reports_tx, reports) = mpsc::channel();
    let path = a.clone();
    let looping = std::thread::spawn(move || {
        sotay_sync_client::run(&path, &signals, |activity, _| {
            let _ = reports_tx.send(activity.clone());
        })
    });
    // The first round, then one long-poll (25 s) and more with nothing happening.
    while reports.recv_timeout(Duration::from_secs(120)).unwrap() != Activity::UpToDate {}
    let quiet_until = Instant::now()
        + Duration::from_secs(sotay_sync_protocol::MAX_LIVE_WAIT)
        + Duration::from_secs(3);
    let mut rounds = 0;
    while let Some(left) = quiet_until.checked_duration_since(Instant::now()) {
        match reports.recv_timeout(left) {
            Ok(Activity::Syncing { .. }) => rounds += 1,
            Ok(other) => assert_eq!(other, Activity::UpToDate, "no other state while idle"),
            Err(_) => break,
        }
    }
    assert_eq!(
        rounds, 0,
        "an empty long-poll is asked again, not followed by a round"
    );
    // And it still hears news: a local change is synced at once.
    edit(&a, |w| w.set_local("probe", "1"));
    signals_tx.send(Signal::LocalChange).unwrap();
    assert!(matches!(
        reports.recv_timeout(Duration::from_secs(120)).unwrap(),
        Activity::Syncing { .. }
    ));
    signals_tx.send(Signal::Stop).unwrap();
    looping.join().unwrap().unwrap();
}

fn cursor_unchanged(
    seen: &mut i64,
    (activity, cursor): (sotay_sync_client::Activity, i64),
) -> bool {
    let same = !(activity == sotay_sync_client::Activity::UpToDate && cursor > *seen);
    *seen = (*seen).max(cursor);
    same
}

#[test]
fn the_openapi_document_describes_the_protocol() {
    let dir = Dir::new();
    let server = Server::start(&Db::Sqlite(dir.path("server")));
    let doc: Value = crate::util::http()
        .get(format!("{}/v1/openapi.json", server.url))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/v1/health",
        "/v1/devices",
        "/v1/push",
        "/v1/pull",
        "/v1/live",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    let schemas = &doc["components"]["schemas"];
    let push = &schemas["PushRequest"]["properties"];
    for field in ["version", "client_id", "mutations"] {
        assert!(push[field].is_object(), "PushRequest.{field}");
    }
    assert!(schemas["Mutation"]["properties"]["base"].is_object());
    assert!(schemas["ApiError"]["properties"]["kind"].is_object());
    assert_eq!(
        doc["components"]["securitySchemes"]["device"]["scheme"],
        "bearer"
    );
    // Every response the push documents is one the server can give.
    let codes: Vec<&str> = doc["paths"]["/v1/push"]["post"]["responses"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(codes, ["200", "400", "401", "403", "413"]);
}
