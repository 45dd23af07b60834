//! Records whose ids derive from what they are about (an attendance from its meeting and member, a
//! document opened from its document and member): two devices of one member recording the same
//! fact offline write the same row, and the second insert to arrive is merged into the first by
//! the kind's merge rules — not refused — while what the member may not change stays as it is.

use super::*;
use chrono::DateTime;
use sotay_core::model::{Attendance, AttendanceStatus, DocumentOpened};
use sotay_sync_protocol::{AuditEntry, AuditQuery};

/// Another device of the member `d` acts for: the same principal, another client.
fn second_device(d: &Device) -> Device {
    Device {
        client_id: ClientId::new(),
        principal: d.principal.clone(),
    }
}

fn member_of(d: &Device) -> Uuid {
    d.principal.member.unwrap()
}

/// A meeting of `unit`, scheduled by the administrator.
fn meeting_in<B: Backend>(e: &Engine<B>, unit: Uuid) -> Uuid {
    let meeting = fixtures::meeting(unit, "Sinh hoạt thường kỳ tháng 3");
    assert_eq!(
        push(e, &admin(), vec![create(1, &meeting)]),
        [MutationStatus::Applied]
    );
    meeting.id
}

/// The whole insert of `record`, written at `at` on the device's clock.
fn written_at<R: Record>(id: i64, record: &R, at: u64) -> Mutation {
    Mutation {
        hlc: Hlc::new(at, 0),
        ..create(id, record)
    }
}

/// A member's absence notice with its reason.
fn absent(meeting: Uuid, member: Uuid, reason: &str) -> Attendance {
    Attendance::new(
        meeting,
        member,
        AttendanceStatus::AbsentWithReason,
        Some(reason.into()),
    )
}

fn opened(document: Uuid, member: Uuid, unit: Uuid, at: u64) -> DocumentOpened {
    let at = DateTime::from_timestamp_millis(i64::try_from(at).unwrap()).unwrap();
    DocumentOpened::new(document, member, unit, at)
}

/// The server's record `id`, as `d` pulls it.
fn record_of<B: Backend>(e: &Engine<B>, d: &Device, id: Uuid) -> FieldMap {
    let pulled = e.pull(d, 0, 1000).unwrap().records;
    let r = pulled.into_iter().find(|r| r.id == id).unwrap();
    assert!(!r.deleted, "{id} is deleted");
    r.fields
}

/// The conflict records `d` pulls about the record `id`.
fn conflicts_of<B: Backend>(e: &Engine<B>, d: &Device, id: Uuid) -> Vec<FieldMap> {
    e.pull(d, 0, 1000)
        .unwrap()
        .records
        .into_iter()
        .filter(|r| r.entity == "conflict" && r.fields["record_id"] == json!(id.to_string()))
        .map(|r| r.fields)
        .collect()
}

/// A conflict's value, as the conflict record keeps it: JSON text.
fn as_logged(v: Value) -> Value {
    Value::String(v.to_string())
}

