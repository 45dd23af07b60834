use sotay_core::{EntityKind, ErrorKind, ValidationError};
use std::path::PathBuf;
use uuid::Uuid;

/// Everything that can go wrong in the store, each case telling the person what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a Sotay store (it is not an SQLite database), or it is an encrypted one \
         and no passphrase was given (SOTAY_PASSPHRASE); it was left untouched"
    )]
    NotAStore { path: PathBuf },
    #[error(
        "{path} cannot be opened with this passphrase: the passphrase is wrong, or the file is not \
         a Sotay store; it was left untouched"
    )]
    WrongKey { path: PathBuf },
    #[error("a passphrase for the store needs at least {min} characters")]
    WeakPassphrase { min: usize },
    #[error("the store's key could not be made: {0}")]
    KeyDerivation(String),
    #[error(
        "{path} is an SQLite database of another application, not a Sotay store; it was left untouched"
    )]
    ForeignDatabase { path: PathBuf },
    #[error(
        "{path} was written by a newer Sotay (schema {found}, this one knows up to {known}); update Sotay"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error("no {kind} with id {id}")]
    NotFound { kind: EntityKind, id: Uuid },
    #[error("no refused change with mutation id {0}")]
    NoRejection(i64),
    #[error("this file has not arrived on this device yet; it comes with the next sync")]
    FileNotHere,
    #[error("a {kind} with id {id} already exists")]
    AlreadyExists { kind: EntityKind, id: Uuid },
    #[error("invalid {0}")]
    Invalid(#[from] ValidationError),
    #[error("the store is busy in another Sotay window or process; try again")]
    Busy,
    #[error("stored {kind} {id} cannot be read: {source}")]
    Corrupt {
        kind: EntityKind,
        id: String,
        source: serde_json::Error,
    },
    #[error("the change waiting to be sent as mutation {mutation_id} cannot be read: {reason}")]
    CorruptOutbox { mutation_id: i64, reason: String },
    #[error("the server's {kind} {id} could not be stored: {reason}")]
    Pulled {
        kind: EntityKind,
        id: Uuid,
        reason: String,
    },
    #[error("{}", damaged(.path.as_deref(), .problems))]
    Damaged {
        path: Option<PathBuf>,
        /// What SQLite found wrong, in its words.
        problems: Vec<String>,
    },
    #[error("upgrading the store failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
                path: None,
                problems: vec![e.to_string()],
            },
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// A stable code for the `{kind, message}` error shape at the app's edges.
    pub fn code(&self) -> ErrorKind {
        match self {
            StoreError::Unreadable { .. } => ErrorKind::StoreUnreadable,
            StoreError::NotAStore { .. } => ErrorKind::NotAStore,
            StoreError::WrongKey { .. } => ErrorKind::WrongKey,
            StoreError::WeakPassphrase { .. } => ErrorKind::WeakPassphrase,
            StoreError::KeyDerivation(_) => ErrorKind::Io,
            StoreError::ForeignDatabase { .. } => ErrorKind::ForeignDatabase,
            StoreError::TooNew { .. } => ErrorKind::StoreTooNew,
            StoreError::NotFound { .. } | StoreError::NoRejection(_) => ErrorKind::NotFound,
            StoreError::AlreadyExists { .. } => ErrorKind::AlreadyExists,
            StoreError::FileNotHere => ErrorKind::FileNotHere,
            StoreError::Invalid(_) => ErrorKind::Invalid,
            StoreError::Busy => ErrorKind::Busy,
            StoreError::Corrupt { .. } | StoreError::CorruptOutbox { .. } => ErrorKind::Corrupt,
            StoreError::Pulled { .. } => ErrorKind::Pulled,
            StoreError::Damaged { .. } => ErrorKind::StoreDamaged,
            StoreError::Migration(_) => ErrorKind::Migration,
            StoreError::Sqlite(_) => ErrorKind::Database,
        }
    }
}

/// A damaged store in plain words, with what to do: the file is kept (a copy may still hold
/// changes that were never sent), and a connected device gets everything else back from the server.
fn damaged(path: Option<&std::path::Path>, problems: &[String]) -> String {
    let file = path.map_or_else(|| "the store".to_owned(), |p| p.display().to_string());
    let found = problems.first().map(String::as_str).unwrap_or("no detail");
    let more = match problems.len() {
        0 | 1 => String::new(),
        n => format!(" and {} more problems", n - 1),
    };
    format!(
        "{file} is damaged (SQLite found: {found}{more}). Nothing more was written to it. \
         Keep a copy of the file and do not delete it. If this device syncs with a server, move \
         the file aside and connect again with a new invite: everything already sent comes back. \
         Otherwise restore the file from a backup. `sotay check` lists every problem."
    )
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
