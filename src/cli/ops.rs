//! What every command module shares: the result type, reading ids, and running one of the app's
//! operations on the store the command opened — the same code the desktop window runs, at the
//! command line's clock (`--now`).

use super::error::{CliError, no_member_or};
use sotay_app::{AppError, Cx, Session};
use sotay_store::Store;
use uuid::Uuid;

pub(super) type Result<T = ()> = std::result::Result<T, CliError>;

pub(super) fn parse_id(input: &str) -> Result<Uuid> {
    Uuid::parse_str(input.trim()).map_err(|_| CliError::BadId(input.to_owned()))
}

pub(super) fn parse_opt_id(input: Option<&String>) -> Result<Option<Uuid>> {
    input.map(|s| parse_id(s)).transpose()
}

/// Runs `op` with `args` as the member this store acts as.
pub(super) fn run<A, V>(
    store: &mut Store,
    op: fn(&mut Cx<'_>, A) -> std::result::Result<V, AppError>,
    args: A,
) -> Result<V> {
    with(store, |cx| op(cx, args))
}

/// Runs `f` with the store's context, for an operation's parts the command line calls with what
/// it read itself (a file's bytes from disk).
pub(super) fn with<V>(
    store: &mut Store,
    f: impl FnOnce(&mut Cx<'_>) -> std::result::Result<V, AppError>,
) -> Result<V> {
    let mut cx = Cx::at_store_clock(store)?;
    cx.session().refuse_if_locked()?;
    Ok(f(&mut cx)?)
}

/// The unit a command is about: the one named, else the unit of the member this store acts as.
pub fn unit_or_mine(store: &Store, unit: Option<&String>) -> Result<Uuid> {
    let unit = parse_opt_id(unit)?;
    Session::of(store)?.unit_or_mine(unit).map_err(|e| {
        no_member_or(
            e,
            CliError::NoMember {
                what: "unit",
                flag: "--unit UNIT_ID",
                list: "sotay units",
            },
        )
    })
}

/// A file the command was given: its name (without its folder) and its bytes.
pub(super) fn read_named(path: &std::path::Path) -> Result<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).map_err(|source| CliError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}
