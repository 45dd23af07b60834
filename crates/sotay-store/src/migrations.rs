//! The schema migrations in `schema/`, embedded at build time and applied in order.
//!
//! A landed migration is never edited: stores in the field were made by it. `schema/landed.sha256`
//! pins each file's hash and a test fails when one changes.

use rusqlite_migration::{M, Migrations};

/// The migration files, in order. Append only.
pub const FILES: &[(&str, &str)] = &[
    (
        "0001_init.sql",
        include_str!("../../../schema/0001_init.sql"),
    ),
    (
        "0002_search.sql",
        include_str!("../../../schema/0002_search.sql"),
    ),
    (
        "0003_conflicts.sql",
        include_str!("../../../schema/0003_conflicts.sql"),
    ),
    (
        "0004_rejections.sql",
        include_str!("../../../schema/0004_rejections.sql"),
    ),
    (
        "0005_transfers.sql",
        include_str!("../../../schema/0005_transfers.sql"),
    ),
    (
        "0006_publish_minutes.sql",
        include_str!("../../../schema/0006_publish_minutes.sql"),
    ),
    (
        "0007_attachment_files.sql",
        include_str!("../../../schema/0007_attachment_files.sql"),
    ),
    (
        "0008_attendance_counts.sql",
        include_str!("../../../schema/0008_attendance_counts.sql"),
    ),
    (
        "0009_publishing.sql",
        include_str!("../../../schema/0009_publishing.sql"),
    ),
    (
        "0010_unit_targets.sql",
        include_str!("../../../schema/0010_unit_targets.sql"),
    ),
    (
        "0011_member_records.sql",
        include_str!("../../../schema/0011_member_records.sql"),
    ),
    (
        "0012_attendance_rowid.sql",
        include_str!("../../../schema/0012_attendance_rowid.sql"),
    ),
    (
        "0013_identity_and_closing.sql",
        include_str!("../../../schema/0013_identity_and_closing.sql"),
    ),
    (
        "0014_real_month.sql",
        include_str!("../../../schema/0014_real_month.sql"),
    ),
    (
        "0015_meeting_seals.sql",
        include_str!("../../../schema/0015_meeting_seals.sql"),
    ),
    (
        "0016_notices.sql",
        include_str!("../../../schema/0016_notices.sql"),
    ),
    (
        "0017_quorum.sql",
        include_str!("../../../schema/0017_quorum.sql"),
    ),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::new(
        FILES
            .iter()
            .map(|(name, sql)| M::up(sql).comment(name))
            .collect(),
    )
}

/// The schema version a fully migrated store has.
pub fn latest() -> usize {
    FILES.len()
}
