//! The store's contract: atomic outbox, safe opening, migrations, search, typed errors.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failing test with a message

use chrono::NaiveDate;
use rusqlite::Connection;
use sotay_core::id::new_id;
use sotay_core::model::*;
use sotay_core::{ClientId, EntityKind, Hlc, Invalid, Record};
use sotay_store::{RemoteRecord, Store, StoreError, migrations};
use sotay_test_support::fixtures::{self, cell, meeting, member};
use uuid::Uuid;

/// A numbered document with a body, for search.
fn document(unit: Uuid, number: &str, title: &str, body: &str) -> Document {
    Document {
        number: Some(number.into()),
        summary: None,
        body: body.into(),
        ..fixtures::document(unit, title)
    }
}

fn outbox_ops(store: &Store) -> Vec<(String, String)> {
    store
        .outbox(1000)
        .unwrap()
        .into_iter()
        .map(|e| (e.entity.as_str().to_owned(), e.op.as_str().to_owned()))
        .collect()
}

#[test]
fn each_write_appends_its_outbox_entry_in_the_same_transaction() {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Chi bộ thôn Đông");
    let m = meeting(unit.id, "Sinh hoạt thường kỳ tháng 3");
    store
        .write(|w| {
            w.insert(&unit)?;
            w.insert(&m)
        })
        .unwrap();
    assert_eq!(
        outbox_ops(&store),
        [
            ("org_unit".into(), "insert".into()),
            ("meeting".into(), "insert".into())
        ]
    );
    let entries = store.outbox(10).unwrap();
    assert!(entries[0].mutation_id < entries[1].mutation_id);
    assert!(
        entries[0].hlc < entries[1].hlc,
        "every change has its own, later HLC"
    );
    assert_eq!(entries[1].fields["topic"], "Sinh hoạt thường kỳ tháng 3");
    assert_eq!(entries[1].entity_id.to_string(), m.id.to_string());
}

#[test]
fn a_rolled_back_write_leaves_neither_record_nor_outbox_entry() {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Chi bộ thôn Tây");
    store.write(|w| w.insert(&unit)).unwrap();
    let before = store.pending_changes().unwrap();

    let m = meeting(unit.id, "Họp chi bộ");
    let bad = meeting(new_id(), "Họp ở đơn vị không tồn tại");
    let err = store
        .write(|w| {
            w.insert(&m)?; // succeeds inside the transaction…
            w.insert(&bad) // …then this fails, so the whole write must roll back
        })
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                kind: EntityKind::OrgUnit,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(store.pending_changes().unwrap(), before);
    assert!(store.get::<Meeting>(m.id).unwrap().is_none());

    // The clock kept moving forward all the same: the next write is later than any before.
    let last = store.outbox(10).unwrap().last().unwrap().hlc;
    store.write(|w| w.insert(&m)).unwrap();
    assert!(store.outbox(10).unwrap().last().unwrap().hlc > last);
}

#[test]
fn a_push_batch_stops_at_its_byte_budget_but_always_takes_the_oldest() {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Chi bộ 1");
    let long = document(
        unit.id,
        "1-NQ/ĐU",
        "Nghị quyết",
        &"Nội dung dài. ".repeat(2_000),
    );
    let short = document(unit.id, "2-NQ/ĐU", "Thông báo", "Ngắn.");
    store
        .write(|w| {
            w.insert(&unit)?;
            w.insert(&long)?;
            w.insert(&short)
        })
        .unwrap();
    let ids = |entries: Vec<sotay_store::OutboxEntry>| -> Vec<Uuid> {
        entries.into_iter().map(|e| e.entity_id).collect()
    };
    // The oldest change goes even when it alone is over the budget.
    assert_eq!(ids(store.outbox_after(0, 10, 10).unwrap()), [unit.id]);
    // The long document does not fit after it: the batch ends before it, not after.
    assert_eq!(ids(store.outbox_after(0, 10, 1_000).unwrap()), [unit.id]);
    assert_eq!(
        ids(store.outbox_after(0, 10, 1_000_000).unwrap()),
        [unit.id, long.id, short.id]
    );
    assert_eq!(
        ids(store.outbox_after(0, 2, 1_000_000).unwrap()),
        [unit.id, long.id]
    );
    // The next batch, prepared while the first is still unanswered, starts after its last change
    // and again takes its own first change whatever its size.
    let sent = store.outbox_after(0, 1, 1_000_000).unwrap();
    let after = sent.last().unwrap().mutation_id;
    assert_eq!(ids(store.outbox_after(after, 10, 10).unwrap()), [long.id]);
    assert_eq!(
        ids(store.outbox_after(after, 10, 1_000_000).unwrap()),
        [long.id, short.id]
    );
}

