//! Attachments' bytes: `PUT` and `GET /v1/files/<sha256>`.
//!
//! Files are kept once per content hash, whoever sends them. Who may read a file is not stored
//! with it: it is worked out at each request from the attachment records that name the hash — a
//! device may send or fetch the bytes when it may read one of them. Sending is allowed to any such
//! reader because the bytes must hash to their name, so nobody can put other bytes under it; the
//! attachment record itself went through the rules table when it was pushed.

use crate::registry::Device;
use crate::storage::{FileTx, Result, ServerError};
use sotay_core::EntityKind;
use sotay_core::model::{MAX_ATTACHMENT_BYTES, content_hash, is_content_hash};

fn check_name(hash: &str) -> Result<()> {
    if is_content_hash(hash) {
        Ok(())
    } else {
        Err(ServerError::Protocol(
            "a file is named by the SHA-256 of its bytes, in lower-case hex".into(),
        ))
    }
}

/// Whether `device` may read an attachment that names the file `hash`.
fn readable(tx: &mut dyn FileTx, device: &Device, hash: &str) -> Result<bool> {
    Ok(tx
        .attachments_of_file(hash)?
        .iter()
        .any(|r| device.principal.may_read(EntityKind::Attachment, r.scope)))
}

/// Keeps the bytes of a file an attachment the device may read names.
pub(crate) fn put(
    tx: &mut dyn FileTx,
    device: &Device,
    hash: &str,
    bytes: &[u8],
    now: i64,
) -> Result<()> {
    check_name(hash)?;
    if i64::try_from(bytes.len()).map_or(true, |n| n > MAX_ATTACHMENT_BYTES) {
        return Err(ServerError::Protocol(format!(
            "a file may be at most {MAX_ATTACHMENT_BYTES} bytes"
        )));
    }
    if content_hash(bytes) != hash {
        return Err(ServerError::Protocol(
            "the file's bytes do not match its SHA-256; it was damaged on the way, send it again"
                .into(),
        ));
    }
    if !readable(tx, device, hash)? {
        return Err(ServerError::Forbidden);
    }
    tx.put_file(hash, bytes, now)
}

/// The bytes of a file an attachment the device may read names; `None` while nobody has sent
/// them yet.
pub(crate) fn get(tx: &mut dyn FileTx, device: &Device, hash: &str) -> Result<Option<Vec<u8>>> {
    check_name(hash)?;
    if !readable(tx, device, hash)? {
        return Err(ServerError::Forbidden);
    }
    tx.file(hash)
}
