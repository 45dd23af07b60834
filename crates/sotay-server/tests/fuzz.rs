//! Hostile input, fuzzed on stable Rust with proptest and bounded for CI (`FUZZ_CASES`, 256 by
//! default; the count is printed): the protocol's decoder — arbitrary bytes and arbitrary JSON
//! posted to `/v1/push` and the other JSON endpoints through the real router, with a device token
//! — and the push engine — arbitrary mutations of every kind, field, op and value. Nothing may
//! panic, and nothing may answer 5xx: a refusal is a 4xx `{kind, message}`, or a mutation's own
//! rejection. (`scripts/schema-fuzz.sh` does the same from the OpenAPI document.)

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failing test with a message

use axum::body::Body;
use axum::http::{Request, StatusCode};
use proptest::prelude::*;
use serde_json::{Value, json};
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc};
use sotay_server::sqlite::SqliteBackend;
use sotay_server::{Engine, Grant};
use sotay_sync_protocol::{Mutation, Op, PushRequest, RegisterRequest, VERSION};
use std::sync::OnceLock;
use tower::ServiceExt;
use uuid::Uuid;

fn cases() -> u32 {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    static SAID: OnceLock<()> = OnceLock::new();
    SAID.get_or_init(|| println!("fuzz: {cases} cases a target (FUZZ_CASES)"));
    cases
}

/// An engine with an administrator's device (who may write everything: the rules are not what
/// is fuzzed here, the decoding and the writing are), and its token.
fn engine() -> (Engine<SqliteBackend>, String) {
    let engine = Engine::new(SqliteBackend::open_in_memory().unwrap()).unwrap();
    let code = engine.create_invite(Grant::Admin).unwrap();
    let token = engine
        .register(&RegisterRequest {
            invite: code,
            client_id: ClientId::new(),
            device_name: None,
            member_id: None,
        })
        .unwrap()
        .token;
    (engine, token)
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,40}".prop_map(Value::String),
        Just(json!("2026-12-05")),
        Just(json!("2026-02-30")),
        Just(json!("01936a3e-0000-7000-8000-000000000001")),
        Just(json!("x".repeat(70_000))),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A field name: one of the kind's, or anything.
fn field_name(kind: EntityKind) -> impl Strategy<Value = String> {
    let names: Vec<String> = kind.fields().iter().map(|f| f.name.to_owned()).collect();
    prop_oneof![
        4 => prop::sample::select(names),
        1 => ".{0,16}",
    ]
}

fn kind() -> impl Strategy<Value = EntityKind> {
    prop::sample::select(EntityKind::ALL.to_vec())
}

/// A mutation of a known kind (or, now and then, an unknown one) with the kind's fields or
/// others, any values, any op, any clock.
fn mutation() -> impl Strategy<Value = Mutation> {
    (kind(), any::<bool>()).prop_flat_map(|(kind, unknown_kind)| {
        (
            any::<u128>(),
            prop_oneof![Just(Op::Insert), Just(Op::Update), Just(Op::Delete)],
            prop::collection::btree_map(field_name(kind), any_json(), 0..8),
            prop::option::of(prop::collection::btree_map(
                field_name(kind),
                any_json(),
                0..3,
            )),
            any::<u64>(),
        )
            .prop_map(move |(id, op, fields, base, hlc)| Mutation {
                id: 0,
                entity: if unknown_kind {
                    format!("{}x", kind.as_str())
                } else {
                    kind.as_str().to_owned()
                },
                entity_id: Uuid::from_u128(id),
                op,
                fields: fields.into_iter().collect::<FieldMap>(),
                base: base.map(|b| b.into_iter().collect()),
                hlc: Hlc(hlc),
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// The push engine takes any batch of mutations: each is applied, merged or rejected, and
    /// the push as a whole either answers or fails with a typed error that is not the
    /// database's.
    #[test]
    fn the_push_engine_answers_any_mutations(batch in prop::collection::vec(mutation(), 1..12)) {
        let (engine, token) = engine();
        let device = engine.authenticate(&token).unwrap();
        let mutations: Vec<Mutation> = batch
            .into_iter()
            .enumerate()
            .map(|(i, m)| Mutation { id: i64::try_from(i).unwrap() + 1, ..m })
            .collect();
        let request = PushRequest { version: VERSION, client_id: device.client_id, mutations };
        match engine.push(&device, &request) {
            Ok(answer) => prop_assert_eq!(answer.results.len(), request.mutations.len()),
            Err(e) => {
                let kind = e.kind();
                prop_assert!(
                    !matches!(kind, sotay_core::ErrorKind::Database | sotay_core::ErrorKind::Corrupt),
                    "a server failure: {e}"
                );
            }
        }
    }

    /// Whatever query reaches the endpoints that read one — the long-poll asked not to wait —
    /// the answer is not a 5xx.
    #[test]
    fn the_query_decoder_answers_any_query_with_a_4xx_at_worst(
        path in prop::sample::select(vec!["/v1/pull", "/v1/live", "/v1/audit", "/v1/report", "/v1/devices", "/v1/admin/members"]),
        pairs in prop::collection::vec((
            prop::sample::select(vec!["cursor", "limit", "unit", "year", "member", "since", "until", "wait", "x"]),
            prop_oneof![".{0,24}", any::<i64>().prop_map(|n| n.to_string()), Just("2026-02-30".to_owned())],
        ), 0..5),
        authorised in any::<bool>(),
    ) {
        let (engine, token) = engine();
        let router = sotay_server::http::router(engine);
        let query: String = pairs
            .iter()
            .filter(|(k, _)| *k != "wait")
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .chain(std::iter::once("wait=0".to_owned()))
            .collect::<Vec<_>>()
            .join("&");
        let mut request = Request::get(format!("{path}?{query}"));
        if authorised {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        // Paused time: the long-poll's shortest wait (a second) passes at once.
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build().unwrap();
        let status = runtime.block_on(async {
            router.oneshot(request.body(Body::empty()).unwrap()).await.unwrap().status()
        });
        prop_assert!(!status.is_server_error(), "{path}?{query} answered {status}");
    }

    /// Whatever bytes reach the JSON endpoints, the answer is not a 5xx, and a refusal says
    /// `{kind, message}`.
    #[test]
    fn the_decoder_answers_any_body_with_a_4xx_at_worst(
        path in prop::sample::select(vec![
            "/v1/push", "/v1/devices", "/v1/invites", "/v1/sign-in", "/v1/password",
            "/v1/admin/units", "/v1/admin/members", "/v1/admin/roster",
        ]),
        body in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..512),
            any_json().prop_map(|v| v.to_string().into_bytes()),
            prop::collection::vec(mutation(), 0..4).prop_map(|m| {
                json!({"version": VERSION, "client_id": Uuid::nil(), "mutations": m}).to_string().into_bytes()
            }),
        ],
        authorised in any::<bool>(),
    ) {
        let (engine, token) = engine();
        let router = sotay_server::http::router(engine);
        let mut request = Request::post(path).header("content-type", "application/json");
        if authorised {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (status, said) = runtime.block_on(async {
            let response = router.oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            (status, bytes)
        });
        prop_assert!(!status.is_server_error(), "{path} answered {status}: {}", String::from_utf8_lossy(&said));
        if status.is_client_error() && status != StatusCode::NOT_FOUND {
            let error: Value = serde_json::from_slice(&said).unwrap();
            prop_assert!(error["kind"].is_string() && error["message"].is_string(), "{error}");
        }
    }
}

/// `text` as a query value: every byte outside the unreserved set percent-encoded.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
