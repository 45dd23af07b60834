//! The documents library (with diacritic-insensitive search) and the activity feed.

use crate::app::App;
use crate::error::Result;
use crate::meetings::activity_item;
use crate::views::{
    ActivityItem, DocumentCard, DocumentView, DocumentsArgs, IdArgs, NoArgs, Snippet,
};
use sotay_core::model::Document;
use sotay_store::queries::DocumentSummary;

/// The feed's length: about a month of a busy cell.
const FEED: u32 = 200;

pub(crate) fn document_card(d: DocumentSummary, snippet: Option<Snippet>) -> DocumentCard {
    DocumentCard {
        id: d.id,
        kind: d.kind,
        number: d.number,
        issuer: d.issuer,
        issued_on: d.issued_on,
        title: d.title,
        snippet,
    }
}

impl App {
    /// The newest documents, or those matching the query (with or without diacritics).
    pub fn documents(&self, args: DocumentsArgs) -> Result<Vec<DocumentCard>> {
        let store = self.store()?;
        let query = args.query.trim();
        if query.is_empty() {
            return Ok(store
                .documents(None, 200)?
                .into_iter()
                .map(|d| document_card(d, None))
                .collect());
        }
        let mut out = Vec::new();
        for hit in store.search(query, 200)? {
            if hit.kind != "document" {
                continue;
            }
            let Some(doc) = store.get::<Document>(hit.id)? else {
                continue;
            };
            let snippet = Snippet {
                text: hit.snippet.text,
                highlights: hit
                    .snippet
                    .highlights
                    .into_iter()
                    .map(|(a, b)| (a as i64, b as i64))
                    .collect(),
            };
            out.push(document_card(DocumentSummary::of(doc), Some(snippet)));
        }
        Ok(out)
    }

    /// One document with its full text.
    pub fn document(&self, args: IdArgs) -> Result<DocumentView> {
        let store = self.store()?;
        let doc: Document = store.require(args.id)?;
        Ok(DocumentView {
            body: doc.body.clone(),
            meeting_id: doc.meeting_id,
            card: document_card(DocumentSummary::of(doc), None),
        })
    }

    /// Everything that changed, newest first: for members who follow from far away.
    pub fn activity(&self, _: NoArgs) -> Result<Vec<ActivityItem>> {
        let store = self.store()?;
        Ok(store
            .activity(None, FEED)?
            .into_iter()
            .map(activity_item)
            .collect())
    }
}
