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
    /// Read a roster file (CSV UTF-8, comma or semicolon, or XLSX) with Vietnamese headers — Họ và
    /// tên, Ngày sinh, Giới tính, Chi bộ, Ngày vào Đảng, Ngày chính thức, Chức vụ, Số thẻ đảng
    /// viên, Số CCCD, Điện thoại — and add its new members. Every problem is listed with its row
    /// and column; nothing is written until the file is clean or its rows with problems are
    /// skipped. Members already on the roster are left as they are.
    ImportRoster {
        #[command(flatten)]
        db: ServerData,
        file: PathBuf,
        /// Look the file's cells up under this unit only; the unit every row joins when the file
        /// has no "Chi bộ" column.
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        /// Check and show only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Rows to leave out (as the spreadsheet numbers them), e.g. 4,9: the rest is written.
        #[arg(long, value_name = "ROWS")]
        skip_rows: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Make a one-time invite for a member's device: the code is shown once and joins one device.
    Invite {
        #[command(flatten)]
        db: ServerData,
        #[arg(long, value_name = "MEMBER_ID")]
        member: String,
    },
    /// Every device on the server, or a member's: name, when it joined and was last seen,
    /// whether it was signed out and by whom.
    Devices {
        #[command(flatten)]
        db: ServerData,
        #[arg(long, value_name = "MEMBER_ID")]
        member: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Sign a device out (a lost laptop): its token stops working at once, and at its next
    /// contact it erases what it holds, listing the changes it had not sent.
    Revoke {
        #[command(flatten)]
        db: ServerData,
        /// The device's id (see `sotay admin devices`).
        #[arg(value_name = "DEVICE_ID")]
        device: String,
        #[arg(long)]
        json: bool,
    },
    /// Recompute the seals of adopted minutes from the records as they are now: names every
    /// meeting whose minutes, roll call, tally or speakers changed after adoption (exit 1).
    Verify {
        #[command(flatten)]
        db: ServerData,
        /// Only this unit's meetings.
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Copy the embedded server database to FILE while the server runs (SQLite's online backup:
    /// the database as of one instant). For PostgreSQL use pg_dump (README).
    Backup {
        #[command(flatten)]
        db: ServerData,
        /// The file to write.
        #[arg(value_name = "FILE")]
        to: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Put a backup back as the embedded server database (stop the server first). The database
    /// it replaces is kept as server.db.before-restore; devices that synced since the backup
    /// send their changes again at their next sync.
    Restore {
        #[command(flatten)]
        db: ServerData,
        /// The backup to put back.
        #[arg(value_name = "FILE")]
        from: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Tell the devices the database was restored by other means (pg_restore, a file copied
    /// back): a new epoch, after which each device sends its changes again and pulls anew.
    Restored {
        #[command(flatten)]
        db: ServerData,
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
        /// The security log instead: joins, sign-ins, failed ones, refusals for too many,
        /// passwords set, devices signed out and erased, sessions expired, offices changed
        /// (oldest first; --limit applies, the other filters do not).
        #[arg(long, conflicts_with_all = ["unit", "member", "since", "until"])]
        security: bool,
        #[arg(long)]
        json: bool,
    },
}

/// HTTPS served by `sotay serve` itself; without them it speaks plain HTTP, for this computer or
/// behind a reverse proxy that does TLS.
#[derive(Debug, Clone, clap::Args)]
pub struct TlsFiles {
    /// The server's certificate chain, PEM, its own certificate first.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's private key, PEM.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
}
