//! A seeded, shrinking simulation of sync (proptest): 4 to 10 clients with real stores and the
//! real engine on SQLite, devices of different roles (the administrator, the cell's secretary, and
//! members, one at least with two devices) whose writes the server allows or refuses by the rules
//! table, random edits (the same field, the same draft, the same roll call), the same facts
//! recorded on several devices at the same derived ids (absence notices and a roll call at a
//! meeting nobody has rows for yet, a document opened), pushes that are lost, whose answers are
//! lost, that arrive twice or late, pulls that are lost, random page sizes, clocks a day off. At
//! quiescence every replica is identical, every outbox is empty, every acknowledged value is the
//! final one or is accounted for (in the conflict log, or replaced by a write made on top of it),
//! and every refusal is one the rules table calls for (`oracle.rs`): a write the rules allow that
//! the server refused fails the simulation, and so does a write they forbid that it took.
//!
//! `PROPTEST_CASES` sets the number of cases; a failure prints the minimal sequence of steps and
//! proptest keeps its seed in `tests/simulation.proptest-regressions`, replayed first on every run.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failing test with a message

#[path = "simulation/cases.rs"]
mod cases;
#[path = "simulation/oracle.rs"]
mod oracle;
#[path = "simulation/run.rs"]
mod run;
#[path = "simulation/seed.rs"]
mod seed;
#[path = "simulation/steps.rs"]
mod steps;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::Value;
use sotay_core::access::Principal;
use sotay_core::id::new_id;
use sotay_core::model::*;
use sotay_core::{EntityKind, FieldMap};
use sotay_server::sqlite::SqliteBackend;
use sotay_server::{Backend, Device, Engine};
use sotay_store::{RemoteRecord, Store};
use sotay_sync_protocol::{Mutation, MutationStatus, Op, PushRequest, PushResponse, VERSION};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use steps::{Fault, Step, WORDS, scenario};
use uuid::Uuid;

const DAY: u64 = 24 * 3600 * 1000;

struct Client {
    store: Store,
    device: Device,
    /// Pushes already sent, to deliver again late.
    sent: Vec<PushRequest>,
}

struct World<B> {
    server: Engine<B>,
    clients: Vec<Client>,
    time: Arc<AtomicU64>,
    cell: Uuid,
    members: Vec<Uuid>,
    meeting: Uuid,
    /// A meeting with no attendance rows until a device writes one.
    second_meeting: Uuid,
    document: Uuid,
    resolution: Uuid,
    /// (client, mutation, status) of every push whose answer reached its client.
    acknowledged: Vec<(usize, Mutation, MutationStatus)>,
    /// What the rules table says of each mutation (by client and mutation id), judged when it
    /// first reached the server, on the records as they were then (`oracle::rules_allow`).
    verdicts: HashMap<(usize, i64), Option<bool>>,
    /// Every mutation the server received, answered or not, with the client that sent it: two
    /// devices of one member can make equal mutations (the same id in their own outboxes, the
    /// same record, value and clock reading), and one being delivered says nothing of the other.
    delivered: Vec<(usize, Mutation)>,
}

fn remote(r: &sotay_sync_protocol::PulledRecord) -> RemoteRecord {
    sotay_sync_client::to_remote(r).unwrap()
}

fn mutations(store: &Store) -> Vec<Mutation> {
    sotay_sync_client::pending_mutations(store).unwrap()
}

impl<B: Backend> World<B> {
    fn new(backend: B, n: usize) -> World<B> {
        let time = Arc::new(AtomicU64::new(
            u64::try_from(
                Utc.with_ymd_and_hms(2026, 3, 1, 1, 0, 0)
                    .unwrap()
                    .timestamp_millis(),
            )
            .unwrap(),
        ));
        let mut server = Engine::new(backend).unwrap();
        let t = time.clone();
        server.set_wall_clock(Arc::new(move || t.load(Ordering::SeqCst)));
        let clients = (0..n)
            .map(|i| {
                let mut store = Store::open_in_memory().unwrap();
                // Client 1's clock runs a day ahead, client 2's a day behind.
                let skew: i64 = match i {
                    1 => DAY as i64,
                    2 => -(DAY as i64),
                    _ => 0,
                };
                let t = time.clone();
                store.set_wall_clock(Arc::new(move || {
                    t.load(Ordering::SeqCst).saturating_add_signed(skew)
                }));
                // Client 0 is the administrator, who sets the cell up; the others get their
                // member's role once the roster is on the server (`seed`).
                let device = Device {
                    client_id: store.client_id(),
                    principal: if i == 0 {
                        Principal::administrator()
                    } else {
                        Principal::nobody()
                    },
                };
                Client {
                    store,
                    device,
                    sent: Vec::new(),
                }
            })
            .collect();
        let mut world = World {
            server,
            clients,
            time,
            cell: new_id(),
            members: (0..3).map(|_| new_id()).collect(),
            meeting: new_id(),
            second_meeting: new_id(),
            document: new_id(),
            resolution: new_id(),
            acknowledged: Vec::new(),
            verdicts: HashMap::new(),
            delivered: Vec::new(),
        };
        world.seed();
        world
    }

