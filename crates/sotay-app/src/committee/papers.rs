//! The meeting's papers: files the committee attaches (the report, the draft's background, a
//! superior's guidance) for members to read before the meeting, offline.
//!
//! A meeting's files hang off one document of kind "meeting paper", whose id is derived from the
//! meeting's, so two committee members attaching offline add to the same one. The same file
//! attached again to the same meeting is the attachment already there. The bytes are kept in the
//! store with the record, in the same transaction, and sent by the next sync.

use super::args::{AttachFileArgs, ExportView};
use super::{meeting_i_run, require_runs};
use crate::app::App;
use crate::error::{AppError, Result};
use crate::views::{IdArgs, MeetingView};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use sotay_core::cycle::CycleError;
use sotay_core::id::derived_id;
use sotay_core::model::{
    Attachment, Document, DocumentKind, MAX_ATTACHMENT_BYTES, Meeting, MeetingStatus, OrgUnit,
    content_hash,
};
use sotay_core::time::local_date;
use sotay_core::{EntityKind, Record};
use sotay_store::Store;
use uuid::Uuid;

/// The document a meeting's files are attached to.
pub fn papers_id(meeting: Uuid) -> Uuid {
    derived_id("meeting_papers", meeting, meeting)
}

/// The name a file is kept under: its last path part, trimmed and normalised.
fn file_name(chosen: &str) -> String {
    let last = chosen.rsplit(['/', '\\']).next().unwrap_or(chosen);
    sotay_core::text::normalize(last.trim())
}

/// Reads the base64 the UI sends.
pub fn decode(content_base64: &str) -> Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(content_base64.trim())
        .map_err(|_| AppError::new("bad_file", "the file could not be read; choose it again"))
}

/// The attachment record for a chosen file on a document, checked: not empty, not too large, a
/// file name without folders.
pub(crate) fn new_attachment(
    document_id: Uuid,
    chosen_name: &str,
    bytes: &[u8],
) -> Result<Attachment> {
    if bytes.is_empty() {
        return Err(AppError::new("empty_file", "the file is empty"));
    }
    if i64::try_from(bytes.len()).map_or(true, |n| n > MAX_ATTACHMENT_BYTES) {
        return Err(AppError::new(
            "file_too_large",
            format!(
                "the file is larger than {} MB",
                MAX_ATTACHMENT_BYTES / 1024 / 1024
            ),
        ));
    }
    let name = file_name(chosen_name);
    let media_type = mime_guess::from_path(&name)
        .first_or_octet_stream()
        .essence_str()
        .to_owned();
    let attachment = Attachment {
        id: sotay_core::id::new_id(),
        document_id,
        file_name: name,
        media_type,
        size: i64::try_from(bytes.len()).unwrap_or(MAX_ATTACHMENT_BYTES),
        content_hash: content_hash(bytes),
    };
    attachment.validate()?;
    Ok(attachment)
}

/// Attaches a file to the meeting's papers; returns the attachment's id.
pub fn attach_file(
    store: &mut Store,
    meeting_id: Uuid,
    chosen_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Uuid> {
    let meeting = meeting_i_run(store, meeting_id)?;
    if meeting.status == MeetingStatus::Cancelled {
        return Err(CycleError::Cancelled.into());
    }
    let unit: OrgUnit = store.require(meeting.unit_id)?;
    let papers = papers_id(meeting.id);
    // Checked before anything is written, so a bad file leaves no paper or bytes behind.
    let attachment = new_attachment(papers, chosen_name, bytes)?;
    if let Some(same) = store
        .meeting_files(meeting.id)?
        .into_iter()
        .find(|f| f.content_hash == attachment.content_hash)
    {
        // Attached elsewhere and not fetched yet: these bytes serve as well.
        store.write(|w| w.keep_file(bytes, false))?;
        return Ok(same.id);
    }
    store.write(|w| {
        if w.get::<Document>(papers)?.is_none() {
            w.insert(&Document {
                id: papers,
                unit_id: meeting.unit_id,
                meeting_id: Some(meeting.id),
                kind: DocumentKind::MeetingPaper,
                number: None,
                issuer: unit.name.clone(),
                issued_on: local_date(now),
                // A topic may use the whole title's length: the prefix must still fit.
                title: format!(
                    "Tài liệu cuộc họp: {}",
                    meeting.topic.chars().take(400).collect::<String>()
                ),
                summary: None,
                body: String::new(),
                published_at: None,
            })?;
        }
        w.keep_file(bytes, false)?;
        w.put(&attachment)
    })?;
    Ok(attachment.id)
}

/// The meeting an attachment's paper belongs to.
fn meeting_of(store: &Store, attachment: &Attachment) -> Result<Meeting> {
    let paper: Document = store.require(attachment.document_id)?;
    let meeting = paper.meeting_id.ok_or_else(|| {
        AppError::new(
            "not_a_meeting_paper",
            "this file is not one of a meeting's papers",
        )
    })?;
    Ok(store.require(meeting)?)
}

/// Takes a file off the meeting's papers; returns the meeting's id.
pub fn remove_attachment(store: &mut Store, id: Uuid) -> Result<Uuid> {
    let attachment: Attachment = store.require(id)?;
    let meeting = meeting_of(store, &attachment)?;
    require_runs(store, meeting.unit_id)?;
    store.write(|w| w.delete(EntityKind::Attachment, id))?;
    Ok(meeting.id)
}

/// An attached file's name and bytes, for anyone who reads it (`file_not_here` until they
/// arrive).
pub fn attached_file(store: &Store, id: Uuid) -> Result<(String, Vec<u8>)> {
    let (attachment, bytes) = store.attachment_file(id)?;
    Ok((attachment.file_name, bytes))
}

impl App {
    /// Attaches a file the member chose to the meeting's papers.
    pub fn attach_file(&self, args: AttachFileArgs) -> Result<MeetingView> {
        let bytes = decode(&args.content_base64)?;
        self.committee_write(|store, now| {
            attach_file(store, args.meeting_id, &args.file_name, &bytes, now)?;
            Ok(args.meeting_id)
        })
    }

    /// Takes a file off the meeting's papers.
    pub fn remove_attachment(&self, args: IdArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| remove_attachment(store, args.id))
    }

    /// Writes an attached file, under its own name, into the exports folder.
    pub fn export_attachment(&self, args: IdArgs) -> Result<ExportView> {
        let (name, bytes) = attached_file(&*self.store()?, args.id)?;
        crate::exports::write(&name, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_file_keeps_only_its_name() {
        assert_eq!(file_name("C:\\Users\\An\\Báo cáo.pdf"), "Báo cáo.pdf");
        assert_eq!(file_name("/home/an/slides.odp "), "slides.odp");
        assert_eq!(file_name("plain.txt"), "plain.txt");
    }

    #[test]
    fn bad_base64_is_a_typed_error() {
        assert_eq!(decode("not base64!").unwrap_err().kind, "bad_file");
        assert_eq!(decode("aGVsbG8=").unwrap(), b"hello");
    }
}
