//! The arguments of the cell committee's meeting commands: the meeting and its series, the roll
//! call and the tally, tasks and their review, exports.

use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

/// A meeting's kind, as typed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Regular,
    Thematic,
    Pilot,
    ExperienceSharing,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AttendanceArg {
    Present,
    AbsentWithReason,
    AbsentWithoutReason,
    Excused,
    Expected,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RatingArg {
    Good,
    Fair,
    Average,
    Poor,
}

/// When and where a meeting is, as typed.
#[derive(Debug, clap::Args)]
pub struct MeetingWhen {
    /// Local time in Vietnam: "dd/mm/yyyy HH:MM" or yyyy-mm-ddTHH:MM.
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    #[arg(long, value_name = "MINUTES")]
    pub duration: Option<i64>,
    #[arg(long)]
    pub place: Option<String>,
    #[arg(long)]
    pub topic: Option<String>,
    /// Invited observers, the superior committee's representative.
    #[arg(long)]
    pub guests: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum MeetingAction {
    /// Schedule a meeting of this device's cell (--unit on an administrator's device), its
    /// agenda made from the prescribed template.
    New {
        #[arg(long, value_enum, default_value = "regular")]
        kind: KindArg,
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        #[command(flatten)]
        when: MeetingWhen,
        #[arg(long)]
        json: bool,
    },
    /// Move or rename a planned meeting (what is not given stays as it is).
    Edit {
        #[arg(value_name = "MEETING_ID")]
        id: String,
        #[command(flatten)]
        when: MeetingWhen,
        #[arg(long)]
        json: bool,
    },
    /// Cancel a planned meeting.
    Cancel {
        #[arg(value_name = "MEETING_ID")]
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Open the meeting: it is being held now (the minutes say it began now), and members'
    /// ideas on its drafts close. More than an hour before its time it asks for --early.
    Start {
        #[arg(value_name = "MEETING_ID")]
        id: String,
        /// Open it although its time is more than an hour away (the cell has gathered early).
        #[arg(long)]
        early: bool,
        #[arg(long)]
        json: bool,
    },
    /// Close the meeting: the minutes say it ended now (adopting them closes it too).
    End {
        #[arg(value_name = "MEETING_ID")]
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Enter a meeting already held on paper (before the cell used Sotay, or while it had no
    /// device): its day, kind, roll call counts, tally, conclusion and minutes. It is marked as
    /// entered afterwards and counts in the figures.
    Held(HeldArgs),
}

/// A meeting held on paper, as its minutes book has it.
#[derive(Debug, clap::Args)]
pub struct HeldArgs {
    #[arg(long, value_enum, default_value = "regular")]
    pub kind: KindArg,
    /// When it was held, local time in Vietnam: "dd/mm/yyyy HH:MM".
    #[arg(long, value_name = "WHEN")]
    pub at: String,
    /// The cell (on an administrator's device); this device's cell by default.
    #[arg(long, value_name = "UNIT_ID")]
    pub unit: Option<String>,
    #[arg(long, value_name = "N")]
    pub present: i64,
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub absent_with_reason: i64,
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub absent_without_reason: i64,
    /// The show of hands on the month's resolution, if one was voted.
    #[arg(long = "for", value_name = "N")]
    pub votes_for: Option<i64>,
    #[arg(long = "against", value_name = "N")]
    pub votes_against: Option<i64>,
    #[arg(long = "abstain", value_name = "N")]
    pub votes_abstain: Option<i64>,
    #[arg(long)]
    pub conclusion: Option<String>,
    /// The minutes: a text file is their text; a scan (PDF, image) joins the meeting's papers.
    #[arg(long, value_name = "FILE")]
    pub minutes_file: Option<PathBuf>,
    #[arg(long)]
    pub place: Option<String>,
    #[arg(long)]
    pub topic: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum SeriesAction {
    /// Meet on --day of each month (a day a month lacks falls on its last) at --time.
    New {
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        #[command(flatten)]
        rule: SeriesRule,
        /// The meetings' title; each adds its month.
        #[arg(long, default_value = "Sinh hoạt chi bộ thường kỳ")]
        title: String,
        /// Make it although the cell has a monthly series running (two regular meetings a month).
        #[arg(long)]
        also: bool,
        #[arg(long)]
        json: bool,
    },
    /// Keep this series of two running (made on two devices offline): the other ends today and
    /// its meetings ahead are cancelled.
    Keep {
        #[arg(value_name = "SERIES_ID")]
        series: String,
        #[arg(long)]
        json: bool,
    },
    /// From --from on, meet on another day, time or place; the meetings ahead move.
    Edit {
        #[arg(value_name = "SERIES_ID")]
        series: String,
        #[command(flatten)]
        rule: SeriesRule,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct SeriesRule {
    /// 1–31.
    #[arg(long)]
    pub day: u8,
    /// HH:MM in Vietnam.
    #[arg(long, default_value = "19:30")]
    pub time: String,
    /// dd/mm/yyyy: the first day it applies.
    #[arg(long, value_name = "DATE")]
    pub from: String,
    #[arg(long)]
    pub place: String,
    #[arg(long, default_value_t = 120)]
    pub duration: i64,
}

#[derive(Debug, clap::Subcommand)]
pub enum ExportWhat {
    /// The minutes as PDF (a draft until adopted), or as text with --text.
    Minutes {
        #[arg(value_name = "MEETING_ID")]
        meeting: String,
        /// PDF for the minutes book (the default).
        #[arg(long, conflicts_with = "text")]
        pdf: bool,
        /// Plain text.
        #[arg(long)]
        text: bool,
        /// The file to write (default: bien-ban-<date>-<cell>.pdf here; '-' for standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// A file attached to a meeting's papers (as `sotay meeting` lists them), under its own name.
    Attachment {
        #[arg(value_name = "ATTACHMENT_ID")]
        attachment: String,
        /// The file to write (default: the file's own name here; '-' for standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// The cell's meetings as an iCalendar file (series, moved and cancelled meetings).
    Ics {
        /// The unit (default: the device member's).
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        /// The file to write (default: lich-hop-<cell>.ics here; '-' for standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TaskAction {
    /// Give a task to one or more members of the meeting's cell.
    Assign(AssignTaskCmd),
    /// Review an earlier task at this meeting: done or not, and why.
    Review(ReviewTaskCmd),
}

#[derive(Debug, clap::Args)]
pub struct AssignTaskCmd {
    #[arg(long, value_name = "MEETING_ID")]
    pub meeting: String,
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub description: Option<String>,
    /// dd/mm/yyyy or yyyy-mm-dd.
    #[arg(long, value_name = "DATE")]
    pub due: String,
    /// Repeat for several members.
    #[arg(long = "member", value_name = "MEMBER_ID", required = true)]
    pub members: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReviewTaskCmd {
    #[arg(long, value_name = "MEETING_ID")]
    pub meeting: String,
    #[arg(long, value_name = "TASK_ID")]
    pub task: String,
    #[arg(
        long,
        conflicts_with = "not_done",
        required_unless_present = "not_done"
    )]
    pub done: bool,
    #[arg(long)]
    pub not_done: bool,
    /// Why, or what was done (kept in the task's progress notes).
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// `sotay agenda`: add, move, rename or remove a meeting's agenda items.
#[derive(Debug, clap::Args)]
pub struct AgendaCmd {
    #[arg(value_name = "MEETING_ID")]
    pub meeting: String,
    /// Add an item with this title: before the closing steps (rating, minutes, closing), or
    /// where --before or --position says.
    #[arg(long, value_name = "TITLE", conflicts_with_all = ["item", "remove"])]
    pub add: Option<String>,
    /// The item to rename (--title), give a body (--body), move (--before or --position) or
    /// remove (--remove).
    #[arg(long, value_name = "ITEM_ID")]
    pub item: Option<String>,
    #[arg(long, requires = "item")]
    pub title: Option<String>,
    #[arg(long)]
    pub body: Option<String>,
    /// Put the item (added or moved) right before this one.
    #[arg(long, value_name = "ITEM_ID", conflicts_with = "position")]
    pub before: Option<String>,
    /// Put the item (added or moved) at this place, 1 the first.
    #[arg(long, value_name = "N")]
    pub position: Option<i64>,
    #[arg(long, requires = "item", conflicts_with_all = ["title", "body", "before", "position"])]
    pub remove: bool,
    #[arg(long)]
    pub json: bool,
}
