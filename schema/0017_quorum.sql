-- Sotay local store, schema 17: the quorum of a cell's meetings, and answers recorded for
-- members.
--
-- A committee sets the quorum of the meetings of the cells below it with its other targets
-- (`sotay_core::quorum`; none: more than half). A member without a device tells the secretary
-- whether they will come, or their idea on the draft, and the secretary records it for them:
-- `recorded_by` says who.

ALTER TABLE unit_targets ADD COLUMN quorum_percent INTEGER;
ALTER TABLE attendance ADD COLUMN recorded_by TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE contribution ADD COLUMN recorded_by TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED;
