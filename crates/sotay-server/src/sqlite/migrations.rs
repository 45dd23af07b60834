//! The server's SQLite migrations, `schema/server/sqlite/`, embedded in order. Append only: a
//! landed file is never edited (`schema/landed.sha256`).

pub(super) const MIGRATIONS: &[(&str, &str)] = &[
    (
        "server/sqlite/0001_init.sql",
        include_str!("../../../../schema/server/sqlite/0001_init.sql"),
    ),
    (
        "server/sqlite/0002_devices.sql",
        include_str!("../../../../schema/server/sqlite/0002_devices.sql"),
    ),
    (
        "server/sqlite/0003_members.sql",
        include_str!("../../../../schema/server/sqlite/0003_members.sql"),
    ),
    (
        "server/sqlite/0004_departures_audit.sql",
        include_str!("../../../../schema/server/sqlite/0004_departures_audit.sql"),
    ),
    (
        "server/sqlite/0005_calendar_feeds.sql",
        include_str!("../../../../schema/server/sqlite/0005_calendar_feeds.sql"),
    ),
    (
        "server/sqlite/0006_attachment_files.sql",
        include_str!("../../../../schema/server/sqlite/0006_attachment_files.sql"),
    ),
    (
        "server/sqlite/0007_report_indexes.sql",
        include_str!("../../../../schema/server/sqlite/0007_report_indexes.sql"),
    ),
    (
        "server/sqlite/0008_member_records.sql",
        include_str!("../../../../schema/server/sqlite/0008_member_records.sql"),
    ),
    (
        "server/sqlite/0009_accounts.sql",
        include_str!("../../../../schema/server/sqlite/0009_accounts.sql"),
    ),
    (
        "server/sqlite/0010_device_sessions.sql",
        include_str!("../../../../schema/server/sqlite/0010_device_sessions.sql"),
    ),
];
