-- Schema 7: attachments' bytes travel between devices.
--
-- The bytes stay inside the store (`blob`, from schema 1), not in a folder beside it: one file to
-- back up, and the encrypted store will cover them with the records. A file attached on this
-- device waits to be sent to the server (`sent = 0`); one sent, or fetched from the server, is
-- `sent = 1`. An attachment whose bytes have not arrived yet is one whose hash has no blob row.

ALTER TABLE blob ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
CREATE INDEX blob_unsent ON blob (hash) WHERE sent = 0;
CREATE INDEX attachment_content ON attachment (content_hash) WHERE deleted = 0;
