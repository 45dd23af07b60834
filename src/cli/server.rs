//! `sotay serve`, `sotay invite`, `sotay connect`, `sotay sync`.

use super::args::{ServerData, TlsFiles};
use super::clock::Clock;
use super::error::CliError;
use super::output::Out;
use sotay_server::postgres::PostgresBackend;
use sotay_server::sqlite::SqliteBackend;
use sotay_server::{Backend, Engine, Grant};
use sotay_store::{Opener, Store};
use std::io::Write;
use std::path::{Path, PathBuf};

type Result<T = ()> = std::result::Result<T, CliError>;

/// Where the server keeps its data, and the clock it reads (`--now`'s, or the system's).
pub struct Db {
    place: Place,
    now: Option<Clock>,
}

enum Place {
    Sqlite(PathBuf),
    Postgres(String),
}

pub fn db(at: &ServerData, now: Option<&Clock>) -> Result<Db> {
    let place = if let Some(url) = &at.database_url {
        Place::Postgres(url.clone())
    } else if let Some(d) = &at.data {
        Place::Sqlite(d.clone())
    } else {
        sotay_app::paths::default_server_dir()
            .map(Place::Sqlite)
            .ok_or(CliError::NoDataDir)?
    };
    Ok(Db {
        place,
        now: now.copied(),
    })
}

impl Db {
    /// The embedded database's file; `None` on PostgreSQL.
    pub(super) fn sqlite_file(&self) -> Option<PathBuf> {
        match &self.place {
            Place::Sqlite(dir) => Some(dir.join("server.db")),
            Place::Postgres(_) => None,
        }
    }

    fn sqlite(&self, dir: &Path) -> Result<Engine<SqliteBackend>> {
        Ok(self.clocked(Engine::new(SqliteBackend::open(&dir.join("server.db"))?)?))
    }

    fn postgres(&self, url: &str) -> Result<Engine<PostgresBackend>> {
        Ok(self.clocked(Engine::new(PostgresBackend::connect(url)?)?))
    }

    /// The server judges time — invites' expiry, how far ahead a device's stamps may be, this
    /// year's figures — by the same clock as the devices of a test that sets `--now`.
    fn clocked<B: Backend>(&self, mut engine: Engine<B>) -> Engine<B> {
        if let Some(clock) = &self.now {
            engine.set_wall_clock(clock.wall());
        }
        engine
    }
}

/// The engine over either backend, for the administrator's commands: `on_engine!(db, |e| …)`
/// runs the same code on whichever the server uses.
pub enum AnyEngine {
    Sqlite(Engine<SqliteBackend>),
    Postgres(Engine<PostgresBackend>),
}

impl Db {
    pub fn engine(&self) -> Result<AnyEngine> {
        Ok(match &self.place {
            Place::Sqlite(dir) => AnyEngine::Sqlite(self.sqlite(dir)?),
            Place::Postgres(url) => AnyEngine::Postgres(self.postgres(url)?),
        })
    }
}

/// Runs `$body` with `$e` bound to the server's engine, whichever its backend.
macro_rules! on_engine {
    ($db:expr, |$e:ident| $body:expr) => {
        match $db.engine()? {
            $crate::cli::server::AnyEngine::Sqlite($e) => $body,
            $crate::cli::server::AnyEngine::Postgres($e) => $body,
        }
    };
}
pub(super) use on_engine;

/// Runs the server until Ctrl-C or SIGTERM; prints `listening on http://ADDR` once bound, so
/// scripts and tests wait on that line rather than on time.
pub fn serve(db: &Db, listen: &str, offline_days: u32, tls: &TlsFiles, out: &mut Out) -> Result {
    // A certificate that cannot be used is said before anything listens.
    let tls = match (&tls.tls_cert, &tls.tls_key) {
        (Some(cert), Some(key)) => Some(sotay_server::http::Tls::from_pem_files(cert, key)?),
        _ => None,
    };
    match &db.place {
        Place::Sqlite(dir) => {
            let mut engine = db.sqlite(dir)?;
            engine.set_offline_days(offline_days);
            run(engine, &dir.display().to_string(), listen, tls, out)
        }
        Place::Postgres(url) => {
            let mut engine = db.postgres(url)?;
            engine.set_offline_days(offline_days);
            run(engine, "postgresql", listen, tls, out)
        }
    }
}

