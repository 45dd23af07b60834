//! The sync client: connects a store to a server with an invite, then pushes the outbox and pulls
//! the server's changes, one round at a time or in a background loop that copes with a server
//! unreachable for days.
//!
//! The order of a round is push, then pull: the push answer brings the merged state of what was
//! pushed, and the pull brings everyone else's changes after the store's cursor, a page per local
//! transaction.

use serde::Serialize;
use sotay_core::{EntityKind, ErrorKind};
use sotay_store::{Refusal, RemoteRecord, Store, StoreError};
use sotay_sync_protocol::{
    ApiError, Mutation, MutationResult, MutationStatus, PulledRecord, RejectReason,
};
use std::time::Instant;

mod account;
pub mod admin;
mod background;
mod calendar;
mod devices;
mod files;
mod hello;
mod join;
mod lock;
mod pull;
mod push;
mod report;
mod retry;
mod tls;
mod wire;

pub use account::{set_password, sign_in};
pub use background::{Activity, Signal, backoff, run};
pub use calendar::{renew_calendar_feed, revoke_calendar_feed};
pub use devices::{device_name, devices, revoke_device};
use hello::{hello as check_server, server_address};
use join::remember;
pub use join::{connect, invite_member};
pub use lock::{DEFAULT_OFFLINE_DAYS, LockReason, lock_due, locked, observe as observe_clock};
pub use report::server_report;
pub use sotay_sync_protocol::DeviceInfo;
pub use tls::CA_FILE_ENV;
use uuid::Uuid;

const SERVER: &str = "sync_server";
const TOKEN: &str = "sync_token";
/// The member the server bound this device to when it registered.
const MEMBER: &str = "sync_member";
const LAST_SYNC: &str = "sync_last";
/// The server's fingerprint of what this device may read, as of the last pull.
const VIEW: &str = "sync_view";
/// The server database's epoch as of the last pull: another means it was restored from a backup.
const EPOCH: &str = "sync_epoch";
/// Records asked for a pull page: the server's largest, so a first pull commits as few times as
/// it can (each commit rewrites the B-tree pages it touched and flushes the search index).
const PAGE: u32 = sotay_sync_protocol::MAX_PAGE;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the server cannot be reached ({0}); your changes are kept and will be sent later")]
    Offline(String),
    #[error(
        "this device is not connected to a server; run `sotay connect --server URL --invite CODE`"
    )]
    NotConnected,
    #[error("this store holds demo data, which must not go to a real server; use a new store")]
    DemoStore,
    #[error("the server refused: {message}")]
    Refused {
        status: u16,
        /// The server's kind, as it wrote it: [`SyncError::kind`] reads it as an [`ErrorKind`].
        kind: String,
        message: String,
    },
    #[error("the server's answer could not be read: {0}")]
    BadResponse(String),
    #[error("{0:?} is not a server address: write it as http://HOST:PORT or https://HOST")]
    BadUrl(String),
    #[error(
        "nothing answers at {url} ({reason}): check the address, and that `sotay serve` runs there"
    )]
    NoServer { url: String, reason: String },
    #[error("{url} is not a Sotay server ({what}): check the address and the port")]
    NotSotay { url: String, what: String },
    #[error(
        "{0} is plain http:// to another computer: what the device sends would cross the network \
         unencrypted; use the server's https:// address (plain http:// is only for this computer)"
    )]
    PlainHttp(String),
    #[error(
        "the server at {url} showed a certificate this device does not trust ({reason}): if your \
         commune runs its own certificate authority, give its certificate file as SOTAY_CA_FILE"
    )]
    Untrusted { url: String, reason: String },
    #[error("cannot use the certificate authority file {path}: {reason}")]
    BadCaFile { path: String, reason: String },
    #[error(
        "this device is locked: it has not reached the server for too long, or its session \
         expired; sign in again (`sotay sign-in`)"
    )]
    Locked(LockReason),
    #[error(
        "this device was signed out; the data it held has been erased (`sotay sync` lists the \
         changes it had not sent); join again with an invite or sign in"
    )]
    Revoked { unsent: usize },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    /// A stable code for the `{kind, message}` error shape. A refusal keeps the server's kind;
    /// one this version does not know (a newer server's) is [`ErrorKind::Refused`], its message
    /// still the server's words.
    pub fn kind(&self) -> ErrorKind {
        match self {
            SyncError::Offline(_) => ErrorKind::Offline,
            SyncError::NotConnected => ErrorKind::NotConnected,
            SyncError::DemoStore => ErrorKind::DemoStore,
            SyncError::Refused { kind, .. } => kind.parse().unwrap_or(ErrorKind::Refused),
            SyncError::BadResponse(_) => ErrorKind::BadResponse,
            SyncError::BadUrl(_) => ErrorKind::BadServerUrl,
            SyncError::NoServer { .. } => ErrorKind::NoServer,
            SyncError::NotSotay { .. } => ErrorKind::NotSotay,
            SyncError::PlainHttp(_) => ErrorKind::PlainHttp,
            SyncError::Untrusted { .. } => ErrorKind::UntrustedCertificate,
            SyncError::BadCaFile { .. } => ErrorKind::BadCaFile,
            SyncError::Locked(_) => ErrorKind::DeviceLocked,
            SyncError::Revoked { .. } => ErrorKind::DeviceRevoked,
            SyncError::Store(e) => e.code(),
        }
    }
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub pushed: usize,
    pub pulled: usize,
    /// Records forgotten because this device may no longer read them (its member moved to
    /// another unit).
    pub forgotten: usize,
    /// Records of this device's sent again because the server was restored from a backup.
    pub resent: usize,
    /// Attached files sent to the server, and fetched from it.
    pub files_sent: usize,
    pub files_fetched: usize,
    /// How long the push took (requests, answers, acknowledging them) and the pull (pages
    /// fetched and applied), in milliseconds.
    pub push_ms: u64,
    pub pull_ms: u64,
    /// Bytes on the wire (bodies, compressed): the pushes sent, their answers, the pulled pages.
    pub push_bytes: u64,
    pub push_answer_bytes: u64,
    pub pull_bytes: u64,
}