    /// The member client `c` belongs to: client 1 is the secretary's, the others are two members'
    /// by pairs (clients 2 and 3 are one member's phone and laptop, 4 and 5 the other's, 6 and 7
    /// the first's again…). The administrator's is nobody's.
    fn member_of(&self, c: usize) -> Option<Uuid> {
        match c {
            0 => None,
            1 => Some(self.members[0]),
            _ => Some(self.members[2 - (c / 2) % 2]),
        }
    }

    fn push(&mut self, c: usize, fault: &Fault) {
        let muts = mutations(&self.clients[c].store);
        if muts.is_empty() {
            return;
        }
        let req = PushRequest {
            version: VERSION,
            client_id: self.clients[c].device.client_id,
            mutations: muts,
        };
        self.clients[c].sent.push(req.clone());
        if matches!(fault, Fault::LoseRequest) {
            return;
        }
        self.judge(c, &req);
        let resp = self.server.push(&self.clients[c].device, &req).unwrap();
        self.delivered
            .extend(req.mutations.iter().map(|m| (c, m.clone())));
        let resp = if matches!(fault, Fault::Twice) {
            // Delivered twice: no second effect. What was applied is a duplicate now; what was
            // refused is refused again, for the same reason (the first answer may be lost).
            let again = self.server.push(&self.clients[c].device, &req).unwrap();
            for (first, second) in resp.results.iter().zip(&again.results) {
                let expected = match &first.status {
                    MutationStatus::Rejected(_) => first.status.clone(),
                    _ => MutationStatus::Duplicate,
                };
                assert_eq!(second.status, expected, "mutation {}", first.id);
            }
            assert_eq!(again.last_mutation_id, resp.last_mutation_id);
            resp
        } else {
            resp
        };
        if matches!(fault, Fault::LoseResponse) {
            return;
        }
        self.receive(c, &req, &resp);
    }

    fn receive(&mut self, c: usize, req: &PushRequest, resp: &PushResponse) {
        for (m, r) in req.mutations.iter().zip(&resp.results) {
            assert_eq!(m.id, r.id);
            if r.status != MutationStatus::Duplicate {
                self.acknowledged.push((c, m.clone(), r.status.clone()));
            }
        }
        let records: Vec<RemoteRecord> = resp.records.iter().map(remote).collect();
        let refused = sotay_sync_client::refusals(&resp.results);
        self.clients[c]
            .store
            .acknowledge_push(resp.last_mutation_id, &records, &refused)
            .unwrap();
    }

