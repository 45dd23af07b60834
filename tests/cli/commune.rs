//! A commune set up from nothing with a real `sotay serve` (both backends): the administrator
//! builds the tree and the roster with `sotay admin unit …` and `sotay admin member …`, names the
//! secretary, makes her device's invite with `sotay admin invite`; her device joins, syncs and
//! holds the cell, acting as its secretary. Bad input gets exit code 2 (an unknown id 3) and
//! writes nothing; `/v1/admin/…` answers an administrator's device and refuses others'; the audit
//! log holds every change.

use super::sync::{Server, Whom, sync};
use crate::util::{Db, Dir, Run, sotay};
use serde_json::{Value, json};
use sotay_core::model::{Member, OrgUnit, Role};
use sotay_store::Store;
use std::path::Path;
use uuid::Uuid;

/// `sotay admin <args> <db>`, where the server's data is.
pub(super) fn admin(db: &Db, args: &[&str]) -> Run {
    let db_args = db.args();
    let mut all = vec!["admin"];
    all.extend(args);
    all.extend(db_args.iter().map(String::as_str));
    sotay(Path::new("unused"), &all)
}

/// `admin` with `--json`, which must succeed; its answer.
pub(super) fn admin_json(db: &Db, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    let run = admin(db, &args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.json()
}

pub(super) fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

fn members(db: &Db) -> usize {
    admin_json(db, &["member", "list"])
        .as_array()
        .unwrap()
        .len()
}

fn a_commune_is_set_up_from_nothing_and_its_secretary_joins(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let commune = admin_json(
        &db,
        &[
            "unit",
            "add",
            "--name",
            "Đảng bộ xã Tân Thành",
            "--level",
            "grassroots",
        ],
    );
    let root = id_of(&commune);
    let east = id_of(&admin_json(
        &db,
        &[
            "unit",
            "add",
            "--name",
            "Chi bộ thôn Đông",
            "--level",
            "cell",
            "--parent",
            &root,
        ],
    ));
    let west = id_of(&admin_json(
        &db,
        &[
            "unit",
            "add",
            "--name",
            "Chi bộ thôn Tây",
            "--level",
            "cell",
            "--parent",
            &root,
        ],
    ));
    let hoa = admin_json(
        &db,
        &[
            "member",
            "add",
            "--unit",
            &east,
            "--name",
            "Lê Thị Hoa",
            "--born",
            "02/03/1978",
            "--admitted",
            "19/05/2004",
            "--official",
            "19/05/2005",
            "--card",
            "36.001234",
            "--citizen-id",
            "036178000123",
            "--phone",
            "0912345678",
        ],
    );
    assert_eq!(hoa["born_on"], "1978-03-02", "dates are read as dd/mm/yyyy");
    let hoa = id_of(&hoa);
    let an = id_of(&admin_json(
        &db,
        &[
            "member",
            "add",
            "--unit",
            &east,
            "--name",
            "Nguyễn Văn An",
            "--born",
            "1990-10-10",
            "--standing",
            "probationary",
            "--admitted",
            "01/09/2026",
        ],
    ));
    admin_json(
        &db,
        &["member", "add", "--unit", &west, "--name", "Trần Văn Bình"],
    );
    let office = admin_json(&db, &["member", "office", &hoa, "--role", "secretary"]);
    assert_eq!(office["role"], "secretary");
    let tree = admin(&db, &["unit", "list"]);
    assert_eq!(tree.code, 0, "{}", tree.stderr);
    assert!(
        tree.stdout.contains("  Chi bộ thôn Đông"),
        "indented under the commune: {}",
        tree.stdout
    );

    // Bad input: exit 2 (an unknown id 3), a message naming the problem, nothing written.
    let before = members(&db);
    let unknown = Uuid::now_v7().to_string();
    let refused: [(&[&str], i32, &str); 10] = [
        (
            &[
                "unit", "add", "--name", "Tổ", "--level", "cell", "--parent", &east,
            ],
            2,
            "cannot sit under",
        ),
        (
            &["unit", "add", "--name", "Xã khác", "--level", "grassroots"],
            2,
            "root already",
        ),
        (
            &["unit", "close", &east, "--on", "31/12/2026"],
            2,
            "still has 2 member",
        ),
        (
            &[
                "member",
                "add",
                "--unit",
                &west,
                "--name",
                "Lê Thị Hoa",
                "--card",
                "36001234",
            ],
            2,
            "on the roster already",
        ),
        (
            &[
                "member",
                "add",
                "--unit",
                &west,
                "--name",
                "Hà",
                "--born",
                "31/02/1990",
            ],
            2,
            "not a date",
        ),
        (
            &[
                "member",
                "add",
                "--unit",
                &west,
                "--name",
                "Hà",
                "--citizen-id",
                "123",
            ],
            2,
            "12 digits",
        ),
        (
            &["member", "add", "--unit", "not-an-id", "--name", "Hà"],
            2,
            "not an id",
        ),
        (
            &["member", "add", "--unit", &unknown, "--name", "Hà"],
            3,
            "not in this server's organisation tree",
        ),
        (
            &["member", "office", &an, "--role", "secretary"],
            2,
            "Lê Thị Hoa is the unit's secretary",
        ),
        (
            &["member", "office", &an, "--role", "chairman"],
            2,
            "invalid value",
        ),
    ];
    for (args, code, said) in refused {
        admin(&db, args).fails(code, said);
    }
    assert_eq!(members(&db), before, "nothing was written");

    // The secretary's device joins with the console's invite and holds her cell.
    let invite = admin(&db, &["invite", "--member", &hoa]);
    assert_eq!(invite.code, 0, "{}", invite.stderr);
    let phone = dir.path("hoa.db");
    server
        .sotay(
            &phone,
            &[
                "connect",
                "--server",
                &server.url,
                "--invite",
                invite.stdout.trim(),
            ],
        )
        .json_or_ok();
    sync(&phone);
    let store = Store::open(&phone).unwrap();
    let me: Member = store.get(Uuid::parse_str(&hoa).unwrap()).unwrap().unwrap();
    assert_eq!(
        (me.role, me.card_number.as_deref()),
        (Role::Secretary, Some("36.001234"))
    );
    assert!(
        store
            .get::<Member>(Uuid::parse_str(&an).unwrap())
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .get::<OrgUnit>(Uuid::parse_str(&root).unwrap())
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .get::<OrgUnit>(Uuid::parse_str(&west).unwrap())
            .unwrap()
            .is_none(),
        "not the other cell"
    );
    drop(store);

    // The same console over HTTP, for an administrator's device only.
    let admin_phone = dir.path("admin.db");
    server.connect(&admin_phone, &server.url, Whom::Admin);
    let token = |p: &Path| {
        Store::open(p)
            .unwrap()
            .local("sync_token")
            .unwrap()
            .unwrap()
    };
    let http = crate::util::http();
    let post = |path: &str, token: &str, body: Value| {
        let resp = http
            .post(format!("{}{path}", server.url))
            .bearer_auth(token)
            .json(&body)
            .send()
            .unwrap();
        (
            resp.status().as_u16(),
            resp.json::<Value>().unwrap_or(Value::Null),
        )
    };
    let (status, renamed) = post(
        &format!("/v1/admin/units/{west}/rename"),
        &token(&admin_phone),
        json!({"name": "Chi bộ thôn Tây Bắc"}),
    );
    assert_eq!(
        (status, renamed["name"].as_str()),
        (200, Some("Chi bộ thôn Tây Bắc"))
    );
    let (status, body) = post(
        "/v1/admin/units",
        &token(&admin_phone),
        json!({"parent_id": east, "level": "cell", "name": "Tổ"}),
    );
    assert_eq!((status, body["kind"].as_str()), (409, Some("bad_tree")));
    let (status, body) = post(
        "/v1/admin/members",
        &token(&admin_phone),
        json!({"unit_id": west}),
    );
    assert_eq!(
        (status, body["kind"].as_str()),
        (400, Some("bad_request")),
        "{body}"
    );
    let (status, body) = post(
        "/v1/admin/units",
        &token(&phone),
        json!({"parent_id": root, "level": "cell", "name": "Chi bộ mới"}),
    );
    assert_eq!(
        (status, body["kind"].as_str()),
        (403, Some("forbidden")),
        "a secretary's device"
    );
    assert_eq!(members(&db), before);

    // Every change is in the audit log.
    let log = admin_json(&db, &["audit"]);
    let entities: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["member"].is_null())
        .map(|e| e["entity"].as_str().unwrap())
        .collect();
    assert_eq!(
        entities.iter().filter(|e| **e == "org_unit").count(),
        4,
        "three units and a rename: {entities:?}"
    );
    assert_eq!(
        entities.iter().filter(|e| **e == "member").count(),
        4,
        "three members and an office"
    );
}

