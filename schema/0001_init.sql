-- Sotay local store, schema 1: the records, the sync outbox and the client's own state.
--
-- Every record table has the same four bookkeeping columns after its fields:
--   created_hlc  the hybrid-logical-clock timestamp of the record's creation
--   hlc          the timestamp of its latest change (the activity feed sorts on it)
--   origin       the client id that made the latest change
--   deleted      1 once deleted: a tombstone, kept so a delete syncs and nothing comes back
-- Foreign keys are deferred to commit, so a sync page may hold a child before its parent.
-- Never edit this file once landed: add a migration instead (a test checks the hashes).

PRAGMA application_id = 1397707865; -- 'SOTY'

CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Local writes not yet acknowledged by the server, in the order they were made. The mutation id
-- is strictly increasing and never reused, which makes a retried push harmless: the store takes it
-- from meta.last_mutation_id (saved with each transaction) rather than from AUTOINCREMENT, which
-- would cost a second B-tree write per change.
CREATE TABLE outbox (
    mutation_id INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    fields      TEXT NOT NULL CHECK (json_valid(fields)),  -- changed fields, new values
    base        TEXT CHECK (base IS NULL OR json_valid(base)), -- their values before (updates)
    hlc         INTEGER NOT NULL,
    created_at  INTEGER NOT NULL                            -- wall clock, ms since the epoch
);
CREATE INDEX outbox_entity ON outbox (entity_id);

-- File contents by SHA-256, shared by every attachment with the same bytes.
CREATE TABLE blob (
    hash  TEXT PRIMARY KEY NOT NULL,
    size  INTEGER NOT NULL,
    bytes BLOB NOT NULL
);

