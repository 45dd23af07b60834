-- Sotay sync server on PostgreSQL, schema 6: the monitoring figures (`GET /v1/report`).
--
-- A year of a district's cells is a few thousand meetings among millions of records. Each read
-- of src/postgres/report.rs has a partial index of its own, on the same expressions it uses, so
-- a year reads its own rows: meetings and tasks by cell and day, rosters by cell, roll calls and
-- speeches by meeting, and the committees' targets.

CREATE INDEX record_meeting_start
    ON record (scope, (((fields::jsonb) ->> 'starts_at')::bigint))
    WHERE entity = 'meeting' AND NOT deleted;
CREATE INDEX record_task_due ON record (scope, ((fields::jsonb) ->> 'due_on'))
    WHERE entity = 'task' AND NOT deleted;
CREATE INDEX record_member_scope ON record (scope)
    WHERE entity = 'member' AND NOT deleted;
CREATE INDEX record_roll_call
    ON record (((fields::jsonb) ->> 'meeting_id'), ((fields::jsonb) ->> 'status'))
    WHERE entity = 'attendance' AND NOT deleted;
CREATE INDEX record_speech
    ON record (((fields::jsonb) ->> 'meeting_id'), ((fields::jsonb) ->> 'member_id'))
    WHERE entity = 'contribution' AND NOT deleted AND (fields::jsonb) ->> 'kind' = 'speech';
CREATE INDEX record_unit_targets ON record (scope)
    WHERE entity = 'unit_targets' AND NOT deleted;