    /// Asks the rules table about each mutation of `req` the server has not had from client `c`
    /// yet, on the records as the server holds them now, just before they arrive. A record the
    /// push writes twice is judged at its first mutation only: the second meets what the first
    /// made of it.
    fn judge(&mut self, c: usize, req: &PushRequest) {
        let new: Vec<&Mutation> = req
            .mutations
            .iter()
            .filter(|m| !self.verdicts.contains_key(&(c, m.id)))
            .collect();
        let held = self
            .server
            .backend()
            .transact(|tx| {
                new.iter()
                    .map(|m| tx.record(m.entity_id))
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        let mut seen = HashSet::new();
        for (m, held) in new.into_iter().zip(held) {
            let verdict = seen.insert(m.entity_id).then(|| {
                let principal = &self.clients[c].device.principal;
                oracle::rules_allow(principal, self.cell, m, held.as_ref())
            });
            self.verdicts.insert((c, m.id), verdict.flatten());
        }
    }

    fn pull(&mut self, c: usize, page: u32, lose: bool) {
        let cursor = self.clients[c].store.sync_cursor().unwrap();
        let resp = self
            .server
            .pull(&self.clients[c].device, cursor, page)
            .unwrap();
        if lose {
            return;
        }
        let records: Vec<RemoteRecord> = resp.records.iter().map(remote).collect();
        self.clients[c]
            .store
            .apply_pulled(&records, resp.cursor)
            .unwrap();
    }

    /// Every client pushes everything and pulls everything, twice around, with no faults.
    fn quiesce(&mut self) {
        for _ in 0..2 {
            for c in 0..self.clients.len() {
                while self.clients[c].store.pending_changes().unwrap() > 0 {
                    self.push(c, &Fault::None);
                }
                loop {
                    let before = self.clients[c].store.sync_cursor().unwrap();
                    self.pull(c, 1000, false);
                    if self.clients[c].store.sync_cursor().unwrap() == before {
                        break;
                    }
                }
            }
        }
    }

    fn check(&mut self) {
        self.quiesce();
        let first = self.clients[0].store.snapshot().unwrap();
        for (i, c) in self.clients.iter().enumerate() {
            assert_eq!(
                c.store.pending_changes().unwrap(),
                0,
                "client {i} outbox not empty"
            );
            let other = c.store.snapshot().unwrap();
            if let Some((a, b)) = first.iter().zip(&other).find(|(a, b)| a != b) {
                panic!("client {i} differs from client 0:\n  0: {a:?}\n  {i}: {b:?}");
            }
            assert_eq!(
                first.len(),
                other.len(),
                "client {i} holds a different number of records"
            );
        }
        self.check_acknowledged(&first);
        self.check_refusals(&first);
    }

    /// Every answer is the one the rules table calls for: no write it allows was refused as
    /// forbidden, none it forbids was taken, and every other refusal is accounted for.
    fn check_refusals(&self, snapshot: &[(EntityKind, String, FieldMap)]) {
        let live: HashSet<&str> = snapshot.iter().map(|(_, id, _)| id.as_str()).collect();
        let conflicts: Vec<&FieldMap> = snapshot
            .iter()
            .filter(|(k, ..)| *k == EntityKind::Conflict)
            .map(|(.., f)| f)
            .collect();
        for (c, m, status) in &self.acknowledged {
            let verdict = self.verdicts.get(&(*c, m.id)).copied().flatten();
            let is_live = live.contains(m.entity_id.to_string().as_str());
            oracle::check_answer(m, status, verdict, is_live, &conflicts);
        }
    }

    /// Every acknowledged short-field value is final, in the conflict log, or was edited over.
    fn check_acknowledged(&self, snapshot: &[(EntityKind, String, FieldMap)]) {
        let records: BTreeMap<&str, (&EntityKind, &FieldMap)> = snapshot
            .iter()
            .map(|(k, id, f)| (id.as_str(), (k, f)))
            .collect();
        let conflicts: Vec<&FieldMap> = snapshot
            .iter()
            .filter(|(k, ..)| *k == EntityKind::Conflict)
            .map(|(.., f)| f)
            .collect();
        for (_, m, status) in &self.acknowledged {
            // A refusal is `check_refusals`'s to account for, by the rules table.
            if matches!(status, MutationStatus::Rejected(_)) || m.op == Op::Delete {
                continue;
            }
            let key = m.entity_id.to_string();
            let Some((kind, fields)) = records.get(key.as_str()) else {
                // Deleted since: deletes win, and the record is gone everywhere.
                continue;
            };
            for (name, value) in &m.fields {
                let field = kind.field(name).unwrap();
                if field.merge_rule() == sotay_core::MergeRule::ThreeWayText {
                    continue; // merged texts are checked by the end-to-end tests
                }
                if fields.get(name) == Some(value) {
                    continue;
                }
                let logged = conflicts.iter().any(|c| {
                    c["record_id"] == Value::String(key.clone())
                        && c["field"] == Value::String(name.clone())
                        && c["lost"] == Value::String(value.to_string())
                });
                let edited_over = self.delivered.iter().any(|(_, m2)| {
                    m2.entity_id == m.entity_id
                        && m2.base.as_ref().and_then(|b| b.get(name)) == Some(value)
                });
                assert!(
                    logged || edited_over,
                    "{kind} {key}.{name} = {value} was acknowledged, is not final ({:?}), and is nowhere in the conflict log",
                    fields.get(name)
                );
            }
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_000)
}

fn simulate<B: Backend>(backend: B, n: usize, steps: &[Step]) {
    let mut world = World::new(backend, n);
    for s in steps {
        world.run(s);
    }
    world.check();
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 2_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/simulation.proptest-regressions"))),
        .. ProptestConfig::default()
    })]

    #[test]
    fn replicas_converge_and_nothing_acknowledged_is_lost((n, steps) in scenario()) {
        simulate(SqliteBackend::open_in_memory().unwrap(), n, &steps);
    }
}

proptest! {
    // Each PostgreSQL case makes a schema of its own: fewer cases, the same properties.
    #![proptest_config(ProptestConfig {
        cases: (cases() / 20).max(20),
        max_shrink_iters: 500,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/simulation.proptest-regressions"))),
        .. ProptestConfig::default()
    })]

    #[test]
    fn on_postgresql_replicas_converge_and_nothing_acknowledged_is_lost((n, steps) in scenario()) {
        if let Some(backend) = sotay_test_support::postgres::fresh_schema() {
            simulate(backend, n, &steps);
        }
    }
}
