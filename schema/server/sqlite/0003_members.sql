-- Sotay sync server on SQLite, schema 3: a device belongs to a member.
--
-- An invite is made for a member; redeeming it binds the device to that member, whose unit and
-- office on the server decide what the device may read and write (at every request, so a transfer
-- or a new office takes effect at the next sync). Invites and devices of a unit with no member
-- (made before this schema) stay: such a device reads its unit like a member and writes nothing.

ALTER TABLE invite ADD COLUMN member TEXT;
ALTER TABLE device ADD COLUMN member TEXT;
