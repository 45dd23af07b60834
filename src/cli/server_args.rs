//! The arguments of the commands that run where the server's data is: `serve`, `invite` and
//! `admin`.

use super::console_args::{MemberCommand, UnitCommand};
use std::path::PathBuf;

/// Where the server's data is: the commands that run there (`serve`, `invite`, `admin`).
#[derive(Debug, clap::Args)]
pub struct ServerData {
    /// Where the server keeps its database [default: the user's data directory, sotay/server]
    #[arg(long, env = "SOTAY_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Use PostgreSQL instead of the embedded database (several instances may share it).
    #[arg(
        long,
        env = "SOTAY_DATABASE_URL",
        value_name = "postgres://…",
        conflicts_with = "data"
    )]
    pub database_url: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum AdminCommand {
    /// The organisation tree: list, add, rename, move and close units.
    Unit {
        #[command(subcommand)]
        command: UnitCommand,
    },
    /// The roster and its offices: list, add, edit and move members, give offices.
    Member {
        #[command(subcommand)]
        command: MemberCommand,
    },
    /// Make a one-time invite for a member's device: the code is shown once and joins one device.
    Invite {
        #[command(flatten)]
        db: ServerData,
        #[arg(long, value_name = "MEMBER_ID")]
        member: String,
    },
    /// Who changed the minutes, tallies, attendance, the roster and its offices, transfers and
    /// the tree: member, device, time and each field before and after; oldest first.
    Audit {
        #[command(flatten)]
        db: ServerData,
        /// Only changes to records of this unit.
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        /// Only changes made from this member's devices.
        #[arg(long, value_name = "MEMBER_ID")]
        member: Option<String>,
        /// From this day (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Up to this day, included.
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        #[arg(long, default_value_t = 500)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}
