//! The development bridge answers only its own loopback address: a request whose `Host` or
//! `Origin` names another host — a web page elsewhere posting to it, a DNS name rebound to
//! 127.0.0.1 — is refused as `forbidden`, and the page's own requests still go.

use super::ui_bridge::Bridge;
use crate::util::{Dir, demo_cell};

#[test]
fn the_bridge_refuses_requests_not_addressed_to_its_own_loopback_address() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let ui = dir.path("ui");
    std::fs::create_dir_all(&ui).unwrap();
    let bridge = Bridge::start(&store, &ui);
    let own = bridge.url().to_owned();
    let port = own.rsplit(':').next().unwrap().to_owned();

    let (status, _) = bridge.post_with("app_status", &[("Origin", own.as_str())]);
    assert_eq!(status, 200, "its own page");
    let (status, _) = bridge.post_with("app_status", &[]);
    assert_eq!(status, 200, "a tool without an Origin");

    let rebound = format!("evil.example:{port}");
    let elsewhere = format!("http://evil.example:{port}");
    for headers in [
        vec![("Host", rebound.as_str())],
        vec![("Origin", elsewhere.as_str())],
        vec![("Origin", "null")],
        vec![("Host", "127.0.0.1:1")],
    ] {
        let (status, body) = bridge.post_with("app_status", &headers);
        assert_eq!(
            (status, body["kind"].as_str()),
            (403, Some("forbidden")),
            "{headers:?}: {body}"
        );
    }
    bridge.stop();
}
