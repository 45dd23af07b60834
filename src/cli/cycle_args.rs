//! The arguments of the cell committee's meeting commands: the meeting and its series, the roll
//! call and the tally, tasks and their review, exports.

use super::args::KindArg;
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

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
    /// Open the meeting: it is being held now, and members' ideas on its drafts close.
    Start {
        #[arg(value_name = "MEETING_ID")]
        id: String,
        #[arg(long)]
        json: bool,
    },
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
