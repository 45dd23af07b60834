use crate::entity::{EntityKind, Record};
use crate::error::{Invalid, ValidationError, in_range, invalid, optional_text, required_text};
use crate::model::{LONG_TEXT_MAX, SHORT_TEXT_MAX};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Nghị quyết of a superior body.
    Resolution,
    /// Chỉ thị.
    Directive,
    /// Hướng dẫn.
    Guidance,
    /// Kết luận.
    Conclusion,
    /// Kế hoạch.
    Plan,
    /// Papers for one meeting (the report, the draft resolution's background).
    MeetingPaper,
}
super::code_enum!(DocumentKind);

/// A party document number: `12-HD/BTCTW` is guidance no. 12 of the Central Organisation
/// Commission; `02-NQ/TU` resolution no. 2 of a town committee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentNumber {
    pub sequence: u32,
    /// The document type's abbreviation (`NQ`, `CT`, `HD`, `KL`, `KH`, …).
    pub type_code: String,
    /// The issuer's abbreviation (`TW`, `BTCTW`, `TU`, `HU`, `ĐU`, …).
    pub issuer_code: String,
}

const NUMBER_FORMAT: &str = "a number like 12-HD/BTCTW";

impl FromStr for DocumentNumber {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            invalid(
                "number",
                Invalid::BadFormat {
                    expected: NUMBER_FORMAT,
                },
            )
        };
        let (sequence, rest) = s.trim().split_once('-').ok_or_else(bad)?;
        let (type_code, issuer_code) = rest.split_once('/').ok_or_else(bad)?;
        let is_code = |c: &str, extra: &[char]| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_uppercase() || ch.is_ascii_digit() || extra.contains(&ch))
        };
        if !is_code(type_code, &[]) || !is_code(issuer_code, &['-', '/']) {
            return Err(bad());
        }
        Ok(DocumentNumber {
            sequence: sequence.parse().map_err(|_| bad())?,
            type_code: type_code.to_owned(),
            issuer_code: issuer_code.to_owned(),
        })
    }
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}-{}/{}",
            self.sequence, self.type_code, self.issuer_code
        )
    }
}

/// The longest summary: a paragraph, not the document.
pub const SUMMARY_MAX: usize = 2000;

/// A superior directive, resolution or guidance, or a paper for one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: Uuid,
    /// The unit the document is filed under (the issuing committee, or the cell for its papers).
    pub unit_id: Uuid,
    pub meeting_id: Option<Uuid>,
    pub kind: DocumentKind,
    pub number: Option<String>,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub title: String,
    /// A few lines on what the document asks, shown in the library's list (trích yếu).
    #[serde(default)]
    pub summary: Option<String>,
    pub body: String,
    /// When members could first read it (the 2025 guidance: at least a day before the meeting).
    #[serde(with = "chrono::serde::ts_milliseconds_option")]
    pub published_at: Option<DateTime<Utc>>,
}

impl Record for Document {
    const KIND: EntityKind = EntityKind::Document;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("title", &self.title, SHORT_TEXT_MAX)?;
        required_text("issuer", &self.issuer, 200)?;
        optional_text("summary", self.summary.as_deref(), SUMMARY_MAX)?;
        optional_text("body", Some(&self.body), LONG_TEXT_MAX)?;
        if let Some(number) = &self.number {
            number.parse::<DocumentNumber>()?;
        }
        Ok(())
    }
}

/// The largest file a document carries: a scanned report or a slide deck, not a video. Bytes
/// travel whole in one request, and every device of the unit keeps a copy.
pub const MAX_ATTACHMENT_BYTES: i64 = 25 * 1024 * 1024;

/// The content hash an attachment names its bytes by: SHA-256, lower-case hex.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `s` is a content hash as [`content_hash`] writes it (so it is safe in a path or a URL).
pub fn is_content_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A file attached to a document. The bytes are stored once per content hash (SHA-256, hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: Uuid,
    pub document_id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub content_hash: String,
}

impl Record for Attachment {
    const KIND: EntityKind = EntityKind::Attachment;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("file_name", &self.file_name, 255)?;
        // A name, not a path: it becomes a file in a folder of the reader's choosing.
        if self
            .file_name
            .chars()
            .any(|c| matches!(c, '/' | '\\') || c.is_control())
            || matches!(self.file_name.trim(), "." | "..")
        {
            return Err(invalid(
                "file_name",
                Invalid::BadFormat {
                    expected: "a file name without folders",
                },
            ));
        }
        required_text("media_type", &self.media_type, 100)?;
        in_range("size", self.size, 0, MAX_ATTACHMENT_BYTES)?;
        if !is_content_hash(&self.content_hash) {
            return Err(invalid(
                "content_hash",
                Invalid::BadFormat {
                    expected: "a SHA-256 digest in lower-case hex",
                },
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_party_document_numbers() {
        let n: DocumentNumber = "12-HD/BTCTW".parse().unwrap();
        assert_eq!(
            (n.sequence, n.type_code.as_str(), n.issuer_code.as_str()),
            (12, "HD", "BTCTW")
        );
        assert_eq!(n.to_string(), "12-HD/BTCTW");
        assert_eq!(
            "02-NQ/TU".parse::<DocumentNumber>().unwrap().to_string(),
            "02-NQ/TU"
        );
        assert!("14-NQ/ĐU".parse::<DocumentNumber>().is_ok());
    }

    #[test]
    fn an_attachment_names_its_bytes_by_their_sha256_and_its_file_without_a_folder() {
        assert_eq!(
            content_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let good = Attachment {
            id: Uuid::nil(),
            document_id: Uuid::nil(),
            file_name: "Báo cáo quý IV.pdf".into(),
            media_type: "application/pdf".into(),
            size: 3,
            content_hash: content_hash(b"abc"),
        };
        assert!(good.validate().is_ok());
        for name in ["../etc/passwd", "a\\b.pdf", "..", "dòng\nmới"] {
            let bad = Attachment {
                file_name: name.into(),
                ..good.clone()
            };
            assert_eq!(bad.validate().unwrap_err().field, "file_name", "{name}");
        }
        let huge = Attachment {
            size: MAX_ATTACHMENT_BYTES + 1,
            ..good.clone()
        };
        assert_eq!(huge.validate().unwrap_err().field, "size");
        let upper = Attachment {
            content_hash: good.content_hash.to_uppercase(),
            ..good
        };
        assert_eq!(upper.validate().unwrap_err().field, "content_hash");
    }

    #[test]
    fn rejects_what_is_not_a_document_number() {
        for bad in [
            "",
            "HD/BTCTW",
            "12HD/BTCTW",
            "12-HD",
            "x-HD/TW",
            "12-hd/tw",
            "12-HD/",
        ] {
            let err = bad.parse::<DocumentNumber>().unwrap_err();
            assert_eq!(err.field, "number", "{bad}");
        }
    }
}
