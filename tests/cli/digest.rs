//! `sotay digest`: the one-page PDF for a member who was away, read back by pdftotext — the
//! resolutions their cell adopted since the day (by plain SQL) are on it, another cell's papers
//! are not, their name and the period are; a day that is not one is refused.

use crate::util::{DEMO_DAY, Dir};
use chrono::Duration;
use rusqlite::Connection;

fn text_of(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils; scripts/deps.sh test installs it)");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_member_s_digest_holds_their_cell_s_decisions_and_nothing_of_another_cell() {
    let dir = Dir::new();
    let store = dir.path("commune.db");
    DEMO_DAY
        .sotay(&store, &["demo", "--size", "commune", "--years", "1"])
        .json_or_ok();
    let db = Connection::open(&store).unwrap();
    let (member, name, cell): (String, String, String) = db
        .query_row(
            "SELECT m.id, m.full_name, m.unit_id FROM member m JOIN org_unit u ON u.id = m.unit_id
             WHERE u.level = 'cell' AND m.role = 'member' AND m.deleted = 0 ORDER BY m.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let since = DEMO_DAY.local_date() - Duration::days(45);
    let since_text = since.format("%d/%m/%Y").to_string();
    // The member's digest since the day, written to `name`, as text.
    let digest = |name: &str, extra: &[&str]| {
        let pdf = dir.path(name);
        let mut args = vec!["digest", "--since", &since_text, "--member", &member];
        args.extend(extra);
        args.extend(["-o", pdf.to_str().unwrap()]);
        let run = DEMO_DAY.sotay(&store, &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        text_of(&pdf)
    };
    let text = digest("tom-tat.pdf", &[]);
    assert!(text.contains("TÓM TẮT SINH HOẠT CHI BỘ"), "{text}");
    assert!(text.contains(&format!("Gửi đồng chí {name}")));
    assert!(text.contains(&format!("Từ ngày {since_text}")));

    let titles = |sql: &str, unit_is: &str| -> Vec<String> {
        db.prepare(&format!("{sql} AND unit_id {unit_is} ?1 AND deleted = 0"))
            .unwrap()
            .query_map(rusqlite::params![cell, since.to_string()], |r| {
                r.get::<_, String>(0)
            })
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let adopted = titles(
        "SELECT title FROM resolution WHERE status = 'adopted' AND adopted_on >= ?2",
        "=",
    );
    assert!(
        !adopted.is_empty(),
        "the demo cell adopted resolutions lately"
    );
    // The digest keeps to one page, newest first: the latest adopted is on it.
    let newest: String = db
        .query_row(
            "SELECT title FROM resolution WHERE status = 'adopted' AND adopted_on >= ?2
               AND unit_id = ?1 AND deleted = 0 ORDER BY adopted_on DESC, title LIMIT 1",
            rusqlite::params![cell, since.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(adopted.contains(&newest));
    assert!(text.contains(&newest), "{newest} in {text}");
    let elsewhere = titles(
        "SELECT title FROM document WHERE kind = 'meeting_paper' AND issued_on >= ?2",
        "<>",
    );
    let own = titles(
        "SELECT title FROM document WHERE kind = 'meeting_paper' AND issued_on >= ?2",
        "=",
    );
    for t in elsewhere.iter().filter(|t| !own.contains(t)) {
        assert!(!text.contains(t.as_str()), "another cell's paper: {t}");
    }

    let large = dir.path("lon.pdf");
    let run = DEMO_DAY.sotay(
        &store,
        &[
            "digest",
            "--since",
            &since_text,
            "--member",
            &member,
            "--large",
            "-o",
            large.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(text_of(&large).contains(&format!("Gửi đồng chí {name}")));

    let bad = DEMO_DAY.sotay(
        &store,
        &["digest", "--since", "31/02/2026", "--member", &member],
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}
