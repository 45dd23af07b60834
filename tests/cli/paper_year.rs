//! A commune that starts keeping its record in Sotay on 01/12/2026, with a real `sotay serve`
//! (both backends): each cell's secretary enters the regular meetings of January to November held
//! on paper (`sotay meeting held`), the commune's committee says from which day it is in Sotay
//! (`sotay unit since`), and its December report counts the paper meetings and judges nothing
//! before the start — while before the start was said, the month one cell did not enter was
//! flagged. Bad paper records are refused with exit code 2 and write nothing.

use super::commune::id_of;
use super::sync::{Server, Whom, sync};
use crate::util::{Day, Db, Dir, Run};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The day of the December report: the commune has been in Sotay a fortnight.
const DAY: Day = Day("2026-12-15T09:00:00+07:00");

/// `sotay admin <args>` where the server's data is, on the test's day.
fn admin(server: &Server, db: &Db, args: &[&str]) -> Value {
    let db_args = db.args();
    let mut all = vec!["admin"];
    all.extend(args);
    all.push("--json");
    all.extend(db_args.iter().map(String::as_str));
    server.sotay(Path::new("unused"), &all).json()
}

/// A member with an office in `unit`, and their device joined to the server and synced.
fn officer(server: &Server, db: &Db, dir: &Dir, unit: &str, name: &str) -> PathBuf {
    let member = id_of(&admin(
        server,
        db,
        &["member", "add", "--unit", unit, "--name", name],
    ));
    admin(
        server,
        db,
        &["member", "office", &member, "--role", "secretary"],
    );
    let device = dir.path(&format!("{member}.db"));
    server.connect(&device, &server.url, Whom::Member(member.parse().unwrap()));
    sync(&device);
    device
}

/// `sotay meeting held` of a regular meeting on the 5th of `month`, nine of eleven present (or
/// `--present` as `extra` says), with `extra` arguments.
fn held(server: &Server, device: &Path, month: u32, extra: &[&str]) -> Run {
    let at = format!("05/{month:02}/2026 19:30");
    let present = match extra.iter().position(|a| *a == "--present") {
        Some(i) => extra[i + 1],
        None => "9",
    };
    let mut args = vec![
        "meeting",
        "held",
        "--kind",
        "regular",
        "--at",
        &at,
        "--present",
        present,
        "--absent-with-reason",
        "1",
        "--absent-without-reason",
        "1",
    ];
    let mut skip = false;
    for a in extra {
        // `--present N` is placed above.
        if std::mem::take(&mut skip) {
            continue;
        }
        if *a == "--present" {
            skip = true;
            continue;
        }
        args.push(a);
    }
    server.sotay(device, &args)
}

/// The report's east and west cells.
fn cells(report: &Value) -> [&Value; 2] {
    ["Chi bộ thôn Đông", "Chi bộ thôn Tây"].map(|name| {
        report["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
    })
}

/// The device's meetings of 2026, each as `sotay meeting ID --json` shows it.
fn meetings(server: &Server, device: &Path) -> Vec<Value> {
    let list = server
        .sotay(
            device,
            &[
                "meetings",
                "--from",
                "01/01/2026",
                "--to",
                "31/12/2026",
                "--json",
            ],
        )
        .json();
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| {
            server
                .sotay(device, &["meeting", m["id"].as_str().unwrap(), "--json"])
                .json()
        })
        .collect()
}

