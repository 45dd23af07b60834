-- Sotay local store, schema 15: the seals of adopted minutes, as the server sends them.
--
-- When a meeting's minutes are adopted the server seals its record (`sotay_core::seal`) and
-- writes this record for the cell's devices, so the printed minutes book carries the seal's
-- short form. No device writes one.

CREATE TABLE meeting_seal (
    id          TEXT PRIMARY KEY NOT NULL,  -- UUIDv5 of the meeting
    meeting_id  TEXT NOT NULL REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
    unit_id     TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    seal        TEXT NOT NULL,
    n           INTEGER NOT NULL,
    sealed_at   INTEGER NOT NULL,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meeting_seal_hlc ON meeting_seal (hlc);