CREATE TABLE org_unit (
    id          TEXT PRIMARY KEY NOT NULL,
    parent_id   TEXT REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    level       TEXT NOT NULL,
    name        TEXT NOT NULL,
    code        TEXT,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX org_unit_parent ON org_unit (parent_id);

CREATE TABLE member (
    id                   TEXT PRIMARY KEY NOT NULL,
    unit_id              TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    full_name            TEXT NOT NULL,
    gender               TEXT,
    born_on              TEXT,
    standing             TEXT NOT NULL,
    admitted_on          TEXT,
    official_on          TEXT,
    role                 TEXT NOT NULL,
    exempt               INTEGER NOT NULL,
    exempt_reason        TEXT,
    temporarily_attached INTEGER NOT NULL,
    home_unit            TEXT,
    phone                TEXT,
    created_hlc          INTEGER NOT NULL,
    hlc                  INTEGER NOT NULL,
    origin               TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX member_unit ON member (unit_id, full_name);

CREATE TABLE meeting_series (
    id               TEXT PRIMARY KEY NOT NULL,
    unit_id          TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL,
    rrule            TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    place            TEXT NOT NULL,
    created_hlc      INTEGER NOT NULL,
    hlc              INTEGER NOT NULL,
    origin           TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meeting_series_unit ON meeting_series (unit_id);

CREATE TABLE meeting (
    id               TEXT PRIMARY KEY NOT NULL,
    unit_id          TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    series_id        TEXT REFERENCES meeting_series (id) DEFERRABLE INITIALLY DEFERRED,
    kind             TEXT NOT NULL,
    starts_at        INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL,
    place            TEXT NOT NULL,
    topic            TEXT NOT NULL,
    status           TEXT NOT NULL,
    chair_id         TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    minute_taker_id  TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    guests           TEXT,
    minutes          TEXT,
    conclusion       TEXT,
    rating           TEXT,
    created_hlc      INTEGER NOT NULL,
    hlc              INTEGER NOT NULL,
    origin           TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meeting_starts ON meeting (starts_at);
CREATE INDEX meeting_unit_starts ON meeting (unit_id, starts_at);
CREATE INDEX meeting_hlc ON meeting (hlc);

CREATE TABLE agenda_item (
    id          TEXT PRIMARY KEY NOT NULL,
    meeting_id  TEXT NOT NULL REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
    position    INTEGER NOT NULL,
    step        TEXT,
    title       TEXT NOT NULL,
    body        TEXT,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);

CREATE TABLE document (
    id           TEXT PRIMARY KEY NOT NULL,
    unit_id      TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    meeting_id   TEXT REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
    kind         TEXT NOT NULL,
    number       TEXT,
    issuer       TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    published_at INTEGER,
    created_hlc  INTEGER NOT NULL,
    hlc          INTEGER NOT NULL,
    origin       TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX document_unit ON document (unit_id, issued_on);
CREATE INDEX document_meeting ON document (meeting_id);
CREATE INDEX document_hlc ON document (hlc);

CREATE TABLE attachment (
    id           TEXT PRIMARY KEY NOT NULL,
    document_id  TEXT NOT NULL REFERENCES document (id) DEFERRABLE INITIALLY DEFERRED,
    file_name    TEXT NOT NULL,
    media_type   TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content_hash TEXT NOT NULL,  -- blob.hash, once the bytes have arrived
    created_hlc  INTEGER NOT NULL,
    hlc          INTEGER NOT NULL,
    origin       TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachment_document ON attachment (document_id);

CREATE TABLE resolution (
    id            TEXT PRIMARY KEY NOT NULL,
    unit_id       TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    meeting_id    TEXT REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
    title         TEXT NOT NULL,
    draft         TEXT NOT NULL,
    status        TEXT NOT NULL,
    adopted_on    TEXT,
    votes_for     INTEGER,
    votes_against INTEGER,
    votes_abstain INTEGER,
    created_hlc   INTEGER NOT NULL,
    hlc           INTEGER NOT NULL,
    origin        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX resolution_unit ON resolution (unit_id);
CREATE INDEX resolution_meeting ON resolution (meeting_id);
CREATE INDEX resolution_hlc ON resolution (hlc);

CREATE TABLE contribution (
    id            TEXT PRIMARY KEY NOT NULL,
    meeting_id    TEXT REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
    resolution_id TEXT REFERENCES resolution (id) DEFERRABLE INITIALLY DEFERRED,
    member_id     TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    kind          TEXT NOT NULL,
    body          TEXT NOT NULL,
    made_at       INTEGER NOT NULL,
    created_hlc   INTEGER NOT NULL,
    hlc           INTEGER NOT NULL,
    origin        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contribution_meeting ON contribution (meeting_id);
CREATE INDEX contribution_resolution ON contribution (resolution_id);
CREATE INDEX contribution_member ON contribution (member_id);
CREATE INDEX contribution_hlc ON contribution (hlc);

CREATE TABLE attendance (
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
) WITHOUT ROWID; -- small rows looked up by id: one B-tree instead of a table and its key index
CREATE INDEX attendance_member ON attendance (member_id);

CREATE TABLE task (
    id            TEXT PRIMARY KEY NOT NULL,
    unit_id       TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    meeting_id    TEXT REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
    resolution_id TEXT REFERENCES resolution (id) DEFERRABLE INITIALLY DEFERRED,
    title         TEXT NOT NULL,
    description   TEXT,
    due_on        TEXT,
    status        TEXT NOT NULL,
    completed_on  TEXT,
    notes         TEXT,
    created_hlc   INTEGER NOT NULL,
    hlc           INTEGER NOT NULL,
    origin        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX task_unit_due ON task (unit_id, due_on);
CREATE INDEX task_meeting ON task (meeting_id);
CREATE INDEX task_hlc ON task (hlc);

CREATE TABLE task_assignee (
    id          TEXT PRIMARY KEY NOT NULL,  -- UUIDv5 of (task_id, member_id)
    task_id     TEXT NOT NULL REFERENCES task (id) DEFERRABLE INITIALLY DEFERRED,
    member_id   TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (task_id, member_id)
) WITHOUT ROWID;
CREATE INDEX task_assignee_member ON task_assignee (member_id);

CREATE TABLE task_progress (
    id          TEXT PRIMARY KEY NOT NULL,
    task_id     TEXT NOT NULL REFERENCES task (id) DEFERRABLE INITIALLY DEFERRED,
    member_id   TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    noted_at    INTEGER NOT NULL,
    percent     INTEGER,
    note        TEXT NOT NULL,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX task_progress_task ON task_progress (task_id, noted_at);
CREATE INDEX task_progress_hlc ON task_progress (hlc);
