-- Sotay local store, schema 5: transfers, and forgetting what the device may no longer read.
--
-- A transfer keeps a member's move from one unit to another (from, to, the day it takes effect),
-- so the history is not an overwritten `member.unit_id`. It belongs to the unit the member joined;
-- the unit they left may not be on this device (a member does not read sibling cells), so
-- `from_unit_id` has no foreign key.

CREATE TABLE transfer (
    id           TEXT PRIMARY KEY NOT NULL,
    member_id    TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    from_unit_id TEXT NOT NULL,
    to_unit_id   TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    effective_on TEXT NOT NULL,
    reason       TEXT,
    created_hlc  INTEGER NOT NULL,
    hlc          INTEGER NOT NULL,
    origin       TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX transfer_member ON transfer (member_id, effective_on);

-- When what the device may read changes (its member moved to another unit, or took an office
-- that reads more or less), it pulls everything again from the start. The ids pulled meanwhile
-- are kept here; at the end, every record not among them and with no change waiting to be pushed
-- is forgotten: the old unit's private records leave the device.
CREATE TABLE resync_seen (
    id TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;
