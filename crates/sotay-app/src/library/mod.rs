//! The documents library (with diacritic-insensitive search) and the activity feed.

pub mod publishing;

use crate::app::App;
use crate::error::Result;
use crate::read;
use crate::views::{ActivityItem, DocumentCard, DocumentsArgs, NoArgs};

/// The feed's length: about a month of a busy cell.
const FEED: u32 = 200;

impl App {
    /// The newest documents, or those matching the query (with or without diacritics).
    pub fn documents(&self, args: DocumentsArgs) -> Result<Vec<DocumentCard>> {
        let store = self.store()?;
        let query = args.query.trim();
        if query.is_empty() {
            return Ok(read::document_cards(&store, None, 200)?);
        }
        Ok(read::library::matching_documents(&store, query, 200)?)
    }

    /// Everything that changed, newest first: for members who follow from far away.
    pub fn activity(&self, _: NoArgs) -> Result<Vec<ActivityItem>> {
        let store = self.store()?;
        Ok(read::activity(&store, None, FEED)?)
    }
}
