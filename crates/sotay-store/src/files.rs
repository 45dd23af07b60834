//! Attachments' bytes, kept by content hash in the store itself (the `blob` table).
//!
//! An attachment record names its bytes by SHA-256; the record syncs like any other, the bytes
//! follow it: a file attached here is sent after the record is pushed, and a pulled attachment's
//! bytes are fetched after the pull. Until then the attachment is listed as not here yet.

use crate::Store;
use crate::Writer;
use crate::error::{Result, StoreError};
use rusqlite::OptionalExtension;
use sotay_core::model::content_hash;

impl Writer<'_> {
    /// Keeps a file's bytes under their hash. `sent`: the server has them already (they came from
    /// it). Keeping bytes that are already here changes nothing but, when `sent`, the mark.
    pub fn keep_file(&mut self, bytes: &[u8], sent: bool) -> Result<String> {
        let hash = content_hash(bytes);
        self.tx().execute(
            "INSERT INTO blob (hash, size, bytes, sent) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (hash) DO UPDATE SET sent = max(sent, excluded.sent)",
            rusqlite::params![hash, bytes.len() as i64, bytes, sent],
        )?;
        Ok(hash)
    }

    /// Notes that the server has the file `hash`.
    pub fn file_sent(&mut self, hash: &str) -> Result<()> {
        self.tx()
            .execute("UPDATE blob SET sent = 1 WHERE hash = ?1", [hash])?;
        Ok(())
    }
}

/// A file attached to one of a meeting's papers, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedFile {
    pub id: uuid::Uuid,
    pub document_id: uuid::Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub content_hash: String,
    /// Its bytes are on this device (else they come with a later sync).
    pub here: bool,
}

impl Store {
    /// The files attached to a meeting's papers, by file name.
    pub fn meeting_files(&self, meeting: uuid::Uuid) -> Result<Vec<AttachedFile>> {
        self.attached_files("d.meeting_id = ?1", meeting)
    }

    /// The files attached to a document, by file name.
    pub fn document_files(&self, document: uuid::Uuid) -> Result<Vec<AttachedFile>> {
        self.attached_files("d.id = ?1", document)
    }

