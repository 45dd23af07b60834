//! The committed TypeScript bindings are what the Rust types say.

use std::path::PathBuf;

#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let generated = sotay_app::bindings::typescript();
    if std::env::var_os("SOTAY_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/bindings.ts is stale: run `SOTAY_BLESS=1 cargo test -p sotay-app --test bindings`"
    );
}

#[test]
fn every_command_has_a_typescript_wrapper() {
    let ts = sotay_app::bindings::typescript();
    for name in sotay_app::commands::COMMANDS {
        assert!(
            ts.contains(&format!("export const {name} = (args: ")),
            "{name} has no wrapper"
        );
    }
}
