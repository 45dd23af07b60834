//! The meeting's papers: files the committee attaches (the report, the draft's background, a
//! superior's guidance) for members to read before the meeting, offline.
//!
//! A meeting's files hang off one document of kind "meeting paper", whose id is derived from the
//! meeting's, so two committee members attaching offline add to the same one. The same file
//! attached again to the same meeting is the attachment already there. The bytes are kept in the
//! store with the record, in the same transaction, and sent by the next sync.

use super::args::AttachFileArgs;
use super::{meeting_i_run, meeting_view_here, require_runs};
use crate::attachments::{decode, new_attachment, papers_id};
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::exported::ExportView;
use crate::views::{IdArgs, MeetingView};
use sotay_core::EntityKind;
use sotay_core::ErrorKind;
use sotay_core::cycle::CycleError;
use sotay_core::model::{Attachment, Document, DocumentKind, Meeting, MeetingStatus, OrgUnit};
use sotay_core::time::local_date;
use sotay_store::Store;
use uuid::Uuid;

/// Attaches a file the member chose to the meeting's papers.
pub fn attach_file(cx: &mut Cx, args: AttachFileArgs) -> Result<MeetingView> {
    let bytes = decode(&args.content_base64)?;
    attach_bytes(cx, args.meeting_id, &args.file_name, &bytes)?;
    meeting_view_here(cx, args.meeting_id)
}

/// Attaches a file's bytes to the meeting's papers (the command line reads them from disk);
/// returns the attachment's id.
pub fn attach_bytes(
    cx: &mut Cx,
    meeting_id: Uuid,
    chosen_name: &str,
    bytes: &[u8],
) -> Result<Uuid> {
    let (store, session, now) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, meeting_id)?;
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
            ErrorKind::NotAMeetingPaper,
            "this file is not one of a meeting's papers",
        )
    })?;
    Ok(store.require(meeting)?)
}

/// Takes a file off the meeting's papers.
pub fn remove_attachment(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let attachment: Attachment = store.require(id)?;
    let meeting = meeting_of(store, &attachment)?;
    require_runs(session, meeting.unit_id)?;
    store.write(|w| w.delete(EntityKind::Attachment, id))?;
    meeting_view_here(cx, meeting.id)
}

/// An attached file's name and bytes, for anyone who reads it (`file_not_here` until they
/// arrive).
pub fn attached_file(store: &Store, id: Uuid) -> Result<(String, Vec<u8>)> {
    let (attachment, bytes) = store.attachment_file(id)?;
    Ok((attachment.file_name, bytes))
}

/// Writes an attached file, under its own name, into the exports folder.
pub fn export_attachment(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<ExportView> {
    let (name, bytes) = attached_file(cx.store(), id)?;
    crate::exported::write(&name, &bytes)
}
