//! Documents and resolutions.

use crate::Store;
use crate::error::Result;
use crate::read::list;
use crate::search::{self, SearchHit};
use chrono::NaiveDate;
use sotay_core::model::{Document, DocumentKind, Resolution, ResolutionStatus};
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
