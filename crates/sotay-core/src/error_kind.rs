//! The stable codes of the `{kind, message}` error shape every edge of Sotay speaks: the app's
//! commands, the command line's JSON errors, the sync server's HTTP answers and the desktop UI,
//! which translates each code into the member's language (`ui/src/lib/i18n.ts`).
//!
//! One enum for all of them, so a code the UI has no words for, or a code the UI names that no
//! Rust code produces, fails a check instead of showing English to a Vietnamese reader. On the
//! wire a kind is its `snake_case` name (`ErrorKind::NotSetUp` is `"not_set_up"`).

use serde::{Deserialize, Serialize};

/// Declares [`ErrorKind`] and, from the same list, [`ErrorKind::ALL`] and [`ErrorKind::as_str`],
/// so neither can miss a variant.
macro_rules! error_kinds {
    ($($(#[doc = $doc:literal])+ $variant:ident = $code:literal,)+) => {
        /// What went wrong, as a stable code the UI translates; the English explanation travels
        /// beside it as the error's `message`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorKind {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl ErrorKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant,)+];

            /// The kind as it is written on the wire (`"not_set_up"`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorKind::$variant => $code,)+
                }
            }
        }
    };
}

error_kinds! {
    // Setting the device up.
    /// The store holds nothing yet: the first-run screen (connect or try the demo) comes first.
    NotSetUp = "not_set_up",
    /// Making the demo, or connecting, on a device that already holds data.
    AlreadySetUp = "already_set_up",
    /// The member using this device has not said who they are (Settings).
    NoMember = "no_member",
    /// Choosing who one is on a device the server bound to the member its invite was made for.
    MemberBound = "member_bound",
    /// A server address that does not start with `http://` or `https://`.
    BadServerUrl = "bad_server_url",
    /// Connecting with an empty invite code.
    BadInvite = "bad_invite",
    /// Connecting to an address where nothing answers (nothing listening, no such host).
    NoServer = "no_server",
    /// Connecting to an address that answers, but not as a Sotay server (another web site, a
    /// wrong port).
    NotSotay = "not_sotay",
    /// The server's address is plain http:// to another computer; only https:// is taken.
    PlainHttp = "plain_http",
    /// The server's certificate is not trusted (expired, another name, an unknown authority).
    UntrustedCertificate = "untrusted_certificate",
    /// The certificate authority file (`SOTAY_CA_FILE`) cannot be read or holds no certificate.
    BadCaFile = "bad_ca_file",
    /// Making the demo data failed (it made no cell, or a cell without members).
    Demo = "demo",

    // Requests.
    /// An argument does not fit the command (the UI's, the bridge's body, a server request's
    /// body or query), or a date range runs backwards.
    BadRequest = "bad_request",
    /// The UI named a command the app does not have.
    UnknownCommand = "unknown_command",
    /// A flag the command line needs for this command was not given.
    Missing = "missing",
    /// A value fails validation: a blank title, a time that is not HH:MM, a year outside
    /// 1930–2100 (the store's and the server's checks too).
    Invalid = "invalid",
    /// The record, cell, series or file named is not there (deleted, or not on this device); on
    /// the server, an unknown unit, endpoint or calendar address.
    NotFound = "not_found",
    /// A record is inserted with an id the store already holds.
    AlreadyExists = "already_exists",
    /// The member's role does not allow the step (only the committee runs meetings, publishes,
    /// sets targets); on the server, the device may not read or write that.
    Forbidden = "forbidden",
    /// A failure inside the app or the server that no input caused: a worker that stopped, an
    /// answer that would not serialise.
    Internal = "internal",

    // The meeting cycle.
    /// A meeting scheduled or moved to a time that has passed, or a series with no meeting
    /// ahead.
    InThePast = "in_the_past",
    /// Moving, cancelling or sending an absence for a meeting that has started or taken place.
    MeetingStarted = "meeting_started",
    /// Recording a meeting that was cancelled.
    MeetingCancelled = "meeting_cancelled",
    /// Changing a meeting whose minutes were adopted: its record is locked.
    MinutesAdopted = "minutes_adopted",
    /// Adopting minutes that have not been written.
    NoMinutes = "no_minutes",
    /// Adopting the minutes of a meeting that has not started.
    MeetingNotStarted = "meeting_not_started",
    /// Recording a speech, the roll call or a tally at a meeting nobody has opened yet.
    MeetingNotOpened = "meeting_not_opened",
    /// Opening a meeting more than an hour before its time, not confirmed.
    OpensEarly = "opens_early",
    /// Entering a meeting held on paper at a time still ahead.
    HeldInFuture = "held_in_future",
    /// Making a second monthly regular series for a cell that has one, not confirmed.
    SecondSeries = "second_series",
    /// A show-of-hands tally with a negative count.
    NegativeVotes = "negative_votes",
    /// A tally in which nobody voted.
    NoVotes = "no_votes",
    /// More votes than official members present (probationary members do not vote).
    TallyExceedsPresent = "tally_exceeds_present",
    /// Not more than half voted for: the resolution is not adopted.
    NotCarried = "not_carried",
    /// An idea sent after the meeting started, or on a resolution already adopted or withdrawn.
    IdeasClosed = "ideas_closed",
    /// Changing a resolution that is adopted or withdrawn.
    ResolutionClosed = "resolution_closed",
    /// An absence sent without its reason.
    ReasonRequired = "reason_required",
    /// A person named in a meeting's record (a speaker, an assignee) is not of the meeting's cell.
    NotAMember = "not_a_member",
    /// A task given to nobody.
    NoAssignee = "no_assignee",
    /// A task due before the meeting that gives it.
    DueBeforeMeeting = "due_before_meeting",
    /// A cell's year asked of a unit that is not a cell.
    NotACell = "not_a_cell",

    // Tasks.
    /// Reporting progress on a task not assigned to this member.
    NotAssigned = "not_assigned",
    /// Reporting on, or reviewing, a task that is done or cancelled.
    TaskClosed = "task_closed",

    // Members.
    /// An admission recorded before its ceremony's day.
    AdmittedInFuture = "admitted_in_future",
    /// Making official a member who is already official.
    NotProbationary = "not_probationary",
    /// Rating a year that has not ended.
    RatingYearAhead = "rating_year_ahead",
    /// A rating level above what the score allows.
    LevelAboveScore = "level_above_score",

    // Files, printing and exports.
    /// An attached file with no bytes.
    EmptyFile = "empty_file",
    /// An attached file larger than the limit (25 MB).
    FileTooLarge = "file_too_large",
    /// An attached file whose bytes could not be read (not base64).
    BadFile = "bad_file",
    /// An attached file that has not arrived on this device yet; it comes with the next sync.
    FileNotHere = "file_not_here",
    /// Attaching as a meeting's paper a file that belongs to no meeting.
    NotAMeetingPaper = "not_a_meeting_paper",
    /// Publishing as a document a meeting's paper, which is attached to its meeting instead.
    BadKind = "bad_kind",
    /// The system names no documents folder to save an export into.
    NoFolder = "no_folder",
    /// An export or a report file could not be written.
    Io = "io",
    /// A PDF (minutes, report, digest) could not be made.
    PrintFailed = "print_failed",

    // The local store.
    /// The store is busy in another Sotay window or process (on the server: no database
    /// connection in time); nothing was done, try again.
    Busy = "busy",
    /// The store's file cannot be read (permissions, a missing folder).
    StoreUnreadable = "store_unreadable",
    /// The file chosen as the store is not an SQLite database; it was left untouched.
    NotAStore = "not_a_store",
    /// The store is encrypted and the passphrase (or key) given does not open it; left untouched.
    WrongKey = "wrong_key",
    /// A new passphrase for the store is too short.
    WeakPassphrase = "weak_passphrase",
    /// The store is encrypted and waits for its passphrase (no keyring keeps its key).
    StoreLocked = "store_locked",
    /// A new store waits for a passphrase to be chosen (there is no keyring to keep a key).
    PassphraseNeeded = "passphrase_needed",
    /// The file chosen as the store is another application's SQLite database; left untouched.
    ForeignDatabase = "foreign_database",
    /// The store was written by a newer Sotay.
    StoreTooNew = "store_too_new",
    /// SQLite found the store's file damaged; nothing more is written to it.
    StoreDamaged = "store_damaged",
    /// A stored record (or a change waiting to be sent) cannot be read; on the server, a stored
    /// record.
    Corrupt = "corrupt",
    /// A record pulled from the server could not be stored.
    Pulled = "pulled",
    /// Upgrading the store's schema failed.
    Migration = "migration",
    /// Any other database failure, in the store or on the server.
    Database = "database",

    // Sync, as the device sees it.
    /// The server cannot be reached (or answered that it cannot work now); changes are kept and
    /// sent later.
    Offline = "offline",
    /// Syncing a device that is not connected to a server.
    NotConnected = "not_connected",
    /// Syncing, inviting or subscribing from a store of demo data, which never goes to a server.
    DemoStore = "demo_store",
    /// "Sync now" ended without a round: the background sync stopped on an error.
    SyncStopped = "sync_stopped",
    /// Resolving a conflict that is already resolved.
    AlreadyResolved = "already_resolved",
    /// Putting back a conflict's lost value when the record is gone, the write was refused or
    /// the stored value is unreadable.
    CannotRestore = "cannot_restore",
    /// The server's answer could not be read.
    BadResponse = "bad_response",
    /// The server refused with a kind this version does not know (a newer server); the message
    /// keeps the server's words.
    Refused = "refused",

    // The sync server's own refusals.
    /// A request the server cannot take as the protocol says (too many changes in one push, a
    /// malformed cursor).
    Protocol = "protocol",
    /// No device token, or an unknown one: connect again with a new invite (a signed-out device
    /// is told `device_revoked`).
    Unauthorized = "unauthorized",
    /// An invite the server does not know, or one already used.
    InvalidInvite = "invalid_invite",
    /// A member the server's roster does not hold.
    UnknownMember = "unknown_member",
    /// A sign-in with a login or password that is not right.
    BadCredentials = "bad_credentials",
    /// Too many failed sign-ins: the message says in how many minutes to try again.
    RateLimited = "rate_limited",
    /// This device was signed out (by its member, their committee or the administrator): it
    /// erases what it holds, listing the changes it had not sent.
    DeviceRevoked = "device_revoked",
    /// This device's token expired (out of touch longer than the offline limit): its member signs
    /// in again.
    SessionExpired = "session_expired",
    /// This device is locked: it has not reached the server for longer than the offline limit,
    /// or its token expired; its member signs in again to unlock it.
    DeviceLocked = "device_locked",
    /// Joining again with an invite or a login for another member than the one whose data this
    /// device holds.
    WrongMember = "wrong_member",
    /// A request body larger than the server takes.
    TooLarge = "too_large",
    /// An endpoint asked with a method it does not take.
    MethodNotAllowed = "method_not_allowed",
    /// A file asked of the server before its bytes reached it; fetched at a later sync.
    FileNotSent = "file_not_sent",

    // The administrator's console.
    /// A unit put where the tree cannot hold it: a cell under a cell, a unit under its own
    /// branch, a second root.
    BadTree = "bad_tree",
    /// A member or unit added to, or moved into, a closed unit.
    UnitClosed = "unit_closed",
    /// Closing a unit that still has members or open units under it.
    UnitNotEmpty = "unit_not_empty",
    /// A member already on the roster (the same card, citizen number, or name and birth date).
    DuplicateMember = "duplicate_member",
    /// An office one member holds at a time (the unit's secretary) given to a second.
    OfficeTaken = "office_taken",

    // The desktop UI.
    /// The app did not answer the UI as the app does: the desktop shell or the development
    /// bridge could not be reached, or sent something other than a `{kind, message}` with a kind
    /// the UI knows. Made by the UI's transport (`ui/src/lib/transport.ts`), never by Rust.
    Unreachable = "unreachable",
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown kind: one a newer version wrote.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an error kind this version knows")]
pub struct UnknownErrorKind(pub String);

impl std::str::FromStr for ErrorKind {
    type Err = UnknownErrorKind;

    /// The kind a wire string names, read as serde reads it.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        use serde::de::IntoDeserializer;
        let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            s.into_deserializer();
        ErrorKind::deserialize(de).map_err(|_| UnknownErrorKind(s.to_owned()))
    }
}

