//! The local keys this crate keeps in the store: the device's own state, which no sync sends.

/// The member using this device.
pub const ME: &str = "app_me";
/// [`crate::views::Settings`] as JSON.
pub const SETTINGS: &str = "app_settings";
/// The newest change the member has seen on Home (an HLC).
pub const LAST_SEEN: &str = "app_last_seen";
/// Prefix of the reminders already shown.
pub const REMINDED: &str = "app_reminded:";
/// Prefix of what the device last knew of a meeting ahead (to tell others' changes).
pub const SEEN_MEETING: &str = "app_seen_meeting:";
/// The address of the member's calendar subscription (the server keeps only its hash).
pub const CALENDAR_FEED: &str = "app_calendar_feed";
/// Set once the device has looked at the meetings ahead for the first time.
pub const SEEN_BASELINE: &str = "app_seen_baseline";
/// Prefix of the documents from elsewhere the member has been told of.
pub const SEEN_DOCUMENT: &str = "app_seen_document:";
/// Prefix of the rule checks' findings the cell's committee has been told of.
pub const SEEN_CHECK: &str = "app_seen_check:";
/// Set once the device has looked at the documents from elsewhere for the first time.
pub const SEEN_DOCUMENTS_BASELINE: &str = "app_seen_documents_baseline";
/// Prefix of the notices the member has been told of.
pub const SEEN_NOTICE: &str = "app_seen_notice:";
/// Set once the device has looked at its notices for the first time.
pub const SEEN_NOTICES_BASELINE: &str = "app_seen_notices_baseline";
/// The day (Vietnam's) the routine notices were last told together.
pub const NOTICES_TOLD_ON: &str = "app_notices_told_on";
