-- Sotay sync server on SQLite, schema 4: records that left a unit, refused mutations' answers,
-- and the audit log.
--
-- A record that moves to another unit (a member transferred) is no longer sent to the readers of
-- the unit it left, who would keep it forever: a departure tells them, at the sequence number of
-- the write that moved it, to forget it. One row per record and unit left, the latest move.
CREATE TABLE departure (
    record_id TEXT NOT NULL,
    scope     TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (record_id, scope)
) WITHOUT ROWID;
CREATE INDEX departure_scope_seq ON departure (scope, seq);

-- The answer to each refused mutation, by client and mutation id: a push retried after its first
-- answer was lost is told the refusal again, not "duplicate" (the device would otherwise keep a
-- refused row, believing it sent).
CREATE TABLE refusal (
    client      TEXT NOT NULL,
    mutation_id INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (client, mutation_id)
) WITHOUT ROWID;

-- Who changed the records that matter (minutes, tallies, attendance, the roster and its offices,
-- transfers, the tree; which kinds and fields is declared in the rules table): the member, their
-- device, the server's time, and each changed field as [before, after]. A change the server
-- refused is kept too, with the reason (`refused`) and the values sent as `after`: someone tried.
-- Append-only: the triggers refuse every update and delete, whoever asks.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    member    TEXT,
    device    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    unit      TEXT,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    refused   TEXT,
    changes   TEXT NOT NULL CHECK (json_valid(changes))
);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_unit_at ON audit (unit, at);
CREATE INDEX audit_member_at ON audit (member, at);

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
