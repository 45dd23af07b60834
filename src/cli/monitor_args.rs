//! The arguments of the commands that follow and steer the cells from above: the report, the
//! targets, and publishing documents downward.

use std::path::PathBuf;

/// What `sotay report` reports, and how.
#[derive(Debug, clap::Args)]
pub struct ReportOptions {
    /// The year (default: this year in Vietnam).
    #[arg(long)]
    pub year: Option<i32>,
    /// The unit (default: the device member's).
    #[arg(long, value_name = "UNIT_ID")]
    pub unit: Option<String>,
    /// CSV (UTF-8 with BOM, Vietnamese headers) instead of a table.
    #[arg(long, conflicts_with_all = ["json", "xlsx"])]
    pub csv: bool,
    /// An Excel workbook: a sheet of cells, a sheet of the units above them, with formulas.
    #[arg(long, conflicts_with_all = ["json", "pdf"])]
    pub xlsx: bool,
    /// A PDF for printing and signing (A4 landscape).
    #[arg(long, conflicts_with_all = ["json", "csv"])]
    pub pdf: bool,
    /// Ask the server this device is connected to for the figures it computes from its own
    /// records instead of computing them from this store (the same table; --json for JSON).
    #[arg(long, conflicts_with_all = ["csv", "xlsx", "pdf"])]
    pub server: bool,
    /// The file to write (default: the CSV to standard output, the workbook or PDF to
    /// bao-cao-<year>-<unit>.xlsx|pdf here).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

/// What `sotay targets` shows, sets or clears.
#[derive(Debug, clap::Args)]
pub struct TargetsOptions {
    /// The committee's unit (default: the device member's).
    #[arg(long, value_name = "UNIT_ID")]
    pub unit: Option<String>,
    /// Regular meetings a year.
    #[arg(long)]
    pub regular: Option<i64>,
    /// Fewer than `regular` but at least this many is "at risk".
    #[arg(long)]
    pub acceptable: Option<i64>,
    /// Thematic meetings a year.
    #[arg(long)]
    pub thematic: Option<i64>,
    /// Attendance, in percent.
    #[arg(long)]
    pub attendance: Option<i64>,
    /// Members who spoke, in percent.
    #[arg(long)]
    pub spoke: Option<i64>,
    /// Meetings whose documents went out a day ahead, in percent.
    #[arg(long)]
    pub published: Option<i64>,
    /// Tasks done on time, in percent.
    #[arg(long)]
    pub tasks: Option<i64>,
    /// The quorum of the cells' meetings: more than this percent of the official members
    /// summoned (default 50: more than half).
    #[arg(long)]
    pub quorum: Option<i64>,
    /// Go back to the targets of the committee above (or the defaults).
    #[arg(long, conflicts_with_all = ["regular", "acceptable", "thematic", "attendance", "spoke", "published", "tasks", "quorum"])]
    pub clear: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum UnitAction {
    /// Say from which day the unit keeps its record in Sotay: the figures and checks judge
    /// nothing before it (the cells below go by their commune's day unless they set their own).
    /// Meetings held before it are entered with `sotay meeting held`.
    Since {
        /// dd/mm/yyyy.
        #[arg(value_name = "DATE", required_unless_present = "clear")]
        date: Option<String>,
        /// The unit (default: the device member's).
        #[arg(long, value_name = "UNIT_ID")]
        unit: Option<String>,
        /// Take the unit's own day away: it goes by the one above.
        #[arg(long, conflicts_with = "date")]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
}

/// What `sotay publish-document` publishes.
#[derive(Debug, clap::Args)]
pub struct PublishDocumentOptions {
    /// The document to correct (default: a new one).
    #[arg(long, value_name = "DOCUMENT_ID")]
    pub id: Option<String>,
    /// directive, guidance, resolution, conclusion or plan.
    #[arg(long)]
    pub kind: String,
    /// The document number, such as 12-HD/BTCTW.
    #[arg(long)]
    pub number: Option<String>,
    #[arg(long)]
    pub title: String,
    /// A few lines on what it asks (trích yếu).
    #[arg(long)]
    pub summary: Option<String>,
    /// The full text.
    #[arg(long, conflicts_with = "body_file")]
    pub body: Option<String>,
    /// The full text, from a UTF-8 file.
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// Who issued it (default: your committee's unit).
    #[arg(long)]
    pub issuer: Option<String>,
    /// The date it was issued (dd/mm/yyyy or yyyy-mm-dd; default: today).
    #[arg(long, value_name = "DATE")]
    pub issued_on: Option<String>,
    /// A file to attach (repeatable).
    #[arg(long = "attach", value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
}
