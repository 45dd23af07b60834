//! A file a person chose, made an attachment: shared by a meeting's papers and a committee's
//! published documents, which check the same things the same way; and the document a meeting's
//! papers hang off.

use crate::error::{AppError, Result};
use base64::Engine as _;
use sotay_core::ErrorKind;
use sotay_core::Record;
use sotay_core::id::derived_id;
use sotay_core::model::{Attachment, MAX_ATTACHMENT_BYTES, content_hash};
use uuid::Uuid;

/// The document a meeting's files are attached to.
pub fn papers_id(meeting: Uuid) -> Uuid {
    derived_id("meeting_papers", meeting, meeting)
}

/// The name a file is kept under: its last path part, trimmed and normalised.
fn file_name(chosen: &str) -> String {
    let last = chosen.rsplit(['/', '\\']).next().unwrap_or(chosen);
    sotay_core::text::normalize(last.trim())
}

/// Reads the base64 the UI sends.
pub fn decode(content_base64: &str) -> Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(content_base64.trim())
        .map_err(|_| {
            AppError::new(
                ErrorKind::BadFile,
                "the file could not be read; choose it again",
            )
        })
}

/// The attachment record for a chosen file on a document, checked: not empty, not too large, a
/// file name without folders.
pub fn new_attachment(document_id: Uuid, chosen_name: &str, bytes: &[u8]) -> Result<Attachment> {
    if bytes.is_empty() {
        return Err(AppError::new(ErrorKind::EmptyFile, "the file is empty"));
    }
    if i64::try_from(bytes.len()).map_or(true, |n| n > MAX_ATTACHMENT_BYTES) {
        return Err(AppError::new(
            ErrorKind::FileTooLarge,
            format!(
                "the file is larger than {} MB",
                MAX_ATTACHMENT_BYTES / 1024 / 1024
            ),
        ));
    }
    let name = file_name(chosen_name);
    let media_type = mime_guess::from_path(&name)
        .first_or_octet_stream()
        .essence_str()
        .to_owned();
    let attachment = Attachment {
        id: sotay_core::id::new_id(),
        document_id,
        file_name: name,
        media_type,
        size: i64::try_from(bytes.len()).unwrap_or(MAX_ATTACHMENT_BYTES),
        content_hash: content_hash(bytes),
    };
    attachment.validate()?;
    Ok(attachment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_file_keeps_only_its_name() {
        assert_eq!(file_name("C:\\Users\\An\\Báo cáo.pdf"), "Báo cáo.pdf");
        assert_eq!(file_name("/home/an/slides.odp "), "slides.odp");
        assert_eq!(file_name("plain.txt"), "plain.txt");
    }

    #[test]
    fn bad_base64_is_a_typed_error() {
        assert_eq!(decode("not base64!").unwrap_err().kind, "bad_file");
        assert_eq!(decode("aGVsbG8=").unwrap(), b"hello");
    }
}
