-- Sotay local store, schema 11: members' yearly ratings and the committees' admission plans.
--
-- A rating belongs to the cell that gave it (`unit_id`), one per member and year (its id derived
-- from both). The member may since have moved to a unit this device does not read, so
-- `member_id` has no foreign key, as a transfer's `from_unit_id` has none.

CREATE TABLE member_rating (
    id          TEXT PRIMARY KEY NOT NULL,  -- UUIDv5 of (member_id, year)
    member_id   TEXT NOT NULL,
    unit_id     TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    year        INTEGER NOT NULL,
    level       TEXT NOT NULL,
    score       INTEGER,
    note        TEXT,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX member_rating_hlc ON member_rating (hlc);
CREATE INDEX member_rating_unit_year ON member_rating (unit_id, year);
CREATE INDEX member_rating_member ON member_rating (member_id, year);

-- How many members a committee plans to admit in a year: one per unit and year.
CREATE TABLE admission_plan (
    id          TEXT PRIMARY KEY NOT NULL,  -- UUIDv5 of (unit_id, year)
    unit_id     TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    year        INTEGER NOT NULL,
    planned     INTEGER NOT NULL,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX admission_plan_hlc ON admission_plan (hlc);

-- The members admitted in a year, by cell: the dashboard's admissions.
CREATE INDEX member_admitted ON member (unit_id, admitted_on) WHERE deleted = 0;
