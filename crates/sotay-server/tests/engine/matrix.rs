//! The permission matrix, generated from the rules table: every role × every kind × insert /
//! update of each field group / delete × the record's unit (own, above, below, elsewhere) × whose
//! record it is (the member's own, another's), pushed to the real engine. What the table allows
//! is applied; what it does not is refused with nothing written. A kind or field group the test
//! has no sample or edit for fails it, so none is added without its rules being exercised.

use super::*;
use sotay_core::EntityKind;
use sotay_core::access::{Action, Owner, Place, Role as R, Whose, permits};
use sotay_core::model::{Attendance, AttendanceStatus, TaskAssignee};
use std::collections::HashMap;

/// D (district) > C (commune) > A, B (cells); A > G (a party group); D > C2 (another commune).
struct World {
    units: HashMap<&'static str, Uuid>,
    devices: Vec<(R, Device, &'static str)>,
    admin: Device,
    next: i64,
}

/// The unit at each place from a role's own unit.
fn unit_at(own: &str, place: Place) -> &'static str {
    match (own, place) {
        ("C", Place::Own) => "C",
        ("C", Place::Above) => "D",
        ("C", Place::Below) => "A",
        ("C", Place::Elsewhere) => "C2",
        (_, Place::Own) => "A",
        (_, Place::Above) => "C",
        (_, Place::Below) => "G",
        (_, Place::Elsewhere) => "B",
    }
}

fn fresh(kind: EntityKind) -> FieldMap {
    fixtures::one_of_every_kind()
        .into_iter()
        .find(|(k, ..)| *k == kind)
        .map(|(.., f)| f)
        .unwrap_or_else(|| panic!("no sample {kind}: add one to fixtures::one_of_every_kind"))
}

/// The change each field group's update makes (more than one field where the record's checks
/// want them together).
fn edit(kind: EntityKind, group: &str, other_unit: Uuid) -> (FieldMap, bool) {
    let identity = matches!(
        (kind, group),
        (EntityKind::Attendance | EntityKind::TaskAssignee, "other")
    );
    let v = match (kind.as_str(), group) {
        ("org_unit", "other") => json!({"name": "Chi bộ đổi tên"}),
        ("member", "profile") => json!({"full_name": "Trần Thị Đổi"}),
        ("member", "contact") => json!({"phone": "0912345678"}),
        ("member", "standing") => json!({"exempt": true}),
        ("member", "office") => json!({"role": "committee_member"}),
        ("member", "placement") => json!({"unit_id": other_unit.to_string()}),
        ("member", "identity") => json!({"card_number": "36.012345"}),
        ("meeting_series" | "agenda_item" | "document", "other") => json!({"title": "Đổi"}),
        ("meeting", "schedule") => json!({"topic": "Sinh hoạt chuyên đề"}),
        ("meeting", "record") => json!({"minutes": "Biên bản"}),
        ("attachment", "other") => json!({"file_name": "moi.pdf"}),
        ("resolution", "draft") => json!({"title": "Nghị quyết đổi"}),
        ("resolution", "outcome") => json!({"votes_for": 5}),
        ("contribution", "text") => json!({"body": "Ý kiến sửa"}),
        ("contribution", "other") => json!({"made_at": 1_740_000_000_000_i64}),
        ("attendance", "notice") => json!({"status": "absent_with_reason", "reason": "Ốm"}),
        ("attendance" | "task_assignee", "other") => json!({"member_id": new_id().to_string()}),
        ("task", "completion") => json!({"status": "done", "completed_on": "2025-03-20"}),
        ("task", "other") => json!({"title": "Việc đổi"}),
        ("task_progress", "other") => json!({"note": "Đã xong"}),
        ("conflict", "review") => json!({"status": "resolved"}),
        ("conflict", "other") => json!({"reason": "đổi"}),
        ("transfer", "other") => json!({"reason": "Quyết định số 12"}),
        ("unit_targets", "other") => json!({"attendance_percent": 90}),
        ("document_opened", "other") => json!({"opened_at": 1_740_000_000_000_i64}),
        ("member_rating", "other") => json!({"level": "completed", "score": 60}),
        ("admission_plan", "other") => json!({"planned": 4}),
        ("org_unit", "since") => json!({"in_sotay_since": "2026-12-01"}),
        ("meeting_seal", "other") => json!({"seal": "cd".repeat(32)}),
        ("notice", "other") => json!({"title": "Thông báo đã sửa", "urgent": false}),
        ("notice_read", "other") => json!({"read_at": 1_740_000_000_000_i64}),
        _ => panic!("no edit for {kind}/{group}: add one"),
    };
    (fields(v), identity)
}

