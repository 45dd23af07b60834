//! Publishing downward: a committee files its directives, guidance, plans and notices — number,
//! issuer, date, summary, full text, files — under its own unit, and every cell below reads them
//! at its next sync (the rules table lets each unit read the documents of the committees above).
//! When a member opens one, that is written once, under their own unit, so their cell's committee
//! sees who has read it and who has not.

use crate::app::App;
use crate::committee::{decode, new_attachment};
use crate::error::{AppError, Result};
use crate::members::roster::principal_here;
use crate::read;
use crate::views::{DocumentCard, DocumentView, IdArgs, ReaderLine};
use chrono::{DateTime, Utc};
use serde::Deserialize;
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
pub fn publishes_for(store: &Store, unit: Uuid) -> Result<bool> {
    let principal = principal_here(store)?;
    let probe = FieldMap::new();
    Ok(decide(
        &principal,
        EntityKind::Document,
        Some(unit),
        Whose::Others,
        Action::Insert { new: &probe },
    )
    .is_ok())
}

fn require_publishes(store: &Store, unit: Uuid) -> Result<()> {
    if publishes_for(store, unit)? {
        Ok(())
    } else {
        Err(AppError::new(
            "forbidden",
            "only the unit's committee publishes its documents",
        ))
    }
}

fn trimmed(input: Option<&str>) -> Option<String> {
    input
        .map(|s| sotay_core::text::normalize(s.trim()))
        .filter(|s| !s.is_empty())
}

/// The body that issues a unit's documents: a party organisation's committee (*Đảng bộ xã X* →
/// *Đảng ủy xã X*); a cell issues its own.
fn committee_of(unit_name: &str) -> String {
    match unit_name.strip_prefix("Đảng bộ ") {
        Some(rest) => format!("Đảng ủy {rest}"),
        None => unit_name.to_owned(),
    }
}

/// Publishes a document of the device member's unit, or corrects one; returns its id.
pub fn publish_document(
    store: &mut Store,
    args: &PublishDocumentArgs,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    if args.kind == DocumentKind::MeetingPaper {
        return Err(AppError::new(
            "bad_kind",
            "a meeting's papers are attached to the meeting",
        ));
    }
    let before = match args.id {
        Some(id) => Some(store.require::<Document>(id)?),
        None => None,
    };
    let unit_id = match &before {
        Some(d) => d.unit_id,
        None => App::require_me(store)?.unit_id,
    };
    require_publishes(store, unit_id)?;
    let unit: OrgUnit = store.require(unit_id)?;
    let document = Document {
        id: args.id.unwrap_or_else(sotay_core::id::new_id),
        unit_id,
        meeting_id: None,
        kind: args.kind,
        number: trimmed(args.number.as_deref()),
        issuer: trimmed(args.issuer.as_deref()).unwrap_or_else(|| committee_of(&unit.name)),
        issued_on: match args.issued_on.trim() {
            "" => local_date(now),
            day => parse_date("issued_on", day)?,
        },
        title: trimmed(Some(&args.title)).unwrap_or_default(),
        summary: trimmed(args.summary.as_deref()),
        body: args.body.trim().to_owned(),
        // Out to the units below from the moment it is published; a correction keeps that.
        published_at: before.and_then(|d| d.published_at).or(Some(now)),
    };
    document.validate()?;
    store.write(|w| w.put(&document))?;
    Ok(document.id)
}

/// A document this device's committee issued, for changing it.
fn my_document(store: &Store, id: Uuid) -> Result<Document> {
    let document: Document = store.require(id)?;
    if document.kind == DocumentKind::MeetingPaper {
        return Err(AppError::new(
            "bad_kind",
            "a meeting's papers are attached to the meeting",
        ));
    }
    require_publishes(store, document.unit_id)?;
    Ok(document)
}

/// Attaches a file to a published document; returns the document's id.
pub fn attach_document_file(
    store: &mut Store,
    document_id: Uuid,
    chosen_name: &str,
    bytes: &[u8],
) -> Result<Uuid> {
    let document = my_document(store, document_id)?;
    let attachment = new_attachment(document.id, chosen_name, bytes)?;
    let already = store
        .document_files(document.id)?
        .into_iter()
        .any(|f| f.content_hash == attachment.content_hash);
    store.write(|w| {
        w.keep_file(bytes, false)?;
        if already { Ok(()) } else { w.put(&attachment) }
    })?;
    Ok(document.id)
}

