//! Attachments' bytes, after the records: files attached on this device are sent once their
//! records are pushed, and files named by pulled attachments are fetched, so a member reads the
//! meeting's papers offline. Bytes are checked against their hash before they are kept.

use super::{SyncError, answer, http, retry, transport};
use reqwest::StatusCode;
use reqwest::blocking::Client;
use sotay_core::model::content_hash;
use sotay_store::Store;
use std::time::Duration;

/// A file is up to 25 MiB: on a slow village link that takes longer than a push.
const FILE_TIMEOUT: Duration = Duration::from_secs(600);

/// Sends the files this device attached that the server does not have; returns how many went.
/// A file the server refuses (its attachment was refused, or removed meanwhile) waits: it is sent
/// if an attachment that names it reaches the server, and never otherwise.
pub(crate) fn send(
    store: &mut Store,
    client: &Client,
    server: &str,
    token: &str,
) -> Result<usize, SyncError> {
    let mut sent = 0;
    for hash in store.files_to_send()? {
        let Some(bytes) = store.file(&hash)? else {
            continue;
        };
        let url = format!("{server}/v1/files/{hash}");
        let resp = retry::send(client, http, |c| {
            c.put(&url)
                .bearer_auth(token)
                .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
                .timeout(FILE_TIMEOUT)
                .body(bytes.clone())
        })?;
        if resp.status() == StatusCode::FORBIDDEN {
            continue;
        }
        if !resp.status().is_success() {
            answer::<serde_json::Value>(resp)?;
            continue;
        }
        store.write(|w| w.file_sent(&hash))?;
        sent += 1;
    }
    Ok(sent)
}

/// Fetches the files that attachments here name and whose bytes are not here; returns how many
/// came. One not on the server yet (its sender has not synced since) is tried again next time.
pub(crate) fn fetch(
    store: &mut Store,
    client: &Client,
    server: &str,
    token: &str,
) -> Result<usize, SyncError> {
    let mut fetched = 0;
    for hash in store.files_missing()? {
        let url = format!("{server}/v1/files/{hash}");
        let resp = retry::send(client, http, |c| {
            c.get(&url).bearer_auth(token).timeout(FILE_TIMEOUT)
        })?;
        if matches!(resp.status(), StatusCode::NOT_FOUND | StatusCode::FORBIDDEN) {
            continue;
        }
        if !resp.status().is_success() {
            answer::<serde_json::Value>(resp)?;
            continue;
        }
        let bytes = resp.bytes().map_err(transport)?;
        if content_hash(&bytes) != hash {
            // Damaged on the way: not kept, fetched again next time.
            continue;
        }
        store.write(|w| w.keep_file(&bytes, true).map(drop))?;
        fetched += 1;
    }
    Ok(fetched)
}
