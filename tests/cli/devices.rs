//! A member's devices end to end with a real `sotay serve` (both backends), on a server whose
//! clock is set: the secretary signs her lost laptop out from her phone, and the laptop, at its
//! next contact, lists the meeting it had not sent and erases everything (no name left in the
//! file); the cell's secretary signs a member's device out, a member may not list hers, and the
//! administrator lists and revokes from the console. A device out of touch for 31 days locks
//! itself, stays locked with its clock set back, and unlocks when its member signs in again; a
//! device whose token expired on the server locks too. The security log holds every step.

use super::accounts::sotay_at_with_input;
use super::commune::{admin, admin_json, id_of};
use super::sync::{Server, Whom};
use crate::util::{Day, Db, Dir, Run};
use serde_json::Value;
use sotay_core::model::Member;
use sotay_store::Store;
use std::path::Path;

/// The day the server starts on, and the member's clocks afterwards.
const START: Day = Day("2027-01-04T09:00:00+07:00");
const NEXT_DAY: Day = Day("2027-01-05T09:00:00+07:00");
const MONTH_LATER: Day = Day("2027-02-04T09:00:00+07:00");
const SIX_WEEKS_LATER: Day = Day("2027-02-15T09:00:00+07:00");
const PASSWORD: &str = "mật khẩu chi bộ";

/// A cell with its secretary, Hoa (card 36.000001), and a member, Tư (card 36.000002).
fn cell(db: &Db) -> (String, String, String) {
    let cell = id_of(&admin_json(
        db,
        &[
            "unit",
            "add",
            "--name",
            "Chi bộ thôn Đông",
            "--level",
            "cell",
        ],
    ));
    let member = |name: &str, card: &str, office: &str| {
        id_of(&admin_json(
            db,
            &[
                "member", "add", "--unit", &cell, "--name", name, "--card", card, "--office",
                office,
            ],
        ))
    };
    let hoa = member("Lê Thị Hoa", "36.000001", "secretary");
    let tu = member("Phạm Văn Tư", "36.000002", "member");
    (cell, hoa, tu)
}

/// Joins `store` as `member` with a fresh invite, and syncs.
fn join(server: &Server, store: &Path, member: &str) {
    let member = uuid::Uuid::parse_str(member).unwrap();
    server.connect(store, &server.url, Whom::Member(member));
    server.sotay(store, &["sync"]).json_or_ok();
}

fn sign_in(server: &Server, day: Day, store: &Path, card: &str) -> Run {
    sotay_at_with_input(
        Some(day),
        store,
        &["sign-in", "--server", &server.url, "--login", card],
        &format!("{PASSWORD}\n"),
    )
}

fn client_id(store: &Path) -> String {
    Store::open(store).unwrap().client_id().to_string()
}

