//! Devices waiting for news are woken by what they may read, and only by that: with devices of
//! two cells waiting at once on a real `sotay serve`, a change in one cell wakes that cell's
//! devices (two of them, who share the server's one read of what they can see), while the other
//! cell's device waits on and is told "nothing new" — on one instance, and across two instances
//! on one PostgreSQL (the change pushed to one, the devices waiting on the other: the database's
//! notice says which units changed).

use super::sync::{Server, Whom, edit, set_up, sync};
use crate::util::{Db, Dir};
use sotay_core::fixtures;
use sotay_core::model::{Meeting, OrgUnit, UnitLevel};
use sotay_store::Store;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use uuid::Uuid;

/// A long-poll of `seconds` on its own thread, as the background sync waits.
fn waiting(store: &Path, seconds: u64) -> JoinHandle<bool> {
    let store = store.to_owned();
    std::thread::spawn(move || {
        sotay_sync_client::wait_for_news_up_to(&Store::open(&store).unwrap(), seconds).unwrap()
    })
}

/// Starts every device's long-poll, makes `change` on `writer` and syncs it, and returns who was
/// told of news, in the order of `devices`.
fn woken(devices: &[&PathBuf], writer: &Path, change: impl FnOnce()) -> Vec<bool> {
    let waits: Vec<_> = devices.iter().map(|d| waiting(d, 3)).collect();
    change();
    sync(writer);
    let told = waits.into_iter().map(|w| w.join().unwrap()).collect();
    for d in devices {
        sync(d);
    }
    told
}

fn a_change_wakes_the_devices_that_may_read_it_and_no_others(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    wakes_only_readers(dir, &server, &server);
}

#[test]
fn a_change_on_one_instance_wakes_only_its_readers_on_another() {
    let Some(url) = sotay_test_support::postgres::fresh_database() else {
        return;
    };
    let dir = Dir::new();
    let db = Db::Postgres(url);
    wakes_only_readers(&dir, &Server::start(&db), &Server::start(&db));
}

/// The administrator pushes through `server`; the cells' devices wait on `waiting_on`.
fn wakes_only_readers(dir: &Dir, server: &Server, waiting_on: &Server) {
    let admin = dir.path("admin.db");
    let cell = set_up(&admin);
    let west = Uuid::now_v7();
    let west_member = fixtures::member(west, "Phạm Thị Dung");
    let west_meeting = fixtures::meeting(west, "Sinh hoạt thường kỳ tháng 12");
    edit(&admin, |w| {
        w.insert(&OrgUnit {
            id: west,
            parent_id: None,
            level: UnitLevel::Cell,
            name: "Chi bộ thôn Tây".into(),
            code: None,
            closed_on: None,
            in_sotay_since: None,
        })?;
        w.insert(&west_member)?;
        w.insert(&west_meeting)
    });
    server.connect(&admin, &server.url, Whom::Admin);
    sync(&admin);
    let (east_1, east_2, west_1) = (dir.path("e1.db"), dir.path("e2.db"), dir.path("w1.db"));
    for (store, member) in [
        (&east_1, cell.members[1]),
        (&east_2, cell.members[2]),
        (&west_1, west_member.id),
    ] {
        server.connect(store, &waiting_on.url, Whom::Member(member));
        sync(store);
    }
    let devices = [&east_1, &east_2, &west_1];

    let meeting = cell.meeting;
    let told = woken(&devices, &admin, || {
        edit(&admin, |w| {
            w.modify::<Meeting>(meeting, |m| m.place = "Hội trường thôn Đông".into())
                .map(drop)
        });
    });
    assert_eq!(told, [true, true, false], "east, east, west");

    let told = woken(&devices, &admin, || {
        edit(&admin, |w| {
            w.modify::<Meeting>(west_meeting.id, |m| m.place = "Nhà văn hoá thôn Tây".into())
                .map(drop)
        });
    });
    assert_eq!(told, [false, false, true], "east, east, west");
    assert_eq!(
        Store::open(&west_1)
            .unwrap()
            .require::<Meeting>(west_meeting.id)
            .unwrap()
            .place,
        "Nhà văn hoá thôn Tây"
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_change_wakes_the_devices_that_may_read_it_and_no_others
);
