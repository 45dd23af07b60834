//! Sotay's printed documents, as PDF: the pages of the cell's minutes book, the superior
//! committee's report on the cells below it, and the digest for a member who was away.
//!
//! The layout is a Typst template (`templates/`) compiled in-process by Typst as a library, with
//! Liberation Serif (metric-compatible with Times New Roman, which Vietnamese administrative
//! documents use; it covers every Vietnamese letter) embedded and subset into the PDF. The data
//! goes to the template as a JSON file of the template's own world, never spliced into its
//! markup, so nothing a person typed can change the layout. No files are read or written: the
//! caller gets the PDF's bytes.

mod digest;
mod minutes;
mod report;
mod world;

pub use digest::{DigestItem, DigestPage, DigestSection, digest_pdf};
pub use minutes::{Block, MinutesPage, minutes_pdf};
pub use report::{Figure, ReportPage, ReportRow, ReportSection, report_pdf};

/// Why a document could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    /// The template could not be laid out with this data (a bug of the template, reported with
    /// Typst's messages).
    #[error("the document could not be typeset: {0}")]
    Typeset(String),
    /// The laid-out document could not be written as PDF.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}
