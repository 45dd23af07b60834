//! The push half of a round: the outbox sent in batches, oldest first, each acknowledged in the
//! store once the server has answered it.
//!
//! The requests go strictly one after another (the server skips any mutation at or below the
//! last one it applied from this client, so with two pushes in flight, the later arriving first
//! would make the earlier one's changes look like duplicates), but the device does not wait idle
//! while the server works: a thread sends each batch the moment the answer to the one before
//! arrives, and meanwhile the round's own thread reads and compresses the batch after it and
//! writes the last answer into the store. That work used to take turns with the server's; a
//! district's first push went about a tenth faster with it overlapped.
//!
//! A change is only forgotten once its answer is in: a batch sent but not answered (the network
//! failed, the round stopped) stays in the outbox and goes again in the next round, where the
//! server recognises what it already applied by the mutation ids.

use crate::wire::{self, Wire};
use crate::{Report, SyncError, millis, refusals, to_remote};
use sotay_store::{OutboxEntry, RemoteRecord, Store};
use sotay_sync_protocol::{MAX_PUSH, Mutation, PUSH_BYTES, PushRequest, PushResponse, VERSION};
use std::sync::mpsc;
use std::time::Instant;

/// A batch ready to go: its request body, compressed, and what the round needs to know of it.
struct Batch {
    body: Vec<u8>,
    mutations: usize,
    last_id: i64,
}

/// What the sending thread hands back for a batch: the server's answer, or why there is none,
/// with the round's bytes received so far.
type Answered = (Result<PushResponse, SyncError>, u64);

/// The most mutations a push to a server from before `MAX_PUSH` grew may carry.
const OLDER_MAX_PUSH: u32 = 2_000;

/// `MAX_PUSH` as the outbox counts (checked when this is compiled, so no fallback is needed).
pub(crate) const PUSH_LIMIT: u32 = {
    assert!(MAX_PUSH <= u32::MAX as usize);
    MAX_PUSH as u32
};

/// Pushes everything in the outbox, as it stands and as it grows while the push runs.
pub(crate) fn push(
    store: &mut Store,
    wire: &mut Wire,
    at: (&str, &str),
    report: &mut Report,
    progress: &mut impl FnMut(&Report),
) -> Result<(), SyncError> {
    match push_in_batches(store, wire, at, report, progress, PUSH_LIMIT) {
        // A server from before refuses a push of more than it takes as a protocol error: what
        // went before was acknowledged, and the rest goes in the batches it takes.
        Err(SyncError::Refused { kind, .. })
            if kind == "protocol" && PUSH_LIMIT > OLDER_MAX_PUSH =>
        {
            push_in_batches(store, wire, at, report, progress, OLDER_MAX_PUSH)
        }
        done => done,
    }
}

/// Pushes the outbox in batches of at most `limit` mutations.
fn push_in_batches(
    store: &mut Store,
    wire: &mut Wire,
    (server, token): (&str, &str),
    report: &mut Report,
    progress: &mut impl FnMut(&Report),
    limit: u32,
) -> Result<(), SyncError> {
    let started = Instant::now();
    let url = format!("{server}/v1/push");
    let Some(first) = prepare(store, 0, limit)? else {
        return Ok(());
    };
    std::thread::scope(|scope| {
        // A rendezvous: the sending thread takes the next batch only when it has the answer to
        // the one before, so one request at a time is ever in flight.
        let (to_send, batches) = mpsc::sync_channel::<Vec<u8>>(0);
        let (answered, answers) = mpsc::channel::<Answered>();
        scope.spawn(move || {
            for body in batches {
                let answer = wire.post::<PushResponse>(&url, token, &body);
                let failed = answer.is_err();
                // After a failure nothing more is sent: the batches after it wait for the next
                // round, behind it.
                if answered.send((answer, wire.received)).is_err() || failed {
                    return;
                }
            }
        });
        let mut next = Some(first);
        // Batches sent and not yet answered, oldest first: at most two (one at the server, one
        // handed over and waiting for its answer).
        let mut sent = std::collections::VecDeque::new();
        loop {
            if let Some(batch) = next.take() {
                let after = batch.last_id;
                let size = batch.body.len() as u64;
                // Fails only when the sending thread stopped after a failure, reported below.
                if to_send.send(batch.body).is_ok() {
                    report.push_bytes += size;
                    sent.push_back(batch.mutations);
                    next = prepare(store, after, limit)?;
                }
            }
            let Some(mutations) = sent.pop_front() else {
                store.checkpoint()?;
                report.push_ms = millis(started);
                return Ok(());
            };
            let Ok((answer, received)) = answers.recv() else {
                return Err(SyncError::Offline("the push stopped unanswered".into()));
            };
            acknowledge(store, answer?)?;
            report.pushed += mutations;
            report.push_answer_bytes = received;
            report.push_ms = millis(started);
            progress(report);
        }
    })
}