/// Where sync stands, for the UI and `sotay sync`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub server: Option<String>,
    pub pending_changes: u64,
    pub last_sync: Option<String>,
    pub open_conflicts: i64,
    /// Changes the server refused that the member has not dismissed.
    pub rejected_changes: i64,
    pub cursor: i64,
    /// Why the device is locked, when it is.
    pub locked: Option<LockReason>,
    /// What was erased when the device was signed out, with the changes it had not sent.
    pub erased: Option<sotay_store::Erased>,
}

fn http() -> Result<reqwest::blocking::Client, SyncError> {
    tls::builder()?
        .build()
        .map_err(|e| SyncError::Offline(e.to_string()))
}

fn transport(e: reqwest::Error) -> SyncError {
    if let Some(reason) = tls::certificate_problem(&e) {
        let url = e
            .url()
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_default();
        SyncError::Untrusted { url, reason }
    } else if e.is_decode() {
        SyncError::BadResponse(e.to_string())
    } else {
        SyncError::Offline(e.to_string())
    }
}

/// One request of this device's to its server, built by `build` from the client and the server's
/// address, sent with the device's token; its JSON answer, or the server's `{kind, message}` error.
fn ask<T: serde::de::DeserializeOwned>(
    store: &Store,
    build: impl FnOnce(&reqwest::blocking::Client, &str) -> reqwest::blocking::RequestBuilder,
) -> Result<T, SyncError> {
    let (server, token) = credentials(store)?;
    let resp = build(&http()?, &server)
        .bearer_auth(&token)
        .send()
        .map_err(transport)?;
    answer(resp)
}

/// Reads a JSON answer, or the server's `{kind, message}` error.
fn answer<T: serde::de::DeserializeOwned>(
    resp: reqwest::blocking::Response,
) -> Result<T, SyncError> {
    let status = resp.status();
    let body = resp.bytes().map_err(transport)?;
    decode(status, &body)
}

