use sotay_core::{ErrorKind, ValidationError};
use sotay_demo::DemoError;
use sotay_store::StoreError;

/// Why a command failed. Each maps to a message for people and an exit code for scripts:
/// 2 bad input, 3 not found, 4 the store (or server data) cannot be used, 5 the server is
/// unreachable, 1 anything else.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Demo(#[from] DemoError),
    #[error("invalid {0}")]
    Invalid(#[from] ValidationError),
    #[error("`{0}` is not an id (ids look like 0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d)")]
    BadId(String),
    #[error("no data directory for this user; pass --store PATH")]
    NoDataDir,
    #[error("no store at {0}; create one with `sotay demo` or the desktop app, or pass --store")]
    NoStore(std::path::PathBuf),
    #[error(transparent)]
    Sync(#[from] sotay_sync_client::SyncError),
    #[error(transparent)]
    Server(#[from] sotay_server::ServerError),
    #[error(transparent)]
    App(#[from] sotay_app::AppError),
    #[error(transparent)]
    Tls(#[from] sotay_server::http::TlsError),
    #[error(
        "backup and restore here are the embedded database's; for PostgreSQL use pg_dump and \
         pg_restore, then `sotay admin restored --database-url …` (README, \"Backups\")"
    )]
    PostgresBackup,
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: String,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    ReadFile {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// The app asks to "choose who you are first (Settings)"; the command line has no Settings,
    /// so it names the flag that says the same for one command.
    #[error(
        "this store names no member to act as, so there is no {what} to default to: pass {flag} (`{list}` lists them)"
    )]
    NoMember {
        what: &'static str,
        flag: &'static str,
        list: &'static str,
    },
    /// A roster import found problems in rows it was not told to skip: nothing was written.
    #[error(
        "nothing written: {problems} problem(s) in the file; correct them, or skip their rows with --skip-rows {rows}"
    )]
    RosterProblems { problems: usize, rows: String },
    /// A date range whose start is after its end: nothing lies between them.
    #[error("{from} is after {to}: nothing lies between them; swap them")]
    ReversedRange {
        from: &'static str,
        to: &'static str,
    },
    /// `sotay admin verify` found records changed after their minutes were adopted.
    #[error("{0} sealed meeting record(s) no longer match their seal")]
    SealsBroken(usize),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Invalid(_)
            | CliError::BadId(_)
            | CliError::NoMember { .. }
            | CliError::RosterProblems { .. }
            | CliError::ReversedRange { .. } => 2,
            CliError::Demo(DemoError::Years(_)) => 2,
            CliError::Store(e) | CliError::Demo(DemoError::Store(e)) => match e {
                StoreError::Invalid(_) | StoreError::WeakPassphrase { .. } => 2,
                StoreError::NotFound { .. } => 3,
                StoreError::Unreadable { .. }
                | StoreError::NotAStore { .. }
                | StoreError::WrongKey { .. }
                | StoreError::ForeignDatabase { .. }
                | StoreError::TooNew { .. }
                | StoreError::Damaged { .. } => 4,
                _ => 1,
            },
            CliError::Demo(DemoError::NotEmpty) => 4,
            CliError::NoDataDir | CliError::NoStore(_) => 4,
            CliError::Sync(
                sotay_sync_client::SyncError::Offline(_)
                | sotay_sync_client::SyncError::NoServer { .. },
            ) => 5,
            // An address to correct.
            CliError::Sync(
                sotay_sync_client::SyncError::BadUrl(_)
                | sotay_sync_client::SyncError::NotSotay { .. }
                | sotay_sync_client::SyncError::PlainHttp(_)
                | sotay_sync_client::SyncError::Untrusted { .. }
                | sotay_sync_client::SyncError::BadCaFile { .. },
            ) => 2,
            CliError::Sync(sotay_sync_client::SyncError::Store(StoreError::NotFound {
                ..
            })) => 3,
            CliError::Sync(
                sotay_sync_client::SyncError::NotConnected
                | sotay_sync_client::SyncError::DemoStore,
            ) => 4,
            CliError::Sync(sotay_sync_client::SyncError::Store(StoreError::Damaged { .. })) => 4,
            // A sign-in or a password the server would not take: input to correct.
            CliError::Sync(e @ sotay_sync_client::SyncError::Refused { .. })
                if matches!(
                    e.kind(),
                    ErrorKind::BadCredentials
                        | ErrorKind::RateLimited
                        | ErrorKind::Invalid
                        | ErrorKind::WrongMember
                        | ErrorKind::InvalidInvite
                ) =>
            {
                2
            }
            CliError::Sync(_) => 1,
            CliError::Server(sotay_server::ServerError::InvalidInvite) => 2,
            CliError::Server(
                sotay_server::ServerError::UnknownMember(_)
                | sotay_server::ServerError::UnknownUnit(_)
                | sotay_server::ServerError::UnknownDevice(_),
            ) => 3,
            CliError::Server(
                sotay_server::ServerError::Invalid(_) | sotay_server::ServerError::Refused { .. },
            ) => 2,
            CliError::Server(sotay_server::ServerError::Unavailable(_)) => 5,
            CliError::Server(_) => 1,
            CliError::App(e) => match e.kind {
                ErrorKind::NotFound | ErrorKind::FileNotHere => 3,
                ErrorKind::StoreDamaged => 4,
                // What was asked does not fit: bad input, or a step the rules or the meeting's
                // state refuse (nothing was written).
                ErrorKind::Invalid
                | ErrorKind::BadRequest
                | ErrorKind::Forbidden
                | ErrorKind::NotAMember
                | ErrorKind::NoAssignee
                | ErrorKind::DueBeforeMeeting
                | ErrorKind::ResolutionClosed
                | ErrorKind::MeetingStarted
                | ErrorKind::MeetingCancelled
                | ErrorKind::InThePast
                | ErrorKind::NegativeVotes
                | ErrorKind::NoVotes
                | ErrorKind::TallyExceedsPresent
                | ErrorKind::NotCarried
                | ErrorKind::MinutesAdopted
                | ErrorKind::NoMinutes
                | ErrorKind::MeetingNotStarted
                | ErrorKind::MeetingNotOpened
                | ErrorKind::OpensEarly
                | ErrorKind::HeldInFuture
                | ErrorKind::SecondSeries
                | ErrorKind::EmptyFile
                | ErrorKind::FileTooLarge
                | ErrorKind::NotAMeetingPaper
                | ErrorKind::BadKind
                | ErrorKind::AdmittedInFuture
                | ErrorKind::NotProbationary
                | ErrorKind::RatingYearAhead
                | ErrorKind::LevelAboveScore
                // A member's own steps: an absence without its reason, an idea after the meeting
                // started, progress on a task not theirs or closed.
                | ErrorKind::ReasonRequired
                | ErrorKind::IdeasClosed
                | ErrorKind::NotAssigned
                | ErrorKind::TaskClosed
                | ErrorKind::Missing => 2,
                _ => 1,
            },
            CliError::Listen { .. } => 4,
            CliError::Tls(_) | CliError::PostgresBackup => 2,
            CliError::SealsBroken(_) => 1,
            CliError::ReadFile { .. } => 2,
            CliError::Output(_) => 1,
        }
    }
}

/// `instead` where the app's error is its "choose who you are first", else the app's error.
pub fn no_member_or(e: sotay_app::AppError, instead: CliError) -> CliError {
    if e.kind == ErrorKind::NoMember {
        instead
    } else {
        CliError::App(e)
    }
}