#[test]
fn modify_sends_only_changed_fields_with_their_base() {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Chi bộ khu dân cư Hưng Nhân");
    let m = meeting(unit.id, "Sinh hoạt tháng 4");
    store
        .write(|w| {
            w.insert(&unit)?;
            w.insert(&m)
        })
        .unwrap();
    let updated = store
        .write(|w| {
            w.modify::<Meeting>(m.id, |m| {
                m.topic = "Sinh hoạt chuyên đề giải phóng mặt bằng".into();
                m.place = m.place.clone(); // unchanged: not sent
            })
        })
        .unwrap();
    assert_eq!(updated.topic, "Sinh hoạt chuyên đề giải phóng mặt bằng");
    let last = store.outbox(10).unwrap().pop().unwrap();
    assert_eq!(last.op.as_str(), "update");
    assert_eq!(last.fields.keys().collect::<Vec<_>>(), ["topic"]);
    assert_eq!(last.base.unwrap()["topic"], "Sinh hoạt tháng 4");

    // A modification that changes nothing writes nothing.
    let n = store.pending_changes().unwrap();
    store.write(|w| w.modify::<Meeting>(m.id, |_| {})).unwrap();
    assert_eq!(store.pending_changes().unwrap(), n);
}

#[test]
fn deletes_are_tombstones_that_sync_and_stay_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Chi bộ trường THCS");
    let d = document(
        unit.id,
        "02-NQ/TU",
        "Nghị quyết về nâng cao chất lượng sinh hoạt",
        "…",
    );
    store
        .write(|w| {
            w.insert(&unit)?;
            w.insert(&d)
        })
        .unwrap();
    assert_eq!(store.search("chat luong", 10).unwrap().len(), 1);
    store
        .write(|w| w.delete(EntityKind::Document, d.id))
        .unwrap();
    assert!(store.get::<Document>(d.id).unwrap().is_none());
    assert_eq!(outbox_ops(&store).last().unwrap().1, "delete");
    assert!(store.search("chat luong", 10).unwrap().is_empty());
    let again = store.write(|w| w.modify::<Document>(d.id, |d| d.title = "x".into()));
    assert!(matches!(again, Err(StoreError::NotFound { .. })));
    let twice = store.write(|w| w.delete(EntityKind::Document, d.id));
    assert!(matches!(twice, Err(StoreError::NotFound { .. })));
}

#[test]
fn text_is_stored_precomposed_whatever_the_keyboard_sent() {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("  Chi bo\u{323}\u{302} tho\u{302}n Đo\u{302}ng ");
    store.write(|w| w.insert(&unit)).unwrap();
    assert_eq!(
        store.require::<OrgUnit>(unit.id).unwrap().name,
        "Chi bộ thôn Đông"
    );
}

