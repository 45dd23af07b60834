//! A push larger than the batches its rows are written in. On PostgreSQL a writing transaction
//! sends its record and audit rows in batches of 2,000 from a thread of its own while the merge
//! goes on (`postgres/writer.rs`): the push must still land whole, in order, exactly once — or,
//! when the database refuses a batch, not at all.

use super::*;
use sotay_sync_protocol::AuditQuery;

/// More mutations than two of PostgreSQL's batches hold.
const MANY: i64 = 4_501;

/// A cell, then `MANY - 1` members on its roster (every change to a member is audited); the
/// first member is written again at the end, so their two writes go to the database in
/// different batches.
fn many_writes() -> (Uuid, Uuid, Vec<Mutation>) {
    let cell = fixtures::unit(None, UnitLevel::Cell, "Chi bộ thôn Đông");
    let first = fixtures::member(cell.id, "Đảng viên số 1");
    let mut muts = vec![create(1, &cell), create(2, &first)];
    for id in 3..MANY {
        let m = fixtures::member(cell.id, &format!("Đảng viên số {id}"));
        muts.push(create(id, &m));
    }
    muts.push(Mutation {
        op: Op::Update,
        ..insert(
            MANY,
            "member",
            first.id,
            fields(json!({ "full_name": "Đảng viên số 1, đã sửa" })),
        )
    });
    (cell.id, first.id, muts)
}

fn a_push_larger_than_a_batch_lands_whole_in_order<B: Backend>(e: Engine<B>) {
    let (cell, first, muts) = many_writes();
    let sent: Vec<Uuid> = muts.iter().map(|m| m.entity_id).collect();
    let device = admin();
    let request = PushRequest {
        version: VERSION,
        client_id: device.client_id,
        mutations: muts,
    };
    let (answer, touched) = e.push_touching(&device, &request).unwrap();
    assert!(
        answer
            .results
            .iter()
            .all(|r| r.status == MutationStatus::Applied)
    );
    assert_eq!(answer.last_mutation_id, MANY);
    // What the push touched, as the live clients are told.
    assert!(touched.any);
    assert_eq!(touched.units, [cell]);

    // A fresh device reads every record once, the twice-written one as last written.
    let reader = admin();
    let (mut cursor, mut names) = (0, std::collections::HashMap::new());
    loop {
        let page = e.pull(&reader, cursor, 2_000).unwrap();
        for r in page.records {
            let name = r.fields.get("full_name").cloned();
            assert!(names.insert(r.id, name).is_none(), "{} pulled twice", r.id);
        }
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    // The records sent, and the conflict the second write left: it replaced a name its
    // device had not seen.
    assert_eq!(names.len(), usize::try_from(MANY).unwrap());
    assert_eq!(names[&first], Some(json!("Đảng viên số 1, đã sửa")));

    // The audit log has one entry a write, in the order they were made.
    let logged = whole_log(&e);
    assert_eq!(logged.len(), sent.len());
    assert!(logged == sent, "the audit log is out of order");

    // Sent again (its answer lost), it changes nothing.
    let again = push(&e, &device, request.mutations);
    assert!(again.iter().all(|s| *s == MutationStatus::Duplicate));
    assert_eq!(whole_log(&e).len(), sent.len());
}

/// The record of each entry in the audit log, in the log's order.
fn whole_log<B: Backend>(e: &Engine<B>) -> Vec<Uuid> {
    let mut logged = Vec::new();
    let mut after = None;
    loop {
        let query = AuditQuery {
            after,
            limit: Some(2_000),
            ..AuditQuery::default()
        };
        let page = e.audit_log(&admin(), &query).unwrap();
        let Some(last) = page.last() else {
            return logged;
        };
        after = Some(last.seq);
        logged.extend(page.iter().map(|entry| entry.record_id));
    }
}

on_both_backends!(backend => super::engine;
    a_push_larger_than_a_batch_lands_whole_in_order,
);

/// A batch the database refuses — here a trigger refuses one document, in the push's second
/// batch — fails the push, and nothing of it is kept: not the batch before it, not the mutation
/// ids. Once the database takes it, the same push applies whole.
#[test]
fn a_batch_postgresql_refuses_fails_the_whole_push() {
    let Some(url) = sotay_test_support::postgres::fresh_database() else {
        return;
    };
    let e = Engine::new(sotay_server::postgres::PostgresBackend::connect(&url).unwrap()).unwrap();
    let (_, _, muts) = many_writes();
    let refused = muts[3_000].entity_id;
    let mut db = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    db.batch_execute(&format!(
        "CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
         CREATE TRIGGER refuse_one BEFORE INSERT ON record FOR EACH ROW
         WHEN (NEW.id = '{refused}') EXECUTE FUNCTION refuse_one();"
    ))
    .unwrap();
    let device = admin();
    let request = PushRequest {
        version: VERSION,
        client_id: device.client_id,
        mutations: muts,
    };
    let err = e.push(&device, &request).unwrap_err();
    assert!(
        matches!(&err, ServerError::Database(m) if m.contains("refused by the test")),
        "{err:?}"
    );
    let count = |db: &mut ::postgres::Client, table: &str| -> i64 {
        db.query_one(&format!("SELECT count(*) FROM {table}"), &[])
            .unwrap()
            .get(0)
    };
    assert_eq!(count(&mut db, "record"), 0);
    assert_eq!(count(&mut db, "audit"), 0);
    assert_eq!(count(&mut db, "client"), 0);

    db.batch_execute("DROP TRIGGER refuse_one ON record")
        .unwrap();
    let statuses = push(&e, &device, request.mutations);
    assert!(statuses.iter().all(|s| *s == MutationStatus::Applied));
    assert_eq!(count(&mut db, "record"), MANY);
}