/// `sotay admin import-roster` on a semicolon CSV as Excel saves it in Vietnam (a byte-order
/// mark, CRLF): the problems by row and column with exit code 2 and nothing written; the same with
/// the problem rows skipped writes the rest; the same file again writes nothing.
fn a_roster_file_is_imported_once_its_problem_rows_are_skipped(dir: &Dir, db: Db) {
    let root = id_of(&admin_json(
        &db,
        &[
            "unit",
            "add",
            "--name",
            "Đảng bộ xã Tân Thành",
            "--level",
            "grassroots",
        ],
    ));
    for cell in ["Chi bộ thôn Đông", "Chi bộ thôn Tây"] {
        admin_json(
            &db,
            &[
                "unit", "add", "--name", cell, "--level", "cell", "--parent", &root,
            ],
        );
    }
    let file = dir.path("danh-sach.csv");
    let rows = [
        "STT;Họ và tên;Ngày sinh;Chi bộ;Ngày vào Đảng;Ngày chính thức;Chức vụ;Số thẻ đảng viên",
        "1;Lê Thị Hoa;02/03/1978;Chi bộ thôn Đông;19/05/2004;19/05/2005;Bí thư;36.001234",
        "2;Trần Văn An;10/10/1990;Chi bộ thôn Tây;01/09/2026;;;",
        "3;Phạm Thu;31/02/1990;Chi bộ thôn Tây;;;;",
        "4;Đỗ Dũng;01/01/1980;Chi bộ thôn Bắc;;;;",
        "5;LE THI HOA;;Chi bộ thôn Tây;;;;36001234",
    ];
    std::fs::write(&file, format!("\u{feff}{}\r\n", rows.join("\r\n"))).unwrap();
    let path = file.display().to_string();
    let import = |extra: &[&str]| {
        let mut args = vec!["import-roster", path.as_str()];
        args.extend(extra);
        admin(&db, &args)
    };
    let first = import(&[]);
    first.fails(2, "skip their rows with --skip-rows 4,5,6");
    for line in ["4    Ngày sinh", "5    Chi bộ", "6    Họ và tên"] {
        assert!(first.stdout.contains(line), "{line}: {}", first.stdout);
    }
    assert_eq!(members(&db), 0, "nothing written");

    let dry = import(&["--skip-rows", "4,5,6", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("2 members would be added"),
        "{}",
        dry.stdout
    );
    assert_eq!(members(&db), 0);

    let written = import(&["--skip-rows", "4,5,6"]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert!(
        written.stdout.contains("Added 2 members"),
        "{}",
        written.stdout
    );
    let roster = admin_json(&db, &["member", "list"]);
    let hoa = roster
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["full_name"] == "Lê Thị Hoa")
        .unwrap();
    assert_eq!(
        (hoa["role"].as_str(), hoa["born_on"].as_str()),
        (Some("secretary"), Some("1978-03-02"))
    );

    let again = import(&["--skip-rows", "4,5,6", "--json"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let report = again.json();
    assert_eq!(
        (report["added"].as_u64(), report["written"].as_bool()),
        (Some(0), Some(false))
    );
    assert_eq!(members(&db), 2, "a re-import changes nothing");
    admin(&db, &["import-roster", "/no/such/file.csv"]).fails(2, "cannot read");
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_commune_is_set_up_from_nothing_and_its_secretary_joins,
    a_roster_file_is_imported_once_its_problem_rows_are_skipped,
);
