//! The access policy is asked before anything is written.

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
    let before = e.pull(&admin, 0, 1000).unwrap();

    let member = Device {
        client_id: ClientId::new(),
        access: e.access_for_unit(t.cell_a).unwrap(),
    };
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
    let cell_b = Device {
        client_id: ClientId::new(),
        access: e.access_for_unit(t.cell_b).unwrap(),
    };
    assert_eq!(e.latest_seq(&cell_b).unwrap(), before.cursor);
}

fn an_invalid_write_into_the_own_unit_is_still_kept_in_its_conflict_log<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let member = Device {
        client_id: ClientId::new(),
        access: e.access_for_unit(t.cell_a).unwrap(),
    };
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

on_both_backends!(backend => super::engine;
    a_refused_write_into_another_unit_leaves_nothing_on_the_server,
    an_invalid_write_into_the_own_unit_is_still_kept_in_its_conflict_log,
);
