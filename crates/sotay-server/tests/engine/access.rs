//! The access policy is asked before anything is written, and each server instance's copy of the
//! unit tree follows every instance's changes.

use super::*;

/// An update of `fields` over `base`, a second after `NOW`.
fn edit(id: i64, entity: &str, target: Uuid, f: Value, base: Value) -> Mutation {
    Mutation {
        op: Op::Update,
        base: Some(fields(base)),
        hlc: Hlc::new(NOW + 1000, 0),
        ..insert(id, entity, target, fields(f))
    }
}

fn delete(id: i64, entity: &str, target: Uuid) -> Mutation {
    Mutation {
        op: Op::Delete,
        ..insert(id, entity, target, FieldMap::new())
    }
}

fn a_refused_write_into_another_unit_leaves_nothing_on_the_server<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let admin = admin();
    // A deleted record in the other cell, to write to.
    let gone = fixtures::document(t.cell_b, "Đã hủy");
    let statuses = push(
        &e,
        &admin,
        vec![create(7, &gone), delete(8, "document", gone.id)],
    );
    assert_eq!(statuses, [MutationStatus::Applied, MutationStatus::Applied]);
    let member = device_of(&e, t.cell_a, Role::Member);
    let cell_b = device_of(&e, t.cell_b, Role::Member);
    let before = e.pull(&admin, 0, 1000).unwrap();

    let mut invalid = document(t.cell_b, "Số sai");
    invalid.insert("number".into(), json!("12 HD BTCTW"));
    let statuses = push(
        &e,
        &member,
        vec![
            // An invalid insert, an invalid edit, an edit of a deleted record, a valid edit and a
            // delete, all aimed at the other cell.
            insert(1, "document", new_id(), invalid),
            edit(
                2,
                "document",
                t.doc_b,
                json!({"number": "12 HD BTCTW"}),
                json!({"number": null}),
            ),
            edit(
                3,
                "document",
                gone.id,
                json!({"title": "Sống lại"}),
                json!({"title": "Đã hủy"}),
            ),
            edit(
                4,
                "document",
                t.doc_b,
                json!({"title": "Xen ngang"}),
                json!({"title": "Báo cáo thôn Tây"}),
            ),
            delete(5, "document", t.doc_b),
            delete(6, "document", gone.id),
        ],
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == MutationStatus::Rejected(RejectReason::Forbidden)),
        "{statuses:?}"
    );
    // No conflict record, no tombstone, no sequence bump: the server is as it was.
    assert_eq!(e.pull(&admin, 0, 1000).unwrap(), before);
    assert_eq!(e.latest_seq(&cell_b).unwrap(), before.cursor);
}

fn an_invalid_write_into_the_own_unit_is_still_kept_in_its_conflict_log<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let member = device_of(&e, t.cell_a, Role::Secretary);
    let mut invalid = document(t.cell_a, "Số sai");
    invalid.insert("number".into(), json!("12 HD BTCTW"));
    let refused = new_id();
    let statuses = push(&e, &member, vec![insert(1, "document", refused, invalid)]);
    assert!(
        matches!(&statuses[0], MutationStatus::Rejected(RejectReason::Invalid { field, .. }) if field == "number"),
        "{statuses:?}"
    );
    let pulled = e.pull(&member, 0, 1000).unwrap().records;
    assert!(
        pulled.iter().any(|r| r.id == refused && r.deleted),
        "a tombstone"
    );
    assert!(
        pulled
            .iter()
            .any(|r| r.entity == "conflict" && r.fields["record_id"] == json!(refused.to_string())),
        "the refused values"
    );
}