#[test]
fn invalid_input_gets_a_typed_error_and_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Chi bộ 1");
    store.write(|w| w.insert(&unit)).unwrap();
    let n = store.pending_changes().unwrap();

    let mut blank = meeting(unit.id, "   ");
    let err = store.write(|w| w.insert(&blank)).unwrap_err();
    let StoreError::Invalid(v) = err else {
        panic!("{err}")
    };
    assert_eq!((v.field, v.problem), ("topic", Invalid::Empty));

    blank.topic = "Họp".into();
    blank.duration_minutes = 5;
    let err = store.write(|w| w.insert(&blank)).unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.field == "duration_minutes"),
        "{err}"
    );

    let bad_number = document(unit.id, "12 HD BTCTW", "Hướng dẫn", "…");
    let err = store.write(|w| w.insert(&bad_number)).unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.field == "number"),
        "{err}"
    );

    let res = Resolution {
        id: new_id(),
        unit_id: unit.id,
        meeting_id: None,
        title: "Nghị quyết tháng 5".into(),
        draft: "…".into(),
        status: ResolutionStatus::Adopted,
        adopted_on: NaiveDate::from_ymd_opt(2025, 5, 5),
        votes_for: Some(3),
        votes_against: Some(5),
        votes_abstain: Some(0),
    };
    let err = store.write(|w| w.insert(&res)).unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.field == "votes_for"),
        "{err}"
    );

    let absent = Attendance::new(new_id(), new_id(), AttendanceStatus::AbsentWithReason, None);
    let err = store.write(|w| w.insert(&absent)).unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.field == "reason"),
        "{err}"
    );

    let err = store.write(|w| w.insert(&unit)).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::AlreadyExists {
                kind: EntityKind::OrgUnit,
                ..
            }
        ),
        "{err}"
    );

    let ghost = new_id();
    let err = store
        .write(|w| w.modify::<Meeting>(ghost, |m| m.topic = "x".into()))
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { kind: EntityKind::Meeting, id } if id == ghost));

    assert_eq!(
        store.pending_changes().unwrap(),
        n,
        "no failed write reached the outbox"
    );
}

#[test]
fn attendance_recorded_twice_is_one_row() {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Chi bộ thôn Bắc");
    let a = member(unit.id, "Trần Thị Bình");
    let m = meeting(unit.id, "Họp tháng 6");
    store
        .write(|w| {
            w.insert(&unit)?;
            w.insert(&a)?;
            w.insert(&m)
        })
        .unwrap();
    let absent = Attendance::new(
        m.id,
        a.id,
        AttendanceStatus::AbsentWithReason,
        Some("Đi công tác".into()),
    );
    store.write(|w| w.put(&absent)).unwrap();
    let present = Attendance::new(m.id, a.id, AttendanceStatus::Present, None);
    store.write(|w| w.put(&present)).unwrap();
    let detail = store.meeting_detail(m.id).unwrap();
    let rc = detail.roll_call.unwrap();
    assert_eq!((rc.total, rc.present), (1, 1));
    assert!(rc.absent_with_reason.is_empty());
}

// ---- search ------------------------------------------------------------------------------

fn search_fixture() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Đảng bộ phường Hưng Trí");
    let docs = [
        document(
            unit.id,
            "02-NQ/TU",
            "Nghị quyết về nâng cao chất lượng sinh hoạt chi bộ",
            "Mỗi tháng chọn một chi bộ sinh hoạt điểm.",
        ),
        document(
            unit.id,
            "12-HD/BTCTW",
            "Hướng dẫn một số vấn đề về nâng cao chất lượng sinh hoạt chi bộ",
            "Đảng viên phải tham gia đầy đủ; chi bộ ra nghị quyết sau mỗi kỳ họp.",
        ),
        document(
            unit.id,
            "05-CT/TW",
            "Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "Gắn với sinh hoạt chuyên đề hằng năm.",
        ),
    ];
    store
        .write(|w| {
            w.insert(&unit)?;
            for d in &docs {
                w.insert(d)?;
            }
            Ok(())
        })
        .unwrap();
    store
}

fn titles(store: &Store, q: &str) -> Vec<String> {
    store
        .search(q, 10)
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect()
}

#[test]
fn search_ignores_diacritics_and_case() {
    let store = search_fixture();
    let with = titles(&store, "Nghị quyết");
    let without = titles(&store, "nghi quyet");
    let upper = titles(&store, "NGHI QUYET");
    assert_eq!(with, without);
    assert_eq!(with, upper);
    assert_eq!(with.len(), 2);
    // đ folds to d, which Unicode decomposition alone would not do.
    assert_eq!(titles(&store, "dang vien").len(), 1);
    assert_eq!(titles(&store, "Đảng viên"), titles(&store, "dang vien"));
    assert_eq!(
        titles(&store, "dao duc"),
        [
            "05-CT/TW Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
        ]
    );
}

