-- Daily figures per organization, maintained by the analytics-rollups processing group. Days are UTC dates.
-- rollup_facts holds one row per counted fact: its key is the domain event id for additive metrics
-- (messages, tokens, tickets), the contact and day for "active contacts", the contact alone for "new contacts".
-- A fact is added to daily_rollups only when its row is new, in the same transaction, so redelivered events and
-- repeated activity never count twice.
CREATE TABLE rollup_facts (
    organization_id VARCHAR(64)    NOT NULL,
    metric          VARCHAR(64)    NOT NULL,
    fact_key        VARCHAR(160)   NOT NULL,
    day             DATE           NOT NULL,
    dimension       VARCHAR(128)   NOT NULL,
    value           NUMERIC(20, 4) NOT NULL,
    PRIMARY KEY (organization_id, metric, fact_key)
);

-- value: the sum (messages, tokens, tickets, revenue); facts: how many facts were added.
CREATE TABLE daily_rollups (
    organization_id VARCHAR(64)    NOT NULL,
    day             DATE           NOT NULL,
    metric          VARCHAR(64)    NOT NULL,
    dimension       VARCHAR(128)   NOT NULL,
    value           NUMERIC(20, 4) NOT NULL,
    facts           BIGINT         NOT NULL,
    PRIMARY KEY (organization_id, day, metric, dimension)
);
-- One metric over a date range.
CREATE INDEX daily_rollups_org_metric_day ON daily_rollups (organization_id, metric, day);
