//! A member moved to another unit: the record leaves the old unit's devices (`gone`), the
//! member's own device is told its view changed and reads the new unit; and the invites a
//! committee may make for its own members.

use super::*;
use sotay_core::model::Transfer;
use sotay_sync_protocol::PullResponse;

/// Everything after `cursor` as a device reads it: the page as the server sends it (its records'
/// fields as stored), read back as the protocol's `PullResponse` — which must be the engine's
/// parsed page, and print as the served page did.
fn pull_all<B: Backend>(e: &Engine<B>, d: &Device, cursor: i64) -> PullResponse {
    let wire = serde_json::to_string(&e.pull_page(d, cursor, 1_000).unwrap()).unwrap();
    let read: PullResponse = serde_json::from_str(&wire).unwrap();
    assert_eq!(read, e.pull(d, cursor, 1_000).unwrap());
    assert_eq!(
        serde_json::from_str::<Value>(&wire).unwrap(),
        serde_json::to_value(&read).unwrap(),
        "the served page has PullResponse's shape"
    );
    read
}

fn ids(page: &PullResponse) -> Vec<Uuid> {
    page.records
        .iter()
        .filter(|r| !r.deleted)
        .map(|r| r.id)
        .collect()
}

/// The device `d` as it is now on the server (its member's record read again).
fn again<B: Backend>(e: &Engine<B>, d: &Device) -> Device {
    Device {
        client_id: d.client_id,
        principal: e.principal_of(d.principal.member.unwrap()).unwrap(),
    }
}

fn a_transferred_member_leaves_the_old_cell_and_their_device_reads_the_new_one<B: Backend>(
    e: Engine<B>,
) {
    let t = tree(&e);
    let mover = device_of(&e, t.cell_a, Role::Member);
    let stayer = device_of(&e, t.cell_a, Role::Member);
    let newcomer_host = device_of(&e, t.cell_b, Role::Member);
    let commune = device_of(&e, t.commune, Role::Member);
    let me = mover.principal.member.unwrap();

    let before = pull_all(&e, &stayer, 0);
    assert!(ids(&before).contains(&me));
    let view_before = pull_all(&e, &mover, 0).view.unwrap();

    let transfer = Transfer::new(me, t.cell_a, t.cell_b, chrono::NaiveDate::MIN, None);
    let moved = Mutation {
        op: Op::Update,
        ..insert(
            2,
            "member",
            me,
            fields(json!({"unit_id": t.cell_b.to_string()})),
        )
    };
    assert_eq!(
        push(&e, &admin(), vec![create(1, &transfer), moved]),
        [MutationStatus::Applied, MutationStatus::Applied]
    );

    // The old cell's devices are told to forget the member, at the write that moved them.
    let after = pull_all(&e, &stayer, before.cursor);
    let gone: Vec<_> = after.records.iter().filter(|r| r.gone).collect();
    assert_eq!(gone.len(), 1, "{:?}", after.records);
    assert_eq!((gone[0].id, gone[0].deleted), (me, true));
    assert!(gone[0].fields.is_empty());
    assert!(
        !ids(&after).contains(&transfer.id),
        "the history is the new cell's"
    );

    // The member's device: another view, the new cell's records, none of the old one's.
    let mover = again(&e, &mover);
    let fresh = pull_all(&e, &mover, 0);
    assert_ne!(fresh.view.as_deref(), Some(view_before.as_str()));
    let reads = ids(&fresh);
    assert!(reads.contains(&t.doc_b) && reads.contains(&transfer.id) && reads.contains(&me));
    assert!(!reads.contains(&t.doc_a));
    assert!(fresh.records.iter().all(|r| !r.gone));

    // The new cell sees them arrive; the commune, which reads both, sees a move, not a loss.
    let host = pull_all(&e, &newcomer_host, 0);
    assert!(ids(&host).contains(&me) && ids(&host).contains(&transfer.id));
    let above = pull_all(&e, &commune, before.cursor);
    assert!(above.records.iter().all(|r| !r.gone));
    assert!(ids(&above).contains(&me));
}

fn a_move_is_not_split_between_two_pages<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let stayer = device_of(&e, t.cell_a, Role::Member);
    let commune = device_of(&e, t.commune, Role::Member);
    let cursors = (
        pull_all(&e, &stayer, 0).cursor,
        pull_all(&e, &commune, 0).cursor,
    );
    let doc = fixtures::document(t.cell_a, "Báo cáo");
    let admin = admin();
    push(&e, &admin, vec![create(1, &doc)]);
    let moved = Mutation {
        op: Op::Update,
        ..insert(
            2,
            "document",
            doc.id,
            fields(json!({"unit_id": t.cell_b.to_string()})),
        )
    };
    push(&e, &admin, vec![moved]);
    // Page by page, one at a time. The move's departure and the record share a sequence
    // number: a cursor between them would lose the record for a device that reads both cells.
    let pages = |d: &Device, mut at: i64| {
        let mut seen = Vec::new();
        loop {
            let page = e.pull(d, at, 1).unwrap();
            seen.extend(
                page.records
                    .iter()
                    .filter(|r| r.id == doc.id)
                    .map(|r| (r.id, r.gone)),
            );
            at = page.cursor;
            if !page.more {
                return seen;
            }
        }
    };
    assert_eq!(pages(&stayer, cursors.0), [(doc.id, true)]);
    assert_eq!(pages(&commune, cursors.1), [(doc.id, false)]);
}

fn a_committee_invites_its_own_members_devices_and_no_others<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let secretary = device_of(&e, t.cell_a, Role::Secretary);
    let member = device_of(&e, t.cell_a, Role::Member);
    let deputy = device_of(&e, t.cell_a, Role::DeputySecretary);
    let elsewhere = device_of(&e, t.cell_b, Role::Member);
    let who = |d: &Device| d.principal.member.unwrap();

    let code = e.invite_member(&secretary, who(&member)).unwrap();
    let phone = ClientId::new();
    let registered = e.register(&joining(&code, phone)).unwrap();
    assert_eq!(registered.member, Some(who(&member)));
    // Their own new device too.
    e.invite_member(&secretary, who(&secretary)).unwrap();

    let forbidden =
        |by: &Device, whom: Uuid| matches!(e.invite_member(by, whom), Err(ServerError::Forbidden));
    assert!(
        forbidden(&secretary, who(&deputy)),
        "offices at or above deputy"
    );
    assert!(forbidden(&secretary, who(&elsewhere)), "another cell");
    assert!(forbidden(&member, who(&member)), "a member invites no one");
    assert!(
        forbidden(&secretary, new_id()),
        "an unknown id is not told apart"
    );
    assert!(matches!(
        e.invite_member(&admin(), new_id()),
        Err(ServerError::UnknownMember(_))
    ));
    e.invite_member(&admin(), who(&deputy)).unwrap();
}

on_both_backends!(backend => super::engine;
    a_transferred_member_leaves_the_old_cell_and_their_device_reads_the_new_one,
    a_move_is_not_split_between_two_pages,
    a_committee_invites_its_own_members_devices_and_no_others,
);
