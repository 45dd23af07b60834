-- Sotay local store, schema 3: the conflict log.
--
-- When sync does not keep a value — a concurrent write replaced it, two edits of a text
-- overlapped, the server refused a write — the server records it as a `conflict` record, which
-- members of the record's unit pull like any other and resolve with an ordinary write. Nothing is
-- dropped silently.

CREATE TABLE conflict (
    id          TEXT PRIMARY KEY NOT NULL,
    unit_id     TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    kept        TEXT NOT NULL,  -- JSON
    lost        TEXT NOT NULL,  -- JSON
    lost_client TEXT NOT NULL,
    lost_hlc    INTEGER NOT NULL,
    reason      TEXT,
    detected_at INTEGER NOT NULL,
    status      TEXT NOT NULL,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conflict_record ON conflict (record_id);
CREATE INDEX conflict_open ON conflict (status, detected_at);
