//! Refusals are never silent: a change the server does not accept is undone on the device that
//! made it and kept as a notice the member can read (`sotay rejections`, the Sync screen).

use super::sync::{Server, Whom, set_up, sync};
use crate::util::{Db, Dir, sotay};
use sotay_core::EntityKind;
use sotay_core::model::Meeting;
use sotay_store::Store;

fn a_change_to_a_meeting_deleted_elsewhere_is_undone_and_listed(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    let cell = set_up(&a);
    for store in [&a, &b] {
        server.connect(store, &server.url, Whom::Admin);
    }
    sync(&a);
    sync(&b);

    // B deletes the meeting; A, not yet knowing, renames it.
    Store::open(&b)
        .unwrap()
        .write(|w| w.delete(EntityKind::Meeting, cell.meeting))
        .unwrap();
    sync(&b);
    Store::open(&a)
        .unwrap()
        .write(|w| {
            w.modify::<Meeting>(cell.meeting, |m| m.topic = "Sinh hoạt chuyên đề".into())
                .map(|_| ())
        })
        .unwrap();

    let run = sotay(&a, &["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("not accepted"), "{}", run.stdout);
    let status = sync(&a)["status"].clone();
    assert_eq!(status["pending_changes"], 0);
    assert_eq!(status["rejected_changes"], 1);

    // Undone: A shows the server's state, in which the meeting is gone.
    let store = Store::open(&a).unwrap();
    assert!(store.get::<Meeting>(cell.meeting).unwrap().is_none());

    // Told: what was refused, why, and what was sent.
    let listed = sotay(&a, &["rejections", "--json"]).json();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let r = &listed[0];
    assert_eq!(r["reason"], "deleted");
    assert_eq!(r["entity"], "meeting");
    assert_eq!(r["op"], "update");
    assert_eq!(r["record_id"], cell.meeting.to_string());
    assert_eq!(r["label"], "Sinh hoạt chuyên đề");
    assert!(r["sent"].as_str().unwrap().contains("Sinh hoạt chuyên đề"));
    let table = sotay(&a, &["rejections"]);
    assert!(table.stdout.contains("deleted"), "{}", table.stdout);
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_change_to_a_meeting_deleted_elsewhere_is_undone_and_listed
);
