//! Passwords end to end with a real `sotay serve` (both backends): the secretary's device joins by
//! the console's invite and sets a password with `sotay password`; a second device signs in with
//! `sotay sign-in` (card number, then phone) and syncs the same cell; five wrong passwords and the
//! sixth try is refused for a while, each with exit code 2; `sotay admin audit --security` holds
//! every step.

use super::commune::{admin, admin_json, id_of};
use super::sync::{Server, sync};
use crate::util::{Day, Db, Dir, Run};
use sotay_core::model::{Member, OrgUnit};
use sotay_store::Store;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use uuid::Uuid;

/// `sotay --store <store> <args>` with `input` on standard input.
fn sotay_with_input(store: &Path, args: &[&str], input: &str) -> Run {
    sotay_at_with_input(None, store, args, input)
}

/// `sotay [--now DAY] --store <store> <args>` with `input` on standard input.
pub(super) fn sotay_at_with_input(
    day: Option<Day>,
    store: &Path,
    args: &[&str],
    input: &str,
) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sotay"));
    if let Some(Day(now)) = day {
        command.args(["--now", now]);
    }
    let mut child = command
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("SOTAY_STORE")
        .env_remove("SOTAY_NOW")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    Run::from(child.wait_with_output().unwrap())
}

fn a_second_device_signs_in_with_the_password_set_on_the_first(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let cell = id_of(&admin_json(
        &db,
        &[
            "unit",
            "add",
            "--name",
            "Chi bộ thôn Đông",
            "--level",
            "cell",
        ],
    ));
    let hoa = id_of(&admin_json(
        &db,
        &[
            "member",
            "add",
            "--unit",
            &cell,
            "--name",
            "Lê Thị Hoa",
            "--card",
            "36.000001",
            "--phone",
            "0912345678",
            "--office",
            "secretary",
        ],
    ));
    let code = admin(&db, &["invite", "--member", &hoa]);
    assert_eq!(code.code, 0, "{}", code.stderr);

    let phone = dir.path("phone.db");
    server
        .sotay(
            &phone,
            &[
                "connect",
                "--server",
                &server.url,
                "--invite",
                code.stdout.trim(),
            ],
        )
        .json_or_ok();
    sync(&phone);
    sotay_with_input(&phone, &["password"], "ngắn\n").fails(2, "8 to 200 characters");
    let set = sotay_with_input(&phone, &["password"], "mật khẩu chi bộ\n");
    assert_eq!(set.code, 0, "{}", set.stderr);

    // The laptop signs in by card number and syncs the same cell as the phone.
    let laptop = dir.path("laptop.db");
    let signed = sotay_with_input(
        &laptop,
        &["sign-in", "--server", &server.url, "--login", "36.000001"],
        "mật khẩu chi bộ\n",
    );
    assert_eq!(signed.code, 0, "{}", signed.stderr);
    sync(&laptop);
    let store = Store::open(&laptop).unwrap();
    let me: Member = store.get(Uuid::parse_str(&hoa).unwrap()).unwrap().unwrap();
    assert_eq!(me.full_name, "Lê Thị Hoa");
    assert!(
        store
            .get::<OrgUnit>(Uuid::parse_str(&cell).unwrap())
            .unwrap()
            .is_some()
    );
    drop(store);

    // Five wrong passwords from the office desktop, then even the right one waits.
    let desktop = dir.path("desktop.db");
    let try_with = |password: &str| {
        sotay_with_input(
            &desktop,
            &[
                "sign-in",
                "--server",
                &server.url,
                "--login",
                "0912 345 678",
            ],
            &format!("{password}\n"),
        )
    };
    for _ in 0..5 {
        try_with("mật khẩu sai").fails(2, "the password, is not right");
    }
    try_with("mật khẩu chi bộ").fails(2, "try again in 15 minute");
    assert!(
        Store::open(&desktop)
            .unwrap()
            .local("sync_token")
            .unwrap()
            .is_none(),
        "not signed in"
    );

    let log = admin_json(&db, &["audit", "--security"]);
    let kinds: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "office_changed",
            "joined",
            "password_set",
            "signed_in",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_limited"
        ]
    );
    assert_eq!(log[0]["detail"], "secretary");
    assert_eq!(log[3]["member"], hoa.as_str());
    assert_eq!(log[4]["address"], "127.0.0.1");
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_second_device_signs_in_with_the_password_set_on_the_first
);