impl World {
    fn new<B: Backend>(e: &Engine<B>) -> World {
        let d = fixtures::unit(None, UnitLevel::District, "Huyện ủy");
        let c = fixtures::unit(Some(d.id), UnitLevel::Grassroots, "Đảng ủy xã");
        let c2 = fixtures::unit(Some(d.id), UnitLevel::Grassroots, "Đảng ủy xã bên");
        let a = fixtures::unit(Some(c.id), UnitLevel::Cell, "Chi bộ thôn Đông");
        let b = fixtures::unit(Some(c.id), UnitLevel::Cell, "Chi bộ thôn Tây");
        let g = fixtures::unit(Some(a.id), UnitLevel::Cell, "Tổ đảng 1");
        let mut w = World {
            units: HashMap::new(),
            devices: Vec::new(),
            admin: admin(),
            next: 0,
        };
        for (name, u) in [
            ("D", &d),
            ("C", &c),
            ("C2", &c2),
            ("A", &a),
            ("B", &b),
            ("G", &g),
        ] {
            w.units.insert(name, u.id);
            w.admin_push(e, Op::Insert, u.id, u.to_fields(), EntityKind::OrgUnit);
        }
        for (role, unit, office) in [
            (R::Member, "A", Role::Member),
            (R::CellCommittee, "A", Role::Secretary),
            (R::SuperiorCommittee, "C", Role::Member),
        ] {
            let device = device_of(e, w.units[unit], office);
            assert_eq!(device.principal.role, role);
            w.devices.push((role, device, unit));
        }
        w.devices.push((R::Administrator, admin(), "A"));
        w
    }

    fn admin_push<B: Backend>(
        &mut self,
        e: &Engine<B>,
        op: Op,
        id: Uuid,
        f: FieldMap,
        kind: EntityKind,
    ) {
        self.next += 1;
        let m = Mutation {
            op,
            ..insert(self.next, kind.as_str(), id, f)
        };
        let status = push(e, &self.admin, vec![m]);
        assert!(
            matches!(status[0], MutationStatus::Applied | MutationStatus::Merged),
            "set-up {kind}: {status:?}"
        );
    }