impl PartialEq<str> for ErrorKind {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorKind;
    use std::collections::BTreeSet;

    /// Each kind's wire string, written out: a new variant fails to compile here until it is
    /// given one, and a renamed string fails the tests below (the UI's tables and the tests of
    /// every crate rely on these strings).
    fn wire(kind: ErrorKind) -> &'static str {
        use ErrorKind::*;
        match kind {
            NotSetUp => "not_set_up",
            AlreadySetUp => "already_set_up",
            NoMember => "no_member",
            MemberBound => "member_bound",
            BadServerUrl => "bad_server_url",
            BadInvite => "bad_invite",
            NoServer => "no_server",
            NotSotay => "not_sotay",
            PlainHttp => "plain_http",
            UntrustedCertificate => "untrusted_certificate",
            BadCaFile => "bad_ca_file",
            Demo => "demo",
            BadRequest => "bad_request",
            UnknownCommand => "unknown_command",
            Missing => "missing",
            Invalid => "invalid",
            NotFound => "not_found",
            AlreadyExists => "already_exists",
            Forbidden => "forbidden",
            Internal => "internal",
            InThePast => "in_the_past",
            MeetingStarted => "meeting_started",
            MeetingCancelled => "meeting_cancelled",
            MinutesAdopted => "minutes_adopted",
            NoMinutes => "no_minutes",
            MeetingNotStarted => "meeting_not_started",
            MeetingNotOpened => "meeting_not_opened",
            OpensEarly => "opens_early",
            HeldInFuture => "held_in_future",
            SecondSeries => "second_series",
            NegativeVotes => "negative_votes",
            NoVotes => "no_votes",
            TallyExceedsPresent => "tally_exceeds_present",
            NotCarried => "not_carried",
            IdeasClosed => "ideas_closed",
            ResolutionClosed => "resolution_closed",
            ReasonRequired => "reason_required",
            NotAMember => "not_a_member",
            NoAssignee => "no_assignee",
            DueBeforeMeeting => "due_before_meeting",
            NotACell => "not_a_cell",
            NotAssigned => "not_assigned",
            TaskClosed => "task_closed",
            AdmittedInFuture => "admitted_in_future",
            NotProbationary => "not_probationary",
            RatingYearAhead => "rating_year_ahead",
            LevelAboveScore => "level_above_score",
            EmptyFile => "empty_file",
            FileTooLarge => "file_too_large",
            BadFile => "bad_file",
            FileNotHere => "file_not_here",
            NotAMeetingPaper => "not_a_meeting_paper",
            BadKind => "bad_kind",
            NoFolder => "no_folder",
            Io => "io",
            PrintFailed => "print_failed",
            Busy => "busy",
            StoreUnreadable => "store_unreadable",
            NotAStore => "not_a_store",
            WrongKey => "wrong_key",
            WeakPassphrase => "weak_passphrase",
            StoreLocked => "store_locked",
            PassphraseNeeded => "passphrase_needed",
            ForeignDatabase => "foreign_database",
            StoreTooNew => "store_too_new",
            StoreDamaged => "store_damaged",
            Corrupt => "corrupt",
            Pulled => "pulled",
            Migration => "migration",
            Database => "database",
            Offline => "offline",
            NotConnected => "not_connected",
            DemoStore => "demo_store",
            SyncStopped => "sync_stopped",
            AlreadyResolved => "already_resolved",
            CannotRestore => "cannot_restore",
            BadResponse => "bad_response",
            Refused => "refused",
            Protocol => "protocol",
            Unauthorized => "unauthorized",
            InvalidInvite => "invalid_invite",
            UnknownMember => "unknown_member",
            BadCredentials => "bad_credentials",
            RateLimited => "rate_limited",
            DeviceRevoked => "device_revoked",
            SessionExpired => "session_expired",
            DeviceLocked => "device_locked",
            WrongMember => "wrong_member",
            TooLarge => "too_large",
            MethodNotAllowed => "method_not_allowed",
            FileNotSent => "file_not_sent",
            BadTree => "bad_tree",
            UnitClosed => "unit_closed",
            UnitNotEmpty => "unit_not_empty",
            DuplicateMember => "duplicate_member",
            OfficeTaken => "office_taken",
            Unreachable => "unreachable",
        }
    }

    #[test]
    fn every_kind_round_trips_through_serde_as_its_wire_string() {
        for &kind in ErrorKind::ALL {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, serde_json::Value::String(wire(kind).to_owned()));
            assert_eq!(kind.as_str(), wire(kind));
            assert_eq!(kind.to_string(), wire(kind));
            assert_eq!(serde_json::from_value::<ErrorKind>(json).unwrap(), kind);
            assert_eq!(wire(kind).parse::<ErrorKind>(), Ok(kind));
            assert_eq!(kind, wire(kind));
        }
    }

    #[test]
    fn all_holds_every_kind_once() {
        let kinds: BTreeSet<ErrorKind> = ErrorKind::ALL.iter().copied().collect();
        assert_eq!(kinds.len(), ErrorKind::ALL.len(), "no kind twice");
        let strings: BTreeSet<&str> = kinds.iter().map(|&k| wire(k)).collect();
        assert_eq!(strings.len(), kinds.len(), "no two kinds share a string");
        // `ALL` is made from the list that declares the enum, so it cannot miss a variant; the
        // exhaustive `wire` above cannot either, and it agrees with `ALL` on every kind.
        let wired = ErrorKind::ALL
            .iter()
            .filter(|&&k| wire(k) == k.as_str())
            .count();
        assert_eq!(wired, ErrorKind::ALL.len());
    }

    #[test]
    fn an_unknown_string_is_no_kind() {
        assert!("from_a_newer_server".parse::<ErrorKind>().is_err());
        assert!("NotSetUp".parse::<ErrorKind>().is_err());
        assert!(serde_json::from_str::<ErrorKind>("\"from_a_newer_server\"").is_err());
    }
}
