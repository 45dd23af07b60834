use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Sổ tay đảng viên điện tử — the offline-first party member handbook.
#[derive(Debug, Parser)]
#[command(name = "sotay", version, about, propagate_version = true)]
pub struct Cli {
    /// The store file [default: the user's data directory, sotay/sotay.db]
    #[arg(long, global = true, env = "SOTAY_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,

    /// For tests and training: start the clock at WHEN (RFC 3339, or Vietnam's dd/mm/yyyy HH:MM
    /// or dd/mm/yyyy) and let it run on; the demo is made around it and "today" is its day
    #[arg(long, global = true, env = "SOTAY_NOW", value_name = "WHEN", value_parser = super::clock::parse)]
    pub now: Option<super::clock::Clock>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DemoSize {
    /// One cell of about 20 members.
    Cell,
    /// A commune: 12 cells, about 200 members.
    Commune,
    /// A district: about 200 cells and 3,000+ members.
    District,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty store with realistic demo data.
    Demo {
        #[arg(long, value_enum, default_value = "cell")]
        size: DemoSize,
        /// Years of history, 1 to 10 [default: 10 for a cell or commune, 3 for a district]
        #[arg(long)]
        years: Option<u32>,
        /// The same seed makes the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Sample data for a training server: not marked as demo, so `sotay connect` and
        /// `sotay sync` may push it (only ever to a server made for training).
        #[arg(long)]
        training: bool,
    },
    /// Organisation units: committees and cells.
    Units {
        #[arg(long)]
        json: bool,
    },
    /// Members of a cell (or of every unit).
    Members {
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Meetings: the latest before now by default, or those to come, or those in a date range.
    Meetings {
        /// Only meetings from now on, soonest first.
        #[arg(long, conflicts_with_all = ["from", "to"])]
        upcoming: bool,
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// First day (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day, included (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// One meeting: agenda, roll call, papers, resolution, contributions, tasks; or, on a
    /// committee's device, schedule, move, cancel, open or record one.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Meeting {
        #[command(subcommand)]
        action: Option<MeetingAction>,
        #[arg(required = true, value_name = "MEETING_ID")]
        id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add, move, rename or remove a meeting's agenda items (a committee's device); `sotay meeting
    /// MEETING_ID` lists them with their ids.
    Agenda(AgendaCmd),
    /// Write the meeting's draft resolution: a new one, or --resolution's text.
    Draft {
        #[arg(value_name = "MEETING_ID")]
        meeting: String,
        #[arg(long, value_name = "RESOLUTION_ID")]
        resolution: Option<String>,
        #[arg(long)]
        title: String,
        /// The draft's text ('-' reads it from standard input).
        #[arg(long)]
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a member's answer to the roll call.
    Attend {
        #[arg(value_name = "MEETING_ID")]
        meeting: String,
        #[arg(long, value_name = "MEMBER_ID")]
        member: String,
        #[arg(long, value_enum)]
        status: AttendanceArg,
        /// Why (required for absent-with-reason).
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record a speaker and their view.
    Speak {
        #[arg(value_name = "MEETING_ID")]
        meeting: String,
        #[arg(long, value_name = "MEMBER_ID")]
        member: String,
        /// What they said, in the minute-taker's words.
        #[arg(long)]
        view: String,
        #[arg(long)]
        json: bool,
    },
    /// Adopt a resolution with its show-of-hands tally (checked against the official members
    /// present).
    Adopt {
        #[arg(value_name = "RESOLUTION_ID")]
        resolution: String,
        #[arg(long = "for", value_name = "N", allow_negative_numbers = true)]
        votes_for: i64,
        #[arg(
            long = "against",
            value_name = "N",
            default_value_t = 0,
            allow_negative_numbers = true
        )]
        votes_against: i64,
        #[arg(
            long = "abstain",
            value_name = "N",
            default_value_t = 0,
            allow_negative_numbers = true
        )]
        votes_abstain: i64,
        #[arg(long)]
        json: bool,
    },
    /// The meeting's record: chair, minute-taker, guests, the chair's conclusion, the minutes'
    /// text and the rating (what is not given stays as it is).
    Minutes {
        #[arg(value_name = "MEETING_ID")]
        meeting: String,
        #[arg(long, value_name = "MEMBER_ID")]
        chair: Option<String>,
        #[arg(long, value_name = "MEMBER_ID")]
        minute_taker: Option<String>,
        #[arg(long)]
        guests: Option<String>,
        #[arg(long)]
        conclusion: Option<String>,
        /// The minutes' text ('-' reads it from standard input).
        #[arg(long)]
        text: Option<String>,
        #[arg(long, value_enum)]
        rating: Option<RatingArg>,
        /// Print the minutes drafted from what was recorded (to edit, then save with --text);
        /// nothing is written.
        #[arg(long, conflicts_with_all = ["chair", "minute_taker", "guests", "conclusion", "text", "rating", "adopt"])]
        draft: bool,
        /// Then adopt the minutes: the meeting's record is locked.
        #[arg(long)]
        adopt: bool,
        #[arg(long)]
        json: bool,
    },
    /// Send the meeting's agenda, draft and documents to members (says so when it is later than
    /// the lead time before the meeting, a day unless the settings say otherwise).
    Publish {
        #[arg(value_name = "MEETING_ID")]
        meeting: String,
        #[arg(long)]
        json: bool,
    },
    /// The monitoring figures of every cell at or below a unit for a year: regular meetings held
    /// and months missed, thematic meetings, attendance, members who spoke, documents and tasks
    /// on time, each against its target.
    Report(ReportOptions),
    /// The targets a superior committee sets for the cells below it (inherited down the tree):
    /// shows them, or sets those given (the others kept), or clears the unit's own.
    Targets(TargetsOptions),
    /// One unit: the day it started keeping its record in Sotay (nothing before it is judged).
    Unit {
        #[command(subcommand)]
        action: UnitAction,
    },
    /// Members' records: a member's page, admitting, recognising as official, rating.
    Member {
        #[command(subcommand)]
        action: MemberAction,
    },
    /// Each committee's admissions this year against its plan; sets or clears the plan.
    Admissions(AdmissionsOptions),
    /// Send the reason I cannot attend a meeting to its committee (before it starts), or
    /// withdraw it.
    Absence(AbsenceCmd),
    /// Answer a meeting's invitation: --coming, or --cannot "reason" (before it starts).
    Rsvp(RsvpCmd),
    /// Send my idea on a meeting's draft resolution (or on the meeting) before it starts.
    Idea(IdeaCmd),
    /// Report progress on a task assigned to me, with a note; --done marks it done.
    Progress(ProgressCmd),
    /// A one-page PDF for a member who was away: since a day, the meetings held and their
    /// conclusions, the resolutions adopted, their open tasks, the documents to read.
    Digest {
        /// The first day to cover (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_name = "DATE")]
        since: String,
        /// Large type.
        #[arg(long)]
        large: bool,
        /// The member it is for (default: this device's).
        #[arg(long, value_name = "MEMBER_ID")]
        member: Option<String>,
        /// The file to write (default: tom-tat-<member>-<day>.pdf here).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// What the rule checks find in the cells at or below a unit: months without a regular
    /// meeting, documents out late, probations ending within 30 days, tasks overdue.
    Checks {
        /// The unit (default: the device member's).
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Attach files to the meeting's papers; members' devices fetch them at their next sync.
    Attach {
        #[arg(value_name = "MEETING_ID")]
        meeting: String,
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Publish a document of your committee (a directive, guidance, plan, notice) to every unit
    /// below it, at their next sync; with --id, correct one already published.
    PublishDocument(PublishDocumentOptions),
    /// A committee's notices: list, read, post (urgent or not), correct, withdraw.
    Notice {
        #[command(subcommand)]
        action: NoticeAction,
    },
    /// Withdraw a document your committee published (it leaves every device at their next sync).
    WithdrawDocument {
        #[arg(value_name = "DOCUMENT_ID")]
        id: String,
    },
    /// Take a file off a meeting's papers or off a document your committee published.
    Detach {
        #[arg(value_name = "ATTACHMENT_ID")]
        attachment: String,
        #[arg(long)]
        json: bool,
    },
    /// The monthly regular meeting as a series (RFC 5545 rule): its meetings of the coming year
    /// are scheduled at once; `series edit` changes it from a day on.
    Series {
        #[command(subcommand)]
        action: SeriesAction,
    },
    /// Write a document to a file: a meeting's minutes for the minutes book, the cell's calendar.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Tasks a meeting gives to members.
    Task {
        #[command(subcommand)]
        action: TaskAction,
    },
    /// Superior documents and meeting papers, newest first.
    Documents {
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// One document with its text, files, and (for the committee) who of the unit has read it;
    /// a member reading it is noted for their cell.
    Document {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Resolutions, newest first.
    Resolutions {
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        /// Only drafts still open for comments.
        #[arg(long)]
        drafts: bool,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Tasks, soonest due first.
    Tasks {
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        /// Only tasks assigned to this member.
        #[arg(long, value_name = "MEMBER_ID")]
        member: Option<String>,
        /// Only tasks not yet done.
        #[arg(long)]
        open: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// What changed most recently.
    Activity {
        #[arg(long, default_value_t = 30)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Search documents, resolutions, minutes, tasks and meeting topics; diacritics optional.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// The store: its client id, schema, records and changes waiting to sync. A damaged store
    /// is said so (exit 4), after SQLite's quick check.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Check the store's file with SQLite's full integrity check (every page, row and index);
    /// exit 4 and every problem found if it is damaged.
    Check {
        /// Only the quick check (pages and rows, not indexes against their tables).
        #[arg(long)]
        quick: bool,
    },
    /// The conflict log: values sync did not keep, newest first.
    Conflicts {
        /// Also those already resolved.
        #[arg(long)]
        all: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// This device's changes the server did not accept, newest first (the device shows the
    /// server's state again; this keeps what was sent and why it was refused).
    Rejections {
        /// Also those already dismissed.
        #[arg(long)]
        all: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Serve the desktop UI to a web browser, answering its commands from this store — for
    /// development and the browser tests (the desktop app itself needs no server).
    UiBridge {
        /// The built UI (`ui/dist`).
        #[arg(long, value_name = "DIR")]
        ui: PathBuf,
        /// Address to listen on; port 0 picks a free one (the address is printed).
        #[arg(long, default_value = "127.0.0.1:1421")]
        listen: String,
    },
    /// Run the sync server (embedded SQLite under --data; no other set-up).
    Serve {
        #[command(flatten)]
        db: ServerData,
        /// Address to listen on; port 0 picks a free one (the address is printed).
        #[arg(long, default_value = "127.0.0.1:7878")]
        listen: String,
        /// Days a device may stay out of touch: its token then expires, and the device locks
        /// itself until its member signs in again.
        #[arg(long, default_value_t = 30, value_name = "DAYS",
              value_parser = clap::value_parser!(u32).range(1..=365))]
        offline_days: u32,
        #[command(flatten)]
        tls: TlsFiles,
    },
    /// Make a one-time invite for a device (run where the server's data is).
    #[command(group = clap::ArgGroup::new("whom").required(true))]
    Invite {
        #[command(flatten)]
        db: ServerData,
        /// The member the device belongs to: it acts as them, with the role their unit and
        /// office give on the server.
        #[arg(long, value_name = "MEMBER_ID", group = "whom")]
        member: Option<String>,
        /// A read-only device of a unit, bound to no member (training, a notice board).
        #[arg(long, value_name = "UNIT_ID", group = "whom")]
        unit: Option<String>,
        /// An administrator's device: reads and writes everything.
        #[arg(long, group = "whom")]
        admin: bool,
    },
    /// Move a member to another unit from a day, keeping the transfer's history (on an
    /// administrator's device; sent at the next `sotay sync`).
    Transfer {
        #[arg(long, value_name = "MEMBER_ID")]
        member: String,
        /// The unit the member moves to.
        #[arg(long, value_name = "UNIT_ID")]
        to: String,
        /// The day the member starts there (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_name = "DATE")]
        on: String,
        /// The decision or reason.
        #[arg(long)]
        reason: Option<String>,
    },
    /// The server's administration (run where the server's data is).
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Connect this store to a server with an invite.
    Connect {
        #[arg(long, value_name = "URL")]
        server: String,
        #[arg(long, value_name = "CODE")]
        invite: String,
    },
    /// Sign this store in to a server as a member, with their party card number or phone and
    /// the password they set on a device that joined (read from standard input, one line).
    SignIn {
        #[arg(long, value_name = "URL")]
        server: String,
        /// The member's party card number or phone number.
        #[arg(long, value_name = "CARD_OR_PHONE")]
        login: String,
    },
    /// Set the password of the member this device belongs to (read from standard input, one
    /// line; 8 characters at least): their other devices then sign in with it.
    Password,
    /// This member's devices, from the server (name, joined, last seen, signed out); or a
    /// member's of this committee's cell with --member. --sign-out signs one out: it erases what
    /// it holds when it next reaches the server.
    Devices {
        #[arg(long, value_name = "MEMBER_ID")]
        member: Option<String>,
        #[arg(long, value_name = "DEVICE_ID")]
        sign_out: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// This member's calendar subscription for a phone: a new address from the server (the old
    /// one stops working), or --revoke it.
    CalendarFeed {
        #[arg(long)]
        revoke: bool,
    },
    /// Run one sync round (push, then pull) and show where sync stands.
    Sync {
        /// Keep syncing: on news from the server, and with backoff while it is unreachable.
        #[arg(long)]
        watch: bool,
        #[arg(long)]
        json: bool,
    },
}

pub use super::channel_args::{NoticeAction, RsvpCmd};
pub use super::cycle_args::*;
pub use super::member_args::{AbsenceCmd, AdmissionsOptions, IdeaCmd, MemberAction, ProgressCmd};
pub use super::monitor_args::*;
pub use super::server_args::{AdminCommand, ServerData, TlsFiles};
