//! What an operator watches on a running `sotay serve`: `/v1/ready`, and `/metrics` counting the
//! requests, pushes, pulls and refused sign-ins — answered to the server's own computer, never to
//! a request a reverse proxy forwarded.

use super::sync::{Server, Whom, set_up};
use crate::util::{Db, Dir, http, sotay};
use serde_json::{Value, json};

/// One metric's value in Prometheus's text.
fn metric(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("sotay_{name} ")))
        .unwrap_or_else(|| panic!("no sotay_{name} in:\n{text}"))
        .parse()
        .unwrap()
}

#[test]
fn ready_and_metrics_say_what_the_server_did_to_the_operator_only() {
    let dir = Dir::new();
    let server = Server::start(&Db::Sqlite(dir.path("server")));
    let client = http();
    let ready: Value = client
        .get(format!("{}/v1/ready", server.url))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(ready["status"], "ready");

    let store = dir.store();
    set_up(&store);
    server.connect(&store, &server.url, Whom::Admin);
    sotay(&store, &["sync", "--json"]).json();
    let refused = client
        .post(format!("{}/v1/sign-in", server.url))
        .json(&json!({
            "login": "0912345678",
            "password": "không đúng mật khẩu",
            "client_id": "01936a3e-0000-7000-8000-000000000001",
        }))
        .send()
        .unwrap();
    assert_eq!(refused.status(), 401);

    let scraped = client
        .get(format!("{}/metrics", server.url))
        .send()
        .unwrap();
    assert_eq!(scraped.status(), 200);
    assert!(
        scraped.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = scraped.text().unwrap();
    assert!(metric(&text, "pushes_total") >= 1, "{text}");
    assert!(metric(&text, "pulls_total") >= 1, "{text}");
    assert_eq!(metric(&text, "sign_in_failures_total"), 1, "{text}");
    assert!(metric(&text, "client_errors_total") >= 1, "{text}");
    assert_eq!(metric(&text, "server_errors_total"), 0, "{text}");
    assert!(metric(&text, "requests_total") >= 5, "{text}");
    assert_eq!(metric(&text, "waiting_devices"), 0, "{text}");

    // Forwarded by a proxy, the request is not the server's own: refused, in the API's shape.
    let forwarded = client
        .get(format!("{}/metrics", server.url))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .unwrap();
    assert_eq!(forwarded.status(), 403);
    let said: Value = forwarded.json().unwrap();
    assert_eq!(said["kind"], "forbidden");
}

#[test]
fn a_flood_from_one_device_is_answered_429_with_when_to_come_back() {
    let dir = Dir::new();
    let server = Server::start(&Db::Sqlite(dir.path("server")));
    let client = http();
    let flood = |token: &str| {
        (0..1_000)
            .map(|_| {
                client
                    .get(format!("{}/v1/health", server.url))
                    .bearer_auth(token)
                    .send()
                    .unwrap()
            })
            .find(|r| r.status() == 429)
    };
    // 200 at once and 50 a second: a thousand in a row from one token meet the limit.
    let refused = flood("sotay_flooding-device").expect("the limit was never met");
    assert!(
        refused.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    let said: Value = refused.json().unwrap();
    assert_eq!(said["kind"], "rate_limited");
    // Another device is not slowed by it.
    let other = client
        .get(format!("{}/v1/health", server.url))
        .bearer_auth("sotay_another-device")
        .send()
        .unwrap();
    assert_eq!(other.status(), 200);
}
