-- Sotay local store, schema 16: a committee's notices, and who has read each.
--
-- A notice is filed under the committee's unit, which it and every unit below read, like the
-- committee's documents. `notice_read` keeps, once per member and notice, that the member read
-- it, filed under the reader's unit: how the sending committee sees, cell by cell, who has.

CREATE TABLE notice (
    id          TEXT PRIMARY KEY NOT NULL,
    unit_id     TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    meeting_id  TEXT REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    urgent      INTEGER NOT NULL,
    reply_by    TEXT,
    posted_at   INTEGER NOT NULL,
    author_id   TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notice_posted ON notice (posted_at);
CREATE INDEX notice_hlc ON notice (hlc);

CREATE TABLE notice_read (
    id          TEXT PRIMARY KEY NOT NULL,
    notice_id   TEXT NOT NULL REFERENCES notice (id) DEFERRABLE INITIALLY DEFERRED,
    member_id   TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    unit_id     TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    read_at     INTEGER NOT NULL,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notice_read_notice ON notice_read (notice_id, unit_id);
CREATE INDEX notice_read_hlc ON notice_read (hlc);
