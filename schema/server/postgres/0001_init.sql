-- Sotay sync server on PostgreSQL, schema 1 (the same model as server/sqlite/0001 and 0002).
--
-- Writers take a transaction-scoped advisory lock before they read what they will merge, so
-- pushes apply one at a time across every server instance and sequence numbers commit in order:
-- a pull can never see seq 11 committed while seq 10 is still to come.

CREATE TABLE record (
    id      TEXT PRIMARY KEY,
    entity  TEXT NOT NULL,
    fields  TEXT NOT NULL,   -- JSON object: field -> value
    clocks  TEXT NOT NULL,   -- JSON object: field -> {hlc, client}
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    scope   TEXT,
    seq     BIGINT NOT NULL UNIQUE
);
CREATE INDEX record_scope_seq ON record (scope, seq);
CREATE INDEX record_org_units ON record (entity) WHERE entity = 'org_unit';

CREATE TABLE client (
    id               TEXT PRIMARY KEY,
    last_mutation_id BIGINT NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE invite (
    code_hash  TEXT PRIMARY KEY,
    unit       TEXT,
    admin      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    used_at    BIGINT
);

CREATE TABLE device (
    token_hash TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL UNIQUE,
    unit       TEXT,
    admin      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
