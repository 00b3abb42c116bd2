-- A survey's results page lists its responses newest first, a keyset page at a time ((started_at, id) < cursor):
-- V9's index on (organization_id, survey_id, started_at) gets id as a tie-breaker, so the pages come out of one
-- ordered range scan. Same name and leading columns: the results' range scans over started_at use it as before.
DROP INDEX IF EXISTS survey_responses_organization_survey_started;
CREATE INDEX survey_responses_organization_survey_started
    ON survey_responses (organization_id, survey_id, started_at DESC, id DESC);