/// The batch after mutation `after`, read and compressed; `None` when nothing is left.
fn prepare(store: &Store, after: i64, limit: u32) -> Result<Option<Batch>, SyncError> {
    let mutations = pending_after(store, after, limit)?;
    let Some(last) = mutations.last() else {
        return Ok(None);
    };
    let last_id = last.id;
    let count = mutations.len();
    let body = wire::encode(&PushRequest {
        version: VERSION,
        client_id: store.client_id(),
        mutations,
    })?;
    Ok(Some(Batch {
        body,
        mutations: count,
        last_id,
    }))
}

/// The server's answer written into the store: its records' merged state, the changes it refused,
/// and the outbox forgotten up to the last mutation it processed.
fn acknowledge(store: &mut Store, resp: PushResponse) -> Result<(), SyncError> {
    let records: Vec<RemoteRecord> = resp.records.iter().filter_map(to_remote).collect();
    let refused = refusals(&resp.results);
    store.acknowledge_push(resp.last_mutation_id, &records, &refused)?;
    Ok(())
}

/// The oldest pending changes after mutation `after` (0: from the first), at most `limit` and a
/// push's bytes, as protocol mutations.
pub fn pending_after(store: &Store, after: i64, limit: u32) -> Result<Vec<Mutation>, SyncError> {
    let entries = store.outbox_after(after, limit, PUSH_BYTES)?;
    Ok(entries.into_iter().map(mutation).collect())
}