    /// A new record of `kind` in `unit`, its parents made by the administrator; whose it is.
    fn record<B: Backend>(
        &mut self,
        e: &Engine<B>,
        kind: EntityKind,
        unit: Uuid,
        owner: Uuid,
        mine: bool,
    ) -> (Uuid, FieldMap) {
        let mut f = fresh(kind);
        let mut id = new_id();
        let parent = |w: &mut World, parent: EntityKind| -> Uuid {
            let pid = new_id();
            let mut pf = fresh(parent);
            pf.insert("unit_id".into(), json!(unit.to_string()));
            for r in ["meeting_id", "resolution_id", "series_id", "chair_id"] {
                if pf.contains_key(r) {
                    pf.insert(r.into(), Value::Null);
                }
            }
            w.admin_push(e, Op::Insert, pid, pf, parent);
            pid
        };
        for r in [
            "meeting_id",
            "resolution_id",
            "series_id",
            "chair_id",
            "minute_taker_id",
        ] {
            if f.contains_key(r) && kind.field(r).is_some_and(|fd| fd.nullable) {
                f.insert(r.into(), Value::Null);
            }
        }
        if f.contains_key("unit_id") {
            f.insert("unit_id".into(), json!(unit.to_string()));
        }
        match kind {
            EntityKind::OrgUnit => {
                f.insert("parent_id".into(), json!(unit.to_string()));
            }
            EntityKind::Member => {
                f.insert("role".into(), json!("member"));
                if mine {
                    id = owner;
                }
            }
            EntityKind::AgendaItem | EntityKind::Attendance | EntityKind::Contribution => {
                let meeting = parent(self, EntityKind::Meeting);
                f.insert("meeting_id".into(), json!(meeting.to_string()));
                if kind == EntityKind::Attendance {
                    let status = AttendanceStatus::AbsentWithReason;
                    id = Attendance::new(meeting, owner, status, None).id();
                    f.insert("status".into(), json!("absent_with_reason"));
                    f.insert("reason".into(), json!("Đi công tác"));
                }
            }
            EntityKind::Attachment => {
                let doc = parent(self, EntityKind::Document);
                f.insert("document_id".into(), json!(doc.to_string()));
            }
            EntityKind::TaskAssignee | EntityKind::TaskProgress => {
                let task = parent(self, EntityKind::Task);
                f.insert("task_id".into(), json!(task.to_string()));
                if kind == EntityKind::TaskAssignee {
                    id = TaskAssignee::new(task, owner).id();
                } else if mine {
                    let a = TaskAssignee::new(task, owner);
                    self.admin_push(
                        e,
                        Op::Insert,
                        a.id(),
                        a.to_fields(),
                        EntityKind::TaskAssignee,
                    );
                }
            }
            EntityKind::Transfer => {
                // Into the unit under test, from one elsewhere in the tree.
                f.insert("to_unit_id".into(), json!(unit.to_string()));
                f.insert("from_unit_id".into(), json!(new_id().to_string()));
            }
            EntityKind::Task if mine => {
                let a = TaskAssignee::new(id, owner);
                self.admin_push(
                    e,
                    Op::Insert,
                    a.id(),
                    a.to_fields(),
                    EntityKind::TaskAssignee,
                );
            }
            _ => {}
        }
        if f.contains_key("member_id") {
            f.insert("member_id".into(), json!(owner.to_string()));
        }
        (id, f)
    }
}

