//! The push and the pull on the wire, and counted: a push goes gzip-compressed (the server
//! inflates request bodies) and both ask for compressed answers, inflated here rather than by
//! reqwest so the round can say how many bytes went each way — what a member on a slow mobile
//! link pays for, and what the benchmarks compare.

use crate::{SyncError, decode, retry, transport};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::{Read, Write};
use std::time::Duration;

/// A client for the round's requests, with the bytes it has sent and received (bodies as they
/// crossed the network, compressed).
pub(crate) struct Wire {
    client: reqwest::blocking::Client,
    pub sent: u64,
    pub received: u64,
}

impl Wire {
    pub fn new() -> Result<Wire, SyncError> {
        Ok(Wire {
            client: client()?,
            sent: 0,
            received: 0,
        })
    }

    /// POSTs `body` as compressed JSON and reads the JSON answer.
    pub fn post<T: DeserializeOwned>(
        &mut self,
        url: &str,
        token: &str,
        body: &impl Serialize,
    ) -> Result<T, SyncError> {
        let json = serde_json::to_vec(body).map_err(|e| {
            SyncError::BadResponse(format!("the request could not be written: {e}"))
        })?;
        // The fastest level: most of the gain for little of an old laptop's time.
        let mut gz = GzEncoder::new(Vec::with_capacity(json.len() / 4), Compression::fast());
        let gz = gz
            .write_all(&json)
            .and_then(|()| gz.finish())
            .map_err(|e| {
                SyncError::BadResponse(format!("the request could not be compressed: {e}"))
            })?;
        self.sent += gz.len() as u64;
        let resp = self.send(|c| {
            c.post(url)
                .bearer_auth(token)
                .header(CONTENT_TYPE, "application/json")
                .header(CONTENT_ENCODING, "gzip")
                .header(ACCEPT_ENCODING, "gzip")
                .body(gz.clone())
        })?;
        self.read(resp)
    }

    /// GETs `url` and reads the JSON answer.
    pub fn get<T: DeserializeOwned>(&mut self, url: &str, token: &str) -> Result<T, SyncError> {
        let resp = self.send(|c| {
            c.get(url)
                .bearer_auth(token)
                .header(ACCEPT_ENCODING, "gzip")
        })?;
        self.read(resp)
    }

    /// Sends the request, once more on a fresh connection if it failed before an answer; the
    /// fresh client is kept for the rest of the round, its pool clear of the closed connections.
    fn send(
        &mut self,
        build: impl Fn(&reqwest::blocking::Client) -> reqwest::blocking::RequestBuilder,
    ) -> Result<reqwest::blocking::Response, SyncError> {
        let mut fresh = None;
        let resp = retry::send(
            &self.client,
            || {
                let c = client()?;
                fresh = Some(c.clone());
                Ok(c)
            },
            build,
        );
        if let Some(c) = fresh {
            self.client = c;
        }
        resp
    }

    fn read<T: DeserializeOwned>(
        &mut self,
        resp: reqwest::blocking::Response,
    ) -> Result<T, SyncError> {
        let status = resp.status();
        let gzipped = resp
            .headers()
            .get(CONTENT_ENCODING)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"gzip"));
        let raw = resp.bytes().map_err(transport)?;
        self.received += raw.len() as u64;
        if !gzipped {
            return decode(status, &raw);
        }
        let mut body = Vec::with_capacity(raw.len() * 4);
        GzDecoder::new(&raw[..])
            .read_to_end(&mut body)
            .map_err(|e| {
                SyncError::BadResponse(format!("a compressed answer did not inflate: {e}"))
            })?;
        decode(status, &body)
    }
}

fn client() -> Result<reqwest::blocking::Client, SyncError> {
    reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        // Inflated by `Wire::read`, where the compressed length is known.
        .no_gzip()
        .build()
        .map_err(|e| SyncError::Offline(e.to_string()))
}
