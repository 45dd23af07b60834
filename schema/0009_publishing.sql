-- Sotay local store, schema 9: what a committee publishes downward.
--
-- A document gets its summary (trích yếu), the few lines the library shows under its title.
-- `document_opened` keeps, once per member and document, that the member opened it: how a cell
-- sees who has read a superior's directive. It is filed under the reader's unit; the document
-- may belong to a committee above, which every device of the unit reads.

ALTER TABLE document ADD COLUMN summary TEXT;

CREATE TABLE document_opened (
    id          TEXT PRIMARY KEY NOT NULL,
    document_id TEXT NOT NULL REFERENCES document (id) DEFERRABLE INITIALLY DEFERRED,
    member_id   TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,
    unit_id     TEXT NOT NULL REFERENCES org_unit (id) DEFERRABLE INITIALLY DEFERRED,
    opened_at   INTEGER NOT NULL,
    created_hlc INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX document_opened_document ON document_opened (document_id, unit_id);
CREATE INDEX document_opened_hlc ON document_opened (hlc);
