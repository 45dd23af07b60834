//! Search from the command line, with and without diacritics.

use crate::util::{DEMO_DAY, Dir, demo_cell};

fn ids(store: &std::path::Path, q: &str) -> Vec<String> {
    let hits = DEMO_DAY
        .sotay(store, &["search", q, "--limit", "50", "--json"])
        .json();
    hits.as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn search_finds_the_same_with_and_without_diacritics() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let with = ids(&store, "Nghị quyết");
    assert!(!with.is_empty());
    assert_eq!(with, ids(&store, "nghi quyet"));
    assert_eq!(ids(&store, "Đảng viên"), ids(&store, "dang vien"));
    assert!(!ids(&store, "dang vien").is_empty());
}

#[test]
fn search_results_carry_a_marked_snippet_in_the_original_text() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let hits = DEMO_DAY
        .sotay(&store, &["search", "huong dan", "--json"])
        .json();
    let first = &hits[0];
    assert!(
        first["title"].as_str().unwrap().contains("Hướng dẫn")
            || first["snippet"]["text"]
                .as_str()
                .unwrap()
                .contains("ướng dẫn"),
        "{first}"
    );
    let text: Vec<char> = first["snippet"]["text"].as_str().unwrap().chars().collect();
    let (s, e) = (
        first["snippet"]["highlights"][0][0].as_u64().unwrap() as usize,
        first["snippet"]["highlights"][0][1].as_u64().unwrap() as usize,
    );
    let marked: String = text[s..e].iter().collect();
    assert_eq!(sotay_core::text::fold(&marked), "huong", "{first}");

    let human = DEMO_DAY.sotay(&store, &["search", "huong dan"]);
    assert!(
        human.stdout.contains("[Hướng] [dẫn]") || human.stdout.contains("[hướng] [dẫn]"),
        "{}",
        human.stdout
    );
}

#[test]
fn search_finds_minutes_and_tasks_too() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let kinds = |q: &str| -> Vec<String> {
        let hits = DEMO_DAY
            .sotay(&store, &["search", q, "--limit", "50", "--json"])
            .json();
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        kinds("chu tri thu ky").contains(&"meeting".to_owned()),
        "minutes are searchable"
    );
    assert!(
        kinds("don doc thu nop").contains(&"task".to_owned()),
        "tasks are searchable"
    );
}
