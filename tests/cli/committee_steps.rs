//! What the committee's tests share: a cell on a real `sotay serve` with the administrator's, the
//! secretary's and a plain member's devices connected and synced, and commands that must pass (as
//! JSON) or be refused (exit code 2, nothing written).

use super::sync::{Cell, Server, Whom, edit, set_up, sync};
use crate::util::{Db, Dir, sotay};
use sotay_core::model::{OrgUnit, Role, UnitLevel};
use sotay_store::{Store, Writer};
use sotay_test_support::fixtures;
use std::path::{Path, PathBuf};

/// The cell and its devices: `members[0]` (the secretary) on `secretary`, `members[1]` (a plain
/// member) on `member`.
pub struct Served {
    pub server: Server,
    pub cell: Cell,
    pub secretary: PathBuf,
    pub member: PathBuf,
}

impl Served {
    /// `before_sync` runs on the administrator's store before its first sync (an office given).
    pub fn start(dir: &Dir, db: &Db, before_sync: impl FnOnce(&Path, &Cell)) -> Served {
        let server = Server::start(db);
        let (admin, secretary, member) = (
            dir.path("admin.db"),
            dir.path("secretary.db"),
            dir.path("member.db"),
        );
        let cell = set_up(&admin);
        before_sync(&admin, &cell);
        server.connect(&admin, &server.url, Whom::Admin);
        sync(&admin);
        server.connect(&secretary, &server.url, Whom::Member(cell.members[0]));
        server.connect(&member, &server.url, Whom::Member(cell.members[1]));
        sync(&secretary);
        sync(&member);
        Served {
            server,
            cell,
            secretary,
            member,
        }
    }
}

/// The served cell under a commune, "Đảng bộ xã Hòa Bình", whose secretary has a device of
/// their own (`device`), connected and synced. `more` writes what else the test needs (other
/// units, members; it is given the commune) on the administrator's store before its first sync.
pub struct UnderCommune {
    pub served: Served,
    pub commune: OrgUnit,
    pub device: PathBuf,
}

pub fn under_commune(
    dir: &Dir,
    db: &Db,
    more: impl FnOnce(&mut Writer<'_>, &OrgUnit) -> sotay_store::Result<()>,
) -> UnderCommune {
    let commune = fixtures::unit(None, UnitLevel::Grassroots, "Đảng bộ xã Hòa Bình");
    let mut head = fixtures::member(commune.id, "Đinh Thị Hạnh");
    head.role = Role::Secretary;
    let served = Served::start(dir, db, |admin, cell| {
        edit(admin, |w| {
            w.insert(&commune)?;
            w.modify::<OrgUnit>(cell.unit, |u| u.parent_id = Some(commune.id))?;
            w.insert(&head)?;
            more(w, &commune)
        });
    });
    let device = dir.path("commune.db");
    served
        .server
        .connect(&device, &served.server.url, Whom::Member(head.id));
    sync(&device);
    UnderCommune {
        served,
        commune,
        device,
    }
}

pub fn pending(store: &Path) -> u64 {
    Store::open(store).unwrap().pending_changes().unwrap()
}

/// A command that must be refused as bad input, writing nothing; returns what it said.
pub fn refused(store: &Path, args: &[&str]) -> String {
    let before = pending(store);
    let run = sotay(store, args);
    assert_eq!(run.code, 2, "{args:?}: {} {}", run.stdout, run.stderr);
    assert_eq!(pending(store), before, "{args:?} wrote something");
    run.stderr
}

/// A command that must pass; its answer as JSON.
pub fn ok(store: &Path, args: &[&str]) -> serde_json::Value {
    let mut args = args.to_vec();
    args.push("--json");
    let run = sotay(store, &args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.json()
}
