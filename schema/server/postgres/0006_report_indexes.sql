-- Sotay sync server on PostgreSQL, schema 6: the monitoring figures (`GET /v1/report`).
--
-- A year of a district's cells is a few thousand meetings among millions of records. Meetings,
-- tasks and rosters are found by kind and cell; roll calls and speeches by the meeting they
-- belong to, with the same expression the queries use (src/postgres/report.rs).

CREATE INDEX record_entity_scope ON record (entity, scope) WHERE NOT deleted;
CREATE INDEX record_meeting ON record (entity, ((fields::jsonb) ->> 'meeting_id'))
    WHERE NOT deleted;
