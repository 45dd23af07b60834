//! The arguments of the commands on members: the committee's on their records (`sotay member …`
//! and `sotay admissions`), and a member's own before a meeting and on their tasks (`sotay
//! absence`, `sotay idea`, `sotay progress`).

use clap::ValueEnum;

#[derive(Debug, clap::Subcommand)]
pub enum MemberAction {
    /// A member's record: standing and probation, transfers, yearly ratings.
    Show {
        member: String,
        #[arg(long)]
        json: bool,
    },
    /// Admit a new member to the committee's unit: probationary from the admission day.
    Admit(AdmitCmd),
    /// Record the cell's vote making a probationary member official.
    Official {
        member: String,
        /// The day membership became official (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_name = "DATE")]
        on: String,
        #[arg(long)]
        json: bool,
    },
    /// Record (or correct) a member's rating for a year.
    Rate(RateCmd),
}

#[derive(Debug, clap::Args)]
pub struct AdmitCmd {
    #[arg(long)]
    pub name: String,
    /// The admission ceremony (dd/mm/yyyy or yyyy-mm-dd).
    #[arg(long, value_name = "DATE")]
    pub admitted_on: String,
    #[arg(long, value_name = "DATE")]
    pub born_on: Option<String>,
    #[arg(long, value_enum)]
    pub gender: Option<GenderArg>,
    #[arg(long)]
    pub phone: Option<String>,
    /// The unit (default: the device member's).
    #[arg(long, value_name = "UNIT_ID")]
    pub unit: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GenderArg {
    Male,
    Female,
}

#[derive(Debug, clap::Args)]
pub struct RateCmd {
    pub member: String,
    #[arg(long)]
    pub year: i64,
    #[arg(long, value_enum)]
    pub level: LevelArg,
    /// The score on the 100-point scale (90+ excellent, 70–89 good, 50–69 completed).
    #[arg(long)]
    pub score: Option<i64>,
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// The four levels of the yearly rating.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LevelArg {
    Excellent,
    Good,
    Completed,
    NotCompleted,
}

/// What `sotay admissions` shows, sets or clears.
#[derive(Debug, clap::Args)]
pub struct AdmissionsOptions {
    /// The committee's unit (default: the device member's).
    #[arg(long, value_name = "UNIT_ID")]
    pub unit: Option<String>,
    /// Default: this year.
    #[arg(long)]
    pub year: Option<i32>,
    /// How many members the committee plans to admit in the year.
    #[arg(long, conflicts_with = "clear")]
    pub plan: Option<i64>,
    /// Take the year's plan away.
    #[arg(long)]
    pub clear: bool,
    #[arg(long)]
    pub json: bool,
}

/// `sotay absence`: my answer to a meeting's roll call before it starts.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("answer").required(true))]
pub struct AbsenceCmd {
    #[arg(value_name = "MEETING_ID")]
    pub meeting: String,
    /// Why I cannot attend.
    #[arg(long, group = "answer")]
    pub reason: Option<String>,
    /// Withdraw the reason I sent: I am expected after all.
    #[arg(long, group = "answer")]
    pub withdraw: bool,
    #[arg(long)]
    pub json: bool,
}

/// `sotay idea`: my idea on a meeting's draft resolution, or on the meeting itself.
#[derive(Debug, clap::Args)]
pub struct IdeaCmd {
    #[arg(value_name = "MEETING_ID")]
    pub meeting: String,
    /// The draft resolution the idea is about (default: the meeting itself).
    #[arg(long, value_name = "RESOLUTION_ID")]
    pub resolution: Option<String>,
    /// The idea ('-' reads it from standard input).
    #[arg(long)]
    pub text: String,
    #[arg(long)]
    pub json: bool,
}

/// `sotay progress`: a progress report on a task assigned to me.
#[derive(Debug, clap::Args)]
pub struct ProgressCmd {
    #[arg(value_name = "TASK_ID")]
    pub task: String,
    /// How far along, 0 to 100 [default: 100 with --done, else the last percent reported, or 0]
    #[arg(long, value_name = "N")]
    pub percent: Option<i64>,
    /// What was done.
    #[arg(long)]
    pub note: String,
    /// Then mark the task done.
    #[arg(long)]
    pub done: bool,
    #[arg(long)]
    pub json: bool,
}
