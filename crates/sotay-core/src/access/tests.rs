//! The rules table checked against itself (every group names real fields) and against the
//! sentences of the roles it encodes.

use super::*;
use serde_json::json;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn map(v: serde_json::Value) -> FieldMap {
    v.as_object().cloned().unwrap_or_default()
}

#[test]
fn every_group_names_fields_of_its_kind_once() {
    for kind in EntityKind::ALL {
        let rules = kind.rules();
        let mut seen = Vec::new();
        for group in rules.groups {
            assert_ne!(group.name, OTHER_FIELDS, "{kind}");
            for f in group.fields {
                assert!(
                    kind.field(f).is_some(),
                    "{kind}: group {} names {f}",
                    group.name
                );
                assert!(!seen.contains(f), "{kind}: {f} is in two groups");
                seen.push(*f);
            }
        }
        let names = rules.group_names(*kind);
        for allow in rules.write {
            if let Fields::Groups(groups) = allow.fields {
                for g in groups {
                    assert!(names.contains(g), "{kind}: a rule names no group {g}");
                }
            }
            for c in allow.when {
                let (Condition::Sets(f, _) | Condition::Was(f, _) | Condition::Unset(f)) = c;
                assert!(
                    kind.field(f).is_some(),
                    "{kind}: a condition names no field {f}"
                );
            }
        }
        match rules.owner {
            Owner::Nobody | Owner::Itself => {}
            Owner::Field(f) => assert!(kind.field(f).is_some(), "{kind}: owner {f}"),
            Owner::Assignee { task, member } => {
                assert!(task == "id" || kind.field(task).is_some(), "{kind}: {task}");
                assert!(member.is_none_or(|m| kind.field(m).is_some()), "{kind}");
            }
        }
    }
}

#[test]
fn roles_follow_the_unit_level_and_the_office() {
    use model::Role as Office;
    assert_eq!(role_of(UnitLevel::Cell, Office::Member), Role::Member);
    assert_eq!(
        role_of(UnitLevel::Cell, Office::Secretary),
        Role::CellCommittee
    );
    assert_eq!(
        role_of(UnitLevel::Cell, Office::CommitteeMember),
        Role::CellCommittee
    );
    assert_eq!(
        role_of(UnitLevel::Grassroots, Office::Member),
        Role::SuperiorCommittee
    );
    assert_eq!(
        role_of(UnitLevel::District, Office::Secretary),
        Role::SuperiorCommittee
    );
}

use super::tree::tests::tree;

