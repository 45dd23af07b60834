-- Sotay sync server on SQLite, schema 7: the monitoring figures (`GET /v1/report`).
--
-- A year of a district's cells is a few thousand meetings among millions of records. Meetings,
-- tasks and rosters are found by kind and cell; roll calls and speeches by the meeting they
-- belong to, with the same expression the queries use (src/sqlite/report.rs).

CREATE INDEX record_entity_scope ON record (entity, scope) WHERE deleted = 0;
CREATE INDEX record_meeting ON record (entity, json_extract(fields, '$.meeting_id'))
    WHERE deleted = 0;
