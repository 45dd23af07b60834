-- Sotay sync server on SQLite, schema 9: members' passwords, failed sign-ins, security events.
--
-- A member who joined with an invite may set a password; another device then signs in with the
-- member's card number or phone and it, and gets a token of its own (a `device` row, as an
-- invite's). The password is kept as an argon2id PHC string, never itself. Failed sign-ins are
-- rows, not memory, so every server instance counts the same ones (per account and per address).
-- Security events — sign-ins, failures, refusals for too many, passwords set — are append-only
-- beside the record audit log.

CREATE TABLE account (
    member_id TEXT PRIMARY KEY NOT NULL,
    password  TEXT NOT NULL,
    set_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sign_in_failure (
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX sign_in_failure_key ON sign_in_failure (key, at);

CREATE TABLE security_event (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    member_id TEXT,
    device    TEXT,
    address   TEXT,
    detail    TEXT
);
CREATE TRIGGER security_event_append_only_update BEFORE UPDATE ON security_event
BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
CREATE TRIGGER security_event_append_only_delete BEFORE DELETE ON security_event
BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
