//! The engine's contract beyond convergence: exactly-once pushes, scoping of pulls, refusals that
//! keep the refused value, clamped clocks, protocol errors; (`access.rs`) the access policy
//! before any write, and the unit tree across server instances; (`derived.rs`, `devices.rs`) one
//! fact written twice at the same derived id, merged rather than refused.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failing test with a message

use serde_json::{Value, json};
use sotay_core::access::Principal;
use sotay_core::id::new_id;
use sotay_core::model::Role;
use sotay_core::model::UnitLevel;
use sotay_core::{ClientId, FieldMap, Hlc, Record};
use sotay_server::{Backend, Device, Engine, ServerError};
use sotay_sync_protocol::{
    Mutation, MutationStatus, Op, PushRequest, PushResponse, RejectReason, VERSION,
};
use sotay_test_support::{fixtures, on_both_backends};
use std::sync::Arc;
use uuid::Uuid;

mod access;
mod accounts;
mod audit;
mod batches;
mod console;
mod derived;
mod devices;
mod files;
mod import;
mod matrix;
mod moves;
mod sessions;

const NOW: u64 = 1_772_000_000_000;

/// Runs `test` on an engine over `backend` whose wall clock stands at `NOW`.
fn engine<B: Backend>(backend: B, test: fn(Engine<B>)) {
    let mut e = Engine::new(backend).unwrap();
    e.set_wall_clock(Arc::new(|| NOW));
    test(e);
}

/// A device joining with `code`, saying nothing of itself.
fn joining(code: &str, client: ClientId) -> sotay_sync_protocol::RegisterRequest {
    sotay_sync_protocol::RegisterRequest {
        invite: code.to_owned(),
        client_id: client,
        device_name: None,
        member_id: None,
    }
}

fn fields(v: Value) -> FieldMap {
    v.as_object().unwrap().clone()
}

/// The insert of a whole record.
fn create<R: Record>(id: i64, r: &R) -> Mutation {
    insert(id, R::KIND.as_str(), r.id(), r.to_fields())
}

fn insert(id: i64, entity: &str, entity_id: Uuid, f: FieldMap) -> Mutation {
    Mutation {
        id,
        entity: entity.into(),
        entity_id,
        op: Op::Insert,
        fields: f,
        base: None,
        hlc: Hlc::new(NOW, u16::try_from(id).unwrap()),
    }
}

/// The server's whole answer to `d` pushing `muts`.
fn answer<B: Backend>(e: &Engine<B>, d: &Device, muts: Vec<Mutation>) -> PushResponse {
    e.push(
        d,
        &PushRequest {
            version: VERSION,
            client_id: d.client_id,
            mutations: muts,
        },
    )
    .unwrap()
}

fn push<B: Backend>(e: &Engine<B>, d: &Device, muts: Vec<Mutation>) -> Vec<MutationStatus> {
    answer(e, d, muts)
        .results
        .into_iter()
        .map(|r| r.status)
        .collect()
}

fn admin() -> Device {
    Device {
        client_id: ClientId::new(),
        principal: Principal::administrator(),
    }
}

/// A device of a new member of `unit` holding `office`, put on the roster by the administrator.
fn device_of<B: Backend>(e: &Engine<B>, unit: Uuid, office: Role) -> Device {
    let mut m = fixtures::member(unit, "Nguyễn Văn An");
    m.role = office;
    assert_eq!(
        push(e, &admin(), vec![create(1, &m)]),
        [MutationStatus::Applied]
    );
    Device {
        client_id: ClientId::new(),
        principal: e.principal_of(m.id).unwrap(),
    }
}

/// A commune with two cells, each with a document.
struct Tree {
    commune: Uuid,
    cell_a: Uuid,
    cell_b: Uuid,
    doc_a: Uuid,
    doc_b: Uuid,
    directive: Uuid,
}

/// A document's fields, in `unit`.
fn document(unit: Uuid, title: &str) -> FieldMap {
    fixtures::document(unit, title).to_fields()
}

fn tree<B: Backend>(e: &Engine<B>) -> Tree {
    let commune = fixtures::unit(None, UnitLevel::Grassroots, "Đảng bộ xã Tân Thành");
    let cell_a = fixtures::unit(Some(commune.id), UnitLevel::Cell, "Chi bộ thôn Đông");
    let cell_b = fixtures::unit(Some(commune.id), UnitLevel::Cell, "Chi bộ thôn Tây");
    let doc_a = fixtures::document(cell_a.id, "Báo cáo thôn Đông");
    let doc_b = fixtures::document(cell_b.id, "Báo cáo thôn Tây");
    let directive = fixtures::document(commune.id, "Nghị quyết của Đảng ủy xã");
    let statuses = push(
        e,
        &admin(),
        vec![
            create(1, &commune),
            create(2, &cell_a),
            create(3, &cell_b),
            create(4, &doc_a),
            create(5, &doc_b),
            create(6, &directive),
        ],
    );
    assert!(
        statuses.iter().all(|s| *s == MutationStatus::Applied),
        "{statuses:?}"
    );
    Tree {
        commune: commune.id,
        cell_a: cell_a.id,
        cell_b: cell_b.id,
        doc_a: doc_a.id,
        doc_b: doc_b.id,
        directive: directive.id,
    }
}

