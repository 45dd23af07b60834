//! Publishing downward through the commands: a document another device published is notified
//! once; a member opening it is noted once, and the cell's committee sees who has read it; the
//! committee publishes, corrects and attaches to its own documents, and bad input is refused
//! with a typed error and nothing written.

use super::*;
use sotay_core::model::{Document, DocumentKind, Role};
use sotay_core::{ClientId, Hlc, Record};
use sotay_store::{RemoteRecord, Store};

fn news(f: &Fixture) -> Vec<(String, String)> {
    f.app
        .due_reminders()
        .unwrap()
        .into_iter()
        .filter(|r| r.key.starts_with("document:"))
        .map(|r| (r.title, r.body))
        .collect()
}

#[test]
fn a_directive_from_elsewhere_is_notified_and_who_read_it_is_seen() {
    let f = demo();
    assert!(news(&f).is_empty(), "the first look only remembers");
    let me = f.app.app_status(NoArgs {}).unwrap().me.unwrap();

    // A directive another device published arrives with a sync.
    let directive = Document {
        id: sotay_core::id::new_id(),
        unit_id: me.unit_id,
        meeting_id: None,
        kind: DocumentKind::Directive,
        number: Some("05-CT/ĐU".into()),
        issuer: "Đảng ủy xã".into(),
        issued_on: now().date_naive(),
        title: "Chỉ thị về phòng, chống lụt bão".into(),
        summary: Some("Các chi bộ rà soát hộ dân vùng trũng.".into()),
        body: "…".into(),
        published_at: Some(now()),
    };
    let record = RemoteRecord {
        entity: Document::KIND,
        id: directive.id,
        fields: directive.to_fields(),
        deleted: false,
        hlc: Hlc(10_000_000_000_000_u64 << 16),
        origin: ClientId::new(),
        gone: false,
    };
    Store::open(f.app.path())
        .unwrap()
        .acknowledge(i64::MAX, &[record])
        .unwrap();
    assert_eq!(
        news(&f),
        [(
            "Văn bản mới".to_owned(),
            "05-CT/ĐU — Chỉ thị về phòng, chống lụt bão (Đảng ủy xã)".to_owned()
        )]
    );
    assert!(news(&f).is_empty(), "once");

    // The member opens it: noted once, for the cell; a plain member sees no readers' list.
    let before = pending(&f);
    let view = f.app.document(IdArgs { id: directive.id }).unwrap();
    assert_eq!(
        view.card.summary.as_deref(),
        Some("Các chi bộ rà soát hộ dân vùng trũng.")
    );
    assert!(view.readers.is_none());
    assert_eq!(pending(&f), before + 1);
    f.app.document(IdArgs { id: directive.id }).unwrap();
    assert_eq!(pending(&f), before + 1, "opening again writes nothing");

    // The secretary sees who of the cell has read it, those who have not first.
    let secretary = act_as(&f, Role::Secretary);
    let seen = f.app.document(IdArgs { id: directive.id }).unwrap();
    let readers = seen.readers.unwrap();
    let opened: Vec<&str> = readers
        .iter()
        .filter(|r| r.opened_at.is_some())
        .map(|r| r.full_name.as_str())
        .collect();
    assert_eq!(opened.len(), 2, "{opened:?}");
    assert!(opened.contains(&me.full_name.as_str()));
    assert!(opened.contains(&secretary.full_name.as_str()));
    assert!(readers.len() > 2);
    assert!(
        readers[0].opened_at.is_none(),
        "who has not read it comes first"
    );
}

#[test]
fn the_committee_publishes_corrects_and_attaches_and_bad_input_is_refused() {
    let f = demo();
    let args = |kind, number: &str| PublishDocumentArgs {
        id: None,
        kind,
        number: Some(number.into()),
        issuer: None,
        issued_on: "21/11/2026".into(),
        title: "Kế hoạch học tập nghị quyết".into(),
        summary: None,
        body: "Nội dung kế hoạch".into(),
    };
    // A plain member may not publish.
    let refused = f
        .app
        .publish_document(args(DocumentKind::Plan, "03-KH/CB"))
        .unwrap_err();
    assert_eq!(refused.kind, "forbidden");

    let secretary = act_as(&f, Role::Secretary);
    let before = pending(&f);
    for (bad, kind) in [
        (args(DocumentKind::MeetingPaper, "03-KH/CB"), "bad_kind"),
        (args(DocumentKind::Plan, "KH 03"), "invalid"),
        (
            PublishDocumentArgs {
                issued_on: "31/02/2026".into(),
                ..args(DocumentKind::Plan, "03-KH/CB")
            },
            "invalid",
        ),
        (
            PublishDocumentArgs {
                title: "  ".into(),
                ..args(DocumentKind::Plan, "03-KH/CB")
            },
            "invalid",
        ),
    ] {
        assert_eq!(f.app.publish_document(bad).unwrap_err().kind, kind);
    }
    assert_eq!(pending(&f), before, "nothing written");

    let view = f
        .app
        .publish_document(args(DocumentKind::Plan, "03-KH/CB"))
        .unwrap();
    assert!(view.can_edit);
    assert_eq!(
        view.card.issuer, secretary.unit_name,
        "the committee's unit by default"
    );
    assert_eq!(view.card.issued_on.to_string(), "2026-11-21");
    let id = view.card.id;
    let empty = f.app.attach_document_file(AttachDocumentFileArgs {
        document_id: id,
        file_name: "trống.pdf".into(),
        content_base64: String::new(),
    });
    assert_eq!(empty.unwrap_err().kind, "empty_file");
    let with_file = f
        .app
        .attach_document_file(AttachDocumentFileArgs {
            document_id: id,
            file_name: "C:\\Tài liệu\\Kế hoạch.docx".into(),
            content_base64: "UEsDBBQ=".into(),
        })
        .unwrap();
    assert_eq!(with_file.files.len(), 1);
    assert_eq!(with_file.files[0].file_name, "Kế hoạch.docx");

    let fixed = f
        .app
        .publish_document(PublishDocumentArgs {
            id: Some(id),
            title: "Kế hoạch học tập nghị quyết (sửa)".into(),
            ..args(DocumentKind::Plan, "03-KH/CB")
        })
        .unwrap();
    assert_eq!(fixed.card.title, "Kế hoạch học tập nghị quyết (sửa)");
    assert_eq!(fixed.files.len(), 1, "a correction keeps the files");
    let file = fixed.files[0].id;
    assert!(
        f.app
            .detach_document_file(IdArgs { id: file })
            .unwrap()
            .files
            .is_empty()
    );
    let library = f.app.withdraw_document(IdArgs { id }).unwrap();
    assert!(library.iter().all(|d| d.id != id));
    assert_eq!(f.app.document(IdArgs { id }).unwrap_err().kind, "not_found");
}
