//! `sotay publish-document` and `sotay withdraw-document`: a committee's documents for the units
//! below it, from the command line.

use super::args::PublishDocumentOptions;
use super::error::CliError;
use super::ops::{Result, parse_id, run, with};
use super::output::Out;
use super::show;
use sotay_app::library::publishing::{self, PublishDocumentArgs};
use sotay_app::views::IdArgs;
use sotay_store::Store;
use std::path::{Path, PathBuf};

fn read_file(path: &Path) -> std::result::Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::ReadFile {
        path: path.to_owned(),
        source,
    })
}

pub(super) fn read_text(path: &Path) -> std::result::Result<String, CliError> {
    String::from_utf8(read_file(path)?).map_err(|_| CliError::ReadFile {
        path: path.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "the text is not UTF-8"),
    })
}

/// Publishes (or corrects) the document, then attaches the files. Every file is read before
/// anything is written, so a path that cannot be read publishes nothing.
pub fn publish(store: &mut Store, options: &PublishDocumentOptions, out: &mut Out) -> Result {
    let PublishDocumentOptions {
        id,
        kind,
        number,
        title,
        summary,
        body,
        body_file,
        issuer,
        issued_on,
        attach,
        json,
    } = options;
    let body = match (body, body_file) {
        (_, Some(path)) => read_text(path)?,
        (Some(text), None) => text.clone(),
        (None, None) => String::new(),
    };
    let files: Vec<(&PathBuf, Vec<u8>)> = attach
        .iter()
        .map(|p| read_file(p).map(|bytes| (p, bytes)))
        .collect::<std::result::Result<_, _>>()?;
    let args = PublishDocumentArgs {
        id: id.as_deref().map(parse_id).transpose()?,
        kind: kind.parse()?,
        number: number.clone(),
        issuer: issuer.clone(),
        issued_on: issued_on.clone().unwrap_or_default(),
        title: title.clone(),
        summary: summary.clone(),
        body,
    };
    let correcting = args.id.is_some();
    let document = run(store, publishing::publish_document, args)?.card.id;
    for (path, bytes) in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        with(store, |cx| {
            publishing::attach_document_bytes(cx, document, &name, bytes)
        })?;
    }
    if *json {
        return show::document(store, document, true, out);
    }
    let verb = if correcting { "Corrected" } else { "Published" };
    out.line(format!("{verb} document {document}."))?;
    for (path, bytes) in &files {
        out.line(format!(
            "Attached {} ({} bytes)",
            path.display(),
            bytes.len()
        ))?;
    }
    out.line("Run `sotay sync` to send it to the units below.")?;
    Ok(out.finish()?)
}

pub fn withdraw(store: &mut Store, id: &str, out: &mut Out) -> Result {
    let id = parse_id(id)?;
    run(store, publishing::withdraw_document, IdArgs { id })?;
    out.line(format!(
        "Document {id} withdrawn. Run `sotay sync` to take it off the units below."
    ))?;
    Ok(out.finish()?)
}

/// `sotay document ID`: reading it is opening it, noted for the member's cell as in the app.
pub fn open(store: &mut Store, id: &str, json: bool, out: &mut Out) -> Result {
    let id = parse_id(id)?;
    let document = run(store, publishing::document, IdArgs { id })?;
    show::document_view(&document, json, out)
}