#[test]
fn search_ranks_title_matches_first_and_marks_the_snippet() {
    let store = search_fixture();
    let hits = store.search("nghi quyet", 10).unwrap();
    assert!(
        hits[0].title.contains("Nghị quyết"),
        "title match first: {hits:?}"
    );
    let body_hit = &hits[1];
    let text: Vec<char> = body_hit.snippet.text.chars().collect();
    let marked: Vec<String> = body_hit
        .snippet
        .highlights
        .iter()
        .map(|(s, e)| text[*s..*e].iter().collect())
        .collect();
    assert_eq!(marked, ["nghị", "quyết"]);
}

#[test]
fn search_matches_the_start_of_the_last_word_and_by_number() {
    let store = search_fixture();
    assert_eq!(titles(&store, "sinh hoat chuy").len(), 1);
    assert_eq!(titles(&store, "12-HD/BTCTW").len(), 1);
    assert!(titles(&store, "không có gì như thế").is_empty());
}

#[test]
fn an_empty_query_is_an_error_not_everything() {
    let store = search_fixture();
    let err = store.search("  ?! ", 10).unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.field == "query"),
        "{err}"
    );
}

#[test]
fn fts_syntax_in_a_query_is_taken_literally() {
    let store = search_fixture();
    // Quotes, operators and column filters must not reach FTS5 as syntax.
    for q in [
        "\"nghi",
        "nghi OR",
        "title:nghi",
        "NEAR(nghi quyet)",
        "nghi*quyet",
        "-dang",
    ] {
        store.search(q, 10).unwrap_or_else(|e| panic!("{q}: {e}"));
    }
}

// ---- pulled pages ------------------------------------------------------------------------

fn pulled<R: Record>(r: &R, hlc: i64) -> RemoteRecord {
    RemoteRecord {
        entity: R::KIND,
        id: r.id(),
        fields: r.to_fields(),
        deleted: false,
        hlc: Hlc::from_i64(hlc),
        origin: ClientId::new(),
        gone: false,
    }
}

#[test]
fn a_pulled_record_the_store_cannot_hold_fails_its_page_whole() {
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Chi bộ thôn Đông");
    let mut broken = pulled(&meeting(unit.id, "Sinh hoạt tháng 12"), 2);
    broken.fields.remove("place"); // NOT NULL in the store
    let err = store
        .apply_pulled(&[pulled(&unit, 1), broken], 2)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Pulled {
                kind: EntityKind::Meeting,
                ..
            }
        ),
        "{err:?}"
    );
    // Nothing of the page stayed, and the cursor did not move: the page is pulled again.
    assert_eq!(store.sync_cursor().unwrap(), 0);
    assert!(store.units().unwrap().is_empty());
}

#[test]
fn a_record_pulled_again_newer_replaces_the_first_in_rows_and_search() {
    // A first pull tries each record as a new row; one that comes again (changed while the pull
    // ran, or on a page pulled twice) must update the row and its search entry.
    let mut store = Store::open_in_memory().unwrap();
    let unit = cell("Chi bộ thôn Đông");
    let first = meeting(unit.id, "Sinh hoạt thường kỳ tháng 11");
    let renamed = Meeting {
        topic: "Sinh hoạt chuyên đề học tập Nghị quyết".into(),
        ..first.clone()
    };
    let other = meeting(unit.id, "Sinh hoạt thường kỳ tháng 12");
    store
        .apply_pulled(&[pulled(&unit, 1), pulled(&first, 2), pulled(&other, 3)], 3)
        .unwrap();
    // The same meeting again in the next page, twice: as the server sends pages, in the order
    // of its changes, the later the newer.
    store
        .apply_pulled(&[pulled(&first, 2), pulled(&renamed, 4)], 4)
        .unwrap();
    assert_eq!(
        store.get::<Meeting>(first.id).unwrap().unwrap().topic,
        "Sinh hoạt chuyên đề học tập Nghị quyết"
    );
    assert_eq!(
        titles(&store, "chuyen de"),
        ["Sinh hoạt chuyên đề học tập Nghị quyết"]
    );
    assert_eq!(titles(&store, "thang 11"), Vec::<String>::new());
    assert_eq!(titles(&store, "thang 12"), ["Sinh hoạt thường kỳ tháng 12"]);
    assert_eq!(store.sync_cursor().unwrap(), 4);
}