/// A JSON answer's body as `T`, or the server's `{kind, message}` error.
fn decode<T: serde::de::DeserializeOwned>(
    status: reqwest::StatusCode,
    body: &[u8],
) -> Result<T, SyncError> {
    if status.is_success() {
        return serde_json::from_slice(body).map_err(|e| SyncError::BadResponse(e.to_string()));
    }
    let code = status.as_u16();
    let said = serde_json::from_slice::<ApiError>(body);
    if status.is_server_error() {
        // The server could not answer now (busy, its database away, a failure): nothing was
        // done, so the round is tried again later like one that found the server unreachable.
        return Err(SyncError::Offline(
            said.map_or_else(|_| format!("server error {code}"), |e| e.message),
        ));
    }
    match said {
        Ok(e) => Err(SyncError::Refused {
            status: code,
            kind: e.kind,
            message: e.message,
        }),
        Err(e) => Err(SyncError::BadResponse(e.to_string())),
    }
}

/// The member the server bound this device to: who uses it, decided by the server, not chosen on
/// the device. `None` for a device not connected, an administrator's, or a unit's read-only one.
pub fn bound_member(store: &Store) -> Result<Option<Uuid>, SyncError> {
    Ok(store.local(MEMBER)?.and_then(|s| Uuid::parse_str(&s).ok()))
}

/// The server this device syncs with, if it is connected: read from the store's local keys
/// alone, so knowing the app's mode costs no count of the outbox.
pub fn server(store: &Store) -> Result<Option<String>, SyncError> {
    Ok(store.local(SERVER)?)
}

fn credentials(store: &Store) -> Result<(String, String), SyncError> {
    if store.is_demo()? {
        return Err(SyncError::DemoStore);
    }
    match (store.local(SERVER)?, store.local(TOKEN)?) {
        (Some(s), Some(t)) => {
            // Joined before plain http:// to another computer was refused: refused now too.
            if let Ok(url) = reqwest::Url::parse(&s) {
                tls::refuse_plain_http(&url)?;
            }
            Ok((s, t))
        }
        _ => Err(SyncError::NotConnected),
    }
}

/// A pulled record as the store applies it; `None` for a kind this version does not know.
pub fn to_remote(r: &PulledRecord) -> Option<RemoteRecord> {
    // A kind this version does not know (a newer server): skipped, not fatal.
    let entity = r.entity.parse::<EntityKind>().ok()?;
    Some(RemoteRecord {
        entity,
        id: r.id,
        fields: r.fields.clone(),
        deleted: r.deleted,
        hlc: r.hlc,
        origin: r.origin,
        gone: r.gone,
    })
}

/// The refused mutations of a push's results, as the store keeps them.
pub fn refusals(results: &[MutationResult]) -> Vec<Refusal> {
    results.iter().filter_map(refusal).collect()
}

/// A refused mutation as the store keeps it: the reason's code and what the server said of it.
fn refusal(result: &MutationResult) -> Option<Refusal> {
    let MutationStatus::Rejected(reason) = &result.status else {
        return None;
    };
    let detail = match reason {
        RejectReason::UnknownEntity { entity } => Some(entity.clone()),
        RejectReason::UnknownField { field } => Some(field.clone()),
        RejectReason::BadValue { field, expected } => Some(format!("{field}: {expected}")),
        RejectReason::Invalid { field, problem } if field.is_empty() => Some(problem.clone()),
        RejectReason::Invalid { field, problem } => Some(format!("{field}: {problem}")),
        RejectReason::Deleted | RejectReason::Forbidden | RejectReason::Unknown => None,
    };
    Some(Refusal {
        mutation_id: result.id,
        reason: reason.code().to_owned(),
        detail,
    })
}

/// The oldest pending changes (at most one push's worth) as protocol mutations.
pub fn pending_mutations(store: &Store) -> Result<Vec<Mutation>, SyncError> {
    push::pending_after(store, 0, push::PUSH_LIMIT)
}

/// One round: push everything pending, send the files attached here, then pull everything new
/// and fetch the files it names.
pub fn sync_once(store: &mut Store) -> Result<Report, SyncError> {
    sync_once_with(store, |_| {})
}

/// Like [`sync_once`], telling `progress` what is done after every push batch and pull page (a
/// first sync of a district is many pages).
pub fn sync_once_with(
    store: &mut Store,
    progress: impl FnMut(&Report),
) -> Result<Report, SyncError> {
    if let Some(reason) = lock::observe(store)? {
        return Err(SyncError::Locked(reason));
    }
    round(store, progress).map_err(|e| lock::settle(store, e))
}

