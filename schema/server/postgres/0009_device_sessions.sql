-- Sotay sync server on PostgreSQL, schema 9: a member's devices, seen, expiring and signed out
-- (as schema/server/sqlite/0010_device_sessions.sql says).

ALTER TABLE device ADD COLUMN name TEXT;
ALTER TABLE device ADD COLUMN last_seen BIGINT;
ALTER TABLE device ADD COLUMN expires_at BIGINT;
ALTER TABLE device ADD COLUMN revoked_by TEXT;
CREATE INDEX device_member ON device (member);
