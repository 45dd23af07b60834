//! Members' records with a real `sotay serve`: the secretary admits a member (probationary, the
//! countdown to the vote running), records the vote that makes them official, rates members for
//! the year with the 100-point score; the member's own device reads it after a sync; the
//! member's page lists their transfer; the commune's committee plans its admissions and sees
//! them against the plan, on the device and from the server alike. Bad input and a plain
//! member's attempts are refused with nothing written, and a rating written behind the app's
//! back by a plain member's device is refused by the server.

use super::committee_steps::{UnderCommune, ok, refused, under_commune};
use super::sync::{edit, sync};
use crate::util::{Db, Dir, sotay};
use chrono::{Datelike, Duration, Utc};
use sotay_core::model::{MemberRating, RatingLevel};

fn members_records_are_kept_by_the_cell_and_counted_by_the_commune(dir: &Dir, db: Db) {
    let UnderCommune {
        served,
        commune,
        device: commune_dev,
        ..
    } = under_commune(dir, &db, |_, _| Ok(()));
    let vn_today = (Utc::now() + Duration::hours(7)).date_naive();
    let this_year = vn_today.year();
    let last_year = (this_year - 1).to_string();
    let admitted = (vn_today - Duration::days(340))
        .format("%d/%m/%Y")
        .to_string();
    let tomorrow = (vn_today + Duration::days(1))
        .format("%d/%m/%Y")
        .to_string();

    // Admitting: bad input and a plain member are refused, nothing written.
    let admit = [
        "member",
        "admit",
        "--name",
        "Lò Thị Mai",
        "--admitted-on",
        &admitted,
    ];
    let said = refused(
        &served.secretary,
        &[
            "member",
            "admit",
            "--name",
            "Lò Thị Mai",
            "--admitted-on",
            &tomorrow,
        ],
    );
    assert!(said.contains("not happened yet"), "{said}");
    refused(
        &served.secretary,
        &[
            "member",
            "admit",
            "--name",
            "Lò Thị Mai",
            "--admitted-on",
            "31/02/2026",
        ],
    );
    refused(
        &served.secretary,
        &[
            "member",
            "admit",
            "--name",
            "  ",
            "--admitted-on",
            &admitted,
        ],
    );
    let said = refused(&served.member, &admit);
    assert!(said.contains("committee"), "{said}");
    let page = ok(&served.secretary, &admit);
    let new = page["member"]["id"].as_str().unwrap().to_owned();
    assert_eq!(page["standing"], "probationary");
    assert_eq!(page["member"]["unit_name"], "Chi bộ thôn Đông");
    // Twelve months from admission: 25 days left (340 days in, a year of 365).
    assert_eq!(page["probation"]["days_left"], 25, "{page}");
    assert_eq!(page["may_edit"], true);
    let roster = ok(&served.secretary, &["members"]);
    let row = roster
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == new)
        .unwrap_or_else(|| panic!("the new member on the roster: {roster}"));
    assert_eq!(row["standing"], "probationary");

    // Rating: the level may not be above the score's band, nor the year ahead.
    let rate = |store: &std::path::Path, member: &str, level: &str, score: &str| {
        sotay(
            store,
            &[
                "member", "rate", member, "--year", &last_year, "--level", level, "--score", score,
                "--json",
            ],
        )
    };
    let plain_id = served.cell.members[1].to_string();
    let third_id = served.cell.members[2].to_string();
    let said = refused(
        &served.secretary,
        &[
            "member",
            "rate",
            &plain_id,
            "--year",
            &last_year,
            "--level",
            "excellent",
            "--score",
            "85",
        ],
    );
    assert!(said.contains("at most"), "{said}");
    let ahead = (this_year + 1).to_string();
    refused(
        &served.secretary,
        &[
            "member", "rate", &plain_id, "--year", &ahead, "--level", "good",
        ],
    );
    refused(
        &served.secretary,
        &[
            "member", "rate", &plain_id, "--year", &last_year, "--level", "good", "--score", "120",
        ],
    );
    refused(
        &served.member,
        &[
            "member",
            "rate",
            &plain_id,
            "--year",
            &last_year,
            "--level",
            "excellent",
        ],
    );
    let rated = rate(&served.secretary, &plain_id, "good", "82");
    assert_eq!(rated.code, 0, "{}", rated.stderr);
    // A correction overwrites the year's rating; a cell may rate below the score's band.
    let rated = rate(&served.secretary, &plain_id, "completed", "92").json();
    assert_eq!(rated["ratings"].as_array().unwrap().len(), 1, "{rated}");
    assert_eq!(rated["ratings"][0]["level"], "completed");
    assert_eq!(rated["ratings"][0]["score"], 92);
    assert_eq!(
        rate(&served.secretary, &third_id, "excellent", "95").code,
        0
    );

    // The vote on official membership: the member's device has the new member once synced,
    // and may not record it.
    assert_eq!(sync(&served.secretary)["status"]["rejected_changes"], 0);
    sync(&served.member);
    let official = (vn_today - Duration::days(2))
        .format("%d/%m/%Y")
        .to_string();
    let said = refused(
        &served.member,
        &["member", "official", &new, "--on", &official],
    );
    assert!(said.contains("committee"), "{said}");
    let done = sotay(
        &served.secretary,
        &["member", "official", &new, "--on", &official],
    );
    assert_eq!(done.code, 0, "{}", done.stderr);
    let page = ok(&served.secretary, &["member", "show", &new]);
    assert_eq!(page["standing"], "official");
    assert!(page["probation"].is_null());
    let said = refused(
        &served.secretary,
        &["member", "official", &new, "--on", &official],
    );
    assert!(said.contains("already an official member"), "{said}");
    // Another admitted today, this year's whatever the day.
    let today = vn_today.format("%d/%m/%Y").to_string();
    ok(
        &served.secretary,
        &[
            "member",
            "admit",
            "--name",
            "Hà Văn Tiến",
            "--admitted-on",
            &today,
        ],
    );
    assert_eq!(sync(&served.secretary)["status"]["rejected_changes"], 0);

    // The member's own device reads their rating and the new member.
    sync(&served.member);
    let mine = ok(&served.member, &["member", "show", &plain_id]);
    assert_eq!(mine["ratings"][0]["level"], "completed");
    assert_eq!(mine["ratings"][0]["unit_name"], "Chi bộ thôn Đông");
    assert_eq!(mine["may_edit"], false);
    assert_eq!(
        ok(&served.member, &["member", "show", &new])["standing"],
        "official"
    );

    // A plain member's device writing a rating behind the app's back: the server refuses it.
    let plain = served.cell.members[1];
    edit(&served.member, |w| {
        w.put(&MemberRating {
            id: MemberRating::id_for(plain, i64::from(this_year) - 1),
            member_id: plain,
            unit_id: served.cell.unit,
            year: i64::from(this_year) - 1,
            level: RatingLevel::Excellent,
            score: Some(99),
            note: None,
        })
    });
    assert_eq!(sync(&served.member)["status"]["rejected_changes"], 1);
    sync(&served.secretary);
    let kept = ok(&served.secretary, &["member", "show", &plain_id]);
    assert_eq!(
        kept["ratings"][0]["level"], "completed",
        "the cell's rating stands"
    );

    // A transfer shows on the member's page (the administrator moves the member to the commune).
    let admin = dir.path("admin.db");
    sync(&admin);
    let moved = sotay(
        &admin,
        &[
            "transfer",
            "--member",
            &third_id,
            "--to",
            &commune.id.to_string(),
            "--on",
            "01/03/2026",
            "--reason",
            "Quyết định 15-QĐ/ĐU",
        ],
    );
    assert_eq!(moved.code, 0, "{}", moved.stderr);
    let page = ok(&admin, &["member", "show", &third_id]);
    assert_eq!(page["transfers"][0]["from_name"], "Chi bộ thôn Đông");
    assert_eq!(page["transfers"][0]["to_name"], "Đảng bộ xã Hòa Bình");
    assert_eq!(page["transfers"][0]["reason"], "Quyết định 15-QĐ/ĐU");
    assert_eq!(
        page["ratings"][0]["level"], "excellent",
        "the cell's rating stays with it"
    );

    // The commune plans its admissions; the cell may not plan the commune's; the year's
    // admission (the new member) counts against it, here and on the server.
    let commune_id = commune.id.to_string();
    refused(
        &served.secretary,
        &["admissions", "--unit", &commune_id, "--plan", "3"],
    );
    refused(&commune_dev, &["admissions", "--plan=-1"]);
    sync(&commune_dev);
    let year = this_year.to_string();
    let admissions = ok(&commune_dev, &["admissions", "--plan", "4"]);
    let admitted_this_year =
        1 + i64::from(vn_today - Duration::days(340) >= vn_today.with_ordinal(1).unwrap());
    assert_eq!(admissions[0]["name"], "Đảng bộ xã Hòa Bình");
    assert_eq!(admissions[0]["planned"], 4);
    assert_eq!(admissions[0]["admitted"], admitted_this_year);
    assert_eq!(sync(&commune_dev)["status"]["rejected_changes"], 0);
    let here = ok(&commune_dev, &["report", "--year", &year]);
    let there = sotay(
        &commune_dev,
        &["report", "--year", &year, "--server", "--json"],
    )
    .json();
    assert_eq!(there["admissions"], here["admissions"]);
    assert_eq!(there["cells"][0]["figures"], here["cells"][0]["figures"]);
    let past = ok(&commune_dev, &["report", "--year", &last_year]);
    let ratings = &past["cells"][0]["figures"]["ratings"];
    assert_eq!(
        (ratings["excellent"].as_i64(), ratings["completed"].as_i64()),
        (Some(1), Some(1)),
        "{past}"
    );
    let there = sotay(
        &commune_dev,
        &["report", "--year", &last_year, "--server", "--json"],
    )
    .json();
    assert_eq!(there["cells"][0]["figures"], past["cells"][0]["figures"]);
    let cleared = ok(&commune_dev, &["admissions", "--clear"]);
    assert!(cleared[0]["planned"].is_null());
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    members_records_are_kept_by_the_cell_and_counted_by_the_commune
);
