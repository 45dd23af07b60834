-- Sotay sync server on SQLite, schema 6: attachments' bytes.
--
-- Kept once per SHA-256 of their content, whoever sent them. Who may fetch a file is decided at
-- each request from the attachment records that name it (a device reads the bytes when it may
-- read one of them), so the index finds those records by hash.

CREATE TABLE blob (
    hash      TEXT PRIMARY KEY NOT NULL,
    bytes     BLOB NOT NULL,
    stored_at INTEGER NOT NULL
);
CREATE INDEX record_attachment_hash ON record (json_extract(fields, '$.content_hash'))
    WHERE entity = 'attachment';
