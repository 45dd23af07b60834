//! The OpenAPI document against the running server (`sotay serve`, on both backends): every
//! documented operation is routed at its path and method; every documented query parameter is one
//! the handler's query reads, of the type the document gives, and required exactly when the
//! document says; and a device's route answers a request without a token 401, whatever its query
//! — the token is checked first. The document once listed `/v1/report`'s `unit` and `year` as
//! required path parameters (a generated client called the wrong URL), and the route answered a
//! request without a token 400 for its query (issue 26, item 5).

use super::sync::{Server, Whom, set_up, sync};
use crate::util::{Db, Dir};
use reqwest::Method;
use reqwest::blocking::{Client, Response};
use serde_json::Value;
use sotay_store::Store;

/// A documented parameter.
#[derive(Debug)]
struct Param {
    name: String,
    place: String,
    required: bool,
    /// A value that parses, and — for parameters with a type that refuses some text (numbers,
    /// ids) — one that does not.
    sample: &'static str,
    refused: Option<&'static str>,
}

/// A documented operation.
#[derive(Debug)]
struct Operation {
    method: Method,
    path: String,
    params: Vec<Param>,
    /// It names the device token as its security.
    device: bool,
}

fn param(p: &Value) -> Param {
    let schema = &p["schema"];
    // OpenAPI 3.1 writes an optional value's type as `["integer", "null"]`.
    let ty = match &schema["type"] {
        Value::Array(types) => types.iter().find(|t| *t != "null").cloned(),
        other => Some(other.clone()),
    };
    let (sample, refused) = match (
        schema["format"].as_str(),
        ty.as_ref().and_then(Value::as_str),
    ) {
        (Some("uuid"), _) => ("0190c1a0-1b2c-7d3e-8f40-5a6b7c8d9e0f", Some("not-an-id")),
        (_, Some("integer")) => ("1", Some("not-a-number")),
        (_, Some("boolean")) => ("true", Some("not-a-boolean")),
        _ => ("sample", None),
    };
    Param {
        name: p["name"].as_str().unwrap().to_owned(),
        place: p["in"].as_str().unwrap().to_owned(),
        required: p["required"] == true,
        sample,
        refused,
    }
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            let params = op["parameters"]
                .as_array()
                .map(|ps| ps.iter().map(param).collect())
                .unwrap_or_default();
            let device = op["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r.get("device").is_some()));
            all.push(Operation {
                method,
                path: path.clone(),
                params,
                device,
            });
        }
    }
    all
}

/// The server, asked as a generated client would ask it.
struct Api {
    http: Client,
    base: String,
    token: String,
}

impl Api {
    /// `op` with its path parameters filled in and `query` as its query string.
    fn send(&self, op: &Operation, query: &[(&str, &str)], token: bool) -> (u16, Value) {
        let mut path = op.path.clone();
        for p in op.params.iter().filter(|p| p.place == "path") {
            path = path.replace(&format!("{{{}}}", p.name), p.sample);
        }
        // The values are ids, numbers and words: nothing to escape.
        let query: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut request = self.http.request(
            op.method.clone(),
            format!("{}{path}?{}", self.base, query.join("&")),
        );
        if token {
            request = request.bearer_auth(&self.token);
        }
        answer(request.send().unwrap())
    }
}

fn answer(resp: Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    let body = resp.bytes().unwrap();
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// A query of `op`'s query parameters, each with `value(param)` (left out when `None`).
fn query<'a>(
    op: &'a Operation,
    value: impl Fn(&Param) -> Option<&'a str>,
) -> Vec<(&'a str, &'a str)> {
    op.params
        .iter()
        .filter(|p| p.place == "query")
        .filter_map(|p| value(p).map(|v| (p.name.as_str(), v)))
        .collect()
}

fn the_documented_parameters_are_what_the_routes_take(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let store = dir.path("admin.db");
    set_up(&store);
    server.connect(&store, &server.url, Whom::Admin);
    // Records on the server: a long-poll from an early cursor answers at once.
    sync(&store);
    let token = Store::open(&store)
        .unwrap()
        .local("sync_token")
        .unwrap()
        .unwrap();
    let api = Api {
        http: crate::util::http(),
        base: server.url.clone(),
        token,
    };
    let doc: Value = api
        .http
        .get(format!("{}/v1/openapi.json", server.url))
        .send()
        .unwrap()
        .json()
        .unwrap();
    // What the router answers for a route it does not have, and for a method a route does not
    // take: no documented operation may get either.
    let unrouted = [
        answer(
            api.http
                .get(format!("{}/v1/no-such-route", server.url))
                .send()
                .unwrap(),
        ),
        answer(
            api.http
                .delete(format!("{}/v1/health", server.url))
                .send()
                .unwrap(),
        ),
    ];
    let ops = operations(&doc);
    assert!(ops.len() > 10, "{ops:?}");
    assert!(ops.iter().any(|o| o.path == "/v1/report"), "{ops:?}");
    let is_query_refusal =
        |(status, body): &(u16, Value)| *status == 400 && body["kind"] == "bad_request";
    let mut checked = Vec::new();
    for op in &ops {
        let what = format!("{} {}", op.method, op.path);
        let all = query(op, |p| Some(p.sample));
        let routed = api.send(op, &all, op.device);
        assert!(
            !unrouted.contains(&routed),
            "{what} is not routed: {routed:?}"
        );

        if op.device {
            // The token first: a request without one learns nothing of its query's fate.
            let refused = query(op, |p| Some(p.refused.unwrap_or(p.sample)));
            let (status, body) = api.send(op, &refused, false);
            assert_eq!(
                (status, body["kind"].as_str()),
                (401, Some("unauthorized")),
                "{what} without a token, query {refused:?}: {body}"
            );
        }

        // With what the document asks for, the request is not refused for its query (a body,
        // which these requests do not carry, is another matter).
        if op.method != Method::POST && op.method != Method::PUT {
            assert!(!is_query_refusal(&routed), "{what} {all:?}: {routed:?}");
        }
        // Every documented query parameter is read by the handler's query: each required one
        // left out, it is refused, and an optional one may be; a value of the wrong type is
        // refused (a name the handler does not read would be ignored).
        for p in op.params.iter().filter(|p| p.place == "query") {
            checked.push(format!("{} {}", op.path, p.name));
            let without = query(op, |q| (q.name != p.name).then_some(q.sample));
            let answered = api.send(op, &without, op.device);
            assert_eq!(
                is_query_refusal(&answered),
                p.required,
                "{what} without {} (documented required: {}): {answered:?}",
                p.name,
                p.required
            );
            if let Some(bad) = p.refused {
                let wrong = query(op, |q| Some(if q.name == p.name { bad } else { q.sample }));
                let answered = api.send(op, &wrong, op.device);
                assert!(
                    is_query_refusal(&answered),
                    "{what} {wrong:?}: {answered:?}"
                );
            }
        }
    }
    for param in [
        "/v1/report unit",
        "/v1/report year",
        "/v1/pull cursor",
        "/v1/audit unit",
    ] {
        assert!(
            checked.iter().any(|c| c == param),
            "{param} not checked: {checked:?}"
        );
    }
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    the_documented_parameters_are_what_the_routes_take
);
