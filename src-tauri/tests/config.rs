//! The shell's configuration says what sotay-app says: the same commands, each allowed to the
//! window and nothing more, under the same CSP the browser tests run with.

#![allow(clippy::unwrap_used)]

use serde_json::Value;

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_build_script_declares_exactly_the_app_commands() {
    let declared: Vec<&str> = sotay_desktop::DECLARED_COMMANDS.split(',').collect();
    let expected: Vec<&str> = sotay_app::commands::COMMANDS
        .iter()
        .chain(sotay_app::LAUNCHER_COMMANDS)
        .copied()
        .collect();
    assert_eq!(declared, expected);
}

#[test]
fn the_window_may_call_the_commands_and_hear_events_and_nothing_else() {
    let capability = json("capabilities/main.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let mut granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    granted.sort();
    let mut expected: Vec<String> = sotay_app::commands::COMMANDS
        .iter()
        .chain(sotay_app::LAUNCHER_COMMANDS)
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .chain([
            "core:event:allow-listen".into(),
            "core:event:allow-unlisten".into(),
        ])
        .collect();
    expected.sort();
    assert_eq!(granted, expected);
}

#[test]
fn the_window_runs_under_the_strict_csp_without_a_global_tauri_object() {
    let conf = json("tauri.conf.json");
    assert_eq!(
        conf["app"]["security"]["csp"].as_str().unwrap(),
        sotay_app::CONTENT_SECURITY_POLICY
    );
    assert_eq!(conf["app"]["withGlobalTauri"], Value::Bool(false));
    let csp = sotay_app::CONTENT_SECURITY_POLICY;
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
}
