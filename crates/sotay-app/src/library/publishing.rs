//! Publishing downward: a committee files its directives, guidance, plans and notices — number,
//! issuer, date, summary, full text, files — under its own unit, and every cell below reads them
//! at its next sync (the rules table lets each unit read the documents of the committees above).
//! When a member opens one, that is written once, under their own unit, so their cell's committee
//! sees who has read it and who has not.

use crate::attachments::{decode, new_attachment};
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::read;
use crate::session::Session;
use crate::views::{DocumentCard, DocumentView, IdArgs, ReaderLine};
use serde::Deserialize;
use sotay_core::ErrorKind;
use sotay_core::access::{Action, Whose, decide};
use sotay_core::model::{Attachment, Document, DocumentKind, DocumentOpened, Member, OrgUnit};
use sotay_core::time::{local_date, parse_date};
use sotay_core::{EntityKind, FieldMap, Record};
use sotay_store::Store;
use ts_rs::TS;
use uuid::Uuid;

/// A document to publish (without `id`) or to correct (with it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PublishDocumentArgs {
    pub id: Option<Uuid>,
    /// Directive, guidance, resolution, conclusion or plan; a meeting's papers are filed with
    /// the meeting.
    pub kind: DocumentKind,
    /// The party document number, `12-HD/BTCTW`; a notice may have none.
    pub number: Option<String>,
    /// Who issued it; when left empty, the committee of the member's unit (*Đảng ủy xã X* for
    /// *Đảng bộ xã X*).
    pub issuer: Option<String>,
    /// The day it was issued, dd/mm/yyyy (or yyyy-mm-dd); today when empty.
    pub issued_on: String,
    pub title: String,
    pub summary: Option<String>,
    pub body: String,
}

/// A file the committee attaches to one of its documents.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AttachDocumentFileArgs {
    pub document_id: Uuid,
    /// The file's name as chosen (any folder part is dropped).
    pub file_name: String,
    /// The file's bytes, base64 (standard alphabet, padded).
    pub content_base64: String,
}

/// Whether this device's member may file documents under `unit` (its committee runs it).
pub fn publishes_for(session: &Session, unit: Uuid) -> bool {
    let probe = FieldMap::new();
    decide(
        session.principal(),
        EntityKind::Document,
        Some(unit),
        Whose::Others,
        Action::Insert { new: &probe },
    )
    .is_ok()
}

fn require_publishes(session: &Session, unit: Uuid) -> Result<()> {
    if publishes_for(session, unit) {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorKind::Forbidden,
            "only the unit's committee publishes its documents",
        ))
    }
}

/// The body that issues a unit's documents: a party organisation's committee (*Đảng bộ xã X* →
/// *Đảng ủy xã X*); a cell issues its own.
fn committee_of(unit_name: &str) -> String {
    match unit_name.strip_prefix("Đảng bộ ") {
        Some(rest) => format!("Đảng ủy {rest}"),
        None => unit_name.to_owned(),
    }
}

/// Publishes a document of the device member's unit to the units below, or corrects one.
pub fn publish_document(cx: &mut Cx, args: PublishDocumentArgs) -> Result<DocumentView> {
    let (store, session, now) = cx.parts_mut();
    if args.kind == DocumentKind::MeetingPaper {
        return Err(AppError::new(
            ErrorKind::BadKind,
            "a meeting's papers are attached to the meeting",
        ));
    }
    let before = match args.id {
        Some(id) => Some(store.require::<Document>(id)?),
        None => None,
    };
    let unit_id = match &before {
        Some(d) => d.unit_id,
        None => session.require_me()?.unit_id,
    };
    require_publishes(session, unit_id)?;
    let unit: OrgUnit = store.require(unit_id)?;
    let document = Document {
        id: args.id.unwrap_or_else(sotay_core::id::new_id),
        unit_id,
        meeting_id: None,
        kind: args.kind,
        number: sotay_core::text::entered(args.number.as_deref()),
        issuer: sotay_core::text::entered(args.issuer.as_deref())
            .unwrap_or_else(|| committee_of(&unit.name)),
        issued_on: match args.issued_on.trim() {
            "" => local_date(now),
            day => parse_date("issued_on", day)?,
        },
        title: sotay_core::text::entered(Some(&args.title)).unwrap_or_default(),
        summary: sotay_core::text::entered(args.summary.as_deref()),
        body: args.body.trim().to_owned(),
        // Out to the units below from the moment it is published; a correction keeps that.
        published_at: before.and_then(|d| d.published_at).or(Some(now)),
    };
    document.validate()?;
    store.write(|w| w.put(&document))?;
    document_here(cx, document.id)
}

