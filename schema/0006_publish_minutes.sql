-- Sotay local store, schema 6: when a meeting's documents went out to members, and when its
-- minutes were adopted (from then on the meeting's record is locked).

ALTER TABLE meeting ADD COLUMN published_at INTEGER;
ALTER TABLE meeting ADD COLUMN minutes_adopted_at INTEGER;
