-- Sotay local store, schema 13: what the administrator's console adds to the tree and the roster.
--
-- A unit can be closed (dissolved or merged away) on a day and keep its history. A member carries
-- the two numbers a roster import and a sign-in name them by: the party card number and the
-- citizen identity number (both optional: a member just admitted has no card yet).

ALTER TABLE org_unit ADD COLUMN closed_on TEXT;
ALTER TABLE member ADD COLUMN card_number TEXT;
ALTER TABLE member ADD COLUMN citizen_id TEXT;
