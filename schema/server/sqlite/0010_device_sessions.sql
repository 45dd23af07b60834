-- Sotay sync server on SQLite, schema 10: a member's devices, seen, expiring and signed out.
--
-- A device has a name (its computer's, or what its member typed when it joined), when the server
-- last heard from it, and when its token expires: each request renews it (at most once an hour),
-- so a device in use keeps its token, and one out of touch longer than the offline limit must
-- sign in again. A device signed out keeps its row, with when and by whom (its
-- member, their committee or the administrator): at its next contact it is told to erase what it
-- holds. Devices from before have no expiry until their next request gives them one.

ALTER TABLE device ADD COLUMN name TEXT;
ALTER TABLE device ADD COLUMN last_seen INTEGER;
ALTER TABLE device ADD COLUMN expires_at INTEGER;
ALTER TABLE device ADD COLUMN revoked_by TEXT;
CREATE INDEX device_member ON device (member);