fn a_commune_starting_in_december_enters_its_year_on_paper(dir: &Dir, db: Db) {
    let server = Server::start_at(&db, DAY);
    let commune = id_of(&admin(
        &server,
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
    let cell = |name: &str| {
        id_of(&admin(
            &server,
            &db,
            &[
                "unit", "add", "--name", name, "--level", "cell", "--parent", &commune,
            ],
        ))
    };
    let (east, west) = (cell("Chi bộ thôn Đông"), cell("Chi bộ thôn Tây"));
    let east_device = officer(&server, &db, dir, &east, "Lê Thị Hoa");
    let west_device = officer(&server, &db, dir, &west, "Trần Văn Bình");
    let commune_device = officer(&server, &db, dir, &commune, "Nguyễn Văn Sơn");

    // Bad paper records: exit 2, the problem named, nothing written.
    let refused: [(&[&str], &str, u32); 4] = [
        (&["--present", "0"], "members present", 3),
        (&["--for", "10"], "10 votes", 3),
        (&["--minutes-file", "/no/such/file.txt"], "cannot read", 3),
        (&[], "has taken place", 12),
    ];
    for (extra, said, month) in refused {
        let mut args = extra.to_vec();
        if month == 12 {
            // The 5th of December has passed on the test's day: the 20th has not.
            let run = server.sotay(
                &east_device,
                &[
                    "meeting",
                    "held",
                    "--at",
                    "20/12/2026 19:30",
                    "--present",
                    "9",
                ],
            );
            run.fails(2, said);
            continue;
        }
        args.extend(["--topic", "Bị từ chối"]);
        held(&server, &east_device, month, &args).fails(2, said);
    }
    assert!(
        meetings(&server, &east_device).is_empty(),
        "nothing written"
    );

    // January to November from the minutes books: the east cell all of them (March's minutes as
    // text, April's as a scan), the west cell all but March.
    let minutes = dir.path("bien-ban-thang-3.txt");
    std::fs::write(
        &minutes,
        "BIÊN BẢN\nSinh hoạt chi bộ thường kỳ tháng 3 năm 2026\n",
    )
    .unwrap();
    let scan = dir.path("bien-ban-thang-4.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n% scan of the minutes book\n").unwrap();
    for month in 1..=11 {
        let minutes = minutes.display().to_string();
        let scan = scan.display().to_string();
        let extra: Vec<&str> = match month {
            3 => vec![
                "--minutes-file",
                &minutes,
                "--for",
                "9",
                "--conclusion",
                "Làm đường",
            ],
            4 => vec!["--minutes-file", &scan],
            _ => vec![],
        };
        held(&server, &east_device, month, &extra).json_or_ok();
        if month != 3 {
            held(&server, &west_device, month, &[]).json_or_ok();
        }
    }
    let entered = meetings(&server, &east_device);
    assert_eq!(entered.len(), 11);
    for m in &entered {
        assert_eq!(m["status"], "held", "{m}");
        assert!(
            m["entered_at"].is_string(),
            "marked as entered afterwards: {m}"
        );
        assert_eq!(m["paper_roll"]["present"], 9);
    }
    let month = |n: u32| {
        entered
            .iter()
            .find(|m| m["topic"] == format!("Sinh hoạt chi bộ thường kỳ tháng {n} năm 2026"))
            .expect("a topic from the minutes book's title line")
    };
    let march = month(3);
    assert!(march["minutes"].as_str().unwrap().contains("BIÊN BẢN"));
    assert_eq!(march["resolutions"][0]["status"], "adopted", "{march}");
    assert_eq!(march["resolutions"][0]["votes_for"], 9);
    assert_eq!(
        month(4)["files"][0]["file_name"],
        "bien-ban-thang-4.pdf",
        "the scan joins the meeting's papers"
    );
    for device in [&east_device, &west_device, &commune_device] {
        sync(device);
    }

    // Before the commune says when it started, the month the west cell did not enter is missed.
    let report = server
        .sotay(&commune_device, &["report", "--year", "2026", "--json"])
        .json();
    let west_figures = &cells(&report)[1]["figures"];
    assert_eq!(west_figures["months_missed"], serde_json::json!([3]));

    // The commune's committee says it started on 01/12: its cells go by that day.
    let said = server.sotay(&commune_device, &["unit", "since", "01/12/2026"]);
    said.json_or_ok();
    assert!(said.stdout.contains("from 01/12/2026"), "{}", said.stdout);
    sync(&commune_device);
    let report = server
        .sotay(&commune_device, &["report", "--year", "2026", "--json"])
        .json();
    for (cell, held) in cells(&report).into_iter().zip([11, 10]) {
        let f = &cell["figures"];
        assert_eq!(f["regular_held"], held, "{cell}");
        assert_eq!(f["months_missed"], serde_json::json!([]), "{cell}");
        assert_eq!(f["months_before_start"].as_array().unwrap().len(), 11);
        assert_eq!(f["attendance"]["part"], held * 9);
        assert_eq!(f["attendance"]["whole"], held * 11);
        assert_eq!(cell["verdicts"]["regular"], "meets");
        assert_eq!(cell["in_sotay_since"], "2026-12-01");
    }
    let checks = server.sotay(&commune_device, &["checks"]);
    checks.json_or_ok();
    assert!(
        !checks.stdout.contains("no regular meeting"),
        "nothing flagged before the start: {}",
        checks.stdout
    );
    // The server counts the same, and `report --server` prints the same table.
    let table = server.sotay(&commune_device, &["report", "--year", "2026", "--server"]);
    table.json_or_ok();
    for line in [
        "Chi bộ thôn Đông: in Sotay since 01/12/2026 (nothing before it judged), regular 11,",
        "Chi bộ thôn Tây: in Sotay since 01/12/2026 (nothing before it judged), regular 10,",
    ] {
        assert!(table.stdout.contains(line), "{line}\n{}", table.stdout);
    }
    assert!(!table.stdout.contains("missed"), "{}", table.stdout);
    sync(&west_device);
    let units = server.sotay(&west_device, &["units"]);
    assert!(
        units.stdout.contains("01/12/2026 (above)"),
        "a cell goes by its commune's day: {}",
        units.stdout
    );
    // A cell may say its own day: the server takes it, and the cell goes by it.
    server
        .sotay(&west_device, &["unit", "since", "01/11/2026"])
        .json_or_ok();
    sync(&west_device);
    sync(&commune_device);
    let table = server.sotay(&commune_device, &["report", "--year", "2026", "--server"]);
    assert!(
        table.stdout.contains(
            "Chi bộ thôn Tây: in Sotay since 01/11/2026 (nothing before it judged), regular 10"
        ),
        "{}",
        table.stdout
    );
    let rejected = server.sotay(&west_device, &["rejections", "--json"]).json();
    assert_eq!(rejected.as_array().map(Vec::len), Some(0), "{rejected}");
    // A cell's secretary may not say it for the commune.
    server
        .sotay(
            &west_device,
            &["unit", "since", "01/01/2026", "--unit", &commune],
        )
        .fails(2, "committee");
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_commune_starting_in_december_enters_its_year_on_paper,
);