fn round(store: &mut Store, mut progress: impl FnMut(&Report)) -> Result<Report, SyncError> {
    let (server, token) = credentials(store)?;
    let client = http()?;
    let mut wire = wire::Wire::new()?;
    let mut report = Report::default();
    let to = (server.as_str(), token.as_str());
    push::push(store, &mut wire, to, &mut report, &mut progress)?;
    report.files_sent = files::send(store, &client, &server, &token)?;
    pull::pull(store, &mut wire, to, &mut report, &mut progress)?;
    report.forgotten = store.finish_resync()?;
    if report.resent > 0 {
        // After a restore: what was queued again goes up in this round.
        push::push(store, &mut wire, to, &mut report, &mut progress)?;
    }
    report.files_fetched = files::fetch(store, &client, &server, &token)?;
    if report.files_fetched > 0 {
        progress(&report);
    }
    // The store's clock, not the system's: the app's (or `--now`'s) "now" is the one shown.
    let now = store.now();
    store.write(|w| {
        w.set_local(LAST_SYNC, &now.to_rfc3339())?;
        lock::contacted(w, now.timestamp_millis(), None)
    })?;
    Ok(report)
}

fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Waits (long-poll) until the server has something after this store's cursor, or about 25 s.
pub fn wait_for_news(store: &Store) -> Result<bool, SyncError> {
    wait_for_news_up_to(store, 25)
}

/// Like [`wait_for_news`], for at most `seconds` (1 to 25).
pub fn wait_for_news_up_to(store: &Store, seconds: u64) -> Result<bool, SyncError> {
    let (server, token) = credentials(store)?;
    long_poll(&server, &token, store.sync_cursor()?, seconds)
}

fn long_poll(server: &str, token: &str, cursor: i64, seconds: u64) -> Result<bool, SyncError> {
    use sotay_sync_protocol::{LiveResponse, MAX_LIVE_WAIT};
    let wait = seconds.clamp(1, MAX_LIVE_WAIT);
    // A `LiveQuery`, written out: the client has no query-string encoder.
    let url = format!("{server}/v1/live?cursor={cursor}&wait={wait}");
    let resp = retry::send(&http()?, http, |c| c.get(&url).bearer_auth(token))?;
    let reply: LiveResponse = answer(resp)?;
    Ok(reply.changed)
}

/// Where sync stands.
pub fn status(store: &Store) -> Result<Status, SyncError> {
    Ok(Status {
        server: store.local(SERVER)?,
        pending_changes: store.pending_changes()?,
        last_sync: store.local(LAST_SYNC)?,
        open_conflicts: store.open_conflicts()?,
        rejected_changes: store.open_rejections()?,
        cursor: store.sync_cursor()?,
        locked: locked(store)?,
        erased: store.erased()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server that answers one request with `status` and a `{kind, message}` body.
    fn answering(status: &str) -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let status = status.to_owned();
        std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            let body = r#"{"kind":"busy","message":"the server is busy; try again shortly"}"#;
            let _ = write!(
                conn,
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        });
        url
    }

    /// A busy server (503, with the API's error shape) is retried like an unreachable one, not
    /// taken as a refusal that stops the background sync.
    #[test]
    fn a_server_error_is_retried_and_a_client_error_is_not() {
        let get = |status: &str| {
            let resp = reqwest::blocking::get(answering(status)).unwrap();
            answer::<serde_json::Value>(resp).unwrap_err()
        };
        assert!(
            matches!(get("503 Service Unavailable"), SyncError::Offline(m) if m.contains("busy"))
        );
        assert!(matches!(
            get("403 Forbidden"),
            SyncError::Refused { status: 403, .. }
        ));
    }

    /// The server's kind is read as one this version knows; a newer server's is a refusal that
    /// keeps its words.
    #[test]
    fn a_refusals_kind_is_read_and_an_unknown_one_is_refused() {
        let refused = |kind: &str| SyncError::Refused {
            status: 400,
            kind: kind.to_owned(),
            message: "in the server's words".to_owned(),
        };
        assert_eq!(refused("invalid_invite").kind(), ErrorKind::InvalidInvite);
        assert_eq!(refused("too_large").kind(), ErrorKind::TooLarge);
        let newer = refused("from_a_newer_server");
        assert_eq!(newer.kind(), ErrorKind::Refused);
        assert_eq!(
            newer.to_string(),
            "the server refused: in the server's words"
        );
    }
}