/// Takes a file off a published document; returns the document's id.
pub fn detach_document_file(store: &mut Store, attachment_id: Uuid) -> Result<Uuid> {
    let attachment: Attachment = store.require(attachment_id)?;
    let document = my_document(store, attachment.document_id)?;
    store.write(|w| w.delete(EntityKind::Attachment, attachment_id))?;
    Ok(document.id)
}

/// Withdraws a published document (it leaves every device at their next sync).
pub fn withdraw_document(store: &mut Store, id: Uuid) -> Result<()> {
    let document = my_document(store, id)?;
    store.write(|w| w.delete(EntityKind::Document, document.id))?;
    Ok(())
}

/// Notes, once, that the device's member opened the document; says whether it wrote.
pub fn note_opened(
    store: &mut Store,
    me: &Member,
    document: &Document,
    now: DateTime<Utc>,
) -> Result<bool> {
    if document.kind == DocumentKind::MeetingPaper {
        return Ok(false);
    }
    let id = DocumentOpened::id_for(document.id, me.id);
    if store.get::<DocumentOpened>(id)?.is_some() {
        return Ok(false);
    }
    let opened = DocumentOpened::new(document.id, me.id, me.unit_id, now);
    store.write(|w| w.insert(&opened))?;
    Ok(true)
}

/// A member opens a document: noted once (see [`note_opened`]); says whether that wrote.
pub fn open_document(
    store: &mut Store,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(DocumentView, bool)> {
    let document: Document = store.require(id)?;
    let noted = match App::me_of(store)? {
        Some(me) => note_opened(store, &me, &document, now)?,
        None => false,
    };
    Ok((document_here(store, id)?, noted))
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
pub fn document_here(store: &Store, id: Uuid) -> Result<DocumentView> {
    let mut view = read::document_view(store, id)?;
    let paper = view.card.kind == DocumentKind::MeetingPaper;
    view.can_edit = !paper && publishes_for(store, view.card.unit_id)?;
    if let Some(me) = App::me_of(store)?
        && !paper
        && crate::committee::runs_unit(store, me.unit_id)?
    {
        view.readers = Some(readers(store, &me, id)?);
    }
    Ok(view)
}

impl App {
    /// Publishes a document of my unit, or corrects one.
    pub fn publish_document(&self, args: PublishDocumentArgs) -> Result<DocumentView> {
        self.publishing_write(|store, now| publish_document(store, &args, now))
    }

    /// Attaches a file to one of my committee's documents.
    pub fn attach_document_file(&self, args: AttachDocumentFileArgs) -> Result<DocumentView> {
        let bytes = decode(&args.content_base64)?;
        self.publishing_write(|store, _| {
            attach_document_file(store, args.document_id, &args.file_name, &bytes)
        })
    }

    /// Takes a file off one of my committee's documents.
    pub fn detach_document_file(&self, args: IdArgs) -> Result<DocumentView> {
        self.publishing_write(|store, _| detach_document_file(store, args.id))
    }

    /// Withdraws one of my committee's documents; answers with the newest documents.
    pub fn withdraw_document(&self, args: IdArgs) -> Result<Vec<DocumentCard>> {
        let cards = {
            let mut store = self.store()?;
            withdraw_document(&mut store, args.id)?;
            read::document_cards(&store, None, 200)?
        };
        self.local_change();
        Ok(cards)
    }

    /// One document with its full text; opening it is noted for the member's cell.
    pub fn document(&self, args: IdArgs) -> Result<DocumentView> {
        let (view, noted) = open_document(&mut *self.store()?, args.id, self.now())?;
        if noted {
            self.local_change();
        }
        Ok(view)
    }

    fn publishing_write(
        &self,
        write: impl FnOnce(&mut Store, DateTime<Utc>) -> Result<Uuid>,
    ) -> Result<DocumentView> {
        let view = {
            let mut store = self.store()?;
            let id = write(&mut store, self.now())?;
            document_here(&store, id)?
        };
        self.local_change();
        Ok(view)
    }
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
