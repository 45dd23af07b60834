//! Replies to a meeting's invitation over a real `sotay serve`, on both backends: the commune
//! sets the quorum of its cells' meetings with its targets; a member answers "I cannot come"
//! offline and syncs; the cell's secretary sees the forecast fall under that quorum, and rise
//! again when the member will come after all. A plain member sees no forecast.

use super::committee_steps::{UnderCommune, ok, under_commune};
use super::sync::sync;
use crate::util::{Day, Db, Dir};

/// Before the served cell's meeting (05/12/2026, 19:30).
const BEFORE: Day = Day("2026-12-01T09:00:00+07:00");

fn the_commune_s_quorum_and_a_member_s_reply_make_the_forecast(dir: &Dir, db: Db) {
    let UnderCommune {
        served,
        device: commune_dev,
        ..
    } = under_commune(dir, &db, |_, _| Ok(()));
    let meeting = served.cell.meeting.to_string();
    let forecast = |store| {
        let run = BEFORE.sotay(store, &["meeting", &meeting, "--json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()["forecast"].clone()
    };

    // More than 70 % of the official members, says the commune; a bad share is refused.
    assert_eq!(
        crate::util::sotay(&commune_dev, &["targets", "--quorum", "40"]).code,
        2
    );
    ok(&commune_dev, &["targets", "--quorum", "70"]);
    sync(&commune_dev);
    sync(&served.secretary);
    let before = forecast(&served.secretary);
    assert_eq!(before["quorum_percent"], 70, "{before}");
    assert_eq!(before["base"], 3);
    assert_eq!(before["needed"], 3);
    assert_eq!(before["under_quorum"], false);
    assert!(
        forecast(&served.member).is_null(),
        "a member sees no forecast"
    );

    // The member cannot come (written offline, synced after): under the quorum.
    let run = BEFORE.sotay(
        &served.member,
        &["rsvp", &meeting, "--cannot", "Đi làm ăn xa"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    sync(&served.member);
    sync(&served.secretary);
    let after = forecast(&served.secretary);
    assert_eq!(after["not_coming"], 1, "{after}");
    assert_eq!(after["expected_official"], 2);
    assert_eq!(after["under_quorum"], true);

    // After all they will come: the quorum again.
    let run = BEFORE.sotay(&served.member, &["rsvp", &meeting, "--coming"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    sync(&served.member);
    sync(&served.secretary);
    let again = forecast(&served.secretary);
    assert_eq!(
        (again["coming"].as_i64(), again["under_quorum"].as_bool()),
        (Some(1), Some(false)),
        "{again}"
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    the_commune_s_quorum_and_a_member_s_reply_make_the_forecast
);
