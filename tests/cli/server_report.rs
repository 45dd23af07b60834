//! The server computes the same figures as the device (`sotay report --server`, `GET
//! /v1/report`): a commune's training data pushed to a real `sotay serve`, every cell's figures,
//! verdicts, months and roster from the server equal those the administrator's store computes;
//! the commune's committee may ask for its cells, a plain member may not ask for the commune.
//! Targets the commune sets hold for its cells on both sides.

use super::sync::{Server, Whom};
use crate::util::{DEMO_DAY, Db, Dir};
use chrono::Datelike;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The demo's data, the server and every device here run on the demo's day.
fn sotay(store: &Path, args: &[&str]) -> crate::util::Run {
    DEMO_DAY.sotay(store, args)
}

fn sync(store: &Path) -> Value {
    sotay(store, &["sync", "--json"]).json()
}

fn by_cell(report: &Value) -> BTreeMap<String, Value> {
    report["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["unit_id"].as_str().unwrap().to_owned(),
                serde_json::json!({
                    "name": c["name"], "parent_name": c["parent_name"], "members": c["members"],
                    "figures": c["figures"], "verdicts": c["verdicts"], "months": c["months"],
                }),
            )
        })
        .collect()
}

fn the_server_s_figures_are_the_device_s(dir: &Dir, db: Db) {
    let server = Server::start_at(&db, DEMO_DAY);
    let admin = dir.path("admin.db");
    sotay(
        &admin,
        &["demo", "--size", "commune", "--years", "2", "--training"],
    )
    .json_or_ok();
    server.connect(&admin, &server.url, Whom::Admin);
    sync(&admin);
    let units = sotay(&admin, &["units", "--json"]).json();
    let unit = |level: &str| {
        units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["level"] == level)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (commune, cell) = (unit("grassroots"), unit("cell"));
    // The commune's stricter targets hold for its cells, on the device and on the server alike.
    let set = sotay(
        &admin,
        &[
            "targets",
            "--unit",
            &commune,
            "--attendance",
            "95",
            "--spoke",
            "60",
            "--json",
        ],
    )
    .json();
    assert_eq!(set["attendance"], 0.95);
    assert_eq!(set["regular_meetings"], 12, "the others kept");
    sync(&admin);
    let year = DEMO_DAY.local_date().year().to_string();
    let last_year = (year.parse::<i32>().unwrap() - 1).to_string();
    for y in [&year, &last_year] {
        let here = sotay(
            &admin,
            &["report", "--unit", &commune, "--year", y, "--json"],
        )
        .json();
        let there = sotay(
            &admin,
            &[
                "report", "--unit", &commune, "--year", y, "--server", "--json",
            ],
        )
        .json();
        assert_eq!(there["year"], here["year"]);
        assert_eq!(there["as_of"], here["as_of"]);
        assert_eq!(there["targets"], here["targets"]);
        assert_eq!(here["targets"]["spoke"], 0.6);
        assert_eq!(by_cell(&there), by_cell(&here), "year {y}");
        assert_eq!(there["admissions"], here["admissions"], "year {y}");
        assert!(by_cell(&here).len() >= 5);
    }
    // Last year's ratings, by level, as plain SQL counts them: the server's are the same (above).
    let db = rusqlite::Connection::open(&admin).unwrap();
    let past = sotay(
        &admin,
        &["report", "--unit", &commune, "--year", &last_year, "--json"],
    )
    .json();
    let mut rated = 0;
    for c in past["cells"].as_array().unwrap() {
        for level in ["excellent", "good", "completed", "not_completed"] {
            let n: i64 = db
                .query_row(
                    "SELECT count(*) FROM member_rating
                     WHERE unit_id = ?1 AND year = ?2 AND level = ?3 AND deleted = 0",
                    rusqlite::params![
                        c["unit_id"].as_str().unwrap(),
                        last_year.parse::<i64>().unwrap(),
                        level
                    ],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(
                c["figures"]["ratings"][level], n,
                "{level} in {}",
                c["name"]
            );
            rated += n;
        }
    }
    assert!(
        rated > 100,
        "the demo rates every member of last year: {rated}"
    );

    // The commune's committee asks for its cells; a plain member of a cell may not ask for the
    // commune (its sibling cells are not theirs to read), but may for their own cell.
    let people = |unit: &str| sotay(&admin, &["members", "--unit", unit, "--json"]).json();
    let role_in = |unit: &str, role: &str| {
        people(unit)
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["role"] == role)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let committee = dir.path("commune.db");
    server.connect(
        &committee,
        &server.url,
        Whom::Member(role_in(&commune, "secretary")),
    );
    let theirs = sotay(
        &committee,
        &["report", "--unit", &commune, "--server", "--json"],
    )
    .json();
    assert_eq!(
        theirs["cells"].as_array().unwrap().len(),
        by_cell(&theirs).len()
    );
    assert!(!theirs["cells"].as_array().unwrap().is_empty());
    let member = dir.path("member.db");
    server.connect(&member, &server.url, Whom::Member(role_in(&cell, "member")));
    let refused = sotay(
        &member,
        &["report", "--unit", &commune, "--server", "--json"],
    );
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("may not"), "{}", refused.stderr);
    // The commune's committee sets its targets and the server takes them; a member may not.
    sync(&committee);
    let stricter = sotay(&committee, &["targets", "--tasks", "90", "--json"]).json();
    assert_eq!(stricter["tasks_on_time"], 0.9);
    assert_eq!(sync(&committee)["status"]["rejected_changes"], 0);
    let after = sotay(
        &committee,
        &["report", "--unit", &commune, "--server", "--json"],
    )
    .json();
    assert_eq!(after["targets"]["tasks_on_time"], 0.9);
    assert_eq!(
        after["targets"]["attendance"], 0.95,
        "the administrator's, kept"
    );
    sync(&member);
    let refused_targets = sotay(&member, &["targets", "--unit", &cell, "--attendance", "50"]);
    assert_eq!(refused_targets.code, 2, "{}", refused_targets.stderr);
    let own = sotay(&member, &["report", "--unit", &cell, "--server", "--json"]).json();
    assert_eq!(own["cells"].as_array().unwrap().len(), 1);
    let bad = sotay(
        &member,
        &[
            "report", "--unit", &cell, "--server", "--year", "20266", "--json",
        ],
    );
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("1930"), "{}", bad.stderr);
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    the_server_s_figures_are_the_device_s
);
