//! The administrator's console: a commune built from nothing, which a member's device then pulls;
//! the tree and the roster refusing what they cannot hold, each refusal typed and writing nothing;
//! only administrators.

use super::*;
use chrono::NaiveDate;
use sotay_core::ErrorKind;
use sotay_core::model::Standing;
use sotay_sync_protocol::{
    AdminMember, AdminUnit, AuditQuery, CloseUnit, EditMember, MoveMember, MoveUnit, NewMember,
    NewUnit, RenameUnit, SetOffice,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn new_unit(parent: Option<Uuid>, level: UnitLevel, name: &str) -> NewUnit {
    NewUnit {
        parent_id: parent,
        level,
        name: name.into(),
        code: None,
    }
}

fn new_member(unit: Uuid, name: &str, born: &str, card: Option<&str>) -> NewMember {
    NewMember {
        unit_id: unit,
        full_name: name.into(),
        gender: None,
        born_on: Some(day(born)),
        standing: Standing::Official,
        admitted_on: Some(day("2005-05-19")),
        official_on: Some(day("2006-05-19")),
        role: None,
        phone: None,
        card_number: card.map(Into::into),
        citizen_id: None,
    }
}

/// The refusal's kind, after checking that nothing was written.
fn refused<B: Backend, T: std::fmt::Debug>(
    e: &Engine<B>,
    f: impl FnOnce() -> Result<T, ServerError>,
) -> ErrorKind {
    let before = e.latest_seq_in(None).unwrap();
    let err = f().expect_err("refused");
    assert_eq!(
        e.latest_seq_in(None).unwrap(),
        before,
        "{err} wrote nothing"
    );
    err.kind()
}

struct Commune {
    root: AdminUnit,
    east: AdminUnit,
    west: AdminUnit,
    secretary: AdminMember,
}

fn commune<B: Backend>(e: &Engine<B>, console: &Device) -> Commune {
    let root = e
        .add_unit(
            console,
            &new_unit(None, UnitLevel::Grassroots, " Đảng bộ xã Tân Thành "),
        )
        .unwrap()
        .0;
    let east = e
        .add_unit(
            console,
            &new_unit(Some(root.id), UnitLevel::Cell, "Chi bộ thôn Đông"),
        )
        .unwrap()
        .0;
    let west = e
        .add_unit(
            console,
            &new_unit(Some(root.id), UnitLevel::Cell, "Chi bộ thôn Tây"),
        )
        .unwrap()
        .0;
    let secretary = e
        .add_member(
            console,
            &new_member(east.id, "Nguyễn Văn An", "1975-03-02", Some("36.000001")),
        )
        .unwrap()
        .0;
    e.set_office(
        console,
        secretary.id,
        &SetOffice {
            role: Role::Secretary,
        },
    )
    .unwrap();
    Commune {
        root,
        east,
        west,
        secretary,
    }
}

fn a_commune_is_built_from_nothing_and_its_members_devices_pull_it<B: Backend>(e: Engine<B>) {
    let console = e.console().unwrap();
    assert_eq!(e.console().unwrap(), console, "one console, kept");
    let c = commune(&e, &console);
    assert_eq!(
        c.root.name, "Đảng bộ xã Tân Thành",
        "names are stored trimmed"
    );
    let member = e
        .add_member(
            &console,
            &new_member(c.east.id, "Trần Thị Bình", "1980-07-08", None),
        )
        .unwrap()
        .0;

    let units = e.admin_units(&console).unwrap();
    let names: Vec<(&str, u32)> = units.iter().map(|u| (u.name.as_str(), u.members)).collect();
    assert_eq!(
        names,
        [
            ("Đảng bộ xã Tân Thành", 0),
            ("Chi bộ thôn Đông", 2),
            ("Chi bộ thôn Tây", 0)
        ],
        "each unit followed by its branch, siblings by name"
    );

    // The secretary's device reads the cell's roster and the tree above, acting as secretary.
    let device = Device {
        client_id: ClientId::new(),
        principal: e.principal_of(c.secretary.id).unwrap(),
    };
    assert_eq!(
        device.principal.role,
        sotay_core::access::Role::CellCommittee
    );
    let pulled = e.pull(&device, 0, 100).unwrap();
    let ids: Vec<Uuid> = pulled.records.iter().map(|r| r.id).collect();
    for id in [c.root.id, c.east.id, c.secretary.id, member.id] {
        assert!(ids.contains(&id), "{id} reached the secretary's device");
    }
    assert!(!ids.contains(&c.west.id), "not a sibling cell");

    // Every console change is in the audit log, as the administrator's console.
    let log = e.read_audit_log(&AuditQuery::default()).unwrap();
    let by_console = log.iter().filter(|a| a.device == console.client_id).count();
    assert_eq!(
        by_console, 6,
        "three units, two members, one office: {log:#?}"
    );
    assert!(log.iter().all(|a| a.member.is_none()));
}

fn the_tree_refuses_what_it_cannot_hold<B: Backend>(e: Engine<B>) {
    let console = e.console().unwrap();
    let c = commune(&e, &console);
    let second_root = new_unit(None, UnitLevel::Grassroots, "Đảng bộ xã khác");
    assert_eq!(
        refused(&e, || e.add_unit(&console, &second_root)),
        ErrorKind::BadTree
    );
    let under_cell = new_unit(Some(c.east.id), UnitLevel::Cell, "Tổ đảng");
    assert_eq!(
        refused(&e, || e.add_unit(&console, &under_cell)),
        ErrorKind::BadTree
    );
    let nowhere = new_unit(Some(new_id()), UnitLevel::Cell, "Chi bộ");
    assert_eq!(
        refused(&e, || e.add_unit(&console, &nowhere)),
        ErrorKind::NotFound
    );
    let blank = new_unit(Some(c.root.id), UnitLevel::Cell, "  ");
    assert_eq!(
        refused(&e, || e.add_unit(&console, &blank)),
        ErrorKind::Invalid
    );
    let into_itself = MoveUnit {
        parent_id: c.east.id,
    };
    assert_eq!(
        refused(&e, || e.move_unit(&console, c.root.id, &into_itself)),
        ErrorKind::BadTree
    );
    let close = CloseUnit {
        on: day("2026-12-31"),
    };
    assert_eq!(
        refused(&e, || e.close_unit(&console, c.east.id, &close)),
        ErrorKind::UnitNotEmpty
    );

    // An empty cell closes, once; it then takes nobody.
    let closed = e.close_unit(&console, c.west.id, &close).unwrap().0;
    assert_eq!(closed.closed_on, Some(day("2026-12-31")));
    assert_eq!(
        e.close_unit(&console, c.west.id, &close).unwrap().1,
        Default::default(),
        "closing again on the same day writes nothing"
    );
    let late = new_member(c.west.id, "Lê Văn Cường", "1990-01-01", None);
    assert_eq!(
        refused(&e, || e.add_member(&console, &late)),
        ErrorKind::UnitClosed
    );
    let moved = MoveMember {
        unit_id: c.west.id,
        on: day("2027-01-05"),
        reason: None,
    };
    assert_eq!(
        refused(&e, || e.move_member(&console, c.secretary.id, &moved)),
        ErrorKind::UnitClosed
    );

    // A rename that changes nothing writes nothing; one that does is kept.
    let same = RenameUnit {
        name: "Chi bộ thôn Đông".into(),
        code: None,
    };
    assert_eq!(
        e.rename_unit(&console, c.east.id, &same).unwrap().1,
        Default::default()
    );
    let renamed = RenameUnit {
        name: "Chi bộ thôn Đông Bắc".into(),
        code: Some("CB-DB".into()),
    };
    let u = e.rename_unit(&console, c.east.id, &renamed).unwrap().0;
    assert_eq!(
        (u.name.as_str(), u.code.as_deref()),
        ("Chi bộ thôn Đông Bắc", Some("CB-DB"))
    );
}

fn the_roster_holds_each_person_once_and_one_secretary<B: Backend>(e: Engine<B>) {
    let console = e.console().unwrap();
    let c = commune(&e, &console);
    // The same card, spelled with or without its dot, in another cell.
    let same_card = new_member(c.west.id, "Nguyễn An", "1970-01-01", Some("36000001"));
    assert_eq!(
        refused(&e, || e.add_member(&console, &same_card)),
        ErrorKind::DuplicateMember
    );
    // No numbers: the folded name and birth date.
    let same_person = new_member(c.west.id, "NGUYEN VAN AN", "1975-03-02", None);
    assert_eq!(
        refused(&e, || e.add_member(&console, &same_person)),
        ErrorKind::DuplicateMember
    );
    let bad_card = new_member(c.west.id, "Phạm Thu", "1991-02-03", Some("36-ABC"));
    assert_eq!(
        refused(&e, || e.add_member(&console, &bad_card)),
        ErrorKind::Invalid
    );
    let mut probationary = new_member(c.west.id, "Phạm Thu", "1991-02-03", None);
    probationary.standing = Standing::Probationary;
    assert_eq!(
        refused(&e, || e.add_member(&console, &probationary)),
        ErrorKind::Invalid,
        "a probationary member with an official date"
    );
    probationary.official_on = None;
    let thu = e.add_member(&console, &probationary).unwrap().0;

    // One secretary per unit.
    let mut second = new_member(c.east.id, "Đỗ Văn Dũng", "1985-09-09", None);
    second.role = Some(Role::Secretary);
    assert_eq!(
        refused(&e, || e.add_member(&console, &second)),
        ErrorKind::OfficeTaken
    );

    // An edit that would make Thu someone already on the roster is refused; a real one is kept.
    let clash = EditMember {
        card_number: Some("36.000001".into()),
        ..EditMember::default()
    };
    assert_eq!(
        refused(&e, || e.edit_member(&console, thu.id, &clash)),
        ErrorKind::DuplicateMember
    );
    let phone = EditMember {
        phone: Some("0912 345 678".into()),
        citizen_id: Some("001191000123".into()),
        ..EditMember::default()
    };
    let edited = e.edit_member(&console, thu.id, &phone).unwrap().0;
    assert_eq!(edited.citizen_id.as_deref(), Some("001191000123"));
    assert_eq!(edited.full_name, "Phạm Thu", "what the edit left out stays");

    // A move keeps the history as a transfer, and leaves the office behind.
    let moved = MoveMember {
        unit_id: c.west.id,
        on: day("2027-01-05"),
        reason: Some("Chuyển nơi cư trú".into()),
    };
    let m = e.move_member(&console, c.secretary.id, &moved).unwrap().0;
    assert_eq!((m.unit_id, m.role), (c.west.id, Role::Member));
    let west = e.admin_members(&console, Some(c.west.id)).unwrap();
    assert_eq!(west.len(), 2);
    let transfers = e
        .read_audit_log(&AuditQuery::default())
        .unwrap()
        .into_iter()
        .filter(|a| a.entity == "transfer")
        .count();
    assert_eq!(transfers, 1);
    // The east cell has no secretary now: a new one may be named.
    second.role = None;
    let dung = e.add_member(&console, &second).unwrap().0;
    let office = SetOffice {
        role: Role::Secretary,
    };
    assert_eq!(
        e.set_office(&console, dung.id, &office).unwrap().0.role,
        Role::Secretary
    );
    assert_eq!(
        refused(&e, || e.set_office(&console, new_id(), &office)),
        ErrorKind::UnknownMember
    );
}

fn only_administrators_use_the_console<B: Backend>(e: Engine<B>) {
    let console = e.console().unwrap();
    let c = commune(&e, &console);
    let secretary = Device {
        client_id: ClientId::new(),
        principal: e.principal_of(c.secretary.id).unwrap(),
    };
    assert_eq!(
        refused(&e, || e.add_unit(
            &secretary,
            &new_unit(Some(c.root.id), UnitLevel::Cell, "Chi bộ")
        )),
        ErrorKind::Forbidden
    );
    assert!(matches!(
        e.admin_units(&secretary),
        Err(ServerError::Forbidden)
    ));
    assert!(matches!(
        e.admin_members(&secretary, None),
        Err(ServerError::Forbidden)
    ));
}

on_both_backends!(backend => super::engine;
    a_commune_is_built_from_nothing_and_its_members_devices_pull_it,
    the_tree_refuses_what_it_cannot_hold,
    the_roster_holds_each_person_once_and_one_secretary,
    only_administrators_use_the_console,
);