// ---- opening files -----------------------------------------------------------------------

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "Biên bản họp chi bộ\n").unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Biên bản họp chi bộ\n"
    );
}

#[test]
fn another_applications_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('An');",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(
        !dir.path().join("other.db-wal").exists(),
        "no WAL switch on a foreign file"
    );
}

#[test]
fn a_store_from_a_newer_sotay_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
}

#[test]
fn a_store_reopens_with_its_client_id_and_clock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sotay.db");
    let (client, last) = {
        let mut store = Store::open(&path).unwrap();
        store.write(|w| w.insert(&cell("Chi bộ 2"))).unwrap();
        (store.client_id(), store.outbox(1).unwrap()[0].hlc)
    };
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.client_id(), client);
    // A device whose clock was set back still stamps later changes with later HLCs.
    store.set_wall_clock(std::sync::Arc::new(|| 1_000));
    store.write(|w| w.insert(&cell("Chi bộ 3"))).unwrap();
    assert!(store.outbox(2).unwrap()[1].hlc > last);
}

/// Whatever reopens the store from an `Opener` (the app's background sync, each command of the
/// command line) keeps the clock it was given: "now" means the same thing everywhere.
#[test]
fn every_store_an_opener_opens_keeps_its_wall_clock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sotay.db");
    // 05/02/2027 09:00 in Vietnam.
    let at = chrono::DateTime::parse_from_rfc3339("2027-02-05T02:00:00Z")
        .unwrap()
        .to_utc();
    let wall: sotay_store::WallClock =
        std::sync::Arc::new(move || u64::try_from(at.timestamp_millis()).unwrap());
    let opener = sotay_store::Opener::at(&path).with_wall_clock(wall.clone());
    let mut created = opener.open().unwrap();
    assert_eq!(created.now(), at);
    assert_eq!(
        created.write(|w| Ok(w.now())).unwrap(),
        at,
        "its writes too"
    );
    drop(created);
    assert_eq!(opener.clone().open_existing().unwrap().unwrap().now(), at);
    assert_ne!(
        sotay_store::Opener::at(&path).open().unwrap().now(),
        at,
        "an opener without one keeps the system's"
    );
    assert_eq!(opener, opener.clone());
    assert_ne!(opener, sotay_store::Opener::at(&path));
    assert_ne!(
        opener,
        sotay_store::Opener::at(&path).with_wall_clock(std::sync::Arc::new(|| 0))
    );
}

// ---- migrations --------------------------------------------------------------------------

#[test]
fn migrations_apply_to_an_empty_store() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest() as i64);
}

#[test]
fn every_older_schema_upgrades_with_its_data() {
    // For each earlier version k: make a store with only the first k migrations, put a record
    // in it with plain SQL as that version would have, then let Store::open upgrade it.
    for k in 1..migrations::latest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrations::migrations().to_version(&mut conn, k).unwrap();
            conn.execute(
                "INSERT INTO org_unit (id, level, name, created_hlc, hlc, origin)
                 VALUES ('0193a3c4-0000-7000-8000-000000000001', 'cell', 'Chi bộ thôn Đông', 1, 1, 'x')",
                [],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO document (id, unit_id, kind, number, issuer, issued_on, title, body,
                                       created_hlc, hlc, origin)
                 VALUES ('0193a3c4-0000-7000-8000-000000000002',
                         '0193a3c4-0000-7000-8000-000000000001', 'guidance', '12-HD/BTCTW',
                         'Ban Tổ chức Trung ương', '2018-05-04', 'Hướng dẫn nâng cao chất lượng',
                         'Nghị quyết của chi bộ', 1, 1, 'x')",
                [],
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            migrations::latest() as i64,
            "from {k}"
        );
        assert_eq!(store.units().unwrap()[0].name, "Chi bộ thôn Đông");
        // Records from before the search index are found after the upgrade.
        assert_eq!(titles(&store, "nghi quyet").len(), 1, "from {k}");
    }
}

