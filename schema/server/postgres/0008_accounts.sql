-- Sotay sync server on PostgreSQL, schema 8: members' passwords, failed sign-ins, security events
-- (as schema/server/sqlite/0009_accounts.sql says).

CREATE TABLE account (
    member_id TEXT PRIMARY KEY,
    password  TEXT NOT NULL,
    set_at    BIGINT NOT NULL
);

CREATE TABLE sign_in_failure (
    key TEXT NOT NULL,
    at  BIGINT NOT NULL
);
CREATE INDEX sign_in_failure_key ON sign_in_failure (key, at);

CREATE TABLE security_event (
    seq       BIGSERIAL PRIMARY KEY,
    at        BIGINT NOT NULL,
    kind      TEXT NOT NULL,
    member_id TEXT,
    device    TEXT,
    address   TEXT,
    detail    TEXT
);
CREATE FUNCTION security_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the security log is append-only';
END $$;
CREATE TRIGGER security_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON security_event
    FOR EACH STATEMENT EXECUTE FUNCTION security_event_append_only();
