-- Sotay local store, schema 14: the meeting cycle as a cell lives it.
--
-- A unit records the day it started keeping its record in Sotay, so the figures judge nothing
-- before it. A meeting keeps when it was actually opened and closed (the minutes say those, not
-- the schedule), and a meeting held on paper and entered afterwards keeps when it was entered and
-- its roll call's counts (there is no member-by-member record of it).

ALTER TABLE org_unit ADD COLUMN in_sotay_since TEXT;
ALTER TABLE meeting ADD COLUMN started_at INTEGER;
ALTER TABLE meeting ADD COLUMN ended_at INTEGER;
ALTER TABLE meeting ADD COLUMN entered_at INTEGER;
ALTER TABLE meeting ADD COLUMN present_count INTEGER;
ALTER TABLE meeting ADD COLUMN absent_with_reason_count INTEGER;
ALTER TABLE meeting ADD COLUMN absent_without_reason_count INTEGER;
