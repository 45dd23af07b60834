//! One page for a member who was away: what the cell decided, the tasks that concern them and
//! the documents to read since a day — in large type when the member asked for it.

use crate::PrintError;
use serde::Serialize;

/// One line of a section: a title and what follows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DigestItem {
    pub title: String,
    pub detail: String,
}

/// A section: its heading, its lines, and how many more were left off to keep to one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DigestSection {
    pub heading: String,
    pub items: Vec<DigestItem>,
    /// "Không có." when empty; "và 3 mục khác" when some were left off.
    pub note: String,
}

/// What the digest shows. Every field is display text, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DigestPage {
    /// The cell, upper case.
    pub unit: String,
    /// "Gửi đồng chí Trần Thị Bình".
    pub to: String,
    /// "Từ ngày 01/10/2026 đến ngày 24/11/2026".
    pub period: String,
    pub sections: Vec<DigestSection>,
    /// The next meeting, if one is planned.
    pub next_meeting: Option<String>,
    /// Large type (the member's setting).
    pub large: bool,
}

/// The digest as a PDF (A4, one page as far as the text allows).
pub fn digest_pdf(page: &DigestPage) -> Result<Vec<u8>, PrintError> {
    crate::world::render(include_str!("../templates/digest.typ"), page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_with_markup_characters_makes_a_pdf_in_both_sizes() {
        for large in [false, true] {
            let pdf = digest_pdf(&DigestPage {
                unit: "CHI BỘ THÔN ĐÔNG".into(),
                to: "Gửi đồng chí #strong[x]".into(),
                period: "Từ ngày 01/10/2026 $1".into(),
                sections: vec![DigestSection {
                    heading: "Nghị quyết".into(),
                    items: vec![DigestItem {
                        title: "Nghị quyết <a> @b".into(),
                        detail: "_c_ `d` \\ ]".into(),
                    }],
                    note: String::new(),
                }],
                next_meeting: None,
                large,
            })
            .expect("a pdf");
            assert!(pdf.starts_with(b"%PDF-"));
        }
    }
}
