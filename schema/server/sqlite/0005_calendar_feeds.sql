-- Sotay sync server on SQLite, schema 5: members' calendar subscriptions.
--
-- A phone's calendar fetches /v1/calendar/<secret>.ics with no device token, so the secret is
-- the key: kept as its SHA-256, one per member; a new one replaces (revokes) the old, and
-- revoking deletes the row.

CREATE TABLE calendar_feed (
    member_id   TEXT PRIMARY KEY NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;
