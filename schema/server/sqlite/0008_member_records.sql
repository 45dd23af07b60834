-- Sotay sync server on SQLite, schema 8: the members' side of the figures (`GET /v1/report`).
--
-- As in schema 7, each new read of src/sqlite/report.rs has a partial index on its own
-- expressions: the year's ratings by cell, the members admitted by cell and day, the year's
-- admission plans.

CREATE INDEX record_member_rating ON record (scope, json_extract(fields, '$.year'))
    WHERE entity = 'member_rating' AND deleted = 0;
CREATE INDEX record_member_admitted ON record (scope, json_extract(fields, '$.admitted_on'))
    WHERE entity = 'member' AND deleted = 0;
CREATE INDEX record_admission_plan ON record (json_extract(fields, '$.year'))
    WHERE entity = 'admission_plan' AND deleted = 0;
