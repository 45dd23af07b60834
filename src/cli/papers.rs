//! `sotay attach` and `sotay detach`: the files of a meeting's papers, from the command line.
//! (`sotay export attachment` writes one back out.)

use super::ops::{Result, parse_id, run, with};
use super::output::Out;
use super::show;
use sotay_app::committee;
use sotay_app::views::IdArgs;
use sotay_core::model::{Attachment, Document};
use sotay_store::Store;
use std::path::PathBuf;

/// `sotay attach MEETING FILE...`: each file joins the meeting's papers in turn. All are read
/// first, so a path that cannot be read attaches nothing.
pub fn attach(
    store: &mut Store,
    meeting: &str,
    files: &[PathBuf],
    json: bool,
    out: &mut Out,
) -> Result {
    let id = parse_id(meeting)?;
    let mut read = Vec::with_capacity(files.len());
    for path in files {
        read.push(super::ops::read_named(path)?);
    }
    let mut attached = Vec::with_capacity(read.len());
    for (name, bytes) in &read {
        let file = with(store, |cx| committee::attach_bytes(cx, id, name, bytes))?;
        attached.push((name, bytes.len(), file));
    }
    if json {
        return show::meeting(store, id, true, out);
    }
    for (name, size, file) in attached {
        out.line(format!("Attached {name} ({size} bytes) [{file}]"))?;
    }
    out.line("Run `sotay sync` to send the files to members.")?;
    Ok(out.finish()?)
}

/// `sotay detach ATTACHMENT`: the file is taken off the meeting's papers, or off a document the
/// committee published.
pub fn detach(store: &mut Store, attachment: &str, json: bool, out: &mut Out) -> Result {
    let id = parse_id(attachment)?;
    let file: Attachment = store.require(id)?;
    let document: Document = store.require(file.document_id)?;
    if document.meeting_id.is_none() {
        let document = run(
            store,
            sotay_app::library::detach_document_file,
            IdArgs { id },
        )?
        .card
        .id;
        if json {
            return show::document(store, document, true, out);
        }
        out.line(format!(
            "File taken off document {document}. Run `sotay sync` to send it."
        ))?;
        return Ok(out.finish()?);
    }
    let meeting = run(store, committee::remove_attachment, IdArgs { id })?
        .meeting
        .id;
    if json {
        return show::meeting(store, meeting, true, out);
    }
    out.line(format!(
        "File taken off the papers of meeting {meeting}. Run `sotay sync` to send it."
    ))?;
    Ok(out.finish()?)
}
