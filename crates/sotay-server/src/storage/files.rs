//! The files' role: attachments' bytes, once per content hash.

use super::{Result, StoredRecord};

/// Attachments' bytes, and the attachment records that say who may read them.
pub trait FileTx {
    /// The live attachment records that name the file `hash` (their `content_hash`).
    fn attachments_of_file(&mut self, hash: &str) -> Result<Vec<StoredRecord>>;
    /// Keeps a file's bytes under their hash; bytes already kept are left as they are.
    fn put_file(&mut self, hash: &str, bytes: &[u8], now: i64) -> Result<()>;
    /// A file's bytes, if the server has them.
    fn file(&mut self, hash: &str) -> Result<Option<Vec<u8>>>;
}