fn mutation(e: OutboxEntry) -> Mutation {
    Mutation {
        id: e.mutation_id,
        entity: e.entity.as_str().to_owned(),
        entity_id: e.entity_id,
        op: e.op,
        fields: e.fields,
        base: e.base,
        hlc: e.hlc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SERVER, TOKEN};
    use flate2::read::GzDecoder;
    use sotay_core::fixtures::{cell, document, member};
    use sotay_core::model::LONG_TEXT_MAX;
    use sotay_sync_protocol::{MutationResult, MutationStatus};
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    /// What a test server answers to a push, from its place in the round and its mutations'
    /// count: `None` to apply it, or a status and a `{kind, message}` body.
    type Answer = fn(usize, usize) -> Option<(&'static str, &'static str)>;

    const BUSY: (&str, &str) = (
        "503 Service Unavailable",
        r#"{"kind":"busy","message":"the server is busy"}"#,
    );

    /// A server that answers pushes as `answer` says, handing back the mutation ids of each push
    /// it was sent.
    fn serving(answer: Answer) -> (String, std::thread::JoinHandle<Vec<Vec<i64>>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served = std::thread::spawn(move || {
            let mut pushes = Vec::new();
            // One connection, kept alive, is what the round uses; it ends when the client
            // closes it.
            let (conn, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(conn.try_clone().unwrap());
            let mut conn = conn;
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap() == 0 {
                        return pushes;
                    }
                    let line = line.trim_end().to_ascii_lowercase();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("content-length:") {
                        length = Some(n.trim().parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; length.unwrap()];
                reader.read_exact(&mut body).unwrap();
                let mut json = Vec::new();
                GzDecoder::new(&body[..]).read_to_end(&mut json).unwrap();
                let req: PushRequest = serde_json::from_slice(&json).unwrap();
                let ids: Vec<i64> = req.mutations.iter().map(|m| m.id).collect();
                let (status, body) = match answer(pushes.len(), ids.len()) {
                    Some((status, body)) => (status, body.to_owned()),
                    None => {
                        let resp = PushResponse {
                            results: ids
                                .iter()
                                .map(|&id| MutationResult {
                                    id,
                                    status: MutationStatus::Applied,
                                    clamped: false,
                                })
                                .collect(),
                            last_mutation_id: *ids.last().unwrap(),
                            records: Vec::new(),
                        };
                        ("200 OK", serde_json::to_string(&resp).unwrap())
                    }
                };
                pushes.push(ids);
                write!(
                    conn,
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                )
                .unwrap();
            }
        });
        (url, served)
    }

    /// The mutation ids in the outbox, oldest first.
    fn waiting(store: &Store) -> Vec<i64> {
        let entries = store.outbox(u32::MAX).unwrap();
        entries.iter().map(|e| e.mutation_id).collect()
    }

    /// The next batch is read and sent while the one before is at the server, but only once it
    /// is answered: when a push fails, the batches after it are not sent, the batch answered
    /// before it is forgotten, and everything from the failed one on waits for the next round,
    /// in order.
    #[test]
    fn a_failed_push_stops_the_batches_behind_it_and_loses_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let unit = cell("Chi bộ 1");
        // Long documents: three pushes' worth and more at the byte budget of a push.
        let long = "Nội dung. ".repeat(LONG_TEXT_MAX / 12);
        let documents = PUSH_BYTES * 3 / long.len() + 1;
        store
            .write(|w| {
                w.insert(&unit)?;
                for n in 0..documents {
                    let mut d = document(unit.id, &format!("Văn bản {n}"));
                    d.body.clone_from(&long);
                    w.insert(&d)?;
                }
                Ok(())
            })
            .unwrap();
        let all = waiting(&store);
        let (url, served) = serving(|n, _| (n > 0).then_some(BUSY));
        store
            .write(|w| {
                w.set_local(SERVER, &url)?;
                w.set_local(TOKEN, "sotay_token")
            })
            .unwrap();

        let err = crate::sync_once(&mut store).unwrap_err();
        assert!(
            matches!(&err, SyncError::Offline(m) if m.contains("busy")),
            "{err}"
        );
        // The round is over and its connection closed: the server has seen all it will.
        let pushes = served.join().unwrap();

        assert_eq!(pushes.len(), 2, "nothing is sent after a failed push");
        let (first, failed) = (&pushes[0], &pushes[1]);
        assert!(first.len() > 1 && failed.len() > 1, "{pushes:?}");
        assert_eq!(first[..], all[..first.len()]);
        assert_eq!(failed[..], all[first.len()..first.len() + failed.len()]);
        // The answered batch is gone from the outbox; the failed one goes first next time.
        assert_eq!(waiting(&store)[..], all[first.len()..]);
        assert_eq!(pending_after(&store, 0, 1).unwrap()[0].id, failed[0]);
    }

    /// A server from before takes at most 2,000 mutations a push and refuses more as a protocol
    /// error: the round goes on in batches it takes, and nothing is lost or sent twice.
    #[test]
    fn a_server_that_takes_smaller_pushes_gets_them() {
        let mut store = Store::open_in_memory().unwrap();
        let unit = cell("Chi bộ 1");
        store
            .write(|w| {
                w.insert(&unit)?;
                for n in 0..2_500 {
                    w.insert(&member(unit.id, &format!("Đảng viên {n}")))?;
                }
                Ok(())
            })
            .unwrap();
        let (url, served) = serving(|_, count| {
            (count > 2_000).then_some((
                "400 Bad Request",
                r#"{"kind":"protocol","message":"a push carries at most 2000 mutations"}"#,
            ))
        });
        let mut report = Report::default();
        let mut wire = Wire::new().unwrap();
        push(
            &mut store,
            &mut wire,
            (&url, "sotay_token"),
            &mut report,
            &mut |_| {},
        )
        .unwrap();
        drop(wire);
        let pushes = served.join().unwrap();

        assert_eq!(
            pushes.iter().map(Vec::len).collect::<Vec<_>>(),
            [2_501, 2_000, 501]
        );
        assert_eq!(pushes[1..].concat(), pushes[0]);
        assert_eq!(report.pushed, 2_501);
        assert_eq!(store.pending_changes().unwrap(), 0);
    }
}
