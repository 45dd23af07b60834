-- Sotay sync server on SQLite, schema 7: the monitoring figures (`GET /v1/report`).
--
-- A year of a district's cells is a few thousand meetings among millions of records. Each read
-- of src/sqlite/report.rs has a partial index of its own, on the same expressions it uses, so a
-- year reads its own rows: meetings and tasks by cell and day, rosters by cell, roll calls and
-- speeches by meeting, and the committees' targets.

CREATE INDEX record_meeting_start ON record (scope, json_extract(fields, '$.starts_at'))
    WHERE entity = 'meeting' AND deleted = 0;
CREATE INDEX record_task_due ON record (scope, json_extract(fields, '$.due_on'))
    WHERE entity = 'task' AND deleted = 0;
CREATE INDEX record_member_scope ON record (scope)
    WHERE entity = 'member' AND deleted = 0;
CREATE INDEX record_roll_call
    ON record (json_extract(fields, '$.meeting_id'), json_extract(fields, '$.status'))
    WHERE entity = 'attendance' AND deleted = 0;
CREATE INDEX record_speech
    ON record (json_extract(fields, '$.meeting_id'), json_extract(fields, '$.member_id'))
    WHERE entity = 'contribution' AND deleted = 0 AND json_extract(fields, '$.kind') = 'speech';
CREATE INDEX record_unit_targets ON record (scope)
    WHERE entity = 'unit_targets' AND deleted = 0;
