//! Simulations written out step by step: cases the random ones found, and the issues they cover.

use super::*;

/// Found by CI: two devices of one member (clients 4 and 5 now; 3 and 5 when it was found) record
/// the same absence at the same clock reading, so their first mutations are equal. The second
/// device's push is lost and comes late: that is its first delivery, not a duplicate, even though
/// an equal mutation from the other device already arrived.
#[test]
fn equal_mutations_from_two_devices_of_one_member_are_two_deliveries() {
    simulate(
        SqliteBackend::open_in_memory().unwrap(),
        6,
        &[
            Step::Attend {
                c: 4,
                member: 2,
                present: false,
            },
            Step::Attend {
                c: 5,
                member: 2,
                present: false,
            },
            Step::Push {
                c: 4,
                fault: Fault::None,
            },
            Step::Push {
                c: 5,
                fault: Fault::LoseRequest,
            },
            Step::Replay { c: 5, pick: 0 },
        ],
    );
}

/// Issue 26: a member's phone and laptop (clients 2 and 3) each send "I cannot come" to a meeting
/// nobody has rows for yet, with different reasons, and each open the same document; another
/// member's phone (client 4) says so after the roll call recorded them present. Each second
/// insert of a row was refused as forbidden, and the simulation counted that as accounted for.
#[test]
fn two_devices_of_one_member_record_the_same_facts() {
    let notice = |c: usize, absent: bool, word: usize| Step::Notice { c, absent, word };
    let push = |c: usize| Step::Push {
        c,
        fault: Fault::None,
    };
    let steps = [
        notice(2, true, 0),
        notice(3, true, 1),
        Step::Open { c: 2 },
        Step::Tick { ms: 1_000 },
        Step::Open { c: 3 },
        push(2),
        push(3),
        // The administrator's roll call: members[2 % 3], clients 4 and 5's member, came.
        notice(0, false, 2),
        push(0),
        Step::Tick { ms: 1_000 },
        notice(4, true, 3),
        push(4),
    ];
    let mut world = World::new(SqliteBackend::open_in_memory().unwrap(), 6);
    for s in &steps {
        world.run(s);
    }
    world.check();
    let answered: Vec<(usize, &MutationStatus)> = world
        .acknowledged
        .iter()
        .filter(|(c, ..)| (2..=4).contains(c))
        .map(|(c, _, status)| (*c, status))
        .collect();
    assert_eq!(answered.len(), 5, "{answered:?}");
    assert!(
        answered
            .iter()
            .all(|(_, s)| !matches!(s, MutationStatus::Rejected(_))),
        "{answered:?}"
    );
    let roll: Attendance = world.clients[5]
        .store
        .require(Attendance::id_for(world.second_meeting, world.members[2]))
        .unwrap();
    assert_eq!(
        roll.status,
        AttendanceStatus::Present,
        "the roll call stands"
    );
}

#[test]
fn concurrent_edits_of_one_draft_merge_and_the_same_field_is_logged() {
    let mut world = World::new(SqliteBackend::open_in_memory().unwrap(), 3);
    world.run(&Step::EditDraft {
        c: 0,
        line: 0,
        word: 0,
    });
    // The administrator and the secretary write offline.
    world.run(&Step::EditDraft {
        c: 1,
        line: 2,
        word: 1,
    });
    world.run(&Step::SetTopic { c: 0, word: 2 });
    world.run(&Step::SetTopic { c: 1, word: 3 });
    world.check();
    let r: Resolution = world.clients[2].store.require(world.resolution).unwrap();
    assert_eq!(
        r.draft,
        "1. Đẩy mạnh đoàn kết.\n2. Thu đảng phí.\n3. Đẩy mạnh nông thôn mới."
    );
    let snapshot = world.clients[0].store.snapshot().unwrap();
    let logged: Vec<&FieldMap> = snapshot
        .iter()
        .filter(|(k, ..)| *k == EntityKind::Conflict)
        .map(|(_, _, f)| f)
        .collect();
    assert_eq!(
        logged.len(),
        1,
        "the topic written twice: one value kept, one logged"
    );
    assert_eq!(logged[0]["field"], "topic");
}
