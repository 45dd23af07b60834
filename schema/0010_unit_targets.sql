-- Sotay local store, schema 10: the targets a superior committee sets for the cells below it.
--
-- One row per unit (its id derived from the unit's); the units below inherit the nearest one
-- above them, or the defaults from the guidance when none is set.

CREATE TABLE unit_targets (
    id                 TEXT PRIMARY KEY NOT NULL,
    unit_id            TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    regular_meetings   INTEGER NOT NULL,
    regular_acceptable INTEGER NOT NULL,
    thematic_meetings  INTEGER NOT NULL,
    attendance_percent INTEGER NOT NULL,
    spoke_percent      INTEGER NOT NULL,
    published_percent  INTEGER NOT NULL,
    tasks_percent      INTEGER NOT NULL,
    created_hlc        INTEGER NOT NULL,
    hlc                INTEGER NOT NULL,
    origin             TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX unit_targets_hlc ON unit_targets (hlc);