/// Two engines on one database are two server instances: each keeps the unit tree in memory.
fn another_instance_s_change_to_the_unit_tree_is_seen_at_the_next_request<B: Backend>(
    e: Engine<Arc<B>>,
) {
    let t = tree(&e);
    let invite = e
        .create_invite(sotay_server::Grant::Unit(t.cell_a))
        .unwrap();
    let token = e
        .register(&joining(&invite, ClientId::new()))
        .unwrap()
        .token;
    let reach = |e: &Engine<Arc<B>>| {
        e.authenticate(&token)
            .unwrap()
            .principal
            .readable_units()
            .expect("a unit's device is not the administrator")
    };
    let mut expected = vec![t.commune, t.cell_a];
    expected.sort();
    assert_eq!(reach(&e), expected);

    // The other instance adds a group under the cell, then moves cell B under cell A.
    let other = Engine::new(e.backend().clone()).unwrap();
    let group = fixtures::unit(Some(t.cell_a), UnitLevel::Cell, "Tổ đảng 1");
    let statuses = push(&other, &admin(), vec![create(1, &group)]);
    assert_eq!(statuses, [MutationStatus::Applied]);
    expected.push(group.id);
    expected.sort();
    assert_eq!(reach(&e), expected, "the new group");

    let statuses = push(
        &other,
        &admin(),
        vec![edit(
            2,
            "org_unit",
            t.cell_b,
            json!({"parent_id": t.cell_a.to_string()}),
            json!({"parent_id": t.commune.to_string()}),
        )],
    );
    assert_eq!(statuses, [MutationStatus::Applied]);
    expected.push(t.cell_b);
    expected.sort();
    assert_eq!(reach(&e), expected, "the moved cell");
}

/// A push retried after its answer was lost: what was refused is refused again, not "duplicate",
/// so the device takes back the row the server never had.
fn a_refusal_is_told_again_when_its_push_is_retried<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let member = device_of(&e, t.cell_a, Role::Member);
    let meeting = fixtures::meeting(t.cell_a, "Họp bàn trái phép");
    let sent = vec![
        create(1, &meeting),
        create(2, &fixtures::document(t.cell_a, "Ok?")),
    ];
    let first = push(&e, &member, sent.clone());
    let forbidden = MutationStatus::Rejected(RejectReason::Forbidden);
    assert_eq!(first, [forbidden.clone(), forbidden.clone()]);
    assert_eq!(push(&e, &member, sent), [forbidden.clone(), forbidden]);
    let secretary = device_of(&e, t.cell_a, Role::Secretary);
    let applied = vec![create(1, &fixtures::document(t.cell_a, "Báo cáo"))];
    assert_eq!(
        push(&e, &secretary, applied.clone()),
        [MutationStatus::Applied]
    );
    assert_eq!(push(&e, &secretary, applied), [MutationStatus::Duplicate]);
}

on_both_backends!(backend => super::engine;
    a_refusal_is_told_again_when_its_push_is_retried,
    a_refused_write_into_another_unit_leaves_nothing_on_the_server,
    an_invalid_write_into_the_own_unit_is_still_kept_in_its_conflict_log,
);

/// Engines that share one database, as server instances do.
fn shared<B: Backend>(backend: B, test: fn(Engine<Arc<B>>)) {
    engine(Arc::new(backend), test);
}

mod instances {
    use super::*;
    on_both_backends!(backend => super::shared;
        another_instance_s_change_to_the_unit_tree_is_seen_at_the_next_request,
    );
}

/// The PostgreSQL pool is bounded: with every connection held, a request waits its time and is
/// told "busy" (503 at the edge) instead of opening another; once one is back, requests go on.
#[test]
fn a_full_postgres_pool_makes_requests_wait_then_answers_busy() {
    use sotay_server::postgres::{PoolSize, PostgresBackend};
    use std::sync::mpsc;
    let Some(url) = sotay_test_support::postgres::url() else {
        return;
    };
    let schema = format!("t_{}", Uuid::new_v4().simple());
    let size = PoolSize {
        max: 2,
        wait: std::time::Duration::from_millis(300),
    };
    let backend = Arc::new(PostgresBackend::connect_with(&url, Some(&schema), size).unwrap());
    let (release, held) = (Arc::new(std::sync::Barrier::new(3)), mpsc::channel());
    let holders: Vec<_> = (0..2)
        .map(|_| {
            let (b, release, held) = (backend.clone(), release.clone(), held.0.clone());
            std::thread::spawn(move || {
                b.transact(|tx| {
                    held.send(()).unwrap();
                    release.wait();
                    tx.latest_seq(None)
                })
                .unwrap()
            })
        })
        .collect();
    for _ in 0..2 {
        held.1.recv().unwrap();
    }
    let third = backend.transact(|tx| tx.latest_seq(None));
    assert!(
        matches!(third, Err(ServerError::Unavailable(_))),
        "{third:?}"
    );
    release.wait();
    for h in holders {
        h.join().unwrap();
    }
    assert_eq!(backend.transact(|tx| tx.latest_seq(None)).unwrap(), 0);
}