fn run<B: Backend + 'static>(
    engine: Engine<B>,
    data: &str,
    listen: &str,
    tls: Option<sotay_server::http::Tls>,
    out: &mut Out,
) -> Result {
    tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let scheme = if tls.is_some() { "https" } else { "http" };
        let listener = bind_as(listen, scheme, out).await?;
        let addr = listener.local_addr()?;
        tracing::info!(%addr, data, scheme, "sotay serve started");
        sotay_server::http::serve(engine, listener, tls, shutdown()).await?;
        tracing::info!("sotay serve stopped");
        Ok(())
    })
}

/// Binds `listen` and prints `listening on http://ADDR` (flushed), the line scripts and tests
/// wait on.
pub(super) async fn bind(listen: &str, out: &mut Out) -> Result<tokio::net::TcpListener> {
    bind_as(listen, "http", out).await
}

async fn bind_as(listen: &str, scheme: &str, out: &mut Out) -> Result<tokio::net::TcpListener> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|source| CliError::Listen {
            addr: listen.to_owned(),
            source,
        })?;
    out.line(format!(
        "listening on {scheme}://{}",
        listener.local_addr()?
    ))?;
    out.finish()?;
    std::io::stdout().flush()?;
    Ok(listener)
}

/// Ctrl-C or SIGTERM.
pub(super) async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// What an invite grants, from `sotay invite`'s one of `--member`, `--unit`, `--admin`.
pub fn grant(member: Option<&str>, unit: Option<&str>, admin: bool) -> Result<Grant> {
    let id = |s: &str| uuid::Uuid::parse_str(s.trim()).map_err(|_| CliError::BadId(s.to_owned()));
    Ok(match (member, unit) {
        _ if admin => Grant::Admin,
        (Some(member), _) => Grant::Member(id(member)?),
        (None, Some(unit)) => Grant::Unit(id(unit)?),
        (None, None) => Grant::Nothing,
    })
}

/// Makes a one-time invite. The code alone goes to standard output, for scripts to read; whom it
/// is for goes to standard error, for the person handing it over to check before they do.
pub fn invite(db: &Db, grant: Grant, out: &mut Out) -> Result {
    let (code, whom, expires) = on_engine!(db, |e| {
        let code = e.create_invite(grant)?;
        (
            code,
            super::names::invitee(&e, grant)?,
            e.invite_expires_at(),
        )
    });
    out.line(code)?;
    out.finish()?;
    let expires = chrono::DateTime::from_timestamp_millis(expires)
        .map_or_else(String::new, sotay_core::time::format_local);
    eprintln!("Invite for {whom}, one device: it works once, until {expires} (Vietnam time).");
    Ok(())
}

pub fn connect(store: &Opener, server: &str, invite: &str, out: &mut Out) -> Result {
    joined_or_none(store, |s| sotay_sync_client::connect(s, server, invite))?;
    out.line(format!(
        "Connected to {server}. Run `sotay sync` to send and receive changes."
    ))?;
    Ok(out.finish()?)
}

/// `sotay sign-in`: this store becomes the member's device, signed in with their password.
pub fn sign_in(store: &Opener, server: &str, login: &str, password: &str, out: &mut Out) -> Result {
    joined_or_none(store, |s| {
        sotay_sync_client::sign_in(s, server, login, password).map(|_| ())
    })?;
    out.line(format!(
        "Signed in to {server}. Run `sotay sync` to receive your cell's data."
    ))?;
    Ok(out.finish()?)
}

