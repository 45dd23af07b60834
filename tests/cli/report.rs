//! `sotay report` on the demo district: every figure of every cell equals a second computation
//! written here in plain SQL over the store (Vietnam is UTC+7 all year, so a local month is a
//! fixed offset away), and the files for the report upward carry the same figures ([`files`]);
//! `sotay checks` lists the overdue tasks and months without a meeting that plain SQL finds.

mod files;

use crate::util::{DEMO_DAY, Dir};
use chrono::Datelike;
use rusqlite::Connection;
use serde_json::Value;

/// `(part, whole)` of a share in the report's JSON.
fn share(v: &Value) -> (i64, i64) {
    (v["part"].as_i64().unwrap(), v["whole"].as_i64().unwrap())
}

/// The SQL condition "held meeting of `cell` in `year`", with the local year from UTC+7.
const HELD_IN_YEAR: &str = "m.unit_id = ?1 AND m.deleted = 0 AND m.status = 'held'
    AND strftime('%Y', m.starts_at / 1000 + 7 * 3600, 'unixepoch') = ?2";

fn count(db: &Connection, sql: &str, cell: &str, year: &str) -> i64 {
    db.query_row(sql, [cell, year], |r| r.get(0)).unwrap()
}

#[test]
fn every_cell_s_figures_equal_an_independent_sql_computation() {
    let dir = Dir::new();
    let store = dir.path("district.db");
    DEMO_DAY
        .sotay(&store, &["demo", "--size", "district", "--years", "1"])
        .json_or_ok();
    let units = DEMO_DAY.sotay(&store, &["units", "--json"]).json();
    let district = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["level"] == "district")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let local_today = DEMO_DAY.local_date();
    let year = local_today.year().to_string();
    let report = DEMO_DAY
        .sotay(
            &store,
            &["report", "--unit", &district, "--year", &year, "--json"],
        )
        .json();
    let cells = report["cells"].as_array().unwrap();
    let db = Connection::open(&store).unwrap();
    let all_cells: i64 = db
        .query_row(
            "SELECT count(*) FROM org_unit WHERE level = 'cell' AND deleted = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cells.len() as i64, all_cells, "every cell of the district");
    assert!(all_cells >= 150, "{all_cells}");
    let months_ended = local_today.month() - 1;
    let mut missed_somewhere = false;
    let mut admitted_in_district = 0;

    for c in cells {
        let id = c["unit_id"].as_str().unwrap();
        let f = &c["figures"];
        let held = |kind: &str| {
            count(
                &db,
                &format!(
                    "SELECT count(*) FROM meeting m WHERE {HELD_IN_YEAR} AND m.kind = '{kind}'"
                ),
                id,
                &year,
            )
        };
        assert_eq!(f["regular_held"].as_i64().unwrap(), held("regular"), "{id}");
        assert_eq!(
            f["thematic_held"].as_i64().unwrap(),
            held("thematic"),
            "{id}"
        );

        let mut missed = Vec::new();
        for month in 1..=months_ended {
            let n = count(
                &db,
                &format!(
                    "SELECT count(*) FROM meeting m WHERE {HELD_IN_YEAR} AND m.kind = 'regular'
                     AND CAST(strftime('%m', m.starts_at / 1000 + 7 * 3600, 'unixepoch') AS INTEGER) = {month}"
                ),
                id,
                &year,
            );
            if n == 0 {
                missed.push(Value::from(month));
            }
        }
        // The trend: each month's regular meetings and roll call, by its own SQL.
        let months = c["months"].as_array().unwrap();
        assert_eq!(months.len(), 12, "{id}");
        for (i, m) in months.iter().enumerate() {
            let month = i + 1;
            let in_month = format!(
                "{HELD_IN_YEAR} AND CAST(strftime('%m', m.starts_at / 1000 + 7 * 3600, 'unixepoch') AS INTEGER) = {month}"
            );
            let regular = count(
                &db,
                &format!("SELECT count(*) FROM meeting m WHERE {in_month} AND m.kind = 'regular'"),
                id,
                &year,
            );
            assert_eq!(m["month"], month, "{id}");
            assert_eq!(
                m["regular_held"].as_i64().unwrap(),
                regular,
                "{id} month {month}"
            );
            let roll = |statuses: &str| {
                count(
                    &db,
                    &format!(
                        "SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id
                         WHERE {in_month} AND a.deleted = 0 AND a.status IN ({statuses})"
                    ),
                    id,
                    &year,
                )
            };
            assert_eq!(
                share(&m["attendance"]),
                (
                    roll("'present'"),
                    roll("'present', 'absent_with_reason', 'absent_without_reason'")
                ),
                "{id} month {month}"
            );
        }
        missed_somewhere |= !missed.is_empty();
        assert_eq!(f["months_missed"].as_array().unwrap(), &missed, "{id}");

        let attendance = |statuses: &str| {
            count(
                &db,
                &format!(
                    "SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id
                     WHERE {HELD_IN_YEAR} AND a.deleted = 0 AND a.status IN ({statuses})"
                ),
                id,
                &year,
            )
        };
        let present = attendance("'present'");
        let called = attendance("'present', 'absent_with_reason', 'absent_without_reason'");
        assert_eq!(share(&f["attendance"]), (present, called), "{id}");

        let speakers = count(
            &db,
            &format!(
                "SELECT count(*) FROM (SELECT DISTINCT c.meeting_id, c.member_id
                   FROM contribution c JOIN meeting m ON m.id = c.meeting_id
                   WHERE {HELD_IN_YEAR} AND c.deleted = 0 AND c.kind = 'speech')"
            ),
            id,
            &year,
        );
        assert_eq!(share(&f["spoke"]), (speakers, present), "{id}");

        let all_held = count(
            &db,
            &format!("SELECT count(*) FROM meeting m WHERE {HELD_IN_YEAR}"),
            id,
            &year,
        );
        let on_time = count(
            &db,
            &format!(
                "SELECT count(*) FROM meeting m WHERE {HELD_IN_YEAR}
                 AND m.published_at IS NOT NULL AND m.starts_at - m.published_at >= 86400000"
            ),
            id,
            &year,
        );
        assert_eq!(share(&f["published_on_time"]), (on_time, all_held), "{id}");

        let tasks = |extra: &str| {
            db.query_row(
                &format!(
                    "SELECT count(*) FROM task WHERE unit_id = ?1 AND deleted = 0
                     AND status <> 'cancelled' AND substr(due_on, 1, 4) = ?2 AND due_on <= ?3 {extra}"
                ),
                [id, &year, &local_today.to_string()],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
        };
        let due = tasks("");
        let done_in_time = tasks("AND status = 'done' AND completed_on <= due_on");
        assert_eq!(share(&f["tasks_on_time"]), (done_in_time, due), "{id}");

        // Members admitted in the year so far, in the cell they are in now.
        let admitted: i64 = db
            .query_row(
                "SELECT count(*) FROM member WHERE unit_id = ?1 AND deleted = 0
                 AND substr(admitted_on, 1, 4) = ?2 AND admitted_on <= ?3",
                [id, &year, &local_today.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(f["admitted"], admitted, "{id}");
        admitted_in_district += admitted;
    }
    assert!(
        admitted_in_district > 0,
        "the demo admits members this year"
    );
    assert_eq!(
        report["admissions"][0]["admitted"], admitted_in_district,
        "the district's admissions are its cells'"
    );
    assert!(report["admissions"][0]["planned"].as_i64().unwrap() > 0);
    if months_ended >= 3 {
        assert!(
            missed_somewhere,
            "the demo district has cells that missed a month"
        );
    }

    files::say_the_same(&dir, &store, &district, &report, &db, local_today);
}

/// `sotay checks` on the demo commune: every overdue task and every month without a regular
/// meeting that plain SQL finds is listed, and nothing else of those two checks.
#[test]
fn the_rule_checks_list_what_plain_sql_finds() {
    let dir = Dir::new();
    let store = dir.path("commune.db");
    DEMO_DAY
        .sotay(&store, &["demo", "--size", "commune", "--years", "1"])
        .json_or_ok();
    let units = DEMO_DAY.sotay(&store, &["units", "--json"]).json();
    let commune = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["level"] == "grassroots")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let found = DEMO_DAY
        .sotay(&store, &["checks", "--unit", &commune, "--json"])
        .json();
    let local_today = DEMO_DAY.local_date();
    let year = local_today.year().to_string();
    let db = Connection::open(&store).unwrap();
    let mut listed_overdue = std::collections::BTreeSet::new();
    let mut listed_missed = std::collections::BTreeSet::new();
    for cell in found.as_array().unwrap() {
        let id = cell["unit_id"].as_str().unwrap().to_owned();
        for f in cell["findings"].as_array().unwrap() {
            let f = &f["finding"];
            match f["check"].as_str().unwrap() {
                "task_overdue" => {
                    listed_overdue.insert(f["task_id"].as_str().unwrap().to_owned());
                }
                "missed_month" => {
                    listed_missed.insert((id.clone(), f["month"].as_i64().unwrap()));
                }
                _ => {}
            }
        }
    }
    let mut stmt = db
        .prepare(
            "SELECT t.id FROM task t JOIN org_unit u ON u.id = t.unit_id
             WHERE t.deleted = 0 AND u.level = 'cell' AND t.status IN ('open', 'in_progress')
               AND t.due_on < ?1",
        )
        .unwrap();
    let overdue: std::collections::BTreeSet<String> = stmt
        .query_map([local_today.to_string()], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(listed_overdue, overdue);
    let mut missed = std::collections::BTreeSet::new();
    let cells: Vec<String> = db
        .prepare("SELECT id FROM org_unit WHERE level = 'cell' AND deleted = 0")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for cell in &cells {
        for month in 1..local_today.month() {
            let n = count(
                &db,
                &format!(
                    "SELECT count(*) FROM meeting m WHERE {HELD_IN_YEAR} AND m.kind = 'regular'
                     AND CAST(strftime('%m', m.starts_at / 1000 + 7 * 3600, 'unixepoch') AS INTEGER) = {month}"
                ),
                cell,
                &year,
            );
            if n == 0 {
                missed.insert((cell.clone(), i64::from(month)));
            }
        }
    }
    assert_eq!(listed_missed, missed);
}
