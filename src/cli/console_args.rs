//! The arguments of `sotay admin unit …` and `sotay admin member …`: the tree and the roster,
//! changed where the server's data is.

use super::server_args::ServerData;

const LEVELS: [&str; 4] = ["province", "district", "grassroots", "cell"];
const OFFICES: [&str; 4] = [
    "secretary",
    "deputy_secretary",
    "committee_member",
    "member",
];
const GENDERS: [&str; 2] = ["male", "female"];
const STANDINGS: [&str; 2] = ["official", "probationary"];

#[derive(Debug, clap::Subcommand)]
pub enum UnitCommand {
    /// The tree: every unit (closed ones too), each followed by its branch, with its members.
    List {
        #[command(flatten)]
        db: ServerData,
        #[arg(long)]
        json: bool,
    },
    /// Add a unit: the root of a fresh server (no --parent), else under a unit of a higher level.
    Add {
        #[command(flatten)]
        db: ServerData,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = LEVELS)]
        level: String,
        /// The unit it sits under.
        #[arg(long, value_name = "UNIT_ID")]
        parent: Option<String>,
        /// A short code for documents and exports (`CB-TD`).
        #[arg(long)]
        code: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rename a unit (and change its code: an empty one removes it).
    Rename {
        #[command(flatten)]
        db: ServerData,
        #[arg(value_name = "UNIT_ID")]
        unit: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        code: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Put a unit, with its branch, under another unit.
    Move {
        #[command(flatten)]
        db: ServerData,
        #[arg(value_name = "UNIT_ID")]
        unit: String,
        #[arg(long, value_name = "UNIT_ID")]
        under: String,
        #[arg(long)]
        json: bool,
    },
    /// Close a unit from a day (dissolved or merged): it must have no members or open units left.
    Close {
        #[command(flatten)]
        db: ServerData,
        #[arg(value_name = "UNIT_ID")]
        unit: String,
        /// The day (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_name = "DATE")]
        on: String,
        #[arg(long)]
        json: bool,
    },
}

/// A member's details as flags, for `add` and `edit`.
#[derive(Debug, clap::Args)]
pub struct MemberDetails {
    /// Full name (Họ và tên).
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_parser = GENDERS)]
    pub gender: Option<String>,
    /// Birth date (dd/mm/yyyy or yyyy-mm-dd).
    #[arg(long, value_name = "DATE")]
    pub born: Option<String>,
    #[arg(long, value_parser = STANDINGS)]
    pub standing: Option<String>,
    /// Admission day (ngày vào Đảng).
    #[arg(long, value_name = "DATE")]
    pub admitted: Option<String>,
    /// Day recognised as official (ngày chính thức).
    #[arg(long, value_name = "DATE")]
    pub official: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// Party card number (số thẻ đảng viên).
    #[arg(long)]
    pub card: Option<String>,
    /// Citizen identity number (số CCCD, 12 digits).
    #[arg(long)]
    pub citizen_id: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum MemberCommand {
    /// One unit's roster, or every unit's.
    List {
        #[command(flatten)]
        db: ServerData,
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add a member to a unit's roster (official unless --standing probationary).
    Add {
        #[command(flatten)]
        db: ServerData,
        #[arg(long, value_name = "UNIT_ID")]
        unit: String,
        #[command(flatten)]
        details: MemberDetails,
        /// An office in the unit [default: member].
        #[arg(long, value_parser = OFFICES)]
        office: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a member's details; what is not given stays (an empty --phone, --card or
    /// --citizen-id removes it).
    Edit {
        #[command(flatten)]
        db: ServerData,
        #[arg(value_name = "MEMBER_ID")]
        member: String,
        #[command(flatten)]
        details: MemberDetails,
        #[arg(long)]
        json: bool,
    },
    /// Move a member to another unit from a day, keeping the transfer in their history; an office
    /// stays behind.
    Move {
        #[command(flatten)]
        db: ServerData,
        #[arg(value_name = "MEMBER_ID")]
        member: String,
        #[arg(long, value_name = "UNIT_ID")]
        to: String,
        /// The day (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_name = "DATE")]
        on: String,
        /// The decision or reason.
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Give a member an office in their unit, or take it back (`--role member`).
    Office {
        #[command(flatten)]
        db: ServerData,
        #[arg(value_name = "MEMBER_ID")]
        member: String,
        #[arg(long, value_parser = OFFICES)]
        role: String,
        #[arg(long)]
        json: bool,
    },
}
