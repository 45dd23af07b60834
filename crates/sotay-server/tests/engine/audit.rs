//! The audit log: who changed the minutes, attendance, the roster and the tree, and who tried
//! and was refused; read by administrators only, filtered by unit, member and time; append-only.

use super::*;
use sotay_core::model::{Attendance, AttendanceStatus};
use sotay_sync_protocol::{AuditEntry, AuditQuery};

fn log<B: Backend>(e: &Engine<B>, q: AuditQuery) -> Vec<AuditEntry> {
    e.audit_log(&admin(), &q).unwrap()
}

fn update(id: i64, entity: &str, target: Uuid, f: Value) -> Mutation {
    Mutation {
        op: Op::Update,
        hlc: Hlc::new(NOW + 1000, u16::try_from(id).unwrap()),
        ..insert(id, entity, target, fields(f))
    }
}

fn the_audit_log_keeps_who_changed_what_and_who_tried<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let secretary = device_of(&e, t.cell_a, Role::Secretary);
    let member = device_of(&e, t.cell_a, Role::Member);
    let meeting = fixtures::meeting(t.cell_a, "Sinh hoạt thường kỳ tháng 3");
    push(&e, &secretary, vec![create(1, &meeting)]);
    let minutes = json!({"minutes": "Đồng chí Bí thư quán triệt nghị quyết."});
    let roll = Attendance::new(
        meeting.id,
        member.principal.member.unwrap(),
        AttendanceStatus::Present,
        None,
    );
    assert_eq!(
        push(
            &e,
            &secretary,
            vec![
                update(2, "meeting", meeting.id, minutes),
                update(3, "meeting", meeting.id, json!({"place": "Nhà văn hóa"})),
                create(4, &roll),
            ]
        ),
        [
            MutationStatus::Applied,
            MutationStatus::Applied,
            MutationStatus::Applied
        ]
    );
    let tried = update(1, "meeting", meeting.id, json!({"minutes": "Sửa biên bản"}));
    assert_eq!(
        push(&e, &member, vec![tried]),
        [MutationStatus::Rejected(RejectReason::Forbidden)]
    );

    let entries = log(&e, AuditQuery::default());
    let of_meeting: Vec<_> = entries
        .iter()
        .filter(|a| a.record_id == meeting.id)
        .collect();
    // The insert, the minutes, the refused attempt: not the change of place (schedule).
    assert_eq!(of_meeting.len(), 3, "{of_meeting:#?}");
    let (written, refused) = (of_meeting[1], of_meeting[2]);
    assert_eq!(written.member, secretary.principal.member);
    assert_eq!(written.device, secretary.client_id);
    assert_eq!((written.action, written.unit), (Op::Update, Some(t.cell_a)));
    assert_eq!(
        written.changes["minutes"],
        json!([null, "Đồng chí Bí thư quán triệt nghị quyết."])
    );
    assert_eq!(written.at, i64::try_from(NOW).unwrap());
    assert_eq!(refused.member, member.principal.member);
    assert_eq!(refused.refused.as_deref(), Some("forbidden"));
    assert_eq!(
        refused.changes["minutes"],
        json!(["Đồng chí Bí thư quán triệt nghị quyết.", "Sửa biên bản"])
    );
    assert!(
        entries
            .iter()
            .any(|a| a.record_id == roll.id && a.entity == "attendance")
    );
    // The roster: the set-up's members, by the administrator's devices (no member).
    assert!(
        entries
            .iter()
            .any(|a| a.entity == "member" && a.member.is_none())
    );

    // Filters.
    let by = log(
        &e,
        AuditQuery {
            member: secretary.principal.member,
            ..AuditQuery::default()
        },
    );
    assert_eq!(by.len(), 3, "the meeting, its minutes, the roll call");
    let elsewhere = AuditQuery {
        unit: Some(t.cell_b),
        ..AuditQuery::default()
    };
    assert!(log(&e, elsewhere).iter().all(|a| a.unit == Some(t.cell_b)));
    let later = AuditQuery {
        since: Some(i64::try_from(NOW).unwrap() + 1),
        ..AuditQuery::default()
    };
    assert!(log(&e, later).is_empty());
    let paged = log(
        &e,
        AuditQuery {
            after: Some(entries[0].seq),
            limit: Some(2),
            ..AuditQuery::default()
        },
    );
    assert_eq!(paged, entries[1..3]);

    // Only administrators read it.
    assert!(matches!(
        e.audit_log(&secretary, &AuditQuery::default()),
        Err(ServerError::Forbidden)
    ));
}

on_both_backends!(backend => super::engine;
    the_audit_log_keeps_who_changed_what_and_who_tried,
);

/// The log refuses to be rewritten, whoever asks: SQLite's triggers and PostgreSQL's.
#[test]
fn the_audit_log_is_append_only_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.db");
    let e = Engine::new(sotay_server::sqlite::SqliteBackend::open(&path).unwrap()).unwrap();
    tree(&e);
    assert!(!log(&e, AuditQuery::default()).is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in ["UPDATE audit SET member = 'x'", "DELETE FROM audit"] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn the_audit_log_is_append_only_on_postgres() {
    let Some(url) = sotay_test_support::postgres::fresh_database() else {
        return;
    };
    let e = Engine::new(sotay_server::postgres::PostgresBackend::connect(&url).unwrap()).unwrap();
    tree(&e);
    assert!(!log(&e, AuditQuery::default()).is_empty());
    let mut conn = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    for sql in [
        "UPDATE audit SET member = 'x'",
        "DELETE FROM audit",
        "TRUNCATE audit",
    ] {
        let err = conn.execute(sql, &[]).unwrap_err();
        let said = err.as_db_error().map(|d| d.message().to_owned());
        assert_eq!(
            said.as_deref(),
            Some("the audit log is append-only"),
            "{sql}"
        );
    }
}