    fn attached_files(&self, which: &str, id: uuid::Uuid) -> Result<Vec<AttachedFile>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT a.id, a.document_id, a.file_name, a.media_type, a.size, a.content_hash,
                    EXISTS (SELECT 1 FROM blob WHERE blob.hash = a.content_hash)
             FROM attachment a JOIN document d ON d.id = a.document_id
             WHERE {which} AND d.deleted = 0 AND a.deleted = 0
             ORDER BY a.file_name, a.id"
        ))?;
        let rows = stmt.query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                AttachedFile {
                    id: uuid::Uuid::nil(),
                    document_id: uuid::Uuid::nil(),
                    file_name: r.get(2)?,
                    media_type: r.get(3)?,
                    size: r.get(4)?,
                    content_hash: r.get(5)?,
                    here: r.get(6)?,
                },
            ))
        })?;
        let mut files = Vec::new();
        for row in rows {
            let (id, document_id, mut file) = row?;
            // An unreadable id names no record anyway.
            let (Ok(id), Ok(document_id)) = (id.parse(), document_id.parse()) else {
                continue;
            };
            file.id = id;
            file.document_id = document_id;
            files.push(file);
        }
        Ok(files)
    }

    /// A file's bytes, if they are here.
    pub fn file(&self, hash: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT bytes FROM blob WHERE hash = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?)
    }

    /// The bytes of a live attachment, or why not: the record is unknown, or its bytes have not
    /// arrived yet.
    pub fn attachment_file(
        &self,
        id: uuid::Uuid,
    ) -> Result<(sotay_core::model::Attachment, Vec<u8>)> {
        let attachment: sotay_core::model::Attachment = self.require(id)?;
        let bytes = self
            .file(&attachment.content_hash)?
            .ok_or(StoreError::FileNotHere)?;
        Ok((attachment, bytes))
    }

    /// Files attached on this device that the server does not have yet, by hash. Only those a
    /// live attachment still names: the bytes of an attachment removed (or refused by the server)
    /// before they went stay here.
    pub fn files_to_send(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT hash FROM blob WHERE sent = 0 AND EXISTS
               (SELECT 1 FROM attachment a WHERE a.content_hash = blob.hash AND a.deleted = 0)
             ORDER BY hash",
        )?;
        let hashes = stmt.query_map([], |r| r.get(0))?;
        Ok(hashes.collect::<rusqlite::Result<_>>()?)
    }

    /// Files that live attachments name but whose bytes are not here, by hash.
    pub fn files_missing(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT content_hash FROM attachment a WHERE a.deleted = 0 AND NOT EXISTS
               (SELECT 1 FROM blob WHERE blob.hash = a.content_hash)
             ORDER BY content_hash",
        )?;
        let hashes = stmt.query_map([], |r| r.get(0))?;
        Ok(hashes.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sotay_core::fixtures;
    use sotay_core::model::{Attachment, DocumentKind};

    fn store_with_document() -> (Store, uuid::Uuid) {
        let mut store = Store::open_in_memory().unwrap();
        let cell = fixtures::cell("Chi bộ 1");
        let meeting = fixtures::meeting(cell.id, "Sinh hoạt tháng 12");
        let mut doc = fixtures::document(cell.id, "Tài liệu họp");
        doc.kind = DocumentKind::MeetingPaper;
        doc.meeting_id = Some(meeting.id);
        let id = doc.id;
        store
            .write(|w| {
                w.insert(&cell)?;
                w.insert(&meeting)?;
                w.insert(&doc)
            })
            .unwrap();
        (store, id)
    }

    fn attachment(document_id: uuid::Uuid, bytes: &[u8]) -> Attachment {
        Attachment {
            id: sotay_core::id::new_id(),
            document_id,
            file_name: "Báo cáo.pdf".into(),
            media_type: "application/pdf".into(),
            size: bytes.len() as i64,
            content_hash: content_hash(bytes),
        }
    }

    #[test]
    fn a_file_attached_here_waits_to_be_sent_and_one_pulled_waits_to_be_fetched() {
        let (mut store, doc) = store_with_document();
        let mine = attachment(doc, b"report");
        store
            .write(|w| {
                w.keep_file(b"report", false)?;
                w.insert(&mine)
            })
            .unwrap();
        assert_eq!(store.files_to_send().unwrap(), [content_hash(b"report")]);
        assert!(store.files_missing().unwrap().is_empty());

        let theirs = attachment(doc, b"slides");
        store.write(|w| w.insert(&theirs)).unwrap();
        assert_eq!(store.files_missing().unwrap(), [content_hash(b"slides")]);
        assert!(matches!(
            store.attachment_file(theirs.id),
            Err(StoreError::FileNotHere)
        ));
        let meeting = store
            .require::<sotay_core::model::Document>(doc)
            .unwrap()
            .meeting_id
            .unwrap();
        let listed: Vec<(uuid::Uuid, bool)> = store
            .meeting_files(meeting)
            .unwrap()
            .iter()
            .map(|f| (f.id, f.here))
            .collect();
        assert_eq!(listed.len(), 2);
        assert!(listed.contains(&(mine.id, true)) && listed.contains(&(theirs.id, false)));

        store
            .write(|w| {
                w.file_sent(&content_hash(b"report"))?;
                w.keep_file(b"slides", true).map(drop)
            })
            .unwrap();
        assert!(store.files_to_send().unwrap().is_empty());
        assert!(store.files_missing().unwrap().is_empty());
        assert_eq!(store.attachment_file(theirs.id).unwrap().1, b"slides");
    }

    #[test]
    fn bytes_no_live_attachment_names_are_not_sent() {
        let (mut store, doc) = store_with_document();
        let a = attachment(doc, b"draft");
        store
            .write(|w| {
                w.keep_file(b"draft", false)?;
                w.insert(&a)
            })
            .unwrap();
        store
            .write(|w| w.delete(sotay_core::EntityKind::Attachment, a.id))
            .unwrap();
        assert!(store.files_to_send().unwrap().is_empty());
        // Kept once sent stays sent: fetching it again does not mark it unsent.
        store
            .write(|w| {
                w.keep_file(b"x", true)?;
                w.keep_file(b"x", false)
            })
            .unwrap();
        let sent: bool = store
            .conn()
            .query_row(
                "SELECT sent FROM blob WHERE hash = ?1",
                [content_hash(b"x")],
                |r| r.get(0),
            )
            .unwrap();
        assert!(sent);
    }
}
