//! Attachments' bytes on the server: kept under their SHA-256, fetched by whoever may read an
//! attachment that names them, refused to other units; and a member's calendar feed, read from
//! the records of their unit — on both backends.

use super::*;
use sotay_core::model::{Attachment, content_hash};

fn attachment(document_id: Uuid, bytes: &[u8]) -> Attachment {
    Attachment {
        id: new_id(),
        document_id,
        file_name: "Báo cáo quý IV.pdf".into(),
        media_type: "application/pdf".into(),
        size: i64::try_from(bytes.len()).unwrap(),
        content_hash: content_hash(bytes),
    }
}

fn a_file_goes_to_readers_of_its_attachment_and_to_nobody_else<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let secretary = device_of(&e, t.cell_a, Role::Secretary);
    let member = device_of(&e, t.cell_a, Role::Member);
    let other_cell = device_of(&e, t.cell_b, Role::Secretary);
    let report = b"%PDF-1.7 bao cao".as_slice();
    let hash = content_hash(report);

    // Before any attachment names it, nobody may send or fetch it.
    assert!(matches!(
        e.put_file(&secretary, &hash, report),
        Err(ServerError::Forbidden)
    ));
    assert_eq!(
        push(
            &e,
            &secretary,
            vec![create(1, &attachment(t.doc_a, report))]
        ),
        [MutationStatus::Applied]
    );
    // Named but not sent yet: a reader is told it is not there.
    assert_eq!(e.file(&member, &hash).unwrap(), None);

    // Bytes that do not hash to the name, or a name that is not a hash, are refused.
    assert!(matches!(
        e.put_file(&secretary, &hash, b"other bytes"),
        Err(ServerError::Protocol(_))
    ));
    assert!(matches!(
        e.put_file(&secretary, "../../etc/passwd", report),
        Err(ServerError::Protocol(_))
    ));
    e.put_file(&secretary, &hash, report).unwrap();
    // Sending again is harmless.
    e.put_file(&member, &hash, report).unwrap();
    assert_eq!(e.file(&member, &hash).unwrap().as_deref(), Some(report));

    // Another cell's committee reads none of cell A's papers, nor their bytes.
    assert!(matches!(
        e.file(&other_cell, &hash),
        Err(ServerError::Forbidden)
    ));
    // Attaching the same bytes in its own unit makes them its to read too, without sending them.
    assert_eq!(
        push(
            &e,
            &other_cell,
            vec![create(1, &attachment(t.doc_b, report))]
        ),
        [MutationStatus::Applied]
    );
    assert_eq!(e.file(&other_cell, &hash).unwrap().as_deref(), Some(report));
}

fn a_member_s_calendar_feed_lists_their_unit_s_meetings<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let secretary = device_of(&e, t.cell_a, Role::Secretary);
    let member = device_of(&e, t.cell_a, Role::Member);
    let mut meeting = fixtures::meeting(t.cell_a, "Sinh hoạt chi bộ tháng 12");
    meeting.starts_at = chrono::DateTime::from_timestamp_millis(i64::try_from(NOW).unwrap())
        .unwrap()
        + chrono::Duration::days(10);
    assert_eq!(
        push(&e, &secretary, vec![create(1, &meeting)]),
        [MutationStatus::Applied]
    );
    let secret = e.renew_calendar_feed(&member).unwrap();
    let ics = e.calendar_feed(&secret).unwrap().unwrap();
    assert!(ics.contains("Sinh hoạt chi bộ tháng 12"), "{ics}");
    e.revoke_calendar_feed(&member).unwrap();
    assert_eq!(e.calendar_feed(&secret).unwrap(), None);
}

on_both_backends!(backend => super::engine;
    a_file_goes_to_readers_of_its_attachment_and_to_nobody_else,
    a_member_s_calendar_feed_lists_their_unit_s_meetings,
);
