//! Sync on the wire: pushes kept under the server's body limit however long the texts they
//! carry, and pulled pages in zstd for this client, in gzip for a client that asks only for gzip
//! (an older build, a tool), plain for one that asks for neither — the same records every way.

use super::sync::{Server, Whom, edit, set_up, sync};
use crate::util::{Db, Dir};
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING};
use serde_json::Value;
use sotay_core::fixtures::document;
use sotay_core::model::{Document, LONG_TEXT_MAX};
use std::io::Read;

#[test]
fn pulled_pages_come_compressed_as_each_client_asks() {
    let dir = Dir::new();
    let server = Server::start(&Db::Sqlite(dir.path("server")));
    let store = dir.store();
    set_up(&store);
    server.connect(&store, &server.url, Whom::Admin);
    assert_eq!(sync(&store)["report"]["pushed"], 6);
    let token: String = rusqlite::Connection::open(&store)
        .unwrap()
        .query_row("SELECT value FROM meta WHERE key = 'sync_token'", [], |r| {
            r.get(0)
        })
        .unwrap();

    let http = crate::util::http_builder().no_gzip().build().unwrap();
    let page = |accept: Option<&str>| {
        let mut req = http
            .get(format!("{}/v1/pull?cursor=0&limit=100", server.url))
            .bearer_auth(&token);
        if let Some(accept) = accept {
            req = req.header(ACCEPT_ENCODING, accept);
        }
        let resp = req.send().unwrap();
        assert_eq!(resp.status().as_u16(), 200);
        let encoding = resp
            .headers()
            .get(CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap().to_owned());
        (encoding, resp.bytes().unwrap().to_vec())
    };

    let (encoding, plain) = page(None);
    assert_eq!(encoding, None);
    let records: Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(records["records"].as_array().unwrap().len(), 6);

    // What this build's sync client asks for.
    let (encoding, body) = page(Some("zstd, gzip"));
    assert_eq!(encoding.as_deref(), Some("zstd"));
    let inflated = zstd::stream::decode_all(&body[..]).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&inflated).unwrap(), records);
    assert!(body.len() < plain.len(), "{} ≥ {}", body.len(), plain.len());

    let (encoding, body) = page(Some("gzip"));
    assert_eq!(encoding.as_deref(), Some("gzip"));
    let mut inflated = Vec::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_end(&mut inflated)
        .unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&inflated).unwrap(), records);
}

#[test]
fn long_documents_pushed_at_once_go_in_pushes_the_server_takes() {
    // Sixty documents with bodies as long as a body may be: ~20 MB of changes, more than one
    // request may carry. They go in several pushes, and all of them arrive.
    let dir = Dir::new();
    let server = Server::start(&Db::Sqlite(dir.path("server")));
    let store = dir.store();
    let cell = set_up(&store);
    let body: String = "Đảng ủy chỉ đạo thực hiện nghị quyết. "
        .chars()
        .cycle()
        .take(LONG_TEXT_MAX)
        .collect();
    let docs: Vec<Document> = (0..60)
        .map(|n| Document {
            body: body.clone(),
            ..document(cell.unit, &format!("Văn bản số {n}"))
        })
        .collect();
    edit(&store, |w| {
        docs.iter().try_for_each(|d| w.insert(d).map(|_| ()))
    });
    server.connect(&store, &server.url, Whom::Admin);
    let first = sync(&store);
    assert_eq!(first["report"]["pushed"], 66, "{first}");
    assert_eq!(first["status"]["pending_changes"], 0, "{first}");
    assert!(
        first["report"]["push_bytes"].as_u64().unwrap() > 0,
        "{first}"
    );

    let other = dir.path("other.db");
    server.connect(&other, &server.url, Whom::Admin);
    assert_eq!(sync(&other)["report"]["pulled"], 66);
    let pulled = sotay_store::Store::open(&other).unwrap();
    for d in &docs {
        assert_eq!(pulled.require::<Document>(d.id).unwrap().body, body);
    }
}