fn two_devices_of_one_member_sending_the_same_absence_notice_merge<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let phone = device_of(&e, t.cell_a, Role::Member);
    let laptop = second_device(&phone);
    let me = member_of(&phone);

    // The laptop wrote its notice first, the phone a minute later; the phone syncs first.
    let meeting = meeting_in(&e, t.cell_a);
    let id = Attendance::id_for(meeting, me);
    let later = written_at(1, &absent(meeting, me, "Đi công tác"), NOW - 60_000);
    let earlier = written_at(1, &absent(meeting, me, "Ốm"), NOW - 120_000);
    assert_eq!(push(&e, &phone, vec![later]), [MutationStatus::Applied]);
    assert_eq!(push(&e, &laptop, vec![earlier]), [MutationStatus::Merged]);
    let kept = record_of(&e, &phone, id);
    assert_eq!(
        (&kept["status"], &kept["reason"]),
        (&json!("absent_with_reason"), &json!("Đi công tác"))
    );
    // Only the reason differed: the meeting, the member and the status are not a conflict.
    let logged = conflicts_of(&e, &phone, id);
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0]["field"], "reason");
    assert_eq!(logged[0]["kind"], "superseded");
    assert_eq!(logged[0]["kept"], as_logged(json!("Đi công tác")));
    assert_eq!(logged[0]["lost"], as_logged(json!("Ốm")));
    assert_eq!(
        logged[0]["lost_client"],
        json!(laptop.client_id.to_string())
    );

    // The other way round: the later notice arrives second and is applied as sent; the earlier
    // reason it replaced is logged.
    let meeting = meeting_in(&e, t.cell_a);
    let id = Attendance::id_for(meeting, me);
    let earlier = written_at(2, &absent(meeting, me, "Ốm"), NOW - 120_000);
    let later = written_at(2, &absent(meeting, me, "Đi công tác"), NOW - 60_000);
    assert_eq!(push(&e, &phone, vec![earlier]), [MutationStatus::Applied]);
    assert_eq!(push(&e, &laptop, vec![later]), [MutationStatus::Applied]);
    assert_eq!(record_of(&e, &laptop, id)["reason"], "Đi công tác");
    let logged = conflicts_of(&e, &laptop, id);
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(
        (&logged[0]["field"], &logged[0]["kind"], &logged[0]["lost"]),
        (
            &json!("reason"),
            &json!("overwritten"),
            &as_logged(json!("Ốm"))
        )
    );
}

fn two_devices_of_one_member_opening_the_same_document_are_not_refused<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let phone = device_of(&e, t.cell_a, Role::Member);
    let laptop = second_device(&phone);
    let me = member_of(&phone);
    let id = DocumentOpened::id_for(t.directive, me);
    let first = opened(t.directive, me, t.cell_a, NOW - 60_000);
    let second = opened(t.directive, me, t.cell_a, NOW - 30_000);
    assert_eq!(
        push(&e, &phone, vec![written_at(1, &first, NOW - 60_000)]),
        [MutationStatus::Applied]
    );
    // The laptop's later clock would win the merge, but a member says once that they opened a
    // document: the first stands, the second time is kept in the conflict log.
    let answer = answer(&e, &laptop, vec![written_at(1, &second, NOW - 30_000)]);
    assert_eq!(answer.results[0].status, MutationStatus::Merged);
    let returned = answer.records.iter().find(|r| r.id == id).unwrap();
    assert_eq!(returned.fields["opened_at"], json!(NOW - 60_000));
    assert_eq!(record_of(&e, &phone, id), first.to_fields());
    let logged = conflicts_of(&e, &phone, id);
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0]["field"], "opened_at");
    assert_eq!(logged[0]["kind"], "superseded");
    assert_eq!(logged[0]["lost"], as_logged(json!(NOW - 30_000)));
    assert!(logged[0]["reason"].is_string(), "says why it stands");

    // A third device sending what is there, stamped earlier, changes nothing and logs nothing.
    assert_eq!(
        push(
            &e,
            &second_device(&phone),
            vec![written_at(1, &first, NOW - 90_000)]
        ),
        [MutationStatus::Merged]
    );
    assert_eq!(record_of(&e, &phone, id), first.to_fields());
    assert_eq!(conflicts_of(&e, &phone, id).len(), 1);
}