fn update<'a>(fields: &'a [&'a str], old: &'a FieldMap, new: &'a FieldMap) -> Action<'a> {
    Action::Update { fields, old, new }
}

#[test]
fn a_member_cannot_rewrite_minutes_mark_the_cells_tasks_done_or_touch_the_tree() {
    let t = tree();
    let me = Principal::member(id(10), id(3), model::Role::Member, &t);
    let (old, new) = (map(json!({"minutes": "a"})), map(json!({"minutes": "b"})));
    let minutes = update(&["minutes"], &old, &new);
    assert!(
        decide(
            &me,
            EntityKind::Meeting,
            Some(id(3)),
            Whose::Others,
            minutes
        )
        .is_err()
    );
    let (open, done) = (
        map(json!({"status": "open"})),
        map(json!({"status": "done"})),
    );
    let finish = update(&["status"], &open, &done);
    assert!(decide(&me, EntityKind::Task, Some(id(3)), Whose::Others, finish).is_err());
    assert!(decide(&me, EntityKind::Task, Some(id(3)), Whose::Mine, finish).is_ok());
    let (p, q) = (
        map(json!({"parent_id": id(2).to_string()})),
        map(json!({"parent_id": id(1).to_string()})),
    );
    let reparent = update(&["parent_id"], &p, &q);
    assert!(
        decide(
            &me,
            EntityKind::OrgUnit,
            Some(id(3)),
            Whose::Others,
            reparent
        )
        .is_err()
    );
    let directive = map(json!({}));
    let delete = Action::Delete { old: &directive };
    assert!(
        decide(
            &me,
            EntityKind::Document,
            Some(id(2)),
            Whose::Others,
            delete
        )
        .is_err()
    );
    assert!(
        me.may_read(EntityKind::Document, Some(id(2))),
        "the commune's directives"
    );
    assert!(
        !me.may_read(EntityKind::Meeting, Some(id(2))),
        "not the commune's meetings"
    );
    assert!(
        !me.may_read(EntityKind::Document, Some(id(4))),
        "nothing of a sibling cell"
    );
}

#[test]
fn a_member_writes_their_own_comments_and_notices_only() {
    let me = Principal::member(id(10), id(3), model::Role::Member, &tree());
    let comment = map(json!({"kind": "draft_comment"}));
    let speech = map(json!({"kind": "speech"}));
    let k = EntityKind::Contribution;
    let scope = Some(id(3));
    assert!(decide(&me, k, scope, Whose::Mine, Action::Insert { new: &comment }).is_ok());
    assert!(
        decide(
            &me,
            k,
            scope,
            Whose::Others,
            Action::Insert { new: &comment }
        )
        .is_err()
    );
    assert!(decide(&me, k, scope, Whose::Mine, Action::Insert { new: &speech }).is_err());
    let absent = map(json!({"status": "absent_with_reason", "reason": "ốm"}));
    let unexcused = map(json!({"status": "absent_without_reason"}));
    let a = EntityKind::Attendance;
    assert!(decide(&me, a, scope, Whose::Mine, Action::Insert { new: &absent }).is_ok());
    let rewrite = update(&["status", "reason"], &unexcused, &absent);
    assert!(
        decide(&me, a, scope, Whose::Mine, rewrite).is_err(),
        "the roll call's word stands"
    );
}

#[test]
fn a_cell_committee_runs_its_roster_but_not_the_offices_above_it() {
    let sec = Principal::member(id(10), id(3), model::Role::Secretary, &tree());
    assert_eq!(sec.role, Role::CellCommittee);
    let k = EntityKind::Member;
    let scope = Some(id(3));
    let member = map(json!({"role": "member"}));
    let deputy = map(json!({"role": "deputy_secretary"}));
    let committee = map(json!({"role": "committee_member"}));
    let o = Whose::Others;
    assert!(decide(&sec, k, scope, o, Action::Insert { new: &member }).is_ok());
    assert!(decide(&sec, k, scope, o, update(&["role"], &member, &committee)).is_ok());
    assert!(decide(&sec, k, scope, o, update(&["role"], &member, &deputy)).is_err());
    assert!(decide(&sec, k, scope, o, update(&["role"], &deputy, &member)).is_err());
    assert!(decide(&sec, k, scope, o, update(&["phone"], &deputy, &deputy)).is_ok());
    let moved = map(json!({"role": "member", "unit_id": id(4).to_string()}));
    assert!(decide(&sec, k, scope, o, update(&["unit_id"], &member, &moved)).is_err());
    assert!(decide(&sec, k, Some(id(4)), o, Action::Insert { new: &member }).is_err());
}

#[test]
fn a_superior_committee_reads_below_comments_and_publishes_but_changes_no_minutes() {
    let t = tree();
    let sup = Principal::member(id(10), id(2), model::Role::Member, &t);
    assert_eq!(sup.role, Role::SuperiorCommittee);
    assert!(sup.may_read(EntityKind::Meeting, Some(id(3))));
    assert!(sup.may_read(EntityKind::Attendance, Some(id(4))));
    let doc = map(json!({}));
    let publish = Action::Insert { new: &doc };
    assert!(
        decide(
            &sup,
            EntityKind::Document,
            Some(id(2)),
            Whose::Others,
            publish
        )
        .is_ok()
    );
    assert!(
        decide(
            &sup,
            EntityKind::Document,
            Some(id(3)),
            Whose::Others,
            publish
        )
        .is_err()
    );
    let comment = map(json!({"kind": "draft_comment"}));
    let k = EntityKind::Contribution;
    assert!(
        decide(
            &sup,
            k,
            Some(id(3)),
            Whose::Mine,
            Action::Insert { new: &comment }
        )
        .is_ok()
    );
    let (a, b) = (map(json!({"votes_for": 5})), map(json!({"votes_for": 9})));
    let tally = update(&["votes_for"], &a, &b);
    assert!(
        decide(
            &sup,
            EntityKind::Resolution,
            Some(id(3)),
            Whose::Others,
            tally
        )
        .is_err()
    );
    let roll = update(&["status"], &a, &b);
    assert!(
        decide(
            &sup,
            EntityKind::Attendance,
            Some(id(3)),
            Whose::Others,
            roll
        )
        .is_err()
    );
}

#[test]
fn the_administrator_does_everything_and_a_reader_nothing() {
    let admin = Principal::administrator();
    let empty = FieldMap::new();
    let k = EntityKind::OrgUnit;
    assert!(
        decide(
            &admin,
            k,
            None,
            Whose::Others,
            Action::Insert { new: &empty }
        )
        .is_ok()
    );
    assert_eq!(admin.readable_units(), None);
    let reader = Principal::reader(id(3), &tree());
    let comment = map(json!({"kind": "draft_comment", "member_id": id(10).to_string()}));
    let w = whose(
        EntityKind::Contribution,
        id(20),
        &comment,
        reader.member,
        |_| true,
    );
    assert_eq!(w, Whose::Others, "a reader owns nothing");
    assert!(
        decide(
            &reader,
            EntityKind::Contribution,
            Some(id(3)),
            w,
            Action::Insert { new: &comment }
        )
        .is_err()
    );
    assert!(reader.may_read(EntityKind::Meeting, Some(id(3))));
    let mut units = reader.readable_units().unwrap_or_default();
    units.sort();
    assert_eq!(units, [id(1), id(2), id(3)]);
    assert_eq!(Principal::nobody().readable_units(), Some(vec![]));
}

#[test]
fn whose_follows_the_owner_field_and_the_task_assignees() {
    let me = Some(id(10));
    let mine = map(json!({"member_id": id(10).to_string(), "task_id": id(7).to_string()}));
    let theirs = map(json!({"member_id": id(11).to_string(), "task_id": id(7).to_string()}));
    let c = EntityKind::Contribution;
    assert_eq!(whose(c, id(1), &mine, me, |_| false), Whose::Mine);
    assert_eq!(whose(c, id(1), &theirs, me, |_| false), Whose::Others);
    assert_eq!(
        whose(EntityKind::Member, id(10), &theirs, me, |_| false),
        Whose::Mine
    );
    let p = EntityKind::TaskProgress;
    assert_eq!(whose(p, id(1), &mine, me, |t| t == id(7)), Whose::Mine);
    assert_eq!(
        whose(p, id(1), &mine, me, |_| false),
        Whose::Others,
        "not assigned"
    );
    assert_eq!(
        whose(p, id(1), &theirs, me, |_| true),
        Whose::Others,
        "another's note"
    );
    let task = FieldMap::new();
    assert_eq!(
        whose(EntityKind::Task, id(7), &task, me, |t| t == id(7)),
        Whose::Mine
    );
    assert_eq!(
        whose(EntityKind::Meeting, id(7), &task, me, |_| true),
        Whose::Others
    );
}

#[test]
fn a_members_devices_are_signed_out_by_them_their_cell_committee_or_the_administrator() {
    let t = tree();
    let member = id(11);
    let own = Principal::member(member, id(3), model::Role::Member, &t);
    let secretary = Principal::member(id(10), id(3), model::Role::Secretary, &t);
    let neighbour = Principal::member(id(12), id(3), model::Role::Member, &t);
    let other_cell = Principal::member(id(13), id(4), model::Role::Secretary, &t);
    let commune = Principal::member(id(14), id(2), model::Role::Member, &t);
    assert!(may_sign_out(&own, member, id(3)));
    assert!(may_sign_out(&secretary, member, id(3)));
    assert!(may_sign_out(&Principal::administrator(), member, id(3)));
    assert!(!may_sign_out(&neighbour, member, id(3)));
    assert!(!may_sign_out(&other_cell, member, id(3)));
    assert!(
        !may_sign_out(&commune, member, id(3)),
        "not the roster's keeper"
    );
}

#[test]
fn only_a_committee_posts_notices_and_each_member_notes_their_own_reading() {
    let t = tree();
    let member = Principal::member(id(10), id(3), model::Role::Member, &t);
    let secretary = Principal::member(id(11), id(3), model::Role::Secretary, &t);
    let commune = Principal::member(id(12), id(2), model::Role::Secretary, &t);
    let k = EntityKind::Notice;
    let notice = map(json!({"title": "Họp chuyển sang hội trường", "urgent": true}));
    let post = Action::Insert { new: &notice };
    let o = Whose::Others;
    assert!(
        decide(&member, k, Some(id(3)), o, post).is_err(),
        "no member posts a notice"
    );
    assert!(decide(&member, k, Some(id(3)), Whose::Mine, post).is_err());
    assert!(decide(&secretary, k, Some(id(3)), o, post).is_ok());
    assert!(decide(&commune, k, Some(id(2)), o, post).is_ok());
    let fix = update(&["title"], &notice, &notice);
    assert!(
        decide(&secretary, k, Some(id(2)), o, fix).is_err(),
        "a cell does not change the commune's notice"
    );
    assert!(
        decide(&commune, k, Some(id(3)), o, post).is_err(),
        "the commune posts under its own unit, which the cells read"
    );
    assert!(member.may_read(k, Some(id(2))), "the commune's notices");
    assert!(member.may_read(k, Some(id(3))));
    assert!(!member.may_read(k, Some(id(4))), "not a sibling cell's");

    let r = EntityKind::NoticeRead;
    let read = map(json!({"read_at": 1}));
    let note = Action::Insert { new: &read };
    assert!(decide(&member, r, Some(id(3)), Whose::Mine, note).is_ok());
    assert!(
        decide(&member, r, Some(id(3)), o, note).is_err(),
        "not for another member"
    );
    assert!(
        commune.may_read(r, Some(id(3))),
        "the commune follows who read"
    );
    assert!(!member.may_read(r, Some(id(4))));
}
