//! Documents and resolutions.

use crate::Store;
use crate::error::Result;
use crate::read::list;
use crate::search::{self, SearchHit};
use chrono::NaiveDate;
use sotay_core::model::{Document, DocumentKind, DocumentOpened, Resolution, ResolutionStatus};
use std::collections::HashMap;
use uuid::Uuid;

/// A document without its text, for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    pub id: Uuid,
    pub kind: DocumentKind,
    pub number: Option<String>,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub title: String,
    pub summary: Option<String>,
    /// The issuing unit (for a meeting's papers, the cell).
    pub unit_id: Uuid,
}

impl DocumentSummary {
    /// The summary of a document.
    pub fn of(d: Document) -> Self {
        DocumentSummary {
            id: d.id,
            kind: d.kind,
            number: d.number,
            issuer: d.issuer,
            issued_on: d.issued_on,
            title: d.title,
            summary: d.summary,
            unit_id: d.unit_id,
        }
    }
}

impl Store {
    /// Documents of a unit (or all), newest first.
    pub fn documents(&self, unit_id: Option<Uuid>, limit: u32) -> Result<Vec<DocumentSummary>> {
        let docs: Vec<Document> = list(
            self.conn(),
            "?1 IS NULL OR unit_id = ?1",
            "ORDER BY issued_on DESC, title LIMIT ?2",
            rusqlite::params![unit_id.map(|u| u.to_string()), limit],
        )?;
        Ok(docs.into_iter().map(DocumentSummary::of).collect())
    }

    /// The documents issued on or after `since` whose last change came from another device
    /// (a directive from above, a plan another committee member filed), newest first; a
    /// meeting's papers are told of with their meeting.
    pub fn documents_from_elsewhere(&self, since: NaiveDate) -> Result<Vec<Document>> {
        list(
            self.conn(),
            "issued_on >= ?1 AND kind <> 'meeting_paper' AND origin <> ?2",
            "ORDER BY issued_on DESC LIMIT 50",
            rusqlite::params![since.to_string(), self.client_id().to_string()],
        )
    }

    /// Who of `unit` has opened the document, first readers first.
    pub fn opened_in(&self, document: Uuid, unit: Uuid) -> Result<Vec<DocumentOpened>> {
        list(
            self.conn(),
            "document_id = ?1 AND unit_id = ?2",
            "ORDER BY opened_at",
            rusqlite::params![document.to_string(), unit.to_string()],
        )
    }

    /// Resolutions of a unit (or all), drafts first, then newest adopted first.
    pub fn resolutions(
        &self,
        unit_id: Option<Uuid>,
        status: Option<ResolutionStatus>,
        limit: u32,
    ) -> Result<Vec<Resolution>> {
        list(
            self.conn(),
            "(?1 IS NULL OR unit_id = ?1) AND (?2 IS NULL OR status = ?2)",
            "ORDER BY adopted_on IS NULL DESC, adopted_on DESC, title LIMIT ?3",
            rusqlite::params![
                unit_id.map(|u| u.to_string()),
                status.map(|s| s.to_string()),
                limit
            ],
        )
    }

    /// How many contributions members made to each of these resolutions (absent: none).
    pub fn contribution_counts(&self, resolutions: &[Uuid]) -> Result<HashMap<Uuid, i64>> {
        super::by_id(
            self.conn(),
            "SELECT resolution_id, count(*) FROM contribution
             WHERE deleted = 0 AND resolution_id IN (SELECT value FROM json_each(?1))
             GROUP BY resolution_id",
            [super::id_set(resolutions)],
        )
    }

    /// Diacritic-insensitive full-text search.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        search::search(self.conn(), query, limit)
    }
}
