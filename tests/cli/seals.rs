//! Sealed minutes with a real `sotay serve` (both backends): when a meeting's minutes are adopted
//! the server seals its record, chained to the cell's previous seal; `sotay admin verify` finds
//! every seal intact, until someone with access to the database changes an adopted meeting's
//! minutes directly — then it names that meeting, and only it (exit 1). The cell's devices get
//! each seal, and the printed minutes book carries its short form.

use super::committee_steps::{Served, ok};
use super::sync::sync;
use crate::util::{Db, Dir, Run, sotay};
use std::path::Path;

fn verify(db: &Db) -> Run {
    let db_args = db.args();
    let mut args = vec!["admin", "verify"];
    args.extend(db_args.iter().map(String::as_str));
    sotay(Path::new("unused"), &args)
}

/// Sets a meeting's minutes in the server's database itself, behind the server's back.
fn tamper(db: &Db, meeting: &str) {
    let sql = format!(
        "UPDATE record SET fields = {} WHERE id = '{meeting}'",
        match db {
            Db::Sqlite(_) => "json_set(fields, '$.minutes', 'BIÊN BẢN (đã sửa)')",
            Db::Postgres(_) =>
                "jsonb_set(fields::jsonb, '{minutes}', '\"BIÊN BẢN (đã sửa)\"')::text",
        }
    );
    match db {
        Db::Sqlite(dir) => {
            let conn = rusqlite::Connection::open(dir.join("server.db")).unwrap();
            assert_eq!(conn.execute(&sql, []).unwrap(), 1);
        }
        Db::Postgres(url) => sotay_test_support::postgres::execute(url, &sql),
    }
}

fn adopted_minutes_are_sealed_and_a_change_in_the_database_is_named(dir: &Dir, db: Db) {
    let served = Served::start(dir, &db, |_, _| {});
    let secretary = served.secretary.clone();
    let minutes = dir.path("bien-ban.txt");
    std::fs::write(&minutes, "BIÊN BẢN\nChi bộ họp, nhất trí.\n").unwrap();
    let minutes = minutes.display().to_string();
    let mut meetings = Vec::new();
    for month in ["03", "04"] {
        let at = format!("05/{month}/2026 19:30");
        let view = ok(
            &secretary,
            &[
                "meeting",
                "held",
                "--at",
                &at,
                "--present",
                "2",
                "--for",
                "2",
                "--minutes-file",
                &minutes,
            ],
        );
        let id = view["id"].as_str().unwrap().to_owned();
        ok(&secretary, &["minutes", &id, "--adopt"]);
        meetings.push(id);
    }
    sync(&secretary);

    // The cell's devices get each seal, and the minutes book prints its short form.
    sync(&secretary);
    let store = sotay_store::Store::open(&secretary).unwrap();
    let sealed: sotay_core::model::MeetingSeal = store
        .require(sotay_core::model::MeetingSeal::id_for(
            meetings[0].parse().unwrap(),
        ))
        .unwrap();
    drop(store);
    assert_eq!(sealed.n, 1);
    let pdf = dir.path("bien-ban.pdf");
    let out = pdf.display().to_string();
    sotay(
        &secretary,
        &["export", "minutes", &meetings[0], "--output", &out],
    )
    .json_or_ok();
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let printed = String::from_utf8_lossy(&text.stdout);
    let short = sotay_core::seal::short(&sealed.seal);
    assert!(
        printed.contains(&format!("Dấu niêm phong: {short}")),
        "{short}: {printed}"
    );

    let intact = verify(&db);
    assert_eq!(intact.code, 0, "{}{}", intact.stdout, intact.stderr);
    assert!(
        intact
            .stdout
            .contains("2 sealed meeting(s), 0 no longer matching."),
        "{}",
        intact.stdout
    );

    tamper(&db, &meetings[0]);
    let found = verify(&db);
    assert_eq!(found.code, 1, "{}{}", found.stdout, found.stderr);
    assert!(
        found.stdout.contains(&format!(
            "{} (Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026)",
            meetings[0]
        )),
        "{}",
        found.stdout
    );
    assert!(
        found
            .stdout
            .contains("changed after the minutes were adopted")
    );
    assert!(
        !found.stdout.contains(&meetings[1]),
        "only that meeting: {}",
        found.stdout
    );
    assert!(
        found
            .stderr
            .contains("1 sealed meeting record(s) no longer match")
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    adopted_minutes_are_sealed_and_a_change_in_the_database_is_named,
);