#[test]
fn attendance_whose_meeting_has_not_come_yet_survives_the_move_to_rowid_tables() {
    // An interrupted first pull can leave a roll-call row (or a task's assignee) whose meeting
    // (task) is on a page not pulled yet. Schema 12 copies both tables into a new shape; it must
    // keep those rows, not fail on their missing parents and leave the store unopenable.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let (meeting, member, task) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let (attendance, assignee) = (
        Attendance::id_for(meeting, member),
        TaskAssignee::new(task, member).id,
    );
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations::migrations().to_version(&mut conn, 11).unwrap();
        // As a pulled page writes: parents may come later.
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        conn.execute(
            "INSERT INTO attendance (id, meeting_id, member_id, status, reason, created_hlc, hlc, origin)
             VALUES (?1, ?2, ?3, 'excused', 'Đi công tác', 1, 2, 'x')",
            [attendance.to_string(), meeting.to_string(), member.to_string()],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO task_assignee (id, task_id, member_id, created_hlc, hlc, origin)
             VALUES (?1, ?2, ?3, 1, 1, 'x')",
            [assignee.to_string(), task.to_string(), member.to_string()],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest() as i64);
    let row: Attendance = store
        .get(attendance)
        .unwrap()
        .expect("the roll-call row is kept");
    assert_eq!((row.meeting_id, row.member_id), (meeting, member));
    assert_eq!(row.reason.as_deref(), Some("Đi công tác"));
    let held: TaskAssignee = store.get(assignee).unwrap().expect("the assignee is kept");
    assert_eq!((held.task_id, held.member_id), (task, member));
    let without_rowid: i64 = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('attendance', 'task_assignee')
             AND sql LIKE '%WITHOUT ROWID%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(without_rowid, 0);
}

#[test]
fn landed_migrations_are_never_edited() {
    use sha2::{Digest, Sha256};
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema");
    let lock = std::fs::read_to_string(schema.join("landed.sha256")).unwrap();
    let pinned: Vec<(&str, &str)> = lock
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (hash, name) = l.split_once("  ").unwrap();
            (name.trim(), hash.trim())
        })
        .collect();
    for (name, hash) in &pinned {
        let bytes = std::fs::read(schema.join(name)).unwrap();
        let actual = format!("{:x}", Sha256::digest(&bytes));
        assert_eq!(
            &actual, hash,
            "schema/{name} has changed since it landed: add a new migration instead"
        );
    }
    // Every migration the store applies is pinned, in order; every SQL file under schema/ (the
    // server's too) is pinned.
    let embedded: Vec<&str> = migrations::FILES.iter().map(|(n, _)| *n).collect();
    let pinned_client: Vec<&str> = pinned
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !n.contains('/'))
        .collect();
    assert_eq!(
        embedded, pinned_client,
        "pin each new migration in schema/landed.sha256"
    );
    let mut on_disk = Vec::new();
    let mut dirs = vec![schema.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "sql") {
                let rel = path
                    .strip_prefix(&schema)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                on_disk.push(rel);
            }
        }
    }
    on_disk.sort();
    let mut all_pinned: Vec<&str> = pinned.iter().map(|(n, _)| *n).collect();
    all_pinned.sort_unstable();
    assert_eq!(on_disk, all_pinned, "every schema/**/*.sql is pinned");
}

#[test]
fn the_schema_matches_the_entity_table() {
    // Every field of every kind is a column, so the generic write path cannot miss one.
    let store = Store::open_in_memory().unwrap();
    drop(store);
    let mut conn = Connection::open_in_memory().unwrap();
    migrations::migrations().to_latest(&mut conn).unwrap();
    for kind in EntityKind::ALL {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}')",
                kind.as_str()
            ))
            .unwrap();
        let cols: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut expected: Vec<String> = ["id"]
            .into_iter()
            .chain(kind.fields().iter().map(|f| f.name))
            .chain(["created_hlc", "hlc", "origin", "deleted"])
            .map(str::to_owned)
            .collect();
        let mut cols_sorted = cols.clone();
        cols_sorted.sort();
        expected.sort();
        assert_eq!(cols_sorted, expected, "columns of {kind}");
    }
}
