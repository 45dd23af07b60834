//! The documents library (with diacritic-insensitive search) and the activity feed.

pub mod publishing;

pub use publishing::{
    attach_document_file, detach_document_file, document, publish_document, withdraw_document,
};

use crate::cx::Cx;
use crate::error::Result;
use crate::read;
use crate::views::{ActivityItem, DocumentCard, DocumentsArgs, NoArgs};

/// The feed's length: about a month of a busy cell.
const FEED: u32 = 200;

/// The newest documents, or those matching the query (with or without diacritics).
pub fn documents(cx: &mut Cx, args: DocumentsArgs) -> Result<Vec<DocumentCard>> {
    let store = cx.store();
    let query = args.query.trim();
    if query.is_empty() {
        return Ok(read::document_cards(store, None, 200)?);
    }
    Ok(read::matching_documents(store, query, 200)?)
}

/// Everything that changed, newest first: for members who follow from far away.
pub fn activity(cx: &mut Cx, _: NoArgs) -> Result<Vec<ActivityItem>> {
    Ok(read::activity(cx.store(), None, FEED)?)
}
