-- Sotay local store, schema 12: attendance and task assignees in ordinary (rowid) tables.
--
-- Both tables were WITHOUT ROWID, keyed by their ids — UUIDv5 of (meeting, member) and (task,
-- member), so random, not ordered by time as the other records' UUIDv7 are. Every record a pull
-- brought landed on a random page of the whole table, and each pulled page's transaction
-- rewrote nearly every page of it into the WAL (and the checkpoint again into the file): on a
-- district's first pull these two tables were 68% of the 348 MB the WAL received for a 66 MB
-- store. Now the rows are appended in arrival order and only the small key index takes the
-- random writes: half the bytes written, a first pull about 30% faster (BENCHMARKS.md).
--
-- The store turns foreign keys off while it migrates (SQLite's procedure for changing a table),
-- so rows whose meeting or task a pull has not brought yet are copied as they are.

CREATE TABLE attendance_v12 (
    id          TEXT PRIMARY KEY NOT NULL,  -- UUIDv5 of (meeting_id, member_id)
    meeting_id  TEXT NOT NULL REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
    member_id   TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    status      TEXT NOT NULL,
    reason      TEXT,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (meeting_id, member_id)
);
INSERT INTO attendance_v12 (id, meeting_id, member_id, status, reason, created_hlc, hlc, origin, deleted)
    SELECT id, meeting_id, member_id, status, reason, created_hlc, hlc, origin, deleted
    FROM attendance ORDER BY meeting_id, member_id;
DROP TABLE attendance;
ALTER TABLE attendance_v12 RENAME TO attendance;
CREATE INDEX attendance_member ON attendance (member_id);
CREATE INDEX attendance_meeting_status ON attendance (meeting_id, status, deleted);

CREATE TABLE task_assignee_v12 (
    id          TEXT PRIMARY KEY NOT NULL,  -- UUIDv5 of (task_id, member_id)
    task_id     TEXT NOT NULL REFERENCES task (id) DEFERRABLE INITIALLY DEFERRED,
    member_id   TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (task_id, member_id)
);
INSERT INTO task_assignee_v12 (id, task_id, member_id, created_hlc, hlc, origin, deleted)
    SELECT id, task_id, member_id, created_hlc, hlc, origin, deleted
    FROM task_assignee ORDER BY task_id, member_id;
DROP TABLE task_assignee;
ALTER TABLE task_assignee_v12 RENAME TO task_assignee;
CREATE INDEX task_assignee_member ON task_assignee (member_id);