fn a_member_s_notice_arriving_after_the_roll_call_does_not_change_it<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let secretary = device_of(&e, t.cell_a, Role::Secretary);
    let member = device_of(&e, t.cell_a, Role::Member);
    let me = member_of(&member);
    let meeting = meeting_in(&e, t.cell_a);
    let id = Attendance::id_for(meeting, me);
    let present = Attendance::new(meeting, me, AttendanceStatus::Present, None);
    assert_eq!(
        push(&e, &secretary, vec![written_at(1, &present, NOW - 60_000)]),
        [MutationStatus::Applied]
    );
    // Written offline at a later clock, the notice would win the merge: the roll call stands, and
    // the notice is kept in the conflict log, where the committee sees it.
    let late = written_at(1, &absent(meeting, me, "Ốm"), NOW - 30_000);
    assert_eq!(push(&e, &member, vec![late]), [MutationStatus::Merged]);
    assert_eq!(record_of(&e, &secretary, id), present.to_fields());
    let mut logged: Vec<(Value, Value, Value)> = conflicts_of(&e, &secretary, id)
        .into_iter()
        .map(|c| (c["field"].clone(), c["kind"].clone(), c["lost"].clone()))
        .collect();
    logged.sort_by_key(|c| c.0.to_string());
    assert_eq!(
        logged,
        [
            (json!("reason"), json!("superseded"), as_logged(json!("Ốm"))),
            (
                json!("status"),
                json!("superseded"),
                as_logged(json!("absent_with_reason"))
            ),
        ]
    );
    // The attendance is audited: the attempt on the roll call is there, refused.
    let tried: Vec<AuditEntry> = e
        .audit_log(&admin(), &AuditQuery::default())
        .unwrap()
        .into_iter()
        .filter(|a| a.record_id == id && a.member == Some(me))
        .collect();
    assert_eq!(tried.len(), 1, "{tried:?}");
    assert_eq!(tried[0].refused.as_deref(), Some("forbidden"));
    assert_eq!(
        tried[0].changes["status"],
        json!(["present", "absent_with_reason"])
    );

    // An edit of it is refused whole, as before.
    let edit = Mutation {
        op: Op::Update,
        base: Some(fields(json!({"status": "expected", "reason": null}))),
        ..insert(
            2,
            "attendance",
            id,
            fields(json!({"status": "absent_with_reason", "reason": "Ốm"})),
        )
    };
    assert_eq!(
        push(&e, &member, vec![edit]),
        [MutationStatus::Rejected(RejectReason::Forbidden)]
    );
    assert_eq!(record_of(&e, &secretary, id), present.to_fields());
}

fn another_member_may_not_write_someone_else_s_derived_record<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let owner = device_of(&e, t.cell_a, Role::Member);
    let other = device_of(&e, t.cell_a, Role::Member);
    let (me, them) = (member_of(&owner), member_of(&other));
    let meeting = meeting_in(&e, t.cell_a);
    let other_meeting = meeting_in(&e, t.cell_a);
    let notice = absent(meeting, me, "Đi công tác");
    let read = opened(t.directive, me, t.cell_a, NOW - 60_000);
    assert_eq!(
        push(
            &e,
            &owner,
            vec![
                written_at(1, &notice, NOW - 60_000),
                written_at(2, &read, NOW - 60_000)
            ]
        ),
        [MutationStatus::Applied, MutationStatus::Applied]
    );
    let seq = e.latest_seq_in(None).unwrap();

    // The owner's records as they are, and at their ids the sender's own (ids that do not
    // derive from their fields): neither is the sender's to write.
    let statuses = push(
        &e,
        &other,
        vec![
            written_at(1, &absent(meeting, me, "Ốm"), NOW - 30_000),
            written_at(2, &opened(t.directive, me, t.cell_a, NOW), NOW - 30_000),
            insert(
                3,
                "attendance",
                notice.id,
                absent(meeting, them, "Ốm").to_fields(),
            ),
            insert(
                4,
                "document_opened",
                read.id,
                opened(t.directive, them, t.cell_a, NOW).to_fields(),
            ),
            // A notice for the owner at a meeting where they have none yet: refused as ever.
            written_at(5, &absent(other_meeting, me, "Ốm"), NOW - 30_000),
        ],
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == MutationStatus::Rejected(RejectReason::Forbidden)),
        "{statuses:?}"
    );
    // Nothing written: no change, no conflict record, no sequence number.
    assert_eq!(e.latest_seq_in(None).unwrap(), seq);
    assert_eq!(record_of(&e, &owner, notice.id), notice.to_fields());
    assert_eq!(record_of(&e, &owner, read.id), read.to_fields());
    assert!(conflicts_of(&e, &owner, notice.id).is_empty());
    assert!(conflicts_of(&e, &owner, read.id).is_empty());
}

on_both_backends!(backend => super::engine;
    two_devices_of_one_member_sending_the_same_absence_notice_merge,
    two_devices_of_one_member_opening_the_same_document_are_not_refused,
    a_member_s_notice_arriving_after_the_roll_call_does_not_change_it,
    another_member_may_not_write_someone_else_s_derived_record,
);
