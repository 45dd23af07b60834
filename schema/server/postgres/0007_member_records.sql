-- Sotay sync server on PostgreSQL, schema 7: the members' side of the figures (`GET /v1/report`).
--
-- As in schema 6, each new read of src/postgres/report.rs has a partial index on its own
-- expressions: the year's ratings by cell, the members admitted by cell and day, the year's
-- admission plans.

CREATE INDEX record_member_rating
    ON record (scope, (((fields::jsonb) ->> 'year')::bigint))
    WHERE entity = 'member_rating' AND NOT deleted;
CREATE INDEX record_member_admitted ON record (scope, ((fields::jsonb) ->> 'admitted_on'))
    WHERE entity = 'member' AND NOT deleted;
CREATE INDEX record_admission_plan ON record ((((fields::jsonb) ->> 'year')::bigint))
    WHERE entity = 'admission_plan' AND NOT deleted;
