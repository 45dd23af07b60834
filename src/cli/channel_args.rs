//! The arguments of the two-way channel's commands: notices, and replies to a meeting.

use clap::Subcommand;
use std::path::PathBuf;

/// `sotay notice …`: a committee's notices, and reading them.
#[derive(Debug, Subcommand)]
pub enum NoticeAction {
    /// The notices of your unit and of the committees above it, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One notice; reading it is noted for the committee that posted it, which sees here who
    /// has read it in each unit.
    Show {
        #[arg(value_name = "NOTICE_ID")]
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Post a notice of your committee to its unit and every unit below; with --id, correct one.
    Post {
        #[arg(long, value_name = "NOTICE_ID")]
        id: Option<String>,
        #[arg(long)]
        title: String,
        #[arg(long, conflicts_with = "body_file")]
        body: Option<String>,
        /// Read the text from a UTF-8 file.
        #[arg(long, value_name = "FILE")]
        body_file: Option<PathBuf>,
        /// Tell members at once rather than with the day's reminders.
        #[arg(long)]
        urgent: bool,
        /// The day an answer is asked by, dd/mm/yyyy.
        #[arg(long, value_name = "DATE")]
        reply_by: Option<String>,
        /// A meeting of your unit the notice is about.
        #[arg(long, value_name = "MEETING_ID")]
        meeting: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Withdraw a notice your committee posted (it leaves every device at their next sync).
    Withdraw {
        #[arg(value_name = "NOTICE_ID")]
        id: String,
        #[arg(long)]
        json: bool,
    },
}

/// `sotay rsvp`: my answer to a meeting's invitation, before it starts.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("answer").required(true))]
pub struct RsvpCmd {
    #[arg(value_name = "MEETING_ID")]
    pub meeting: String,
    /// I will come.
    #[arg(long, group = "answer")]
    pub coming: bool,
    /// I cannot come, and why: the reason is the absence notice the roll call sees.
    #[arg(long, group = "answer", value_name = "REASON")]
    pub cannot: Option<String>,
    #[arg(long)]
    pub json: bool,
}
