-- Sotay local store, schema 6: when a meeting's documents went out to members, when its minutes
-- were adopted (from then on the meeting's record is locked), and which occurrence of its series
-- a meeting stands for (its time by the series' rule, kept when it is moved).

ALTER TABLE meeting ADD COLUMN published_at INTEGER;
ALTER TABLE meeting ADD COLUMN minutes_adopted_at INTEGER;
ALTER TABLE meeting ADD COLUMN occurrence_at INTEGER;