fn every_action_of_every_role_is_decided_as_the_rules_table_says<B: Backend>(e: Engine<B>) {
    let mut w = World::new(&e);
    let devices = std::mem::take(&mut w.devices);
    let mut checked = 0;
    for (role, device, own) in &devices {
        let mut next = 0;
        for kind in EntityKind::ALL.iter().copied() {
            let rules = kind.rules();
            for place in Place::ALL {
                for whose in Whose::ALL {
                    let me = device.principal.member;
                    let possible = match (rules.owner, whose) {
                        (_, Whose::Others) => true,
                        (Owner::Nobody, Whose::Mine) => false,
                        (Owner::Itself, Whose::Mine) => me.is_some() && place == Place::Own,
                        (_, Whose::Mine) => me.is_some(),
                    };
                    if !possible {
                        continue;
                    }
                    let unit = w.units[unit_at(own, place)];
                    let owner = match whose {
                        Whose::Mine => me.unwrap(),
                        Whose::Others => new_id(),
                    };
                    let mine = whose == Whose::Mine;
                    // A new org unit is its own scope, which no one but the administrator reaches.
                    let at = |p: Place| {
                        if kind == EntityKind::OrgUnit {
                            Place::Elsewhere
                        } else {
                            p
                        }
                    };
                    let label = |a: &str| format!("{role:?} {a} {kind} at {place:?}, {whose:?}'s");
                    let mut run = |w: &mut World,
                                   mutation: Mutation,
                                   expected: bool,
                                   identity: bool,
                                   what: String| {
                        let before = e.latest_seq(&w.admin).unwrap();
                        let status = push(&e, device, vec![mutation]).remove(0);
                        if expected {
                            let ok = if identity {
                                matches!(
                                    status,
                                    MutationStatus::Rejected(RejectReason::Invalid { .. })
                                )
                            } else {
                                matches!(status, MutationStatus::Applied | MutationStatus::Merged)
                            };
                            assert!(ok, "{what}: allowed by the table, got {status:?}");
                        } else {
                            assert_eq!(
                                status,
                                MutationStatus::Rejected(RejectReason::Forbidden),
                                "{what}"
                            );
                            assert_eq!(
                                e.latest_seq(&w.admin).unwrap(),
                                before,
                                "{what}: wrote something"
                            );
                        }
                        checked += 1;
                    };

                    // Insert.
                    if !(rules.owner == Owner::Itself && mine) {
                        let (id, f) = w.record(&e, kind, unit, owner, mine);
                        let expected =
                            permits(*role, kind, at(place), whose, Action::Insert { new: &f });
                        next += 1;
                        run(
                            &mut w,
                            insert(next, kind.as_str(), id, f),
                            expected,
                            false,
                            label("insert"),
                        );
                    }
                    // Update of each field group, and delete, of a record the administrator made.
                    let target = |w: &mut World| -> (Uuid, FieldMap) {
                        if rules.owner == Owner::Itself && mine {
                            let rec = e
                                .pull(&w.admin, 0, 1000)
                                .unwrap()
                                .records
                                .into_iter()
                                .find(|r| r.id == owner)
                                .unwrap();
                            return (owner, rec.fields);
                        }
                        let (id, f) = w.record(&e, kind, unit, owner, mine);
                        w.admin_push(&e, Op::Insert, id, f.clone(), kind);
                        (id, f)
                    };
                    for group in rules.group_names(kind) {
                        let elsewhere = w.units[unit_at(own, Place::Elsewhere)];
                        let (change, identity) = edit(kind, group, elsewhere);
                        let (id, old) = target(&mut w);
                        let mut new = old.clone();
                        new.extend(change.clone());
                        let names: Vec<&str> = change.keys().map(String::as_str).collect();
                        let action = Action::Update {
                            fields: &names,
                            old: &old,
                            new: &new,
                        };
                        // A unit made after this device's principal was drawn is not in its
                        // tree: elsewhere, as for an insert. (A unit's committee saying when it
                        // started in Sotay is tested end to end in tests/cli/paper_year.rs.)
                        let old_place = if kind == EntityKind::OrgUnit {
                            Place::Elsewhere
                        } else {
                            place
                        };
                        let new_place = if change.contains_key("unit_id") {
                            Place::Elsewhere
                        } else {
                            old_place
                        };
                        let expected = permits(*role, kind, old_place, whose, action)
                            && permits(*role, kind, new_place, whose, action);
                        next += 1;
                        let m = Mutation {
                            op: Op::Update,
                            base: Some(old.clone()),
                            hlc: Hlc::new(NOW + 1000, 0),
                            ..insert(next, kind.as_str(), id, change)
                        };
                        run(
                            &mut w,
                            m,
                            expected,
                            identity,
                            label(&format!("update {group} of")),
                        );
                    }
                    let (id, old) = target(&mut w);
                    let old_place = if kind == EntityKind::OrgUnit {
                        org_place(place)
                    } else {
                        place
                    };
                    let expected =
                        permits(*role, kind, old_place, whose, Action::Delete { old: &old });
                    next += 1;
                    let m = Mutation {
                        op: Op::Delete,
                        ..insert(next, kind.as_str(), id, FieldMap::new())
                    };
                    run(&mut w, m, expected, false, label("delete"));
                }
            }
        }
    }
    assert!(checked > 1000, "{checked} cases");
}

/// Where an org unit made by `record` stands: it is new to the tree under the unit at `place`, so
/// it is below the role's unit when that is its own or below, and elsewhere otherwise.
fn org_place(place: Place) -> Place {
    match place {
        Place::Own | Place::Below => Place::Below,
        Place::Above | Place::Elsewhere => Place::Elsewhere,
    }
}

on_both_backends!(backend => super::engine;
    every_action_of_every_role_is_decided_as_the_rules_table_says,
);
