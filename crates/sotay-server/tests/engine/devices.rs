//! The device's side of a merged insert: a member's phone and laptop, real stores, write the same
//! facts offline (an absence notice, a document opened); each syncs, and neither is told that its
//! change was not accepted — both end on the server's record, with the value not kept in the
//! conflict log.

use super::*;
use sotay_core::model::{Attendance, AttendanceStatus, DocumentOpened};
use sotay_store::{RemoteRecord, Store};
use std::sync::atomic::{AtomicU64, Ordering};

/// A device with a store of its own, on a clock the test moves.
struct Installed {
    store: Store,
    device: Device,
    clock: Arc<AtomicU64>,
}

impl Installed {
    fn new(principal: &Principal) -> Installed {
        let mut store = Store::open_in_memory().unwrap();
        let clock = Arc::new(AtomicU64::new(NOW));
        let c = clock.clone();
        store.set_wall_clock(Arc::new(move || c.load(Ordering::SeqCst)));
        Installed {
            device: Device {
                client_id: store.client_id(),
                principal: principal.clone(),
            },
            store,
            clock,
        }
    }

    /// Writes with the device's clock at `at`: after what it pulled (the server's clocks, which
    /// its own has observed), or the write's clock would not follow its wall clock.
    fn write_at(
        &mut self,
        at: u64,
        f: impl FnOnce(&mut sotay_store::Writer) -> sotay_store::Result<()>,
    ) {
        self.clock.store(at, Ordering::SeqCst);
        self.store.write(f).unwrap();
    }

    /// Pushes the outbox and takes the answer as the sync client does, then pulls everything.
    fn sync<B: Backend>(&mut self, e: &Engine<B>) -> Vec<MutationStatus> {
        let mutations = sotay_sync_client::pending_mutations(&self.store).unwrap();
        let mut statuses = Vec::new();
        if !mutations.is_empty() {
            let resp = answer(e, &self.device, mutations);
            let records: Vec<RemoteRecord> = resp
                .records
                .iter()
                .map(|r| sotay_sync_client::to_remote(r).unwrap())
                .collect();
            let refused = sotay_sync_client::refusals(&resp.results);
            self.store
                .acknowledge_push(resp.last_mutation_id, &records, &refused)
                .unwrap();
            statuses = resp.results.into_iter().map(|r| r.status).collect();
        }
        loop {
            let cursor = self.store.sync_cursor().unwrap();
            let page = e.pull(&self.device, cursor, 1000).unwrap();
            let records: Vec<RemoteRecord> = page
                .records
                .iter()
                .map(|r| sotay_sync_client::to_remote(r).unwrap())
                .collect();
            self.store.apply_pulled(&records, page.cursor).unwrap();
            if !page.more {
                return statuses;
            }
        }
    }
}

fn a_member_s_second_device_is_told_of_a_merge_not_a_refusal<B: Backend>(e: Engine<B>) {
    let t = tree(&e);
    let member = device_of(&e, t.cell_a, Role::Member);
    let me = member.principal.member.unwrap();
    let meeting = fixtures::meeting(t.cell_a, "Sinh hoạt thường kỳ tháng 3");
    assert_eq!(
        push(&e, &admin(), vec![create(1, &meeting)]),
        [MutationStatus::Applied]
    );
    let mut phone = Installed::new(&member.principal);
    let mut laptop = Installed::new(&member.principal);
    phone.sync(&e);
    laptop.sync(&e);

    // Offline: the laptop says first why they cannot come, the phone a minute later; the phone
    // opens the directive, and the laptop opens it again later.
    let notice = |reason: &str| {
        Attendance::new(
            meeting.id,
            me,
            AttendanceStatus::AbsentWithReason,
            Some(reason.into()),
        )
    };
    let opened = |w: &mut sotay_store::Writer| {
        let o = DocumentOpened::new(t.directive, me, t.cell_a, w.now());
        w.insert(&o)
    };
    laptop.write_at(NOW + 10_000, |w| w.put(&notice("Ốm")));
    phone.write_at(NOW + 60_000, |w| w.put(&notice("Đi công tác")));
    phone.write_at(NOW + 70_000, opened);
    laptop.write_at(NOW + 110_000, opened);

    let applied = phone.sync(&e);
    let merged = laptop.sync(&e);
    phone.sync(&e);

    for (name, d) in [("laptop", &laptop), ("phone", &phone)] {
        assert!(
            d.store.rejections(true, 10).unwrap().is_empty(),
            "{name} was told a change was not accepted"
        );
        assert_eq!(d.store.pending_changes().unwrap(), 0, "{name}");
        let a: Attendance = d.store.require(notice("").id).unwrap();
        assert_eq!(a.reason.as_deref(), Some("Đi công tác"), "{name}");
        let o: DocumentOpened = d
            .store
            .require(DocumentOpened::id_for(t.directive, me))
            .unwrap();
        assert_eq!(
            o.opened_at.timestamp_millis(),
            i64::try_from(NOW + 70_000).unwrap(),
            "{name}"
        );
        let mut logged: Vec<(String, String)> = d
            .store
            .conflicts(true, 10)
            .unwrap()
            .into_iter()
            .map(|c| (c.field, c.lost))
            .collect();
        logged.sort();
        assert_eq!(
            logged,
            [
                ("opened_at".to_owned(), (NOW + 110_000).to_string()),
                ("reason".to_owned(), json!("Ốm").to_string()),
            ],
            "{name}"
        );
    }
    assert_eq!(
        phone.store.snapshot().unwrap(),
        laptop.store.snapshot().unwrap()
    );
    assert_eq!(applied, [MutationStatus::Applied, MutationStatus::Applied]);
    assert_eq!(merged, [MutationStatus::Merged, MutationStatus::Merged]);
}

on_both_backends!(backend => super::engine;
    a_member_s_second_device_is_told_of_a_merge_not_a_refusal,
);
