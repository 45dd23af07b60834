-- Sotay sync server on SQLite, schema 11: the seals of adopted minutes.
--
-- When a meeting's minutes are adopted the server seals its record (the minutes, the roll call's
-- counts, the tallies, who spoke: `sotay_core::seal`), the SHA-256 of it chained to the unit's
-- previous seal. `sotay admin verify` recomputes each chain: a record changed afterwards, even in
-- the database itself, no longer matches. Seals are only ever added.

CREATE TABLE seal (
    meeting   TEXT PRIMARY KEY NOT NULL,
    unit      TEXT NOT NULL,
    n         INTEGER NOT NULL,
    previous  TEXT NOT NULL,
    seal      TEXT NOT NULL,
    sealed_at INTEGER NOT NULL,
    UNIQUE (unit, n)
) WITHOUT ROWID;
