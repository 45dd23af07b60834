//! Documents, search and the activity feed.

use crate::views::{ActivityItem, DocumentCard, DocumentView, SearchResult, Snippet};
use sotay_core::Hlc;
use sotay_core::model::{Document, MeetingSeries};
use sotay_store::queries::{ActivityEntry, Change, DocumentSummary};
use sotay_store::{Result, Store};
use uuid::Uuid;

pub fn document_card(d: DocumentSummary, snippet: Option<Snippet>) -> DocumentCard {
    DocumentCard {
        id: d.id,
        kind: d.kind,
        number: d.number,
        issuer: d.issuer,
        issued_on: d.issued_on,
        title: d.title,
        summary: d.summary,
        unit_id: d.unit_id,
        snippet,
    }
}

/// A unit's documents (or all), newest first.
pub fn document_cards(store: &Store, unit: Option<Uuid>, limit: u32) -> Result<Vec<DocumentCard>> {
    Ok(store
        .documents(unit, limit)?
        .into_iter()
        .map(|d| document_card(d, None))
        .collect())
}

pub fn document_view(store: &Store, id: Uuid) -> Result<DocumentView> {
    let doc: Document = store.require(id)?;
    Ok(DocumentView {
        body: doc.body.clone(),
        meeting_id: doc.meeting_id,
        files: store
            .document_files(id)?
            .into_iter()
            .map(crate::views::FileView::from)
            .collect(),
        card: document_card(DocumentSummary::of(doc), None),
        can_edit: false,
        readers: None,
    })
}

fn snippet(s: sotay_store::search::Snippet) -> Snippet {
    let offset = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    Snippet {
        text: s.text,
        highlights: s
            .highlights
            .into_iter()
            .map(|(a, b)| (offset(a), offset(b)))
            .collect(),
    }
}

/// Records matching the words, with or without diacritics, best first.
pub fn search(store: &Store, query: &str, limit: u32) -> Result<Vec<SearchResult>> {
    Ok(store
        .search(query, limit)?
        .into_iter()
        .map(|h| SearchResult {
            kind: h.kind,
            id: h.id,
            title: h.title,
            snippet: snippet(h.snippet),
        })
        .collect())
}

/// What changed after `since` (or ever), newest first.
pub fn activity(store: &Store, since: Option<Hlc>, limit: u32) -> Result<Vec<ActivityItem>> {
    // A series' meetings fold into one line: read on until `limit` lines, or nothing more.
    let mut ask = limit.max(1);
    loop {
        let entries = store.activity(since, ask)?;
        let read_all = entries.len() < ask as usize;
        let mut lines = fold_series(store, entries)?;
        if read_all || lines.len() >= limit as usize || ask >= u32::MAX / 4 {
            lines.truncate(limit as usize);
            return Ok(lines);
        }
        ask *= 4;
    }
}

/// The feed's lines: a series' new meetings as one (counted), the rest as they are.
fn fold_series(store: &Store, entries: Vec<ActivityEntry>) -> Result<Vec<ActivityItem>> {
    let mut out: Vec<ActivityItem> = Vec::new();
    for e in entries {
        // A series made (or extended) schedules a year of meetings at once: one line says so.
        if let (Change::Created, Some(series)) = (e.change, e.series_id) {
            if let Some(line) = out.iter_mut().find(|l| l.kind == SERIES && l.id == series) {
                line.count += 1;
                continue;
            }
            let title = store
                .get::<MeetingSeries>(series)?
                .map_or(e.title, |s| s.title);
            out.push(ActivityItem {
                kind: SERIES.to_owned(),
                id: series,
                title,
                action: e.change.as_str().to_owned(),
                at: e.at,
                count: 1,
            });
            continue;
        }
        out.push(ActivityItem {
            kind: e.kind.as_str().to_owned(),
            id: e.id,
            title: e.title,
            action: e.change.as_str().to_owned(),
            at: e.at,
            count: 1,
        });
    }
    Ok(out)
}

/// The feed's kind for a series' new meetings told as one line.
const SERIES: &str = "meeting_series";

/// The documents among search results, each with the passage that matched.
pub fn matching_documents(store: &Store, query: &str, limit: u32) -> Result<Vec<DocumentCard>> {
    let mut out = Vec::new();
    for hit in store.search(query, limit)? {
        if hit.kind != "document" {
            continue;
        }
        let Some(doc) = store.get::<Document>(hit.id)? else {
            continue;
        };
        out.push(document_card(
            DocumentSummary::of(doc),
            Some(snippet(hit.snippet)),
        ));
    }
    Ok(out)
}
