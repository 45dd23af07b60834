//! The push and the pull on the wire, and counted: a push goes gzip-compressed (the server
//! inflates request bodies) and both ask for compressed answers, inflated here rather than by
//! reqwest so the round can say how many bytes went each way — what a member on a slow mobile
//! link pays for, and what the benchmarks compare.
//!
//! Answers are asked for in zstd, or else gzip (a server from before zstd): at its fastest level
//! zstd makes pulled pages smaller than gzip's default does, for a tenth of the server's time.

use crate::{SyncError, decode, retry, transport};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::{Read, Write};

/// The encodings asked for, best first.
const ACCEPTED: &str = "zstd, gzip";

/// A client for the round's requests, with the bytes it has received (bodies as they crossed the
/// network, compressed; what is sent is counted where it is encoded).
pub(crate) struct Wire {
    client: reqwest::blocking::Client,
    pub received: u64,
}

impl Wire {
    pub fn new() -> Result<Wire, SyncError> {
        Ok(Wire {
            client: client()?,
            received: 0,
        })
    }

    /// POSTs a body [`encode`] made (compressed JSON) and reads the JSON answer.
    pub fn post<T: DeserializeOwned>(
        &mut self,
        url: &str,
        token: &str,
        body: &[u8],
    ) -> Result<T, SyncError> {
        let resp = self.send(|c| {
            c.post(url)
                .bearer_auth(token)
                .header(CONTENT_TYPE, "application/json")
                .header(CONTENT_ENCODING, "gzip")
                .header(ACCEPT_ENCODING, ACCEPTED)
                .body(body.to_vec())
        })?;
        self.read(resp)
    }

    /// GETs `url` and reads the JSON answer.
    pub fn get<T: DeserializeOwned>(&mut self, url: &str, token: &str) -> Result<T, SyncError> {
        let resp = self.send(|c| {
            c.get(url)
                .bearer_auth(token)
                .header(ACCEPT_ENCODING, ACCEPTED)
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
        let encoding = resp
            .headers()
            .get(CONTENT_ENCODING)
            .map(|v| v.as_bytes().to_ascii_lowercase());
        let raw = resp.bytes().map_err(transport)?;
        self.received += raw.len() as u64;
        let inflated = match encoding.as_deref() {
            None | Some(b"identity") => return decode(status, &raw),
            Some(b"zstd") => zstd::stream::decode_all(&raw[..]),
            Some(b"gzip") => {
                let mut body = Vec::with_capacity(raw.len() * 4);
                GzDecoder::new(&raw[..])
                    .read_to_end(&mut body)
                    .map(|_| body)
            }
            Some(other) => {
                return Err(SyncError::BadResponse(format!(
                    "the answer came in an encoding not asked for: {}",
                    String::from_utf8_lossy(other)
                )));
            }
        };
        let body = inflated.map_err(|e| {
            SyncError::BadResponse(format!("a compressed answer did not inflate: {e}"))
        })?;
        decode(status, &body)
    }
}

/// `body` as the JSON a POST sends, gzip-compressed.
pub fn encode(body: &impl Serialize) -> Result<Vec<u8>, SyncError> {
    let json = serde_json::to_vec(body)
        .map_err(|e| SyncError::BadResponse(format!("the request could not be written: {e}")))?;
    // The fastest level: most of the gain for little of an old laptop's time.
    let mut gz = GzEncoder::new(Vec::with_capacity(json.len() / 4), Compression::fast());
    gz.write_all(&json)
        .and_then(|()| gz.finish())
        .map_err(|e| SyncError::BadResponse(format!("the request could not be compressed: {e}")))
}

fn client() -> Result<reqwest::blocking::Client, SyncError> {
    super::tls::builder()?
        // Inflated by `Wire::read`, where the compressed length is known.
        .no_gzip()
        .build()
        .map_err(|e| SyncError::Offline(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// A server that answers one request with `body` in `encoding`, and hands back the request's
    /// head.
    fn answering(
        encoding: &'static str,
        body: Vec<u8>,
    ) -> (String, std::thread::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let n = conn.read(&mut buf).unwrap();
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: {encoding}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            conn.write_all(head.as_bytes()).unwrap();
            conn.write_all(&body).unwrap();
            String::from_utf8_lossy(&buf[..n]).into_owned()
        });
        (url, served)
    }

    const ANSWER: &[u8] = r#"{"ok":true,"text":"Nghị quyết chi bộ"}"#.as_bytes();

    fn get(url: &str) -> Result<serde_json::Value, SyncError> {
        Wire::new().unwrap().get(url, "sotay_token")
    }

    #[test]
    fn answers_in_zstd_are_asked_for_and_read() {
        let (url, served) = answering("zstd", zstd::stream::encode_all(ANSWER, 1).unwrap());
        assert_eq!(get(&url).unwrap()["text"], "Nghị quyết chi bộ");
        let head = served.join().unwrap().to_ascii_lowercase();
        assert!(head.contains("accept-encoding: zstd, gzip"), "{head}");
    }

    #[test]
    fn a_server_that_knows_only_gzip_is_still_understood() {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(ANSWER).unwrap();
        let (url, _served) = answering("gzip", gz.finish().unwrap());
        assert_eq!(get(&url).unwrap()["text"], "Nghị quyết chi bộ");
    }

    #[test]
    fn an_answer_in_an_encoding_not_asked_for_is_a_bad_response() {
        let (url, _served) = answering("br", ANSWER.to_vec());
        match get(&url) {
            Err(SyncError::BadResponse(m)) => assert!(m.contains("br"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}
