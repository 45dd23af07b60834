-- Sotay sync server on SQLite, schema 1.
--
-- The server keeps every record's current state, merged: its fields, and for each field the clock
-- and client of the write that set it (the per-field last-writer-wins state). `seq` is the global
-- sequence of the record's latest change: a pull returns the records with `seq` above the client's
-- cursor, so the feed holds each record once, at its latest state, and needs no compaction.
-- Tombstones (`deleted = 1`) are kept so a delete syncs and nothing deleted comes back.

CREATE TABLE record (
    id      TEXT PRIMARY KEY NOT NULL,
    entity  TEXT NOT NULL,
    fields  TEXT NOT NULL,   -- JSON object: field -> value
    clocks  TEXT NOT NULL,   -- JSON object: field -> {hlc, client}
    deleted INTEGER NOT NULL DEFAULT 0,
    scope   TEXT,            -- the org unit whose readers see it (null: nobody, e.g. a stray tombstone)
    seq     INTEGER NOT NULL UNIQUE
);
CREATE INDEX record_scope_seq ON record (scope, seq);

-- The last mutation id applied for each client: the idempotency of push.
CREATE TABLE client (
    id               TEXT PRIMARY KEY NOT NULL,
    last_mutation_id INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