fn a_cell_member_pulls_their_cell_and_the_committees_above_not_other_cells<B: Backend>(
    e: Engine<B>,
) {
    let t = tree(&e);
    let member = device_of(&e, t.cell_a, Role::Member);
    let ids: Vec<Uuid> = e
        .pull(&member, 0, 100)
        .unwrap()
        .records
        .iter()
        .map(|r| r.id)
        .collect();
    assert!(ids.contains(&t.doc_a) && ids.contains(&t.directive) && ids.contains(&t.commune));
    assert!(
        !ids.contains(&t.doc_b) && !ids.contains(&t.cell_b),
        "another cell's records"
    );

    // A commune committee member follows every cell below.
    let committee = device_of(&e, t.commune, Role::Member);
    let ids: Vec<Uuid> = e
        .pull(&committee, 0, 100)
        .unwrap()
        .records
        .iter()
        .map(|r| r.id)
        .collect();
    assert!(ids.contains(&t.doc_a) && ids.contains(&t.doc_b));
}

fn writing_into_another_cell_is_refused<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let member = device_of(&e, t.cell_a, Role::Member);
    let statuses = push(
        &e,
        &member,
        vec![insert(
            1,
            "document",
            new_id(),
            document(t.cell_b, "Xen ngang"),
        )],
    );
    assert_eq!(
        statuses,
        [MutationStatus::Rejected(RejectReason::Forbidden)]
    );
}

fn pulls_page_by_cursor_and_say_when_more_follow<B: Backend>(e: Engine<B>) {
    tree(&e);
    let d = admin();
    let first = e.pull(&d, 0, 4).unwrap();
    assert_eq!(first.records.len(), 4);
    assert!(first.more);
    let rest = e.pull(&d, first.cursor, 4).unwrap();
    assert_eq!(rest.records.len(), 2);
    assert!(!rest.more);
    assert!(rest.records[0].seq > first.cursor);
    assert!(e.pull(&d, rest.cursor, 4).unwrap().records.is_empty());
}

fn a_retried_push_has_no_second_effect<B: Backend>(e: Engine<B>) {
    let d = admin();
    let m = create(1, &fixtures::cell("Chi bộ 1"));
    assert_eq!(push(&e, &d, vec![m.clone()]), [MutationStatus::Applied]);
    let before = e.pull(&d, 0, 100).unwrap();
    assert_eq!(push(&e, &d, vec![m]), [MutationStatus::Duplicate]);
    assert_eq!(e.pull(&d, 0, 100).unwrap(), before);
}

fn out_of_protocol_pushes_are_refused_whole<B: Backend>(e: Engine<B>) {
    let d = admin();
    let m = create(2, &fixtures::cell("Chi bộ"));
    let bad_order = PushRequest {
        version: VERSION,
        client_id: d.client_id,
        mutations: vec![m.clone(), Mutation { id: 1, ..m.clone() }],
    };
    assert!(matches!(
        e.push(&d, &bad_order),
        Err(ServerError::Protocol(_))
    ));
    let old = PushRequest {
        version: 0,
        client_id: d.client_id,
        mutations: vec![],
    };
    assert!(matches!(e.push(&d, &old), Err(ServerError::Protocol(_))));
    let someone_else = PushRequest {
        version: VERSION,
        client_id: ClientId::new(),
        mutations: vec![],
    };
    assert!(matches!(
        e.push(&d, &someone_else),
        Err(ServerError::Forbidden)
    ));
}

fn malformed_mutations_are_refused_with_a_reason_and_kept_in_the_conflict_log<B: Backend>(
    e: Engine<B>,
) {
    let t = tree(&e);
    let d = admin();
    let mut bad_type = document(t.cell_a, "Sai kiểu");
    bad_type.insert("issued_on".into(), json!(20260108));
    let mut unknown = document(t.cell_a, "Trường lạ");
    unknown.insert("colour".into(), json!("red"));
    let mut invalid = document(t.cell_a, "Số sai");
    invalid.insert("number".into(), json!("12 HD BTCTW"));
    let refused = new_id();
    let statuses = push(
        &e,
        &d,
        vec![
            insert(10, "document", new_id(), bad_type),
            insert(11, "document", new_id(), unknown),
            insert(12, "document", refused, invalid),
            insert(13, "agenda", new_id(), FieldMap::new()),
        ],
    );
    assert!(
        matches!(&statuses[0], MutationStatus::Rejected(RejectReason::BadValue { field, .. }) if field == "issued_on")
    );
    assert!(
        matches!(&statuses[1], MutationStatus::Rejected(RejectReason::UnknownField { field }) if field == "colour")
    );
    assert!(
        matches!(&statuses[2], MutationStatus::Rejected(RejectReason::Invalid { field, .. }) if field == "number")
    );
    assert!(matches!(
        &statuses[3],
        MutationStatus::Rejected(RejectReason::UnknownEntity { .. })
    ));

    // The refused insert comes back as a tombstone (so the writer's replica drops it) and its
    // values wait in the conflict log of the cell.
    let pulled = e.pull(&d, 0, 1000).unwrap().records;
    let tomb = pulled.iter().find(|r| r.id == refused).unwrap();
    assert!(tomb.deleted);
    let conflict = pulled
        .iter()
        .find(|r| r.entity == "conflict" && r.fields["record_id"] == json!(refused.to_string()))
        .unwrap();
    assert_eq!(conflict.fields["kind"], "refused");
    assert!(
        conflict.fields["lost"]
            .as_str()
            .unwrap()
            .contains("12 HD BTCTW")
    );
    assert_eq!(conflict.fields["unit_id"], json!(t.cell_a.to_string()));
}

