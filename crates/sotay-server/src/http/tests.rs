//! The OpenAPI document: what it says of the routes is what they take.

use super::ApiDoc;
use std::collections::BTreeSet;
use utoipa::OpenApi;

/// The `{name}`s of a route's template.
fn template_names(path: &str) -> BTreeSet<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Each documented parameter is where its route takes it: a path parameter is a `{name}` of
/// the route, every `{name}` is a documented path parameter (required, as a path's are), and
/// nothing else is in the path. `/v1/report` once documented its query's `unit` and `year` as
/// required path parameters, and a generated client called `/v1/report` with neither.
#[test]
fn every_documented_parameter_is_where_its_route_takes_it() {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() > 10, "{:?}", paths.keys());
    let methods = [
        "get", "put", "post", "delete", "patch", "head", "options", "trace",
    ];
    for (path, item) in paths {
        let in_route = template_names(path);
        let operations = item.as_object().unwrap();
        assert!(
            operations.keys().any(|k| methods.contains(&k.as_str())),
            "{path}: no operation"
        );
        for (method, op) in operations {
            if !methods.contains(&method.as_str()) {
                continue;
            }
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let mut documented = BTreeSet::new();
            let mut names = BTreeSet::new();
            for p in &params {
                let (name, place) = (p["name"].as_str().unwrap(), p["in"].as_str().unwrap());
                assert!(names.insert(name), "{method} {path}: {name} twice");
                match place {
                    "path" => {
                        assert_eq!(p["required"], true, "{method} {path}: {name}");
                        documented.insert(name);
                    }
                    "query" | "header" => {}
                    other => panic!("{method} {path}: {name} in {other}"),
                }
            }
            assert_eq!(
                documented, in_route,
                "{method} {path}: the documented path parameters are not the route's"
            );
        }
    }
}

/// What the figures' query says of itself: both in the query string, the year optional.
#[test]
fn the_report_s_unit_and_year_are_a_query_with_an_optional_year() {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let params = doc["paths"]["/v1/report"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["in"].as_str().unwrap().to_owned(),
                p["required"] == true,
            )
        })
        .collect::<Vec<_>>();
    let expected = [("unit", "query", true), ("year", "query", false)]
        .map(|(n, i, r)| (n.to_owned(), i.to_owned(), r));
    assert_eq!(params, expected);
}

/// Registration and live messages are protocol types, and the document says so.
#[test]
fn the_openapi_document_holds_the_registration_and_live_types() {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let schemas = &doc["components"]["schemas"];
    for (schema, field) in [
        ("RegisterRequest", "invite"),
        ("RegisterRequest", "client_id"),
        ("RegisterResponse", "token"),
        ("LiveResponse", "changed"),
        ("LiveResponse", "latest"),
    ] {
        assert!(
            schemas[schema]["properties"][field].is_object(),
            "{schema}.{field}"
        );
    }
    let params = |path: &str| -> Vec<String> {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                format!(
                    "{}:{}",
                    p["name"].as_str().unwrap(),
                    p["in"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(params("/v1/pull"), ["cursor:query", "limit:query"]);
    assert_eq!(params("/v1/live"), ["cursor:query", "wait:query"]);
}

/// The administrator's console, and a member's devices: every path listed, each operation
/// behind the device token and answering 403 to a device that may not.
#[test]
fn every_console_path_is_documented_with_its_security() {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let console: BTreeSet<&str> = paths
        .keys()
        .map(String::as_str)
        .filter(|p| p.starts_with("/v1/admin/") || p.starts_with("/v1/devices/"))
        .collect();
    let expected = BTreeSet::from([
        "/v1/devices/{client_id}",
        "/v1/admin/units",
        "/v1/admin/units/{id}/rename",
        "/v1/admin/units/{id}/move",
        "/v1/admin/units/{id}/close",
        "/v1/admin/members",
        "/v1/admin/members/{id}/edit",
        "/v1/admin/members/{id}/move",
        "/v1/admin/members/{id}/office",
        "/v1/admin/roster",
        "/v1/admin/security",
    ]);
    assert_eq!(console, expected);
    let devices = paths["/v1/devices"].as_object().unwrap();
    assert!(devices["get"]["security"][0]["device"].is_array());
    assert!(
        devices["post"]["security"].is_null(),
        "joining needs no token"
    );
    for path in console {
        for (method, op) in paths[path].as_object().unwrap() {
            assert!(
                op["security"][0]["device"].is_array(),
                "{method} {path}: no device token"
            );
            for status in ["401", "403"] {
                assert!(
                    op["responses"][status].is_object(),
                    "{method} {path}: no {status}"
                );
            }
        }
    }
}
