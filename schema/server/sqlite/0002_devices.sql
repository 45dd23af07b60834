-- Sotay sync server on SQLite, schema 2: invites and device tokens.
--
-- An administrator makes an invite for a unit (a member's cell, or a committee); a device redeems
-- it once and gets a token. Only hashes are stored: a leaked database does not leak tokens.

CREATE TABLE invite (
    code_hash  TEXT PRIMARY KEY NOT NULL,
    unit       TEXT,              -- the unit whose member it is for; null with admin
    admin      INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    used_at    INTEGER
) WITHOUT ROWID;

CREATE TABLE device (
    token_hash TEXT PRIMARY KEY NOT NULL,
    client_id  TEXT NOT NULL UNIQUE,
    unit       TEXT,
    admin      INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
) WITHOUT ROWID;