/// A document this device's committee issued, for changing it.
fn my_document(store: &Store, session: &Session, id: Uuid) -> Result<Document> {
    let document: Document = store.require(id)?;
    if document.kind == DocumentKind::MeetingPaper {
        return Err(AppError::new(
            ErrorKind::BadKind,
            "a meeting's papers are attached to the meeting",
        ));
    }
    require_publishes(session, document.unit_id)?;
    Ok(document)
}

/// Attaches a file the member chose to one of my committee's documents.
pub fn attach_document_file(cx: &mut Cx, args: AttachDocumentFileArgs) -> Result<DocumentView> {
    let bytes = decode(&args.content_base64)?;
    attach_document_bytes(cx, args.document_id, &args.file_name, &bytes)?;
    document_here(cx, args.document_id)
}

/// Attaches a file's bytes to a published document (the command line reads them from disk).
pub fn attach_document_bytes(
    cx: &mut Cx,
    document_id: Uuid,
    chosen_name: &str,
    bytes: &[u8],
) -> Result<()> {
    let (store, session, _) = cx.parts_mut();
    let document = my_document(store, session, document_id)?;
    let attachment = new_attachment(document.id, chosen_name, bytes)?;
    let already = store
        .document_files(document.id)?
        .into_iter()
        .any(|f| f.content_hash == attachment.content_hash);
    store.write(|w| {
        w.keep_file(bytes, false)?;
        if already { Ok(()) } else { w.put(&attachment) }
    })?;
    Ok(())
}

/// Takes a file off one of my committee's documents.
pub fn detach_document_file(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<DocumentView> {
    let (store, session, _) = cx.parts_mut();
    let attachment: Attachment = store.require(id)?;
    let document = my_document(store, session, attachment.document_id)?;
    store.write(|w| w.delete(EntityKind::Attachment, id))?;
    document_here(cx, document.id)
}

/// Withdraws one of my committee's documents (it leaves every device at their next sync);
/// answers with the newest documents.
pub fn withdraw_document(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<Vec<DocumentCard>> {
    let (store, session, _) = cx.parts_mut();
    let document = my_document(store, session, id)?;
    store.write(|w| w.delete(EntityKind::Document, document.id))?;
    Ok(read::document_cards(store, None, 200)?)
}

/// One document with its full text. Opening it is noted, once, under the member's own unit, so
/// their cell's committee sees who has read it (a meeting's papers are not noted).
pub fn document(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<DocumentView> {
    let document: Document = cx.store().require(id)?;
    if let Some(me) = cx.session().me()
        && document.kind != DocumentKind::MeetingPaper
    {
        let opened = DocumentOpened::new(document.id, me.id, me.unit_id, cx.now());
        if cx.store().get::<DocumentOpened>(opened.id)?.is_none() {
            cx.write(|w| w.insert(&opened))?;
        }
    }
    document_here(cx, id)
}

/// Who of the member's unit has opened the document, and who has not: for the unit's committee.
fn readers(store: &Store, me: &Member, document: Uuid) -> Result<Vec<ReaderLine>> {
    let opened = store.opened_in(document, me.unit_id)?;
    let mut lines: Vec<ReaderLine> = store
        .members(Some(me.unit_id), 1000)?
        .into_iter()
        .map(|m| ReaderLine {
            opened_at: opened
                .iter()
                .find(|o| o.member_id == m.id)
                .map(|o| o.opened_at),
            member_id: m.id,
            full_name: m.full_name,
        })
        .collect();
    // The ones still to read first: they are whom the committee reminds.
    lines.sort_by_key(|l| l.opened_at.is_some());
    Ok(lines)
}

/// The document as this device sees it: who may change it, and, for the unit's committee, who
/// has read it.
pub fn document_here(cx: &Cx, id: Uuid) -> Result<DocumentView> {
    let (store, session, _) = cx.parts();
    let mut view = read::document_view(store, id)?;
    let paper = view.card.kind == DocumentKind::MeetingPaper;
    view.can_edit = !paper && publishes_for(session, view.card.unit_id);
    if let Some(me) = session.me()
        && !paper
        && session.runs_unit(me.unit_id)
    {
        view.readers = Some(readers(store, me, id)?);
    }
    Ok(view)
}

#[cfg(test)]
mod tests {
    use super::committee_of;

    #[test]
    fn a_party_organisation_s_documents_are_its_committee_s() {
        assert_eq!(committee_of("Đảng bộ xã Hòa Bình"), "Đảng ủy xã Hòa Bình");
        assert_eq!(committee_of("Chi bộ thôn Đông"), "Chi bộ thôn Đông");
    }
}
