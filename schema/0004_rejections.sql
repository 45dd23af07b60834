-- Sotay local store, schema 4: changes the server did not accept.
--
-- When the server rejects a pushed change (it may not be made by this device, the record was
-- deleted, a value is invalid), the device puts the server's state back and keeps a notice here,
-- with what was sent, so the member is told and can copy their words. Local to the device: this
-- table is never synced and holds no record of the cell.

CREATE TABLE rejection (
    mutation_id INTEGER PRIMARY KEY NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    fields      TEXT NOT NULL CHECK (json_valid(fields)),
    -- What named the record when the change was refused (a meeting's topic, a task's title).
    label       TEXT,
    -- The protocol's reason code (forbidden, deleted, invalid, bad_value, unknown_field,
    -- unknown_entity) and the server's detail (which field, what was wrong).
    reason      TEXT NOT NULL,
    detail      TEXT,
    rejected_at INTEGER NOT NULL,
    dismissed   INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))
);
CREATE INDEX rejection_open ON rejection (dismissed, rejected_at);
