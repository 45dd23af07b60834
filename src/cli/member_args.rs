//! The arguments of the committee's commands on members' records: `sotay member …` and
//! `sotay admissions`.

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