/// Joins the store `opener` opens with `join` (which checks the address and asks the server who
/// it is before it registers); a store this made and the join then failed for (a mistyped
/// address, an invite unknown, a wrong password) is removed, so a failed first try leaves no
/// empty store to be refused as "already set up" at the second. The store is closed before its
/// files go.
fn joined_or_none(
    opener: &Opener,
    join: impl FnOnce(&mut Store) -> std::result::Result<(), sotay_sync_client::SyncError>,
) -> Result {
    let path = opener.path().to_owned();
    let fresh = !path.exists();
    let joined = opener
        .open()
        .map_err(CliError::from)
        .and_then(|mut store| join(&mut store).map_err(CliError::from));
    if joined.is_err() && fresh {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut file = path.clone().into_os_string();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
    joined
}

/// What a signed-out device's erasure left: the changes it had not sent, never sent now.
fn erased(store: &Store, json: bool, out: &mut Out) -> Result {
    let Some(erased) = store.erased()? else {
        return Ok(());
    };
    if json {
        return Ok(out.json(&erased)?);
    }
    let at = |ms: i64| {
        chrono::DateTime::<chrono::Utc>::from_timestamp_millis(ms)
            .map_or_else(String::new, sotay_core::time::format_local)
    };
    out.line(format!(
        "This device was signed out; what it held was erased at {}. Changes it had not sent \
         ({}), which did not reach the server:",
        at(erased.at),
        erased.unsent.len()
    ))?;
    out.table_of(
        &["MADE", "CHANGE", "RECORD", "ABOUT"],
        &erased.unsent,
        |u| {
            vec![
                at(u.made_at),
                u.op.clone(),
                u.entity.clone(),
                u.label.clone().unwrap_or_default(),
            ]
        },
    )?;
    Ok(out.finish()?)
}

/// `sotay password`: the member's password, for signing their other devices in.
pub fn set_password(store: &Store, password: &str, out: &mut Out) -> Result {
    sotay_sync_client::set_password(store, password)?;
    out.line("Password set: sign your other devices in with your card number or phone and it.")?;
    Ok(out.finish()?)
}

/// `sotay calendar-feed [--revoke]`: the member's calendar subscription, from the server.
pub fn calendar_feed(store: &Store, revoke: bool, out: &mut Out) -> Result {
    if revoke {
        sotay_sync_client::revoke_calendar_feed(store)?;
        out.line("Calendar subscription revoked: its address no longer works.")?;
    } else {
        let url = sotay_sync_client::renew_calendar_feed(store)?;
        out.line(format!(
            "Subscribe a phone's calendar to:\n{url}\n(An earlier address, if any, no longer works.)"
        ))?;
    }
    Ok(out.finish()?)
}

pub fn sync(store: &mut Store, json: bool, out: &mut Out) -> Result {
    let round = match store.erased()? {
        // Signed out before: tell again what was erased.
        Some(_) if sotay_sync_client::server(store)?.is_none() => {
            Err(sotay_sync_client::SyncError::Revoked { unsent: 0 })
        }
        _ => sotay_sync_client::sync_once(store),
    };
    let report = match round {
        Err(e @ sotay_sync_client::SyncError::Revoked { .. }) => {
            erased(store, json, out)?;
            return Err(e.into());
        }
        other => other?,
    };
    let status = sotay_sync_client::status(store)?;
    if json {
        return Ok(out.json(&serde_json::json!({ "report": report, "status": status }))?);
    }
    out.line(format!(
        "Sent {} changes, received {}. Waiting to send: {}. Conflicts to look at: {}.",
        report.pushed, report.pulled, status.pending_changes, status.open_conflicts
    ))?;
    if report.pushed + report.pulled > 0 {
        let kb = |b: u64| b.div_ceil(1024);
        out.line(format!(
            "Push {:.1} s ({} KiB sent, {} KiB back), pull {:.1} s ({} KiB).",
            report.push_ms as f64 / 1000.0,
            kb(report.push_bytes),
            kb(report.push_answer_bytes),
            report.pull_ms as f64 / 1000.0,
            kb(report.pull_bytes)
        ))?;
    }
    if report.files_sent + report.files_fetched > 0 {
        out.line(format!(
            "Files: sent {}, received {}.",
            report.files_sent, report.files_fetched
        ))?;
    }
    if report.forgotten > 0 {
        out.line(format!(
            "What this device may read changed on the server: {} records it may no longer read were removed from it.",
            report.forgotten
        ))?;
    }
    if status.rejected_changes > 0 {
        out.line(format!(
            "{} of your changes were not accepted by the server; see `sotay rejections`.",
            status.rejected_changes
        ))?;
    }
    Ok(out.finish()?)
}

/// `sotay sync --watch`: a line per change of state, until interrupted.
pub fn watch(store: &Opener, json: bool, out: &mut Out) -> Result {
    // Kept alive for the whole run: the loop stops when the process is interrupted.
    let (_keep, signals) = std::sync::mpsc::channel();
    let mut failed: Option<std::io::Error> = None;
    sotay_sync_client::run(store.clone(), &signals, |activity, status| {
        if failed.is_some() {
            return;
        }
        let line = if json {
            serde_json::json!({ "activity": activity, "status": status }).to_string()
        } else {
            match activity {
                sotay_sync_client::Activity::Syncing { pushed, pulled } => {
                    format!("syncing… {pushed} sent, {pulled} received")
                }
                sotay_sync_client::Activity::UpToDate => format!(
                    "up to date: {} waiting to send, {} conflicts to look at",
                    status.pending_changes, status.open_conflicts
                ),
                sotay_sync_client::Activity::Offline { error, retry_in_ms } => {
                    format!("offline ({error}); next try in {} s", retry_in_ms / 1000)
                }
            }
        };
        if let Err(e) = out.line(line).and_then(|()| out.finish()) {
            failed = Some(e);
        }
    })?;
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// A password from standard input: its first line, without the line's end. (Typed at a terminal
/// it shows; scripts and the tests pipe it.)
pub fn read_secret() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
