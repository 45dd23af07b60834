-- Sotay sync server on PostgreSQL, schema 5: attachments' bytes.
--
-- Kept once per SHA-256 of their content, whoever sent them. Who may fetch a file is decided at
-- each request from the attachment records that name it (a device reads the bytes when it may
-- read one of them), so the index finds those records by hash.

CREATE TABLE blob (
    hash      TEXT PRIMARY KEY,
    bytes     BYTEA NOT NULL,
    stored_at BIGINT NOT NULL
);
CREATE INDEX record_attachment_hash ON record (((fields::jsonb) ->> 'content_hash'))
    WHERE entity = 'attachment';
