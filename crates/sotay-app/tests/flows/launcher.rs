//! The desktop's start on a computer without a keyring: a new store waits for a passphrase to be
//! chosen (too short is refused) and is encrypted from its first write; an encrypted store waits
//! for its passphrase (a wrong one changes nothing); every command before that answers why.

use super::now;
use sotay_app::store_key::NoKeyring;
use sotay_app::views::*;
use sotay_app::{ErrorKind, Launcher, UnlockArgs};
use std::sync::Arc;

fn launcher(path: &std::path::Path, demo: bool) -> Launcher {
    Launcher::desktop_at(path, Arc::new(|_| {}), Arc::new(now), &NoKeyring, demo)
}

fn unlock(l: &Launcher, passphrase: &str) -> Result<AppStatus, ErrorKind> {
    l.unlock_store(UnlockArgs {
        passphrase: passphrase.into(),
    })
    .map_err(|e| e.kind)
}

#[test]
fn without_a_keyring_the_store_is_protected_by_a_passphrase_asked_for_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sotay.db");

    // A new store: a passphrase is to be chosen; nothing exists until then.
    let first = launcher(&path, false);
    assert_eq!(first.app().unwrap_err().kind, ErrorKind::PassphraseNeeded);
    assert_eq!(unlock(&first, "ngắn"), Err(ErrorKind::WeakPassphrase));
    assert!(!path.exists());
    let status = unlock(&first, "Chi bộ thôn Đông 2026").unwrap();
    assert_eq!(status.mode, Mode::Fresh);
    first.app().unwrap().start_demo(NoArgs {}).unwrap();
    drop(first);
    let file = std::fs::read(&path).unwrap();
    assert!(
        !file.starts_with(b"SQLite format 3"),
        "encrypted from the first write"
    );

    // The next start: the store waits for its passphrase.
    let next = launcher(&path, false);
    assert_eq!(next.app().unwrap_err().kind, ErrorKind::StoreLocked);
    assert_eq!(unlock(&next, "mật khẩu khác hẳn"), Err(ErrorKind::WrongKey));
    assert_eq!(next.app().unwrap_err().kind, ErrorKind::StoreLocked);
    assert_eq!(
        unlock(&next, "Chi bộ thôn Đông 2026").unwrap().mode,
        Mode::Demo
    );
    // What was written before is all there.
    assert!(
        next.app()
            .unwrap()
            .home(NoArgs {})
            .unwrap()
            .next_meeting
            .is_some()
    );

    // The README's demo on a new store needs no passphrase: it opens plain.
    let demo_path = dir.path().join("demo.db");
    let demo = launcher(&demo_path, true);
    assert_eq!(
        demo.app().unwrap().app_status(NoArgs {}).unwrap().mode,
        Mode::Fresh
    );
}
