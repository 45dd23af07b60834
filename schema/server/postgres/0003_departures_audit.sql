-- Sotay sync server on PostgreSQL, schema 3 (the same model as server/sqlite/0004): records that
-- left a unit, refused mutations' answers, and the append-only audit log.

CREATE TABLE departure (
    record_id TEXT NOT NULL,
    scope     TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    PRIMARY KEY (record_id, scope)
);
CREATE INDEX departure_scope_seq ON departure (scope, seq);

CREATE TABLE refusal (
    client      TEXT NOT NULL,
    mutation_id BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (client, mutation_id)
);

CREATE TABLE audit (
    seq       BIGSERIAL PRIMARY KEY,
    at        BIGINT NOT NULL,
    member    TEXT,
    device    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    unit      TEXT,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    refused   TEXT,
    changes   TEXT NOT NULL
);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_unit_at ON audit (unit, at);
CREATE INDEX audit_member_at ON audit (member, at);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