fn security_kinds(db: &Db) -> Vec<String> {
    admin_json(db, &["audit", "--security", "--limit", "1000"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

fn count(kinds: &[String], kind: &str) -> usize {
    kinds.iter().filter(|k| *k == kind).count()
}

fn a_lost_device_is_signed_out_and_erases_what_it_holds(dir: &Dir, db: Db) {
    let server = Server::start_at(&db, START);
    let (_, hoa, tu) = cell(&db);
    let phone = dir.path("phone.db");
    join(&server, &phone, &hoa);
    sotay_at_with_input(Some(START), &phone, &["password"], &format!("{PASSWORD}\n")).json_or_ok();
    let laptop = dir.path("laptop.db");
    sign_in(&server, START, &laptop, "36.000001").json_or_ok();
    server.sotay(&laptop, &["sync"]).json_or_ok();
    // Written on the laptop, never sent: then the laptop is lost.
    server
        .sotay(
            &laptop,
            &[
                "meeting",
                "new",
                "--at",
                "11/01/2027 19:30",
                "--place",
                "Nhà văn hóa thôn Đông",
                "--topic",
                "Họp bàn đường liên thôn",
            ],
        )
        .json_or_ok();

    let mine = server.sotay(&phone, &["devices", "--json"]).json();
    assert_eq!(mine.as_array().unwrap().len(), 2, "{mine}");
    let laptop_id = client_id(&laptop);
    let signed_out = server
        .sotay(&phone, &["devices", "--sign-out", &laptop_id, "--json"])
        .json();
    let laptop_row = signed_out
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["client_id"] == laptop_id.as_str())
        .unwrap();
    assert_eq!(laptop_row["revoked_by"], "member", "{signed_out}");

    // The laptop's next contact: refused, the unsent meeting listed, everything erased.
    let told = server.sotay(&laptop, &["sync"]);
    assert_ne!(told.code, 0);
    assert!(told.stderr.contains("signed out"), "{}", told.stderr);
    assert!(
        told.stdout.contains("Họp bàn đường liên thôn"),
        "{}",
        told.stdout
    );
    {
        let store = Store::open(&laptop).unwrap();
        assert_eq!(store.local("sync_token").unwrap(), None);
        assert!(store.members(None, 100).unwrap().is_empty());
        let erased = store.erased().unwrap().unwrap();
        assert!(
            erased
                .unsent
                .iter()
                .any(|u| u.label.as_deref() == Some("Họp bàn đường liên thôn")),
            "{erased:?}"
        );
        assert_eq!(
            store.client_id().to_string(),
            laptop_id,
            "the identity stays"
        );
    }
    for file in [laptop.clone(), laptop.with_extension("db-wal")] {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        for name in ["Lê Thị Hoa", "Phạm Văn Tư", "Chi bộ thôn Đông"] {
            assert!(
                !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
                "{name} is still in {}",
                file.display()
            );
        }
    }
    // Every command but sync and signing in again is refused on it; sync says it again.
    server
        .sotay(&laptop, &["members"])
        .fails(1, "signed out and its data erased");
    let again = server.sotay(&laptop, &["sync"]);
    assert!(
        again.stdout.contains("Họp bàn đường liên thôn"),
        "{}",
        again.stdout
    );

    // The cell's secretary signs a member's device out; a member may not list hers.
    let tu_device = dir.path("tu.db");
    join(&server, &tu_device, &tu);
    server
        .sotay(&tu_device, &["devices", "--member", &hoa])
        .fails(1, "may not");
    let tu_id = client_id(&tu_device);
    server
        .sotay(
            &phone,
            &["devices", "--member", &tu, "--sign-out", &tu_id, "--json"],
        )
        .json_or_ok();
    assert_ne!(server.sotay(&tu_device, &["sync"]).code, 0);
    assert!(Store::open(&tu_device).unwrap().erased().unwrap().is_some());

    // The administrator, where the server's data is.
    let all = admin_json(&db, &["devices"]);
    assert_eq!(all.as_array().unwrap().len(), 3, "{all}");
    let phone_id = client_id(&phone);
    let revoked = admin_json(&db, &["revoke", &phone_id]);
    assert_eq!(revoked["revoked_by"], "administrator");
    admin(&db, &["revoke", "not-an-id"]).fails(2, "not-an-id");
    admin(&db, &["revoke", "00000000-0000-4000-8000-000000000000"]).fails(3, "no device");
    let member_of_phone: Value = admin_json(&db, &["devices", "--member", &hoa]);
    assert_eq!(member_of_phone.as_array().unwrap().len(), 2);

    let kinds = security_kinds(&db);
    assert_eq!(count(&kinds, "joined"), 2, "{kinds:?}");
    assert_eq!(count(&kinds, "signed_in"), 1, "{kinds:?}");
    assert_eq!(count(&kinds, "device_revoked"), 3, "{kinds:?}");
    assert_eq!(count(&kinds, "revoked_device_erased"), 2, "{kinds:?}");
}

fn a_device_out_of_touch_locks_and_unlocks_when_its_member_signs_in(dir: &Dir, db: Db) {
    let server = Server::start_at(&db, START);
    let (_, hoa, tu) = cell(&db);
    let device = dir.path("tu.db");
    join(&server, &device, &tu);
    sotay_at_with_input(
        Some(START),
        &device,
        &["password"],
        &format!("{PASSWORD}\n"),
    )
    .json_or_ok();
    // A second device, whose clock is wrong: it still reads the day after.
    let desk = dir.path("desk.db");
    sign_in(&server, START, &desk, "36.000002").json_or_ok();

    // 31 days later on the member's clock: locked, whatever the command.
    MONTH_LATER.sotay(&device, &["members"]).fails(1, "locked");
    MONTH_LATER.sotay(&device, &["sync"]).fails(1, "locked");
    // The clock set back does not unlock it.
    NEXT_DAY.sotay(&device, &["members"]).fails(1, "locked");
    // An invite for another member is refused on it, and stays unused; the member's own login
    // unlocks it.
    // Made on the server's day: an invite holds fourteen days.
    let db_args = db.args();
    let mut invite = vec!["admin", "invite", "--member", &hoa];
    invite.extend(db_args.iter().map(String::as_str));
    let hoas = MONTH_LATER.sotay(Path::new("unused"), &invite);
    let hoas = hoas.stdout.trim();
    MONTH_LATER
        .sotay(
            &device,
            &["connect", "--server", &server.url, "--invite", hoas],
        )
        .fails(2, "another member");
    server
        .sotay(
            &dir.path("hoa.db"),
            &["connect", "--server", &server.url, "--invite", hoas],
        )
        .json_or_ok();
    sign_in(&server, MONTH_LATER, &device, "36.000002").json_or_ok();
    MONTH_LATER.sotay(&device, &["sync"]).json_or_ok();
    let store = Store::open(&device).unwrap();
    let me: Member = store
        .get(uuid::Uuid::parse_str(&tu).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(me.full_name, "Phạm Văn Tư");
    drop(store);

    // Six weeks on, on the server's clock: the desk's token expired there, and it locks.
    let _later = server.restart_at(SIX_WEEKS_LATER);
    NEXT_DAY.sotay(&desk, &["sync"]).fails(1, "locked");
    NEXT_DAY.sotay(&desk, &["members"]).fails(1, "locked");

    let kinds = security_kinds(&db);
    assert_eq!(count(&kinds, "session_expired"), 1, "{kinds:?}");
    assert_eq!(count(&kinds, "signed_in"), 2, "{kinds:?}");
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_lost_device_is_signed_out_and_erases_what_it_holds,
    a_device_out_of_touch_locks_and_unlocks_when_its_member_signs_in
);