fn a_write_from_a_clock_a_day_ahead_is_clamped_and_cannot_win_forever<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let ahead = admin();
    let day = 24 * 3600 * 1000;
    let mut m = Mutation {
        id: 1,
        entity: "document".into(),
        entity_id: t.doc_a,
        op: Op::Update,
        fields: fields(json!({"title": "Từ tương lai"})),
        base: Some(fields(json!({"title": "Báo cáo thôn Đông"}))),
        hlc: Hlc::new(NOW + day, 0),
    };
    let resp = e
        .push(
            &ahead,
            &PushRequest {
                version: VERSION,
                client_id: ahead.client_id,
                mutations: vec![m.clone()],
            },
        )
        .unwrap();
    assert!(resp.results[0].clamped, "flagged");
    let doc = resp.records.iter().find(|r| r.id == t.doc_a).unwrap();
    assert!(
        doc.hlc <= Hlc::new(NOW + sotay_core::hlc::MAX_DRIFT_MS, 0),
        "stored clamped"
    );

    // A concurrent edit made ten minutes later in real time beats it.
    let now_device = admin();
    m.id = 1;
    let later = Mutation {
        fields: fields(json!({"title": "Hiện tại"})),
        hlc: Hlc::new(NOW + 10 * 60 * 1000, 0),
        ..m
    };
    let mut e2 = e;
    e2.set_wall_clock(Arc::new(move || NOW + 10 * 60 * 1000));
    let statuses = push(&e2, &now_device, vec![later]);
    assert_eq!(statuses, [MutationStatus::Applied]);
}

#[test]
fn the_server_applies_the_pinned_migrations_in_order() {
    let lock = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/landed.sha256"),
    )
    .unwrap();
    let pinned: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(_, n)| n.trim()))
        .filter(|n| n.starts_with("server/"))
        .collect();
    let applied: Vec<&str> = sotay_server::sqlite::migration_files()
        .iter()
        .chain(sotay_server::postgres::migration_files())
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(applied, pinned);
}

/// A push is answered with the records the server did not keep exactly as sent — here the one
/// another device had changed too — not with every record the device just wrote.
fn a_push_answers_only_what_the_device_does_not_already_hold<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let a = admin();
    let doc = fixtures::document(t.cell_a, "Kế hoạch mới");
    let first = answer(&e, &a, vec![create(1, &doc)]);
    assert_eq!(first.results[0].status, MutationStatus::Applied);
    assert!(
        first.records.is_empty(),
        "kept as sent: {:?}",
        first.records
    );
    // The tree's document was written by another device (the first administrator's): the
    // answer brings it whole, its other fields included.
    let mut edit = insert(
        2,
        "document",
        t.doc_a,
        fields(json!({"title": "Báo cáo (sửa)"})),
    );
    edit.op = Op::Update;
    edit.base = Some(fields(json!({"title": "Báo cáo thôn Đông"})));
    let second = answer(&e, &a, vec![edit]);
    assert_eq!(second.records.len(), 1);
    assert_eq!(second.records[0].id, t.doc_a);
    assert_eq!(second.records[0].fields["title"], "Báo cáo (sửa)");
    assert!(second.records[0].fields.contains_key("issuer"));
}

on_both_backends!(backend => super::engine;
    a_push_answers_only_what_the_device_does_not_already_hold,
    a_cell_member_pulls_their_cell_and_the_committees_above_not_other_cells,
    writing_into_another_cell_is_refused,
    pulls_page_by_cursor_and_say_when_more_follow,
    a_retried_push_has_no_second_effect,
    out_of_protocol_pushes_are_refused_whole,
    malformed_mutations_are_refused_with_a_reason_and_kept_in_the_conflict_log,
    a_write_from_a_clock_a_day_ahead_is_clamped_and_cannot_win_forever,
);

/// The engine's last handle can go on one of the server's async workers (a connection's task
/// outliving the graceful shutdown by a moment): its PostgreSQL connections still close, where
/// `postgres::Client` would otherwise panic for blocking inside the runtime (SIGABRT at exit).
#[test]
fn a_postgresql_engine_dropped_on_an_async_worker_closes_its_connections() {
    sotay_test_support::backend::postgres(|backend| {
        let engine = Engine::new(backend).unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap();
        runtime
            .block_on(async move { tokio::spawn(async move { drop(engine) }).await })
            .unwrap();
    });
}
